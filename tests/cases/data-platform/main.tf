terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
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
  default     = "us-west-2"
}

variable "name_prefix" {
  description = "prefix of every resource name"
  type        = string
  default     = "data-platform"

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
    "autodeploy:deployment" = "data_platform"
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

data "aws_iam_policy_document" "bastion_instance_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "lake_net_flow_logs_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "lake_net_flow_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.lake_net_flow_logs.arn}:*"]
  }
}

data "aws_iam_policy_document" "metastore_monitoring_assume" {
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

data "aws_iam_policy_document" "workers_access_policy" {
  statement {
    sid       = "ListLake"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.lake.arn]
  }

  statement {
    sid       = "ObjectsLake"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.lake.arn}/*"]
  }

  statement {
    sid       = "KmsLake"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.lake_key.arn]
  }

  statement {
    sid     = "ConnectMetastore"
    effect  = "Allow"
    actions = ["rds-db:connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.metastore.resource_id}/app",
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

resource "aws_kms_key" "lake_key" {
  description             = "data_platform: lake_key"
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
    Name                  = "lake_key"
    "autodeploy:resource" = "lake_key"
  }
}

resource "aws_kms_alias" "lake_key" {
  name          = "alias/${var.name_prefix}/lake-key"
  target_key_id = aws_kms_key.lake_key.key_id
}

resource "aws_s3_bucket" "lake" {
  bucket              = "data-platform-lake-89918d59"
  object_lock_enabled = true
  force_destroy       = false
  tags = {
    Name                  = "lake"
    "autodeploy:resource" = "lake"
  }
}

resource "aws_s3_bucket_versioning" "lake" {
  bucket = aws_s3_bucket.lake.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.lake_key.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  bucket                  = aws_s3_bucket.lake.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    id     = "lifecycle"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    transition {
      days          = 0
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  depends_on = [aws_s3_bucket_versioning.lake]
}

resource "aws_s3_bucket_object_lock_configuration" "lake" {
  bucket = aws_s3_bucket.lake.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 90
    }
  }
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "data-platform-access-logs-cb678d06"
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

resource "aws_s3_bucket_logging" "lake" {
  bucket        = aws_s3_bucket.lake.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/lake/"
}

resource "aws_vpc" "lake_net" {
  cidr_block           = "10.80.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name                  = "lake_net"
    "autodeploy:resource" = "lake_net"
  }
}

resource "aws_default_security_group" "lake_net" {
  vpc_id = aws_vpc.lake_net.id
  tags = {
    Name = "lake_net-default"
  }
}

resource "aws_subnet" "lake_net_public" {
  count                   = 2
  vpc_id                  = aws_vpc.lake_net.id
  cidr_block              = cidrsubnet(aws_vpc.lake_net.cidr_block, 8, count.index + 0)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "lake_net-public-${count.index}"
    tier = "public"
  }
}

resource "aws_subnet" "lake_net_private" {
  count                   = 2
  vpc_id                  = aws_vpc.lake_net.id
  cidr_block              = cidrsubnet(aws_vpc.lake_net.cidr_block, 8, count.index + 128)
  availability_zone       = element(slice(data.aws_availability_zones.available.names, 0, 2), count.index)
  map_public_ip_on_launch = false
  tags = {
    Name = "lake_net-private-${count.index}"
    tier = "private"
  }
}

resource "aws_internet_gateway" "lake_net" {
  vpc_id = aws_vpc.lake_net.id
  tags = {
    Name = "lake_net"
  }
}

resource "aws_route_table" "lake_net_public" {
  vpc_id = aws_vpc.lake_net.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.lake_net.id
  }

  tags = {
    Name = "lake_net-public"
  }
}

resource "aws_route_table_association" "lake_net_public" {
  count          = 2
  subnet_id      = aws_subnet.lake_net_public[count.index].id
  route_table_id = aws_route_table.lake_net_public.id
}

resource "aws_eip" "lake_net_nat" {
  count  = 1
  domain = "vpc"
  tags = {
    Name = "lake_net-nat-${count.index}"
  }
}

resource "aws_nat_gateway" "lake_net" {
  count         = 1
  allocation_id = aws_eip.lake_net_nat[count.index].id
  subnet_id     = aws_subnet.lake_net_public[count.index].id
  tags = {
    Name = "lake_net-nat-${count.index}"
  }
}

resource "aws_route_table" "lake_net_private" {
  count  = 1
  vpc_id = aws_vpc.lake_net.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.lake_net[count.index].id
  }

  tags = {
    Name = "lake_net-private-${count.index}"
  }
}

resource "aws_route_table_association" "lake_net_private" {
  count          = 2
  subnet_id      = aws_subnet.lake_net_private[count.index].id
  route_table_id = aws_route_table.lake_net_private[count.index % 1].id
}

resource "aws_kms_key" "autodeploy_logs" {
  description             = "data_platform: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_cloudwatch_log_group" "lake_net_flow_logs" {
  name              = "/autodeploy/${var.name_prefix}/vpc/lake_net"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role" "lake_net_flow_logs" {
  name               = "${var.name_prefix}-lake-net-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.lake_net_flow_logs_assume.json
}

resource "aws_iam_role_policy" "lake_net_flow_logs" {
  name   = "${var.name_prefix}-lake-net-flow-logs"
  role   = aws_iam_role.lake_net_flow_logs.id
  policy = data.aws_iam_policy_document.lake_net_flow_logs_policy.json
}

resource "aws_flow_log" "lake_net" {
  vpc_id               = aws_vpc.lake_net.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.lake_net_flow_logs.arn
  iam_role_arn         = aws_iam_role.lake_net_flow_logs.arn
}

resource "aws_security_group" "bastion" {
  name        = "${var.name_prefix}-bastion"
  description = "vm bastion (managed by autodeploy)"
  vpc_id      = aws_vpc.lake_net.id
  tags = {
    Name = "bastion"
  }
}

resource "aws_vpc_security_group_ingress_rule" "bastion_in_ssh" {
  security_group_id = aws_security_group.bastion.id
  description       = "SSH from 203.0.113.0/24 (as written)"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "203.0.113.0/24"
}

resource "aws_vpc_security_group_egress_rule" "bastion_out_https" {
  security_group_id = aws_security_group.bastion.id
  description       = "HTTPS to AWS APIs and package mirrors"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_iam_role" "bastion_instance" {
  name               = "${var.name_prefix}-bastion-instance"
  assume_role_policy = data.aws_iam_policy_document.bastion_instance_assume.json
}

resource "aws_iam_role_policy_attachment" "bastion_instance_managed_0" {
  role       = aws_iam_role.bastion_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "bastion" {
  name = "${var.name_prefix}-bastion"
  role = aws_iam_role.bastion_instance.name
}

resource "aws_instance" "bastion" {
  ami                         = data.aws_ssm_parameter.al2023_x86_64.value
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.lake_net_public[0].id
  vpc_security_group_ids      = [aws_security_group.bastion.id]
  iam_instance_profile        = aws_iam_instance_profile.bastion.name
  associate_public_ip_address = false
  monitoring                  = true
  ebs_optimized               = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_size = 20
    volume_type = "gp3"
    encrypted   = true
  }

  tags = {
    Name                  = "bastion"
    "autodeploy:resource" = "bastion"
  }
}

resource "aws_security_group" "metastore" {
  name        = "${var.name_prefix}-metastore"
  description = "database metastore (managed by autodeploy)"
  vpc_id      = aws_vpc.lake_net.id
  tags = {
    Name = "metastore"
  }
}

resource "aws_db_subnet_group" "metastore" {
  name       = "data-platform-metastore-2ca49d"
  subnet_ids = aws_subnet.lake_net_private[*].id
  tags = {
    Name                  = "metastore"
    "autodeploy:resource" = "metastore"
  }
}

resource "aws_db_parameter_group" "metastore" {
  name   = "data-platform-metastore-2ca49d"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_iam_role" "metastore_monitoring" {
  name               = "${var.name_prefix}-metastore-monitoring"
  assume_role_policy = data.aws_iam_policy_document.metastore_monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "metastore_monitoring_managed_0" {
  role       = aws_iam_role.metastore_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "metastore" {
  identifier                          = "data-platform-metastore-2ca49d"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 500
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.lake_key.arn
  username                            = "app_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.lake_key.arn
  iam_database_authentication_enabled = true
  multi_az                            = true
  db_subnet_group_name                = aws_db_subnet_group.metastore.name
  parameter_group_name                = aws_db_parameter_group.metastore.name
  vpc_security_group_ids              = [aws_security_group.metastore.id]
  publicly_accessible                 = false
  backup_retention_period             = 14
  deletion_protection                 = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.metastore_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.lake_key.arn
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "data-platform-metastore-2ca49d-final"
  tags = {
    Name                  = "metastore"
    "autodeploy:resource" = "metastore"
  }
}

resource "aws_s3_bucket" "trail_trail" {
  bucket        = "data-platform-trail-trail-09abd40d"
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
      kms_master_key_id = aws_kms_key.lake_key.arn
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
      days = 400
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
  retention_in_days = 400
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
  kms_key_id                    = aws_kms_key.lake_key.arn
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
  vpc_id      = aws_vpc.lake_net.id
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
  instance_type          = "m6i.2xlarge"
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
      volume_size           = 200
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.lake_key.arn
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
  max_size            = 10
  desired_capacity    = 2
  vpc_zone_identifier = aws_subnet.lake_net_private[*].id
  health_check_type   = "ELB"
  target_group_arns   = [aws_lb_target_group.notebooks_workers.arn]

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

resource "aws_security_group" "notebooks_lb" {
  name        = "${var.name_prefix}-notebooks-lb"
  description = "load balancer notebooks (managed by autodeploy)"
  vpc_id      = aws_vpc.lake_net.id
  tags = {
    Name = "notebooks_lb"
  }
}

resource "aws_vpc_security_group_ingress_rule" "notebooks_lb_in_443" {
  security_group_id = aws_security_group.notebooks_lb.id
  description       = "clients inside the VPC"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = aws_vpc.lake_net.cidr_block
}

resource "aws_lb" "notebooks" {
  name                       = "data-platform-notebooks"
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = aws_subnet.lake_net_private[*].id
  security_groups            = [aws_security_group.notebooks_lb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = aws_s3_bucket.autodeploy_access_logs.id
    prefix  = "lb/notebooks"
    enabled = true
  }

  tags = {
    Name                  = "notebooks"
    "autodeploy:resource" = "notebooks"
  }
}

resource "aws_lb_target_group" "notebooks_workers" {
  name        = "data-platform-notebooks-workers"
  target_type = "instance"
  port        = 443
  protocol    = "HTTPS"
  vpc_id      = aws_vpc.lake_net.id

  health_check {
    enabled  = true
    protocol = "HTTPS"
    path     = "/"
    matcher  = "200-399"
  }
}

resource "aws_vpc_security_group_ingress_rule" "workers_in_from_notebooks_lb" {
  security_group_id            = aws_security_group.workers.id
  description                  = "from load balancer notebooks"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.notebooks_lb.id
}

resource "aws_vpc_security_group_egress_rule" "notebooks_lb_out_to_workers" {
  security_group_id            = aws_security_group.notebooks_lb.id
  description                  = "to target workers"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.workers.id
}

resource "aws_lb_listener" "notebooks" {
  load_balancer_arn = aws_lb.notebooks.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.notebooks_workers.arn
  }
}

resource "aws_iam_role_policy" "workers_access" {
  name   = "${var.name_prefix}-workers-access"
  role   = aws_iam_role.workers_instance.id
  policy = data.aws_iam_policy_document.workers_access_policy.json
}

resource "aws_vpc_security_group_ingress_rule" "metastore_in_from_workers" {
  security_group_id            = aws_security_group.metastore.id
  description                  = "from vm workers"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.workers.id
}

resource "aws_vpc_security_group_egress_rule" "workers_out_to_metastore" {
  security_group_id            = aws_security_group.workers.id
  description                  = "to database metastore"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.metastore.id
}

output "lake_key_key_arn" {
  description = "ARN of KMS key lake_key"
  value       = aws_kms_key.lake_key.arn
}

output "lake_bucket_name" {
  description = "name of bucket lake"
  value       = aws_s3_bucket.lake.id
}

output "lake_net_vpc_id" {
  description = "VPC id of network lake_net"
  value       = aws_vpc.lake_net.id
}

output "metastore_endpoint" {
  description = "endpoint of database metastore"
  value       = aws_db_instance.metastore.endpoint
}

output "trail_trail_arn" {
  description = "ARN of trail trail"
  value       = aws_cloudtrail.trail.arn
}

output "notebooks_dns_name" {
  description = "DNS name of load balancer notebooks"
  value       = aws_lb.notebooks.dns_name
}
