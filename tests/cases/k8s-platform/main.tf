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
  default     = "k8s-platform"

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
    "autodeploy:deployment" = "k8s_platform"
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "current" {}

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

data "aws_iam_policy_document" "apps_cluster_kms_policy" {
  statement {
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"]
    resources = [aws_kms_key.platform_key.arn]
  }
}

data "aws_iam_policy_document" "apps_fargate_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["eks-fargate-pods.amazonaws.com"]
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

data "aws_iam_policy_document" "autodeploy_access_logs_bucket" {
  statement {
    sid       = "S3ServerAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.autodeploy_access_logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "LoadBalancerLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.autodeploy_access_logs.arn}/lb/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.autodeploy_access_logs.arn, "${aws_s3_bucket.autodeploy_access_logs.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
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

data "aws_iam_policy_document" "ledger_monitoring_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "trail_trail_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "trail_trail_cloudtrail" {
  statement {
    sid       = "CloudTrailAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_trail.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values = [
        "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/${var.name_prefix}-trail",
      ]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail_trail.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values = [
        "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/${var.name_prefix}-trail",
      ]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.trail_trail.arn, "${aws_s3_bucket.trail_trail.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "trail_trail_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.trail_trail.arn}:log-stream:*"]
  }
}

data "aws_partition" "current" {}

resource "aws_vpc" "core" {
  cidr_block           = "10.60.0.0/16"
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
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 3), count.index)
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
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 3), count.index)
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
  description             = "k8s_platform: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_kms_key" "platform_key" {
  description             = "k8s_platform: platform_key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  multi_region            = false
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
  tags = {
    Name                  = "platform_key"
    "autodeploy:resource" = "platform_key"
  }
}

