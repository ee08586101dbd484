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
  default     = "us-east-2"
}

variable "name_prefix" {
  description = "prefix of every resource name"
  type        = string
  default     = "checkout"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "tags" {
  description = "tags applied to every resource (provider default_tags)"
  type        = map(string)
  default = {
    cost_center             = "cc-204"
    team                    = "payments"
    environment             = "prod"
    "autodeploy:deployment" = "checkout"
  }
}

variable "certificate_arn" {
  description = "ACM certificate ARN for HTTPS/TLS listeners"
  type        = string
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "current" {}

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

data "aws_iam_policy_document" "checkout_api_access_policy" {
  statement {
    sid     = "ConnectOrders"
    effect  = "Allow"
    actions = ["rds-db:connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.orders.resource_id}/app",
    ]
  }

  statement {
    sid       = "SendPaymentEvents"
    effect    = "Allow"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
    resources = [aws_sqs_queue.payment_events.arn]
  }

  statement {
    sid       = "KmsPaymentEvents"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.card_key.arn]
  }
}

data "aws_iam_policy_document" "checkout_api_execution_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "checkout_api_secrets_policy" {
  statement {
    sid       = "SecretPspApiKey"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.psp_api_key.arn]
  }

  statement {
    sid       = "KmsPspApiKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.card_key.arn]
  }
}

data "aws_iam_policy_document" "checkout_api_task_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
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

data "aws_iam_policy_document" "shop_flow_logs_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "shop_flow_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.shop_flow_logs.arn}:*"]
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

resource "aws_kms_key" "card_key" {
  description             = "checkout: card_key"
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
    Name                  = "card_key"
    "autodeploy:resource" = "card_key"
  }
}

resource "aws_kms_alias" "card_key" {
  name          = "alias/${var.name_prefix}/card-key"
  target_key_id = aws_kms_key.card_key.key_id
}

resource "aws_sqs_queue" "payment_events" {
  name                              = "${var.name_prefix}-payment-events"
  message_retention_seconds         = 1209600
  visibility_timeout_seconds        = 30
  kms_master_key_id                 = aws_kms_key.card_key.arn
  kms_data_key_reuse_period_seconds = 300
  tags = {
    Name                  = "payment_events"
    "autodeploy:resource" = "payment_events"
  }
}

resource "aws_secretsmanager_secret" "psp_api_key" {
  name                    = "${var.name_prefix}-psp-api-key"
  description             = "checkout: psp_api_key (value generated at apply; never in source)"
  kms_key_id              = aws_kms_key.card_key.arn
  recovery_window_in_days = 30
  tags = {
    Name                  = "psp_api_key"
    "autodeploy:resource" = "psp_api_key"
  }
}

resource "random_password" "psp_api_key" {
  length  = 32
  special = true
}

resource "aws_secretsmanager_secret_version" "psp_api_key" {
  secret_id     = aws_secretsmanager_secret.psp_api_key.id
  secret_string = random_password.psp_api_key.result
}

resource "aws_vpc" "shop" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name                  = "shop"
    "autodeploy:resource" = "shop"
  }
}

resource "aws_default_security_group" "shop" {
  vpc_id = aws_vpc.shop.id
  tags = {
    Name = "shop-default"
  }
}

resource "aws_subnet" "shop_public" {
  count                   = 3
  vpc_id                  = aws_vpc.shop.id
  cidr_block              = cidrsubnet(aws_vpc.shop.cidr_block, 8, count.index + 0)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 3), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "shop-public-${count.index}"
    tier = "public"
  }
}

resource "aws_subnet" "shop_private" {
  count                   = 3
  vpc_id                  = aws_vpc.shop.id
  cidr_block              = cidrsubnet(aws_vpc.shop.cidr_block, 8, count.index + 128)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 3), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "shop-private-${count.index}"
    tier = "private"
  }
}

resource "aws_internet_gateway" "shop" {
  vpc_id = aws_vpc.shop.id
  tags = {
    Name = "shop"
  }
}

resource "aws_route_table" "shop_public" {
  vpc_id = aws_vpc.shop.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.shop.id
  }

  tags = {
    Name = "shop-public"
  }
}

