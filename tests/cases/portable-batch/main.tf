terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
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
  default     = "batch"

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
    "autodeploy:deployment" = "batch"
  }
}

data "archive_file" "notify" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/notify.zip"
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

data "aws_iam_policy_document" "catalog_monitoring_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "net_flow_logs_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "net_flow_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.net_flow_logs.arn}:*"]
  }
}

data "aws_iam_policy_document" "notify_access_policy" {
  statement {
    sid       = "PublishDone"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.done.arn]
  }

  statement {
    sid       = "KmsDone"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.batch_key.arn]
  }

  statement {
    sid    = "TableResults"
    effect = "Allow"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [aws_dynamodb_table.results.arn, "${aws_dynamodb_table.results.arn}/index/*"]
  }

  statement {
    sid       = "KmsResults"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.batch_key.arn]
  }
}

data "aws_iam_policy_document" "notify_lambda_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "notify_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.notify.arn}:*"]
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

data "aws_iam_policy_document" "workers_access_policy" {
  statement {
    sid       = "ListRaw"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.raw.arn]
  }

  statement {
    sid       = "ObjectsRaw"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.raw.arn}/*"]
  }

  statement {
    sid       = "KmsRaw"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.batch_key.arn]
  }

  statement {
    sid    = "TableResults"
    effect = "Allow"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [aws_dynamodb_table.results.arn, "${aws_dynamodb_table.results.arn}/index/*"]
  }

  statement {
    sid       = "KmsResults"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.batch_key.arn]
  }

  statement {
    sid     = "ConnectCatalog"
    effect  = "Allow"
    actions = ["rds-db:connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.catalog.resource_id}/app",
    ]
  }
}

data "aws_iam_policy_document" "workers_instance_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_partition" "current" {}

data "aws_ssm_parameter" "al2023_x86_64" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_kms_key" "batch_key" {
  description             = "batch: batch_key"
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
    Name                  = "batch_key"
    "autodeploy:resource" = "batch_key"
  }
}

resource "aws_kms_alias" "batch_key" {
  name          = "alias/${var.name_prefix}/batch-key"
  target_key_id = aws_kms_key.batch_key.key_id
}

resource "aws_sns_topic" "done" {
  name              = "${var.name_prefix}-done"
  kms_master_key_id = aws_kms_key.batch_key.arn
  tags = {
    Name                  = "done"
    "autodeploy:resource" = "done"
  }
}

resource "aws_vpc" "net" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name                  = "net"
    "autodeploy:resource" = "net"
  }
}

resource "aws_default_security_group" "net" {
  vpc_id = aws_vpc.net.id
  tags = {
    Name = "net-default"
  }
}

resource "aws_subnet" "net_public" {
  count                   = 2
  vpc_id                  = aws_vpc.net.id
  cidr_block              = cidrsubnet(aws_vpc.net.cidr_block, 8, count.index + 0)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "net-public-${count.index}"
    tier = "public"
  }
}

resource "aws_subnet" "net_private" {
  count                   = 2
  vpc_id                  = aws_vpc.net.id
  cidr_block              = cidrsubnet(aws_vpc.net.cidr_block, 8, count.index + 128)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "net-private-${count.index}"
    tier = "private"
  }
}

resource "aws_internet_gateway" "net" {
  vpc_id = aws_vpc.net.id
  tags = {
    Name = "net"
  }
}

resource "aws_route_table" "net_public" {
  vpc_id = aws_vpc.net.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.net.id
  }

  tags = {
    Name = "net-public"
  }
}

resource "aws_route_table_association" "net_public" {
  count          = 2
  subnet_id      = aws_subnet.net_public[count.index].id
  route_table_id = aws_route_table.net_public.id
}

resource "aws_eip" "net_nat" {
  count  = 1
  domain = "vpc"
  tags = {
    Name = "net-nat-${count.index}"
  }
}

resource "aws_nat_gateway" "net" {
  count         = 1
  allocation_id = aws_eip.net_nat[count.index].id
  subnet_id     = aws_subnet.net_public[count.index].id
  tags = {
    Name = "net-nat-${count.index}"
  }
}

resource "aws_route_table" "net_private" {
  count  = 1
  vpc_id = aws_vpc.net.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.net[count.index].id
  }

  tags = {
    Name = "net-private-${count.index}"
  }
}

resource "aws_route_table_association" "net_private" {
  count          = 2
  subnet_id      = aws_subnet.net_private[count.index].id
  route_table_id = aws_route_table.net_private[count.index % 1].id
}

resource "aws_kms_key" "autodeploy_logs" {
  description             = "batch: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_cloudwatch_log_group" "net_flow_logs" {
  name              = "/autodeploy/${var.name_prefix}/vpc/net"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "net_flow_logs" {
  name               = "${var.name_prefix}-net-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.net_flow_logs_assume.json
}

resource "aws_iam_role_policy" "net_flow_logs" {
  name   = "${var.name_prefix}-net-flow-logs"
  role   = aws_iam_role.net_flow_logs.id
  policy = data.aws_iam_policy_document.net_flow_logs_policy.json
}

resource "aws_flow_log" "net" {
  vpc_id               = aws_vpc.net.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.net_flow_logs.arn
  iam_role_arn         = aws_iam_role.net_flow_logs.arn
}

resource "aws_security_group" "catalog" {
  name        = "${var.name_prefix}-catalog"
  description = "database catalog (managed by autodeploy)"
  vpc_id      = aws_vpc.net.id
  tags = {
    Name = "catalog"
  }
}

resource "aws_db_subnet_group" "catalog" {
  name       = "batch-catalog-5f2ee8"
  subnet_ids = aws_subnet.net_private[*].id
  tags = {
    Name                  = "catalog"
    "autodeploy:resource" = "catalog"
  }
}

resource "aws_db_parameter_group" "catalog" {
  name   = "batch-catalog-5f2ee8"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_iam_role" "catalog_monitoring" {
  name               = "${var.name_prefix}-catalog-monitoring"
  assume_role_policy = data.aws_iam_policy_document.catalog_monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "catalog_monitoring_managed_0" {
  role       = aws_iam_role.catalog_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "catalog" {
  identifier                          = "batch-catalog-5f2ee8"
  engine                              = "mysql"
  engine_version                      = "8.0"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.batch_key.arn
  username                            = "app_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.batch_key.arn
  iam_database_authentication_enabled = true
  multi_az                            = false
  db_subnet_group_name                = aws_db_subnet_group.catalog.name
  parameter_group_name                = aws_db_parameter_group.catalog.name
  vpc_security_group_ids              = [aws_security_group.catalog.id]
  publicly_accessible                 = false
  backup_retention_period             = 7
  deletion_protection                 = true
  enabled_cloudwatch_logs_exports     = ["audit", "error", "general", "slowquery"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.catalog_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.batch_key.arn
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "batch-catalog-5f2ee8-final"
  tags = {
    Name                  = "catalog"
    "autodeploy:resource" = "catalog"
  }
}

resource "aws_s3_bucket" "raw" {
  bucket        = "batch-raw-c69ec213"
  force_destroy = false
  tags = {
    Name                  = "raw"
    "autodeploy:resource" = "raw"
  }
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.batch_key.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "raw" {
  bucket                  = aws_s3_bucket.raw.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "raw" {
  bucket = aws_s3_bucket.raw.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id

  rule {
    id     = "lifecycle"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    transition {
      days          = 60
      storage_class = "GLACIER"
    }
  }

  depends_on = [aws_s3_bucket_versioning.raw]
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "batch-access-logs-9a267f5a"
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

resource "aws_s3_bucket_logging" "raw" {
  bucket        = aws_s3_bucket.raw.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/raw/"
}

resource "aws_dynamodb_table" "results" {
  name                        = "${var.name_prefix}-results"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "job_id"
  deletion_protection_enabled = true

  attribute {
    name = "job_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.batch_key.arn
  }

  tags = {
    Name                  = "results"
    "autodeploy:resource" = "results"
  }
}

resource "aws_iam_role" "notify_lambda" {
  name               = "${var.name_prefix}-notify-lambda"
  assume_role_policy = data.aws_iam_policy_document.notify_lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "notify_lambda_managed_0" {
  role       = aws_iam_role.notify_lambda.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_cloudwatch_log_group" "notify" {
  name              = "/aws/lambda/${var.name_prefix}-notify"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role_policy" "notify_logs" {
  name   = "${var.name_prefix}-notify-logs"
  role   = aws_iam_role.notify_lambda.id
  policy = data.aws_iam_policy_document.notify_logs_policy.json
}

resource "aws_lambda_function" "notify" {
  function_name    = "${var.name_prefix}-notify"
  role             = aws_iam_role.notify_lambda.arn
  runtime          = "python3.12"
  handler          = "main.handler"
  filename         = data.archive_file.notify.output_path
  source_code_hash = data.archive_file.notify.output_base64sha256
  memory_size      = 512
  timeout          = 30
  architectures    = ["x86_64"]

  tracing_config {
    mode = "Active"
  }

  tags = {
    Name                  = "notify"
    "autodeploy:resource" = "notify"
  }
  depends_on = [aws_cloudwatch_log_group.notify]
}

resource "aws_cloudwatch_event_rule" "notify_schedule" {
  name                = "${var.name_prefix}-notify-schedule"
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_target" "notify_schedule" {
  rule = aws_cloudwatch_event_rule.notify_schedule.name
  arn  = aws_lambda_function.notify.arn
}

resource "aws_lambda_permission" "notify_schedule" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.notify.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.notify_schedule.arn
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "batch-trail-trail-9dc618ef"
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
      kms_master_key_id = aws_kms_key.batch_key.arn
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
  kms_key_id                    = aws_kms_key.batch_key.arn
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

resource "aws_security_group" "workers" {
  name        = "${var.name_prefix}-workers"
  description = "vm workers (managed by autodeploy)"
  vpc_id      = aws_vpc.net.id
  tags = {
    Name = "workers"
  }
}

resource "aws_vpc_security_group_egress_rule" "workers_out_https" {
  security_group_id = aws_security_group.workers.id
  description       = "HTTPS to AWS APIs and package mirrors"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_iam_role" "workers_instance" {
  name               = "${var.name_prefix}-workers-instance"
  assume_role_policy = data.aws_iam_policy_document.workers_instance_assume.json
}

resource "aws_iam_role_policy_attachment" "workers_instance_managed_0" {
  role       = aws_iam_role.workers_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "workers" {
  name = "${var.name_prefix}-workers"
  role = aws_iam_role.workers_instance.name
}

resource "aws_launch_template" "workers" {
  name                   = "${var.name_prefix}-workers"
  image_id               = data.aws_ssm_parameter.al2023_x86_64.value
  instance_type          = "m5a.xlarge"
  ebs_optimized          = true
  vpc_security_group_ids = [aws_security_group.workers.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.workers.arn
  }

  monitoring {
    enabled = true
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 100
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.batch_key.arn
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags = {
      Name                  = "workers"
      "autodeploy:resource" = "workers"
    }
  }
}

resource "aws_autoscaling_group" "workers" {
  name                = "${var.name_prefix}-workers"
  min_size            = 2
  max_size            = 6
  desired_capacity    = 2
  vpc_zone_identifier = aws_subnet.net_private[*].id
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }

  tag {
    key                 = "Name"
    value               = "workers"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_policy" "workers" {
  name                   = "${var.name_prefix}-workers-cpu"
  autoscaling_group_name = aws_autoscaling_group.workers.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 60

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

resource "aws_iam_role_policy" "workers_access" {
  name   = "${var.name_prefix}-workers-access"
  role   = aws_iam_role.workers_instance.id
  policy = data.aws_iam_policy_document.workers_access_policy.json
}

resource "aws_vpc_security_group_ingress_rule" "catalog_in_from_workers" {
  security_group_id            = aws_security_group.catalog.id
  description                  = "from vm workers"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.workers.id
}

resource "aws_vpc_security_group_egress_rule" "workers_out_to_catalog" {
  security_group_id            = aws_security_group.workers.id
  description                  = "to database catalog"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.catalog.id
}

resource "aws_iam_role_policy" "notify_access" {
  name   = "${var.name_prefix}-notify-access"
  role   = aws_iam_role.notify_lambda.id
  policy = data.aws_iam_policy_document.notify_access_policy.json
}

output "batch_key_key_arn" {
  description = "ARN of KMS key batch_key"
  value       = aws_kms_key.batch_key.arn
}

output "done_topic_arn" {
  description = "ARN of topic done"
  value       = aws_sns_topic.done.arn
}

output "net_vpc_id" {
  description = "VPC id of network net"
  value       = aws_vpc.net.id
}

output "catalog_endpoint" {
  description = "endpoint of database catalog"
  value       = aws_db_instance.catalog.endpoint
}

output "raw_bucket_name" {
  description = "name of bucket raw"
  value       = aws_s3_bucket.raw.id
}

output "results_table_name" {
  description = "name of table results"
  value       = aws_dynamodb_table.results.name
}

output "notify_function_arn" {
  description = "ARN of function notify"
  value       = aws_lambda_function.notify.arn
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}
