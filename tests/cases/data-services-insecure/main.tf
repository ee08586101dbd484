terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
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
  default     = "order-platform-insec"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "tags" {
  description = "tags applied to every resource (provider default_tags)"
  type        = map(string)
  default = {
    environment             = "prod"
    "autodeploy:deployment" = "order_platform_insecure"
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

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

resource "aws_opensearch_domain" "catalog" {
  domain_name    = "order-platform-insecu-a2d0f6"
  engine_version = "OpenSearch_2.17"

  cluster_config {
    instance_type          = "r6g.large.search"
    instance_count         = 2
    zone_awareness_enabled = true

    zone_awareness_config {
      availability_zone_count = 2
    }

    dedicated_master_enabled = false
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = 20
  }

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = false
  }

  domain_endpoint_options {
    enforce_https       = false
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "es:ESHttp*"
        Resource = "arn:${data.aws_partition.current.partition}:es:${var.region}:${data.aws_caller_identity.current.account_id}:domain/order-platform-insecu-a2d0f6/*"
      },
    ]
  })
  tags = {
    Name                  = "catalog"
    "autodeploy:resource" = "catalog"
  }
}

resource "aws_kinesis_stream" "clickstream" {
  name             = "${var.name_prefix}-clickstream"
  retention_period = 24

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }

  encryption_type = "NONE"
  tags = {
    Name                  = "clickstream"
    data_classification   = "pii"
    "autodeploy:resource" = "clickstream"
  }
}

resource "aws_vpc" "core" {
  cidr_block           = "10.20.0.0/16"
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
  description             = "order_platform_insecure: CloudWatch Logs encryption (autodeploy)"
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

resource "random_password" "fulfilment_admin" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "fulfilment_admin" {
  name                    = "${var.name_prefix}-fulfilment-admin"
  description             = "admin user of broker fulfilment"
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "fulfilment_admin" {
  secret_id = aws_secretsmanager_secret.fulfilment_admin.id
  secret_string = jsonencode({
    username = "app_admin"
    password = random_password.fulfilment_admin.result
  })
}

resource "aws_mq_broker" "fulfilment" {
  broker_name                = "order-platform-insecure-fulfilment-5c28af"
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = "mq.m5.large"
  deployment_mode            = "SINGLE_INSTANCE"
  publicly_accessible        = true
  auto_minor_version_upgrade = true

  encryption_options {
    use_aws_owned_key = true
  }

  logs {
    general = true
  }

  user {
    username = "app_admin"
    password = random_password.fulfilment_admin.result
  }

  tags = {
    Name                  = "fulfilment"
    "autodeploy:resource" = "fulfilment"
  }
}

resource "aws_security_group" "orders" {
  name        = "${var.name_prefix}-orders"
  description = "kafka orders (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "orders"
  }
}

resource "aws_msk_cluster" "orders" {
  cluster_name           = "order-platform-insecure-orders-1299d4"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = aws_subnet.core_public[*].id
    security_groups = [aws_security_group.orders.id]

    storage_info {
      ebs_storage_info {
        volume_size = 100
      }
    }

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
      in_cluster    = false
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      iam   = true
      scram = false
    }
  }

  tags = {
    Name                  = "orders"
    data_classification   = "pci"
    "autodeploy:resource" = "orders"
  }
}

resource "aws_security_group" "profiles" {
  name        = "${var.name_prefix}-profiles"
  description = "document_db profiles (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "profiles"
  }
}

resource "aws_docdb_subnet_group" "profiles" {
  name       = "order-platform-insecure-profiles-75c9fc"
  subnet_ids = aws_subnet.core_private[*].id
  tags = {
    Name                  = "profiles"
    data_classification   = "pii"
    "autodeploy:resource" = "profiles"
  }
}

resource "aws_docdb_cluster_parameter_group" "profiles" {
  name        = "order-platform-insecure-profiles-75c9fc"
  family      = "docdb5.0"
  description = "order_platform_insecure: profiles (TLS and audit logs)"

  parameter {
    name  = "tls"
    value = "disabled"
  }

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "random_password" "profiles_admin" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "profiles_admin" {
  name                    = "${var.name_prefix}-profiles-admin"
  description             = "master user of document_db profiles"
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "profiles_admin" {
  secret_id = aws_secretsmanager_secret.profiles_admin.id
  secret_string = jsonencode({
    username = "app_admin"
    password = random_password.profiles_admin.result
  })
}

resource "aws_docdb_cluster" "profiles" {
  cluster_identifier              = "order-platform-insecure-profiles-75c9fc"
  engine                          = "docdb"
  engine_version                  = "5.0.0"
  master_username                 = "app_admin"
  master_password                 = random_password.profiles_admin.result
  db_subnet_group_name            = aws_docdb_subnet_group.profiles.name
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.profiles.name
  vpc_security_group_ids          = [aws_security_group.profiles.id]
  storage_encrypted               = false
  backup_retention_period         = 1
  deletion_protection             = false
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  skip_final_snapshot             = false
  final_snapshot_identifier       = "order-platform-insecure-profiles-75c9fc-final"
  tags = {
    Name                  = "profiles"
    data_classification   = "pii"
    "autodeploy:resource" = "profiles"
  }
}

resource "aws_docdb_cluster_instance" "profiles" {
  count                      = 1
  identifier                 = "order-platform-insecure-profiles-75c9fc-${count.index}"
  cluster_identifier         = aws_docdb_cluster.profiles.id
  instance_class             = "db.t3.medium"
  auto_minor_version_upgrade = true
  tags = {
    Name                  = "profiles"
    data_classification   = "pii"
    "autodeploy:resource" = "profiles"
  }
}

output "catalog_endpoint" {
  description = "endpoint of search catalog"
  value       = aws_opensearch_domain.catalog.endpoint
}

output "clickstream_arn" {
  description = "ARN of stream clickstream"
  value       = aws_kinesis_stream.clickstream.arn
}

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "fulfilment_endpoints" {
  description = "endpoints of broker fulfilment"
  value       = aws_mq_broker.fulfilment.instances
}

output "orders_bootstrap" {
  description = "bootstrap brokers of kafka orders"
  value       = aws_msk_cluster.orders.bootstrap_brokers_sasl_iam
}

output "profiles_endpoint" {
  description = "endpoint of document_db profiles"
  value       = aws_docdb_cluster.profiles.endpoint
}