resource "aws_route_table_association" "shop_public" {
  count          = 3
  subnet_id      = aws_subnet.shop_public[count.index].id
  route_table_id = aws_route_table.shop_public.id
}

resource "aws_eip" "shop_nat" {
  count  = 3
  domain = "vpc"
  tags = {
    Name = "shop-nat-${count.index}"
  }
}

resource "aws_nat_gateway" "shop" {
  count         = 3
  allocation_id = aws_eip.shop_nat[count.index].id
  subnet_id     = aws_subnet.shop_public[count.index].id
  tags = {
    Name = "shop-nat-${count.index}"
  }
}

resource "aws_route_table" "shop_private" {
  count  = 3
  vpc_id = aws_vpc.shop.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.shop[count.index].id
  }

  tags = {
    Name = "shop-private-${count.index}"
  }
}

resource "aws_route_table_association" "shop_private" {
  count          = 3
  subnet_id      = aws_subnet.shop_private[count.index].id
  route_table_id = aws_route_table.shop_private[count.index % 3].id
}

resource "aws_kms_key" "autodeploy_logs" {
  description             = "checkout: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_cloudwatch_log_group" "shop_flow_logs" {
  name              = "/autodeploy/${var.name_prefix}/vpc/shop"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "shop_flow_logs" {
  name               = "${var.name_prefix}-shop-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.shop_flow_logs_assume.json
}

resource "aws_iam_role_policy" "shop_flow_logs" {
  name   = "${var.name_prefix}-shop-flow-logs"
  role   = aws_iam_role.shop_flow_logs.id
  policy = data.aws_iam_policy_document.shop_flow_logs_policy.json
}

resource "aws_flow_log" "shop" {
  vpc_id               = aws_vpc.shop.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.shop_flow_logs.arn
  iam_role_arn         = aws_iam_role.shop_flow_logs.arn
}

resource "aws_security_group" "orders" {
  name        = "${var.name_prefix}-orders"
  description = "database orders (managed by autodeploy)"
  vpc_id      = aws_vpc.shop.id
  tags = {
    Name = "orders"
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "checkout-orders-dca9cb"
  subnet_ids = aws_subnet.shop_private[*].id
  tags = {
    Name                  = "orders"
    data_classification   = "pci"
    "autodeploy:resource" = "orders"
  }
}

resource "aws_db_parameter_group" "orders" {
  name   = "checkout-orders-dca9cb"
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
  identifier                          = "checkout-orders-dca9cb"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.card_key.arn
  username                            = "app_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.card_key.arn
  iam_database_authentication_enabled = true
  multi_az                            = true
  db_subnet_group_name                = aws_db_subnet_group.orders.name
  parameter_group_name                = aws_db_parameter_group.orders.name
  vpc_security_group_ids              = [aws_security_group.orders.id]
  publicly_accessible                 = false
  backup_retention_period             = 35
  deletion_protection                 = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.orders_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.card_key.arn
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "checkout-orders-dca9cb-final"
  tags = {
    Name                  = "orders"
    data_classification   = "pci"
    "autodeploy:resource" = "orders"
  }
}

resource "aws_security_group" "sessions" {
  name        = "${var.name_prefix}-sessions"
  description = "cache sessions (managed by autodeploy)"
  vpc_id      = aws_vpc.shop.id
  tags = {
    Name = "sessions"
  }
}

resource "aws_elasticache_subnet_group" "sessions" {
  name       = "checkout-sessions-4ce288"
  subnet_ids = aws_subnet.shop_private[*].id
}

resource "random_password" "sessions_auth" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "sessions_auth" {
  name                    = "${var.name_prefix}-sessions-auth"
  description             = "AUTH token of cache sessions"
  kms_key_id              = aws_kms_key.card_key.arn
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "sessions_auth" {
  secret_id     = aws_secretsmanager_secret.sessions_auth.id
  secret_string = random_password.sessions_auth.result
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "checkout-sessions-4ce288"
  description                = "checkout: sessions"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.m6g.large"
  num_cache_clusters         = 2
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.sessions.name
  security_group_ids         = [aws_security_group.sessions.id]
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.card_key.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.sessions_auth.result
  multi_az_enabled           = true
  automatic_failover_enabled = true
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

resource "aws_security_group" "checkout_api" {
  name        = "${var.name_prefix}-checkout-api"
  description = "service checkout_api (managed by autodeploy)"
  vpc_id      = aws_vpc.shop.id
  tags = {
    Name = "checkout_api"
  }
}

resource "aws_vpc_security_group_egress_rule" "checkout_api_out_https" {
  security_group_id = aws_security_group.checkout_api.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_cloudwatch_log_group" "checkout_api" {
  name              = "/ecs/${var.name_prefix}/checkout_api"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "checkout_api_execution" {
  name               = "${var.name_prefix}-checkout-api-execution"
  assume_role_policy = data.aws_iam_policy_document.checkout_api_execution_assume.json
}

resource "aws_iam_role_policy_attachment" "checkout_api_execution_managed_0" {
  role       = aws_iam_role.checkout_api_execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "checkout_api_task" {
  name               = "${var.name_prefix}-checkout-api-task"
  assume_role_policy = data.aws_iam_policy_document.checkout_api_task_assume.json
}

resource "aws_ecs_task_definition" "checkout_api" {
  family                   = "${var.name_prefix}-checkout-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "2048"
  memory                   = "4096"
  execution_role_arn       = aws_iam_role.checkout_api_execution.arn
  task_role_arn            = aws_iam_role.checkout_api_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name                   = "checkout_api"
      image                  = "ghcr.io/acme/checkout:5.1"
      essential              = true
      readonlyRootFilesystem = true
      portMappings = [
        {
          containerPort = 8443
          protocol      = "tcp"
        },
      ]
      environment = []
      secrets = [
        {
          name      = "PSP_API_KEY"
          valueFrom = aws_secretsmanager_secret.psp_api_key.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.checkout_api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "checkout_api"
        }
      }
    },
  ])
  tags = {
    Name                  = "checkout_api"
    "autodeploy:resource" = "checkout_api"
  }
}

resource "aws_ecs_service" "checkout_api" {
  name            = "${var.name_prefix}-checkout-api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.checkout_api.arn
  desired_count   = 3
  launch_type     = "FARGATE"
  propagate_tags  = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.shop_private[*].id
    security_groups  = [aws_security_group.checkout_api.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.edge_checkout_api.arn
    container_name   = "checkout_api"
    container_port   = 8443
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = {
    Name                  = "checkout_api"
    "autodeploy:resource" = "checkout_api"
  }
}

resource "aws_appautoscaling_target" "checkout_api" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.checkout_api.name}"
  min_capacity       = 3
  max_capacity       = 20
}

resource "aws_appautoscaling_policy" "checkout_api" {
  name               = "${var.name_prefix}-checkout-api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.checkout_api.service_namespace
  scalable_dimension = aws_appautoscaling_target.checkout_api.scalable_dimension
  resource_id        = aws_appautoscaling_target.checkout_api.resource_id

  target_tracking_scaling_policy_configuration {
    target_value = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_security_group" "edge_lb" {
  name        = "${var.name_prefix}-edge-lb"
  description = "load balancer edge (managed by autodeploy)"
  vpc_id      = aws_vpc.shop.id
  tags = {
    Name = "edge_lb"
  }
}

resource "aws_vpc_security_group_ingress_rule" "edge_lb_in_443" {
  security_group_id = aws_security_group.edge_lb.id
  description       = "HTTPS from the internet (public load balancer)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "checkout-access-logs-cad436c8"
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

resource "aws_lb" "edge" {
  name                       = "checkout-edge"
  internal                   = false
  load_balancer_type         = "application"
  subnets                    = aws_subnet.shop_public[*].id
  security_groups            = [aws_security_group.edge_lb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = aws_s3_bucket.autodeploy_access_logs.id
    prefix  = "lb/edge"
    enabled = true
  }

  tags = {
    Name                  = "edge"
    "autodeploy:resource" = "edge"
  }
}

resource "aws_lb_target_group" "edge_checkout_api" {
  name        = "checkout-edge-checkout-api"
  target_type = "ip"
  port        = 8443
  protocol    = "HTTPS"
  vpc_id      = aws_vpc.shop.id

  health_check {
    enabled  = true
    protocol = "HTTPS"
    path     = "/health"
    matcher  = "200-399"
  }
}

resource "aws_vpc_security_group_ingress_rule" "checkout_api_in_from_edge_lb" {
  security_group_id            = aws_security_group.checkout_api.id
  description                  = "from load balancer edge"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = aws_security_group.edge_lb.id
}

resource "aws_vpc_security_group_egress_rule" "edge_lb_out_to_checkout_api" {
  security_group_id            = aws_security_group.edge_lb.id
  description                  = "to target checkout_api"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = aws_security_group.checkout_api.id
}

resource "aws_lb_listener" "edge" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.edge_checkout_api.arn
  }
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "${var.name_prefix}-edge"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 3

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
    sampled_requests_enabled   = true
  }

  tags = {
    Name                  = "edge"
    "autodeploy:resource" = "edge"
  }
}

resource "aws_cloudwatch_log_group" "edge_waf" {
  name              = "aws-waf-logs-${var.name_prefix}-edge"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
  tags = {
    Name                  = "edge"
    "autodeploy:resource" = "edge"
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "edge" {
  resource_arn            = aws_wafv2_web_acl.edge.arn
  log_destination_configs = [aws_cloudwatch_log_group.edge_waf.arn]
}

resource "aws_wafv2_web_acl_association" "edge" {
  resource_arn = aws_lb.edge.arn
  web_acl_arn  = aws_wafv2_web_acl.edge.arn
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "checkout-trail-trail-e456effa"
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
      kms_master_key_id = aws_kms_key.card_key.arn
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
  kms_key_id                    = aws_kms_key.card_key.arn
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

resource "aws_iam_role_policy" "checkout_api_access" {
  name   = "${var.name_prefix}-checkout-api-access"
  role   = aws_iam_role.checkout_api_task.id
  policy = data.aws_iam_policy_document.checkout_api_access_policy.json
}

resource "aws_iam_role_policy" "checkout_api_secrets" {
  name   = "${var.name_prefix}-checkout-api-secrets"
  role   = aws_iam_role.checkout_api_execution.id
  policy = data.aws_iam_policy_document.checkout_api_secrets_policy.json
}

resource "aws_vpc_security_group_ingress_rule" "orders_in_from_checkout_api" {
  security_group_id            = aws_security_group.orders.id
  description                  = "from service checkout_api"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.checkout_api.id
}

resource "aws_vpc_security_group_egress_rule" "checkout_api_out_to_orders" {
  security_group_id            = aws_security_group.checkout_api.id
  description                  = "to database orders"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.orders.id
}

resource "aws_vpc_security_group_ingress_rule" "sessions_in_from_checkout_api" {
  security_group_id            = aws_security_group.sessions.id
  description                  = "from service checkout_api"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.checkout_api.id
}

resource "aws_vpc_security_group_egress_rule" "checkout_api_out_to_sessions" {
  security_group_id            = aws_security_group.checkout_api.id
  description                  = "to cache sessions"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.sessions.id
}

output "card_key_key_arn" {
  description = "ARN of KMS key card_key"
  value       = aws_kms_key.card_key.arn
}

output "payment_events_queue_url" {
  description = "URL of queue payment_events"
  value       = aws_sqs_queue.payment_events.url
}

output "psp_api_key_secret_arn" {
  description = "ARN of secret psp_api_key"
  value       = aws_secretsmanager_secret.psp_api_key.arn
}

output "shop_vpc_id" {
  description = "VPC id of network shop"
  value       = aws_vpc.shop.id
}

output "orders_endpoint" {
  description = "endpoint of database orders"
  value       = aws_db_instance.orders.endpoint
}

output "sessions_endpoint" {
  description = "primary endpoint of cache sessions"
  value       = aws_elasticache_replication_group.sessions.primary_endpoint_address
}

output "checkout_api_service_name" {
  description = "ECS service name of checkout_api"
  value       = aws_ecs_service.checkout_api.name
}

output "edge_dns_name" {
  description = "DNS name of load balancer edge"
  value       = aws_lb.edge.dns_name
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}
