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
  default     = "eu-west-1"
}

variable "name_prefix" {
  description = "prefix of every resource name"
  type        = string
  default     = "ingest"

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
    "autodeploy:deployment" = "ingest"
  }
}

data "archive_file" "compactor" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/compactor.zip"
}

data "archive_file" "worker" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/worker.zip"
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

data "aws_iam_policy_document" "compactor_access_policy" {
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
    resources = [aws_kms_key.data_key.arn]
  }
}

data "aws_iam_policy_document" "compactor_lambda_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "compactor_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.compactor.arn}:*"]
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
    sid       = "ListUploads"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.uploads.arn]
  }

  statement {
    sid       = "ObjectsUploads"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }

  statement {
    sid       = "KmsUploads"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.data_key.arn]
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
    resources = [aws_kms_key.data_key.arn]
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

resource "aws_kms_key" "data_key" {
  description             = "ingest: data_key"
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
  message_retention_seconds         = 1209600
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
  visibility_timeout_seconds        = 120
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

resource "aws_dynamodb_table" "results" {
  name                        = "${var.name_prefix}-results"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "job_id"
  range_key                   = "created_at"
  deletion_protection_enabled = true

  attribute {
    name = "job_id"
    type = "S"
  }

  attribute {
    name = "created_at"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data_key.arn
  }

  tags = {
    Name                  = "results"
    data_classification   = "pii"
    "autodeploy:resource" = "results"
  }
}

resource "aws_iam_role" "compactor_lambda" {
  name               = "${var.name_prefix}-compactor-lambda"
  assume_role_policy = data.aws_iam_policy_document.compactor_lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "compactor_lambda_managed_0" {
  role       = aws_iam_role.compactor_lambda.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_kms_key" "autodeploy_logs" {
  description             = "ingest: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_cloudwatch_log_group" "compactor" {
  name              = "/aws/lambda/${var.name_prefix}-compactor"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role_policy" "compactor_logs" {
  name   = "${var.name_prefix}-compactor-logs"
  role   = aws_iam_role.compactor_lambda.id
  policy = data.aws_iam_policy_document.compactor_logs_policy.json
}

resource "aws_lambda_function" "compactor" {
  function_name    = "${var.name_prefix}-compactor"
  role             = aws_iam_role.compactor_lambda.arn
  runtime          = "python3.12"
  handler          = "main.handler"
  filename         = data.archive_file.compactor.output_path
  source_code_hash = data.archive_file.compactor.output_base64sha256
  memory_size      = 2048
  timeout          = 900
  architectures    = ["x86_64"]

  tracing_config {
    mode = "Active"
  }

  tags = {
    Name                  = "compactor"
    "autodeploy:resource" = "compactor"
  }
  depends_on = [aws_cloudwatch_log_group.compactor]
}

resource "aws_cloudwatch_event_rule" "compactor_schedule" {
  name                = "${var.name_prefix}-compactor-schedule"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "compactor_schedule" {
  rule = aws_cloudwatch_event_rule.compactor_schedule.name
  arn  = aws_lambda_function.compactor.arn
}

resource "aws_lambda_permission" "compactor_schedule" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.compactor.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.compactor_schedule.arn
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "ingest-trail-trail-c200fa3e"
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
  bucket        = "ingest-access-logs-858da925"
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

resource "aws_s3_bucket" "uploads" {
  bucket        = "ingest-uploads-801910f2"
  force_destroy = false
  tags = {
    Name                  = "uploads"
    data_classification   = "pii"
    "autodeploy:resource" = "uploads"
  }
}

resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data_key.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket                  = aws_s3_bucket.uploads.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    id     = "lifecycle"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    transition {
      days          = 90
      storage_class = "GLACIER"
    }
  }

  depends_on = [aws_s3_bucket_versioning.uploads]
}

resource "aws_s3_bucket_logging" "uploads" {
  bucket        = aws_s3_bucket.uploads.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/uploads/"
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
    stage                 = "prod"
    "autodeploy:resource" = "worker"
  }
  depends_on = [aws_cloudwatch_log_group.worker]
}

resource "aws_lambda_event_source_mapping" "worker" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}

resource "aws_iam_role_policy" "worker_access" {
  name   = "${var.name_prefix}-worker-access"
  role   = aws_iam_role.worker_lambda.id
  policy = data.aws_iam_policy_document.worker_access_policy.json
}

resource "aws_iam_role_policy" "compactor_access" {
  name   = "${var.name_prefix}-compactor-access"
  role   = aws_iam_role.compactor_lambda.id
  policy = data.aws_iam_policy_document.compactor_access_policy.json
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

output "results_table_name" {
  description = "name of table results"
  value       = aws_dynamodb_table.results.name
}

output "compactor_function_arn" {
  description = "ARN of function compactor"
  value       = aws_lambda_function.compactor.arn
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}

output "uploads_bucket_name" {
  description = "name of bucket uploads"
  value       = aws_s3_bucket.uploads.id
}

output "worker_function_arn" {
  description = "ARN of function worker"
  value       = aws_lambda_function.worker.arn
}
