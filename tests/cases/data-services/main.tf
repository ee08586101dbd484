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
  default     = "order-platform"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "tags" {
  description = "tags applied to every resource (provider default_tags)"
  type        = map(string)
  default = {
    team                    = "commerce"
    environment             = "prod"
    "autodeploy:deployment" = "order_platform"
  }
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

data "aws_iam_policy_document" "catalog_search_logs" {
  statement {
    effect    = "Allow"
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = ["${aws_cloudwatch_log_group.catalog_search.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["es.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "clickstream_delivery_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "clickstream_delivery_policy" {
  statement {
    sid    = "ReadStream"
    effect = "Allow"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:GetShardIterator",
      "kinesis:GetRecords",
      "kinesis:ListShards",
    ]
    resources = [aws_kinesis_stream.clickstream.arn]
  }

  statement {
    sid    = "WriteBucket"
    effect = "Allow"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetBucketLocation",
      "s3:GetObject",
      "s3:ListBucket",
      "s3:ListBucketMultipartUploads",
      "s3:PutObject",
    ]
    resources = [aws_s3_bucket.events_archive.arn, "${aws_s3_bucket.events_archive.arn}/*"]
  }

  statement {
    sid       = "WriteErrors"
    effect    = "Allow"
    actions   = ["logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.clickstream_delivery.arn}:*"]
  }

  statement {
    sid       = "DecryptStream"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.data_key.arn]
  }

  statement {
    sid       = "EncryptObjects"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [aws_kms_key.data_key.arn]
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
  description             = "order_platform: CloudWatch Logs encryption (autodeploy)"
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
  description             = "order_platform: data_key"
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

resource "aws_cloudwatch_log_group" "catalog_search" {
  name              = "/aws/opensearch/${var.name_prefix}-catalog"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_cloudwatch_log_resource_policy" "catalog_search" {
  policy_name     = "${var.name_prefix}-catalog-opensearch-logs"
  policy_document = data.aws_iam_policy_document.catalog_search_logs.json
}

resource "aws_security_group" "catalog" {
  name        = "${var.name_prefix}-catalog"
  description = "search catalog (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "catalog"
  }
}

resource "aws_opensearch_domain" "catalog" {
  domain_name    = "order-platform-catalog"
  engine_version = "OpenSearch_2.17"

  cluster_config {
    instance_type          = "c4.2xlarge.search"
    instance_count         = 2
    zone_awareness_enabled = true

    zone_awareness_config {
      availability_zone_count = 2
    }

    dedicated_master_enabled = true
    dedicated_master_type    = "c4.8xlarge.search"
    dedicated_master_count   = 3
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = 100
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.data_key.arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false

    master_user_options {
      master_user_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
    }
  }

  vpc_options {
    subnet_ids         = slice(aws_subnet.core_private[*].id, 0, 2)
    security_group_ids = [aws_security_group.catalog.id]
  }

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.catalog_search.arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.catalog_search.arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.catalog_search.arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.catalog_search.arn
    enabled                  = true
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
        Resource = "arn:${data.aws_partition.current.partition}:es:${var.region}:${data.aws_caller_identity.current.account_id}:domain/order-platform-catalog/*"
      },
    ]
  })
  tags = {
    Name                  = "catalog"
    "autodeploy:resource" = "catalog"
  }
}

resource "aws_s3_bucket" "events_archive" {
  bucket        = "order-platform-events-archive-92ef15e1"
  force_destroy = false
  tags = {
    Name                  = "events_archive"
    data_classification   = "pci"
    "autodeploy:resource" = "events_archive"
  }
}

