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
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
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
  default     = "orders-api"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "tags" {
  description = "tags applied to every resource (provider default_tags)"
  type        = map(string)
  default = {
    team                    = "orders"
    environment             = "prod"
    "autodeploy:deployment" = "orders_api"
  }
}

data "archive_file" "worker" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/worker.zip"
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "current" {}

data "aws_iam_policy_document" "api_access_policy" {
  statement {
    sid     = "ConnectOrders"
    effect  = "Allow"
    actions = ["rds-db:connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.orders.resource_id}/app",
    ]
  }

  statement {
    sid       = "SendJobs"
    effect    = "Allow"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
    resources = [aws_sqs_queue.jobs.arn]
  }

  statement {
    sid       = "KmsJobs"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.data_key.arn]
  }
}

data "aws_iam_policy_document" "api_execution_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "api_task_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
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

data "aws_iam_policy_document" "orders_monitoring_assume" {
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

data "aws_iam_policy_document" "worker_access_policy" {
  statement {
    sid       = "ConsumeJobs"
    effect    = "Allow"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.jobs.arn]
  }

  statement {
    sid       = "KmsJobs"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.data_key.arn]
  }

  statement {
    sid     = "ConnectOrders"
    effect  = "Allow"
    actions = ["rds-db:connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.orders.resource_id}/app",
    ]
  }
}

data "aws_iam_policy_document" "worker_lambda_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "worker_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.worker.arn}:*"]
  }
}

data "aws_partition" "current" {}

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
  description             = "orders_api: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_kms_key" "data_key" {
  description             = "orders_api: data_key"
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
    Name                  = "data_key"
    "autodeploy:resource" = "data_key"
  }
}

resource "aws_kms_alias" "data_key" {
  name          = "alias/${var.name_prefix}/data-key"
  target_key_id = aws_kms_key.data_key.key_id
}

resource "aws_sqs_queue" "jobs_dlq" {
  name                              = "${var.name_prefix}-jobs-dlq"
  message_retention_seconds         = 345600
  visibility_timeout_seconds        = 30
  kms_master_key_id                 = aws_kms_key.data_key.arn
  kms_data_key_reuse_period_seconds = 300
  tags = {
    Name                  = "jobs_dlq"
    "autodeploy:resource" = "jobs_dlq"
  }
}

resource "aws_sqs_queue" "jobs" {
  name                              = "${var.name_prefix}-jobs"
  message_retention_seconds         = 345600
  visibility_timeout_seconds        = 30
  kms_master_key_id                 = aws_kms_key.data_key.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn
    maxReceiveCount     = 5
  })
  tags = {
    Name                  = "jobs"
    "autodeploy:resource" = "jobs"
  }
}

resource "aws_security_group" "orders" {
  name        = "${var.name_prefix}-orders"
  description = "database orders (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "orders"
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders-api-orders-4af838"
  subnet_ids = aws_subnet.core_private[*].id
  tags = {
    Name                  = "orders"
    "autodeploy:resource" = "orders"
  }
}

resource "aws_db_parameter_group" "orders" {
  name   = "orders-api-orders-4af838"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_iam_role" "orders_monitoring" {
  name               = "${var.name_prefix}-orders-monitoring"
  assume_role_policy = data.aws_iam_policy_document.orders_monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "orders_monitoring_managed_0" {
  role       = aws_iam_role.orders_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "orders" {
  identifier                          = "orders-api-orders-4af838"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 50
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data_key.arn
  username                            = "app_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.data_key.arn
  iam_database_authentication_enabled = true
  multi_az                            = false
  db_subnet_group_name                = aws_db_subnet_group.orders.name
  parameter_group_name                = aws_db_parameter_group.orders.name
  vpc_security_group_ids              = [aws_security_group.orders.id]
  publicly_accessible                 = false
  backup_retention_period             = 7
  deletion_protection                 = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.orders_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.data_key.arn
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "orders-api-orders-4af838-final"
  tags = {
    Name                  = "orders"
    "autodeploy:resource" = "orders"
  }
}

resource "aws_security_group" "sessions" {
  name        = "${var.name_prefix}-sessions"
  description = "cache sessions (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "sessions"
  }
}

resource "aws_elasticache_subnet_group" "sessions" {
  name       = "orders-api-sessions-21a941"
  subnet_ids = aws_subnet.core_private[*].id
}

resource "random_password" "sessions_auth" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "sessions_auth" {
  name                    = "${var.name_prefix}-sessions-auth"
  description             = "AUTH token of cache sessions"
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "sessions_auth" {
  secret_id     = aws_secretsmanager_secret.sessions_auth.id
  secret_string = random_password.sessions_auth.result
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "orders-api-sessions-21a941"
  description                = "orders_api: sessions"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.m6g.large"
  num_cache_clusters         = 1
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.sessions.name
  security_group_ids         = [aws_security_group.sessions.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.sessions_auth.result
  multi_az_enabled           = false
  automatic_failover_enabled = false
  snapshot_retention_limit   = 1
  auto_minor_version_upgrade = true
  tags = {
    Name                  = "sessions"
    "autodeploy:resource" = "sessions"
  }
}

resource "aws_ecs_cluster" "main" {
  name = var.name_prefix

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_security_group" "api" {
  name        = "${var.name_prefix}-api"
  description = "service api (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "api"
  }
}

resource "aws_vpc_security_group_egress_rule" "api_out_https" {
  security_group_id = aws_security_group.api.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/${var.name_prefix}/api"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "api_execution" {
  name               = "${var.name_prefix}-api-execution"
  assume_role_policy = data.aws_iam_policy_document.api_execution_assume.json
}

resource "aws_iam_role_policy_attachment" "api_execution_managed_0" {
  role       = aws_iam_role.api_execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "api_task" {
  name               = "${var.name_prefix}-api-task"
  assume_role_policy = data.aws_iam_policy_document.api_task_assume.json
}

resource "aws_ecs_task_definition" "api" {
  family                   = "${var.name_prefix}-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "2048"
  execution_role_arn       = aws_iam_role.api_execution.arn
  task_role_arn            = aws_iam_role.api_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "ghcr.io/acme/orders-api:1.4"
      essential              = true
      readonlyRootFilesystem = true
      portMappings = [
        {
          containerPort = 8080
          protocol      = "tcp"
        },
      ]
      environment = []
      secrets     = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "api"
        }
      }
    },
  ])
  tags = {
    Name                  = "api"
    "autodeploy:resource" = "api"
  }
}

