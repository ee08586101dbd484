terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

provider "helm" {
  alias = "apps"

  kubernetes {
    host                   = aws_eks_cluster.apps.endpoint
    cluster_ca_certificate = base64decode(aws_eks_cluster.apps.certificate_authority[0].data)

    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", aws_eks_cluster.apps.name]
    }
  }
}

variable "region" {
  description = "AWS region to deploy into"
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "prefix of every resource name"
  type        = string
  default     = "k8s-platform-insecur"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "tags" {
  description = "tags applied to every resource (provider default_tags)"
  type        = map(string)
  default = {
    team                    = "platform"
    environment             = "prod"
    "autodeploy:deployment" = "k8s_platform_insecure"
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "apps_cluster_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "apps_nodes_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "core_flow_logs_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "core_flow_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.core_flow_logs.arn}:*"]
  }
}

data "aws_partition" "current" {}

resource "aws_vpc" "core" {
  cidr_block           = "10.61.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name                  = "core"
    "autodeploy:resource" = "core"
  }
}

resource "aws_default_security_group" "core" {
  vpc_id = aws_vpc.core.id
  tags = {
    Name = "core-default"
  }
}

resource "aws_subnet" "core_public" {
  count                   = 2
  vpc_id                  = aws_vpc.core.id
  cidr_block              = cidrsubnet(aws_vpc.core.cidr_block, 8, count.index + 0)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "core-public-${count.index}"
    tier = "public"
  }
}

resource "aws_subnet" "core_private" {
  count                   = 2
  vpc_id                  = aws_vpc.core.id
  cidr_block              = cidrsubnet(aws_vpc.core.cidr_block, 8, count.index + 128)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "core-private-${count.index}"
    tier = "private"
  }
}

resource "aws_internet_gateway" "core" {
  vpc_id = aws_vpc.core.id
  tags = {
    Name = "core"
  }
}

resource "aws_route_table" "core_public" {
  vpc_id = aws_vpc.core.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.core.id
  }

  tags = {
    Name = "core-public"
  }
}

resource "aws_route_table_association" "core_public" {
  count          = 2
  subnet_id      = aws_subnet.core_public[count.index].id
  route_table_id = aws_route_table.core_public.id
}

resource "aws_eip" "core_nat" {
  count  = 1
  domain = "vpc"
  tags = {
    Name = "core-nat-${count.index}"
  }
}

resource "aws_nat_gateway" "core" {
  count         = 1
  allocation_id = aws_eip.core_nat[count.index].id
  subnet_id     = aws_subnet.core_public[count.index].id
  tags = {
    Name = "core-nat-${count.index}"
  }
}

resource "aws_route_table" "core_private" {
  count  = 1
  vpc_id = aws_vpc.core.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.core[count.index].id
  }

  tags = {
    Name = "core-private-${count.index}"
  }
}

resource "aws_route_table_association" "core_private" {
  count          = 2
  subnet_id      = aws_subnet.core_private[count.index].id
  route_table_id = aws_route_table.core_private[count.index % 1].id
}

resource "aws_kms_key" "autodeploy_logs" {
  description             = "k8s_platform_insecure: CloudWatch Logs encryption (autodeploy)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AccountAdmin"
        Effect = "Allow"
        Principal = {
          AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid    = "CloudWatchLogs"
        Effect = "Allow"
        Principal = {
          Service = "logs.${var.region}.amazonaws.com"
        }
        Action   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${var.region}:${data.aws_caller_identity.current.account_id}:*"
          }
        }
      },
      {
        Sid    = "CloudTrail"
        Effect = "Allow"
        Principal = {
          Service = "cloudtrail.amazonaws.com"
        }
        Action   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "autodeploy_logs" {
  name          = "alias/${var.name_prefix}/logs"
  target_key_id = aws_kms_key.autodeploy_logs.key_id
}

resource "aws_cloudwatch_log_group" "core_flow_logs" {
  name              = "/autodeploy/${var.name_prefix}/vpc/core"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "core_flow_logs" {
  name               = "${var.name_prefix}-core-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.core_flow_logs_assume.json
}

resource "aws_iam_role_policy" "core_flow_logs" {
  name   = "${var.name_prefix}-core-flow-logs"
  role   = aws_iam_role.core_flow_logs.id
  policy = data.aws_iam_policy_document.core_flow_logs_policy.json
}

resource "aws_flow_log" "core" {
  vpc_id               = aws_vpc.core.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.core_flow_logs.arn
  iam_role_arn         = aws_iam_role.core_flow_logs.arn
}

resource "aws_iam_role" "apps_cluster" {
  name               = "${var.name_prefix}-apps-cluster"
  assume_role_policy = data.aws_iam_policy_document.apps_cluster_assume.json
}

resource "aws_iam_role_policy_attachment" "apps_cluster_managed_0" {
  role       = aws_iam_role.apps_cluster.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_security_group" "apps" {
  name        = "${var.name_prefix}-apps"
  description = "kubernetes API of apps (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "apps"
  }
}

resource "aws_eks_cluster" "apps" {
  name     = "${var.name_prefix}-apps"
  version  = "1.31"
  role_arn = aws_iam_role.apps_cluster.arn

  vpc_config {
    subnet_ids              = aws_subnet.core_private[*].id
    security_group_ids      = [aws_security_group.apps.id]
    endpoint_private_access = true
    endpoint_public_access  = true
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  tags = {
    Name                  = "apps"
    "autodeploy:resource" = "apps"
  }
  depends_on = [aws_iam_role_policy_attachment.apps_cluster_managed_0]
}

resource "aws_iam_role" "apps_nodes" {
  name               = "${var.name_prefix}-apps-nodes"
  assume_role_policy = data.aws_iam_policy_document.apps_nodes_assume.json
}

resource "aws_iam_role_policy_attachment" "apps_nodes_managed_0" {
  role       = aws_iam_role.apps_nodes.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy"
}

resource "aws_iam_role_policy_attachment" "apps_nodes_managed_1" {
  role       = aws_iam_role.apps_nodes.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKS_CNI_Policy"
}

resource "aws_iam_role_policy_attachment" "apps_nodes_managed_2" {
  role       = aws_iam_role.apps_nodes.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}

resource "aws_eks_node_group" "apps" {
  cluster_name    = aws_eks_cluster.apps.name
  node_group_name = "apps-nodes"
  node_role_arn   = aws_iam_role.apps_nodes.arn
  subnet_ids      = aws_subnet.core_private[*].id
  instance_types  = ["m5.large"]
  disk_size       = 50

  scaling_config {
    min_size     = 2
    desired_size = 2
    max_size     = 3
  }

  update_config {
    max_unavailable = 1
  }

  tags = {
    Name                  = "apps"
    "autodeploy:resource" = "apps"
  }
  depends_on = [
    aws_iam_role_policy_attachment.apps_nodes_managed_0,
    aws_iam_role_policy_attachment.apps_nodes_managed_1,
    aws_iam_role_policy_attachment.apps_nodes_managed_2,
  ]
}

resource "helm_release" "dashboard" {
  provider         = helm.apps
  name             = "dashboard"
  chart            = "kubernetes-dashboard"
  namespace        = "dashboard"
  create_namespace = true
  atomic           = true
  cleanup_on_fail  = true

  set {
    name  = "app.image.tag"
    value = "latest"
  }

  depends_on = [aws_eks_node_group.apps]
}

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "apps_endpoint" {
  description = "API server endpoint of cluster apps"
  value       = aws_eks_cluster.apps.endpoint
}