resource "aws_kms_alias" "platform_key" {
  name          = "alias/${var.name_prefix}/platform-key"
  target_key_id = aws_kms_key.platform_key.key_id
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

resource "aws_iam_role_policy" "apps_cluster_kms" {
  name   = "${var.name_prefix}-apps-cluster-kms"
  role   = aws_iam_role.apps_cluster.id
  policy = data.aws_iam_policy_document.apps_cluster_kms_policy.json
}

resource "aws_cloudwatch_log_group" "apps_cluster" {
  name              = "/aws/eks/${var.name_prefix}-apps/cluster"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_eks_cluster" "apps" {
  name     = "${var.name_prefix}-apps"
  version  = "1.31"
  role_arn = aws_iam_role.apps_cluster.arn

  vpc_config {
    subnet_ids              = aws_subnet.core_private[*].id
    security_group_ids      = [aws_security_group.apps.id]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.platform_key.arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  tags = {
    Name                  = "apps"
    "autodeploy:resource" = "apps"
  }
  depends_on = [aws_cloudwatch_log_group.apps_cluster, aws_iam_role_policy_attachment.apps_cluster_managed_0]
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
    min_size     = 3
    desired_size = 3
    max_size     = 6
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

resource "aws_iam_role" "apps_fargate" {
  name               = "${var.name_prefix}-apps-fargate"
  assume_role_policy = data.aws_iam_policy_document.apps_fargate_assume.json
}

resource "aws_iam_role_policy_attachment" "apps_fargate_managed_0" {
  role       = aws_iam_role.apps_fargate.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"
}

resource "aws_eks_fargate_profile" "apps_fargate_batch" {
  cluster_name           = aws_eks_cluster.apps.name
  fargate_profile_name   = "apps-batch"
  pod_execution_role_arn = aws_iam_role.apps_fargate.arn
  subnet_ids             = aws_subnet.core_private[*].id

  selector {
    namespace = "batch"
  }

  tags = {
    Name                  = "apps"
    "autodeploy:resource" = "apps"
  }
}

resource "helm_release" "ingress" {
  provider         = helm.apps
  name             = "ingress"
  chart            = "ingress-nginx"
  repository       = "https://kubernetes.github.io/ingress-nginx"
  version          = "4.11.3"
  namespace        = "ingress"
  create_namespace = true
  atomic           = true
  cleanup_on_fail  = true

  set {
    name  = "controller.image.tag"
    value = "v1.11.3"
  }

  set {
    name  = "controller.replicaCount"
    value = "2"
  }

  depends_on = [aws_eks_node_group.apps]
}

resource "aws_sqs_queue" "jobs" {
  name                              = "${var.name_prefix}-jobs"
  message_retention_seconds         = 345600
  visibility_timeout_seconds        = 30
  kms_master_key_id                 = aws_kms_key.platform_key.arn
  kms_data_key_reuse_period_seconds = 300
  tags = {
    Name                  = "jobs"
    "autodeploy:resource" = "jobs"
  }
}

resource "aws_security_group" "ledger" {
  name        = "${var.name_prefix}-ledger"
  description = "database ledger (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "ledger"
  }
}

resource "aws_db_subnet_group" "ledger" {
  name       = "k8s-platform-ledger-1c387d"
  subnet_ids = aws_subnet.core_private[*].id
  tags = {
    Name                  = "ledger"
    "autodeploy:resource" = "ledger"
  }
}

resource "aws_db_parameter_group" "ledger" {
  name   = "k8s-platform-ledger-1c387d"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_iam_role" "ledger_monitoring" {
  name               = "${var.name_prefix}-ledger-monitoring"
  assume_role_policy = data.aws_iam_policy_document.ledger_monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "ledger_monitoring_managed_0" {
  role       = aws_iam_role.ledger_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "ledger" {
  identifier                          = "k8s-platform-ledger-1c387d"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 20
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.platform_key.arn
  username                            = "app_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.platform_key.arn
  iam_database_authentication_enabled = true
  multi_az                            = true
  db_subnet_group_name                = aws_db_subnet_group.ledger.name
  parameter_group_name                = aws_db_parameter_group.ledger.name
  vpc_security_group_ids              = [aws_security_group.ledger.id]
  publicly_accessible                 = false
  backup_retention_period             = 14
  deletion_protection                 = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.ledger_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.platform_key.arn
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "k8s-platform-ledger-1c387d-final"
  tags = {
    Name                  = "ledger"
    "autodeploy:resource" = "ledger"
  }
}

resource "aws_sns_topic" "ops" {
  name              = "${var.name_prefix}-ops-alarms"
  kms_master_key_id = aws_kms_key.platform_key.arn
  tags = {
    Name                  = "ops"
    "autodeploy:resource" = "ops"
  }
}

resource "aws_sns_topic_subscription" "ops_email" {
  topic_arn = aws_sns_topic.ops.arn
  protocol  = "email"
  endpoint  = "oncall@example.com"
}

resource "aws_cloudwatch_metric_alarm" "ops_ledger_latency" {
  alarm_name          = "${var.name_prefix}-ledger-latency"
  alarm_description   = "latency of database ledger: objective p99 < 300 ms"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 0.3
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.ops.arn]
  ok_actions          = [aws_sns_topic.ops.arn]
  tags = {
    Name                  = "ops"
    "autodeploy:resource" = "ops"
  }
  namespace   = "AWS/RDS"
  metric_name = "ReadLatency"
  period      = 60
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.ledger.identifier
  }
  extended_statistic = "p99"
}

resource "aws_cloudwatch_metric_alarm" "ops_ledger_saturation" {
  alarm_name          = "${var.name_prefix}-ledger-saturation"
  alarm_description   = "saturation of database ledger: objective avg < 80 %"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 80
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.ops.arn]
  ok_actions          = [aws_sns_topic.ops.arn]
  tags = {
    Name                  = "ops"
    "autodeploy:resource" = "ops"
  }
  namespace   = "AWS/RDS"
  metric_name = "CPUUtilization"
  period      = 60
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.ledger.identifier
  }
  statistic = "Average"
}

resource "aws_cloudwatch_metric_alarm" "ops_jobs_latency" {
  alarm_name          = "${var.name_prefix}-jobs-latency"
  alarm_description   = "latency of queue jobs: objective p99 < 300 ms"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 0.3
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.ops.arn]
  ok_actions          = [aws_sns_topic.ops.arn]
  tags = {
    Name                  = "ops"
    "autodeploy:resource" = "ops"
  }
  namespace   = "AWS/SQS"
  metric_name = "ApproximateAgeOfOldestMessage"
  period      = 60
  dimensions = {
    QueueName = aws_sqs_queue.jobs.name
  }
  extended_statistic = "p99"
}

resource "aws_cloudwatch_metric_alarm" "ops_jobs_backlog" {
  alarm_name          = "${var.name_prefix}-jobs-backlog"
  alarm_description   = "backlog of queue jobs: objective < 1000"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1000
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.ops.arn]
  ok_actions          = [aws_sns_topic.ops.arn]
  tags = {
    Name                  = "ops"
    "autodeploy:resource" = "ops"
  }
  namespace   = "AWS/SQS"
  metric_name = "ApproximateNumberOfMessagesVisible"
  period      = 60
  dimensions = {
    QueueName = aws_sqs_queue.jobs.name
  }
  statistic = "Maximum"
}