resource "aws_ecs_service" "api" {
  name            = "${var.name_prefix}-api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  propagate_tags  = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.core_private[*].id
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = {
    Name                  = "api"
    "autodeploy:resource" = "api"
  }
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "orders-api-trail-trail-49789927"
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
      kms_master_key_id = aws_kms_key.data_key.arn
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
  bucket        = "orders-api-access-logs-470e86d4"
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
  kms_key_id                    = aws_kms_key.data_key.arn
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

resource "aws_iam_role" "worker_lambda" {
  name               = "${var.name_prefix}-worker-lambda"
  assume_role_policy = data.aws_iam_policy_document.worker_lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "worker_lambda_managed_0" {
  role       = aws_iam_role.worker_lambda.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${var.name_prefix}-worker"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role_policy" "worker_logs" {
  name   = "${var.name_prefix}-worker-logs"
  role   = aws_iam_role.worker_lambda.id
  policy = data.aws_iam_policy_document.worker_logs_policy.json
}

resource "aws_lambda_function" "worker" {
  function_name    = "${var.name_prefix}-worker"
  role             = aws_iam_role.worker_lambda.arn
  runtime          = "python3.12"
  handler          = "main.handler"
  filename         = data.archive_file.worker.output_path
  source_code_hash = data.archive_file.worker.output_base64sha256
  memory_size      = 1024
  timeout          = 60
  architectures    = ["x86_64"]

  tracing_config {
    mode = "Active"
  }

  tags = {
    Name                  = "worker"
    "autodeploy:resource" = "worker"
  }
  depends_on = [aws_cloudwatch_log_group.worker]
}

resource "aws_lambda_event_source_mapping" "worker" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}

resource "aws_iam_role_policy" "api_access" {
  name   = "${var.name_prefix}-api-access"
  role   = aws_iam_role.api_task.id
  policy = data.aws_iam_policy_document.api_access_policy.json
}

resource "aws_vpc_security_group_ingress_rule" "orders_in_from_api" {
  security_group_id            = aws_security_group.orders.id
  description                  = "from service api"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.api.id
}

resource "aws_vpc_security_group_egress_rule" "api_out_to_orders" {
  security_group_id            = aws_security_group.api.id
  description                  = "to database orders"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.orders.id
}

resource "aws_vpc_security_group_ingress_rule" "sessions_in_from_api" {
  security_group_id            = aws_security_group.sessions.id
  description                  = "from service api"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.api.id
}

resource "aws_vpc_security_group_egress_rule" "api_out_to_sessions" {
  security_group_id            = aws_security_group.api.id
  description                  = "to cache sessions"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.sessions.id
}

resource "aws_iam_role_policy" "worker_access" {
  name   = "${var.name_prefix}-worker-access"
  role   = aws_iam_role.worker_lambda.id
  policy = data.aws_iam_policy_document.worker_access_policy.json
}

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "data_key_key_arn" {
  description = "ARN of KMS key data_key"
  value       = aws_kms_key.data_key.arn
}

output "jobs_dlq_queue_url" {
  description = "URL of queue jobs_dlq"
  value       = aws_sqs_queue.jobs_dlq.url
}

output "jobs_queue_url" {
  description = "URL of queue jobs"
  value       = aws_sqs_queue.jobs.url
}

output "orders_endpoint" {
  description = "endpoint of database orders"
  value       = aws_db_instance.orders.endpoint
}

output "sessions_endpoint" {
  description = "primary endpoint of cache sessions"
  value       = aws_elasticache_replication_group.sessions.primary_endpoint_address
}

output "api_service_name" {
  description = "ECS service name of api"
  value       = aws_ecs_service.api.name
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}

output "worker_function_arn" {
  description = "ARN of function worker"
  value       = aws_lambda_function.worker.arn
}