resource "aws_s3_bucket_versioning" "events_archive" {
  bucket = aws_s3_bucket.events_archive.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "events_archive" {
  bucket = aws_s3_bucket.events_archive.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data_key.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "events_archive" {
  bucket                  = aws_s3_bucket.events_archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "events_archive" {
  bucket = aws_s3_bucket.events_archive.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "events_archive" {
  bucket = aws_s3_bucket.events_archive.id

  rule {
    id     = "lifecycle"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.events_archive]
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "order-platform-access-logs-8a2e1e5d"
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

resource "aws_s3_bucket_logging" "events_archive" {
  bucket        = aws_s3_bucket.events_archive.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/events_archive/"
}

resource "aws_kinesis_stream" "clickstream" {
  name             = "${var.name_prefix}-clickstream"
  shard_count      = 2
  retention_period = 168

  stream_mode_details {
    stream_mode = "PROVISIONED"
  }

  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.data_key.arn
  tags = {
    Name                  = "clickstream"
    data_classification   = "pci"
    "autodeploy:resource" = "clickstream"
  }
}

resource "aws_iam_role" "clickstream_delivery" {
  name               = "${var.name_prefix}-clickstream-delivery"
  assume_role_policy = data.aws_iam_policy_document.clickstream_delivery_assume.json
}

resource "aws_iam_role_policy" "clickstream_delivery" {
  name   = "${var.name_prefix}-clickstream-delivery"
  role   = aws_iam_role.clickstream_delivery.id
  policy = data.aws_iam_policy_document.clickstream_delivery_policy.json
}

resource "aws_cloudwatch_log_group" "clickstream_delivery" {
  name              = "/aws/kinesisfirehose/${var.name_prefix}-clickstream"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_cloudwatch_log_stream" "clickstream_delivery" {
  name           = "DestinationDelivery"
  log_group_name = aws_cloudwatch_log_group.clickstream_delivery.name
}

resource "aws_kinesis_firehose_delivery_stream" "clickstream_delivery" {
  name        = "${var.name_prefix}-clickstream-delivery"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.clickstream.arn
    role_arn           = aws_iam_role.clickstream_delivery.arn
  }

  extended_s3_configuration {
    role_arn    = aws_iam_role.clickstream_delivery.arn
    bucket_arn  = aws_s3_bucket.events_archive.arn
    prefix      = "clickstream/"
    kms_key_arn = aws_kms_key.data_key.arn

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.clickstream_delivery.name
      log_stream_name = aws_cloudwatch_log_stream.clickstream_delivery.name
    }
  }

  tags = {
    Name                  = "clickstream"
    data_classification   = "pci"
    "autodeploy:resource" = "clickstream"
  }
}

resource "random_password" "fulfilment_admin" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "fulfilment_admin" {
  name                    = "${var.name_prefix}-fulfilment-admin"
  description             = "admin user of broker fulfilment"
  kms_key_id              = aws_kms_key.data_key.arn
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "fulfilment_admin" {
  secret_id = aws_secretsmanager_secret.fulfilment_admin.id
  secret_string = jsonencode({
    username = "app_admin"
    password = random_password.fulfilment_admin.result
  })
}

resource "aws_security_group" "fulfilment" {
  name        = "${var.name_prefix}-fulfilment"
  description = "broker fulfilment (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "fulfilment"
  }
}

resource "aws_mq_broker" "fulfilment" {
  broker_name                = "order-platform-fulfilment-663b87"
  engine_type                = "ActiveMQ"
  engine_version             = "5.18"
  host_instance_type         = "mq.m5.large"
  deployment_mode            = "ACTIVE_STANDBY_MULTI_AZ"
  publicly_accessible        = false
  subnet_ids                 = slice(aws_subnet.core_private[*].id, 0, 2)
  security_groups            = [aws_security_group.fulfilment.id]
  auto_minor_version_upgrade = true

  encryption_options {
    use_aws_owned_key = false
    kms_key_id        = aws_kms_key.data_key.arn
  }

  logs {
    general = true
    audit   = true
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

resource "aws_cloudwatch_log_group" "orders_kafka" {
  name              = "/aws/msk/${var.name_prefix}-orders"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_msk_cluster" "orders" {
  cluster_name           = "order-platform-orders-f794cc"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2

  broker_node_group_info {
    instance_type   = "kafka.t3.small"
    client_subnets  = aws_subnet.core_private[*].id
    security_groups = [aws_security_group.orders.id]

    storage_info {
      ebs_storage_info {
        volume_size = 200
      }
    }

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.data_key.arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      iam   = true
      scram = false
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.orders_kafka.name
      }
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
  name       = "order-platform-profiles-527dbf"
  subnet_ids = aws_subnet.core_private[*].id
  tags = {
    Name                  = "profiles"
    data_classification   = "pci"
    "autodeploy:resource" = "profiles"
  }
}

resource "aws_docdb_cluster_parameter_group" "profiles" {
  name        = "order-platform-profiles-527dbf"
  family      = "docdb5.0"
  description = "order_platform: profiles (TLS and audit logs)"

  parameter {
    name  = "tls"
    value = "enabled"
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
  kms_key_id              = aws_kms_key.data_key.arn
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
  cluster_identifier              = "order-platform-profiles-527dbf"
  engine                          = "docdb"
  engine_version                  = "5.0.0"
  master_username                 = "app_admin"
  master_password                 = random_password.profiles_admin.result
  db_subnet_group_name            = aws_docdb_subnet_group.profiles.name
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.profiles.name
  vpc_security_group_ids          = [aws_security_group.profiles.id]
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.data_key.arn
  backup_retention_period         = 14
  deletion_protection             = true
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  skip_final_snapshot             = false
  final_snapshot_identifier       = "order-platform-profiles-527dbf-final"
  tags = {
    Name                  = "profiles"
    data_classification   = "pci"
    "autodeploy:resource" = "profiles"
  }
}

resource "aws_docdb_cluster_instance" "profiles" {
  count                      = 2
  identifier                 = "order-platform-profiles-527dbf-${count.index}"
  cluster_identifier         = aws_docdb_cluster.profiles.id
  instance_class             = "db.t3.medium"
  auto_minor_version_upgrade = true
  tags = {
    Name                  = "profiles"
    data_classification   = "pci"
    "autodeploy:resource" = "profiles"
  }
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "order-platform-trail-trail-785ea040"
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

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "data_key_key_arn" {
  description = "ARN of KMS key data_key"
  value       = aws_kms_key.data_key.arn
}

output "catalog_endpoint" {
  description = "endpoint of search catalog"
  value       = aws_opensearch_domain.catalog.endpoint
}

output "events_archive_bucket_name" {
  description = "name of bucket events_archive"
  value       = aws_s3_bucket.events_archive.id
}

output "clickstream_arn" {
  description = "ARN of stream clickstream"
  value       = aws_kinesis_stream.clickstream.arn
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

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}