resource "aws_cloudwatch_dashboard" "ops" {
  dashboard_name = "${var.name_prefix}-ops"
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title   = "ledger: latency"
          region  = var.region
          period  = 60
          stat    = "Average"
          metrics = [["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", aws_db_instance.ledger.identifier]]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "ledger: saturation"
          region = var.region
          period = 60
          stat   = "Average"
          metrics = [
            [
              "AWS/RDS",
              "CPUUtilization",
              "DBInstanceIdentifier",
              aws_db_instance.ledger.identifier,
            ],
          ]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 6
        width  = 12
        height = 6
        properties = {
          title   = "jobs: latency"
          region  = var.region
          period  = 60
          stat    = "Average"
          metrics = [["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.jobs.name]]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 6
        width  = 12
        height = 6
        properties = {
          title   = "jobs: backlog"
          region  = var.region
          period  = 60
          stat    = "Maximum"
          metrics = [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.jobs.name]]
        }
      },
    ]
  })
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "k8s-platform-trail-trail-3d6754fe"
  force_destroy = false
  tags = {
    Name                  = "trail-trail"
    "autodeploy:resource" = "trail"
  }
}

resource "aws_s3_bucket_versioning" "trail_trail" {
  bucket = aws_s3_bucket.trail_trail.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail_trail" {
  bucket = aws_s3_bucket.trail_trail.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.platform_key.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "trail_trail" {
  bucket                  = aws_s3_bucket.trail_trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "trail_trail" {
  bucket = aws_s3_bucket.trail_trail.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail_trail" {
  bucket = aws_s3_bucket.trail_trail.id

  rule {
    id     = "retention"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    expiration {
      days = 365
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "k8s-platform-access-logs-976d3460"
  force_destroy = false
  tags = {
    Name = "access-logs"
  }
}

resource "aws_s3_bucket_versioning" "autodeploy_access_logs" {
  bucket = aws_s3_bucket.autodeploy_access_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "autodeploy_access_logs" {
  bucket = aws_s3_bucket.autodeploy_access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "autodeploy_access_logs" {
  bucket                  = aws_s3_bucket.autodeploy_access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "autodeploy_access_logs" {
  bucket = aws_s3_bucket.autodeploy_access_logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "autodeploy_access_logs" {
  bucket = aws_s3_bucket.autodeploy_access_logs.id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    expiration {
      days = 400
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

resource "aws_s3_bucket_policy" "autodeploy_access_logs" {
  bucket = aws_s3_bucket.autodeploy_access_logs.id
  policy = data.aws_iam_policy_document.autodeploy_access_logs_bucket.json
}

resource "aws_s3_bucket_logging" "trail_trail" {
  bucket        = aws_s3_bucket.trail_trail.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/trail_trail/"
}

resource "aws_s3_bucket_policy" "trail_trail_cloudtrail" {
  bucket = aws_s3_bucket.trail_trail.id
  policy = data.aws_iam_policy_document.trail_trail_cloudtrail.json
}

resource "aws_cloudwatch_log_group" "trail_trail" {
  name              = "/aws/cloudtrail/${var.name_prefix}-trail"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "trail_trail" {
  name               = "${var.name_prefix}-trail-trail"
  assume_role_policy = data.aws_iam_policy_document.trail_trail_assume.json
}

resource "aws_iam_role_policy" "trail_trail" {
  name   = "${var.name_prefix}-trail-trail"
  role   = aws_iam_role.trail_trail.id
  policy = data.aws_iam_policy_document.trail_trail_policy.json
}

resource "aws_cloudtrail" "trail" {
  name                          = "${var.name_prefix}-trail"
  s3_bucket_name                = aws_s3_bucket.trail_trail.id
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.platform_key.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail_trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_trail.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:${data.aws_partition.current.partition}:s3"]
    }

    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:${data.aws_partition.current.partition}:lambda"]
    }
  }

  tags = {
    Name                  = "trail"
    "autodeploy:resource" = "trail"
  }
  depends_on = [aws_s3_bucket_policy.trail_trail_cloudtrail]
}

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "platform_key_key_arn" {
  description = "ARN of KMS key platform_key"
  value       = aws_kms_key.platform_key.arn
}

output "apps_endpoint" {
  description = "API server endpoint of cluster apps"
  value       = aws_eks_cluster.apps.endpoint
}

output "jobs_queue_url" {
  description = "URL of queue jobs"
  value       = aws_sqs_queue.jobs.url
}

output "ledger_endpoint" {
  description = "endpoint of database ledger"
  value       = aws_db_instance.ledger.endpoint
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}
