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
  default     = "analytics-api-insecu"

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
    "autodeploy:deployment" = "analytics_api_insecure"
  }
}

data "archive_file" "score" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/score.zip"
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

data "aws_iam_policy_document" "db_host_instance_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "nightly_data_policy" {
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
    sid       = "ListCurated"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.curated.arn]
  }

  statement {
    sid       = "ObjectsCurated"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.curated.arn}/*"]
  }
}

data "aws_iam_policy_document" "nightly_glue_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "score_access_policy" {
  statement {
    sid       = "InvokeScoring"
    effect    = "Allow"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = [aws_sagemaker_endpoint.scoring.arn]
  }
}

data "aws_iam_policy_document" "score_lambda_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "score_logs_policy" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.score.arn}:*"]
  }
}

data "aws_iam_policy_document" "scoring_model_policy" {
  statement {
    sid       = "Logs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.scoring.arn}:*"]
  }
}

data "aws_iam_policy_document" "scoring_sagemaker_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

data "aws_partition" "current" {}

data "aws_ssm_parameter" "al2023_x86_64" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_vpc" "core" {
  cidr_block           = "10.0.0.0/16"
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
  description             = "analytics_api_insecure: CloudWatch Logs encryption (autodeploy)"
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

resource "aws_s3_bucket" "curated" {
  bucket        = "analytics-api-insecure-curated-1fad7994"
  force_destroy = false
  tags = {
    Name                  = "curated"
    "autodeploy:resource" = "curated"
  }
}

resource "aws_s3_bucket_versioning" "curated" {
  bucket = aws_s3_bucket.curated.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "curated" {
  bucket = aws_s3_bucket.curated.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "curated" {
  bucket                  = aws_s3_bucket.curated.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "curated" {
  bucket = aws_s3_bucket.curated.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "curated" {
  bucket = aws_s3_bucket.curated.id

  rule {
    id     = "lifecycle"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.curated]
}

resource "aws_s3_bucket" "autodeploy_access_logs" {
  bucket        = "analytics-api-insecure-access-logs-40dd71cd"
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

resource "aws_s3_bucket_logging" "curated" {
  bucket        = aws_s3_bucket.curated.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/curated/"
}

resource "aws_security_group" "db_host" {
  name        = "${var.name_prefix}-db-host"
  description = "vm db_host (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "db_host"
  }
}

resource "aws_vpc_security_group_egress_rule" "db_host_out_https" {
  security_group_id = aws_security_group.db_host.id
  description       = "HTTPS to AWS APIs and package mirrors"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_iam_role" "db_host_instance" {
  name               = "${var.name_prefix}-db-host-instance"
  assume_role_policy = data.aws_iam_policy_document.db_host_instance_assume.json
}

resource "aws_iam_role_policy_attachment" "db_host_instance_managed_0" {
  role       = aws_iam_role.db_host_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "db_host" {
  name = "${var.name_prefix}-db-host"
  role = aws_iam_role.db_host_instance.name
}

resource "aws_instance" "db_host" {
  ami                         = data.aws_ssm_parameter.al2023_x86_64.value
  instance_type               = "t3.large"
  subnet_id                   = aws_subnet.core_private[0].id
  vpc_security_group_ids      = [aws_security_group.db_host.id]
  iam_instance_profile        = aws_iam_instance_profile.db_host.name
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
    Name                  = "db_host"
    "autodeploy:resource" = "db_host"
  }
}

resource "aws_ebs_volume" "db_data" {
  count             = 2
  availability_zone = aws_instance.db_host.availability_zone
  size              = 500
  type              = "gp3"
  encrypted         = false
  tags = {
    Name                  = "db_data"
    "autodeploy:resource" = "db_data"
  }
}

resource "aws_volume_attachment" "db_data" {
  count       = 2
  device_name = element(["/dev/sdf", "/dev/sdg"], count.index % 2)
  volume_id   = aws_ebs_volume.db_data[count.index].id
  instance_id = aws_instance.db_host.id
}

resource "aws_s3_bucket" "raw" {
  bucket        = "analytics-api-insecure-raw-64ec1697"
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
      sse_algorithm = "aws:kms"
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
  }

  depends_on = [aws_s3_bucket_versioning.raw]
}

resource "aws_s3_bucket_logging" "raw" {
  bucket        = aws_s3_bucket.raw.id
  target_bucket = aws_s3_bucket.autodeploy_access_logs.id
  target_prefix = "s3/raw/"
}

resource "aws_iam_role" "nightly_glue" {
  name               = "${var.name_prefix}-nightly-glue"
  assume_role_policy = data.aws_iam_policy_document.nightly_glue_assume.json
}

resource "aws_iam_role_policy_attachment" "nightly_glue_managed_0" {
  role       = aws_iam_role.nightly_glue.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSGlueServiceRole"
}

resource "aws_iam_role_policy" "nightly_data" {
  name   = "${var.name_prefix}-nightly-data"
  role   = aws_iam_role.nightly_glue.id
  policy = data.aws_iam_policy_document.nightly_data_policy.json
}

resource "aws_glue_job" "nightly" {
  name              = "${var.name_prefix}-nightly"
  role_arn          = aws_iam_role.nightly_glue.arn
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 120

  command {
    name            = "glueetl"
    script_location = "s3://${aws_s3_bucket.raw.bucket}/scripts/etl.py"
    python_version  = "3"
  }

  default_arguments = {
    "--job-bookmark-option" = "job-bookmark-enable"
    "--enable-metrics"      = "true"
    "--job-language"        = "python"
  }

  execution_property {
    max_concurrent_runs = 1
  }

  tags = {
    Name                  = "nightly"
    "autodeploy:resource" = "nightly"
  }
}

resource "aws_glue_catalog_database" "nightly" {
  name = "${var.name_prefix}-nightly-catalog"
}

resource "aws_glue_crawler" "nightly" {
  name          = "${var.name_prefix}-nightly-crawler"
  role          = aws_iam_role.nightly_glue.arn
  database_name = aws_glue_catalog_database.nightly.name

  s3_target {
    path = "s3://${aws_s3_bucket.curated.bucket}/"
  }

  tags = {
    Name                  = "nightly"
    "autodeploy:resource" = "nightly"
  }
}

resource "aws_glue_trigger" "nightly_crawl" {
  name = "${var.name_prefix}-nightly-crawl"
  type = "CONDITIONAL"

  predicate {
    conditions {
      job_name = aws_glue_job.nightly.name
      state    = "SUCCEEDED"
    }
  }

  actions {
    crawler_name = aws_glue_crawler.nightly.name
  }

  tags = {
    Name                  = "nightly"
    "autodeploy:resource" = "nightly"
  }
}

resource "aws_iam_role" "scoring_sagemaker" {
  name               = "${var.name_prefix}-scoring-sagemaker"
  assume_role_policy = data.aws_iam_policy_document.scoring_sagemaker_assume.json
}

resource "aws_iam_role_policy_attachment" "scoring_sagemaker_managed_0" {
  role       = aws_iam_role.scoring_sagemaker.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}

resource "aws_cloudwatch_log_group" "scoring" {
  name              = "/aws/sagemaker/Endpoints/${var.name_prefix}-scoring"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role_policy" "scoring_model" {
  name   = "${var.name_prefix}-scoring-model"
  role   = aws_iam_role.scoring_sagemaker.id
  policy = data.aws_iam_policy_document.scoring_model_policy.json
}

resource "aws_sagemaker_model" "scoring" {
  name                     = "${var.name_prefix}-scoring"
  execution_role_arn       = aws_iam_role.scoring_sagemaker.arn
  enable_network_isolation = false

  primary_container {
    image = "ghcr.io/acme/fraud-model:1.4"
  }

  tags = {
    Name                  = "scoring"
    "autodeploy:resource" = "scoring"
  }
}

resource "aws_sagemaker_endpoint_configuration" "scoring" {
  name = "${var.name_prefix}-scoring"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = aws_sagemaker_model.scoring.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }

  tags = {
    Name                  = "scoring"
    "autodeploy:resource" = "scoring"
  }
}

resource "aws_sagemaker_endpoint" "scoring" {
  name                 = "${var.name_prefix}-scoring"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.scoring.name
  tags = {
    Name                  = "scoring"
    "autodeploy:resource" = "scoring"
  }
}

resource "aws_iam_role" "score_lambda" {
  name               = "${var.name_prefix}-score-lambda"
  assume_role_policy = data.aws_iam_policy_document.score_lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "score_lambda_managed_0" {
  role       = aws_iam_role.score_lambda.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_cloudwatch_log_group" "score" {
  name              = "/aws/lambda/${var.name_prefix}-score"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.autodeploy_logs.arn
}

resource "aws_iam_role_policy" "score_logs" {
  name   = "${var.name_prefix}-score-logs"
  role   = aws_iam_role.score_lambda.id
  policy = data.aws_iam_policy_document.score_logs_policy.json
}

resource "aws_lambda_function" "score" {
  function_name    = "${var.name_prefix}-score"
  role             = aws_iam_role.score_lambda.arn
  runtime          = "python3.12"
  handler          = "main.handler"
  filename         = data.archive_file.score.output_path
  source_code_hash = data.archive_file.score.output_base64sha256
  memory_size      = 512
  timeout          = 30
  architectures    = ["x86_64"]

  tracing_config {
    mode = "Active"
  }

  tags = {
    Name                  = "score"
    "autodeploy:resource" = "score"
  }
  depends_on = [aws_cloudwatch_log_group.score]
}

resource "aws_apigatewayv2_api" "open_api" {
  name          = "${var.name_prefix}-open-api"
  protocol_type = "HTTP"
  tags = {
    Name                  = "open_api"
    "autodeploy:resource" = "open_api"
  }
}

resource "aws_lambda_permission" "open_api_score" {
  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.score.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.open_api.execution_arn}/*/*"
}

resource "aws_apigatewayv2_integration" "open_api_score" {
  api_id                 = aws_apigatewayv2_api.open_api.id
  integration_type       = "AWS_PROXY"
  payload_format_version = "2.0"
  integration_uri        = aws_lambda_function.score.invoke_arn
}

resource "aws_apigatewayv2_route" "open_api_score" {
  api_id             = aws_apigatewayv2_api.open_api.id
  route_key          = "$default"
  target             = "integrations/${aws_apigatewayv2_integration.open_api_score.id}"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_stage" "open_api" {
  api_id      = aws_apigatewayv2_api.open_api.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = 100
    throttling_burst_limit   = 200
    detailed_metrics_enabled = true
  }

  tags = {
    Name                  = "open_api"
    "autodeploy:resource" = "open_api"
  }
}

resource "aws_efs_file_system" "shared" {
  creation_token   = "${var.name_prefix}-shared"
  encrypted        = false
  performance_mode = "generalPurpose"
  throughput_mode  = "bursting"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = {
    Name                  = "shared"
    "autodeploy:resource" = "shared"
  }
}

resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id

  backup_policy {
    status = "DISABLED"
  }
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyInsecureTransport"
        Effect = "Deny"
        Principal = {
          AWS = "*"
        }
        Action   = "*"
        Resource = aws_efs_file_system.shared.arn
        Condition = {
          Bool = {
            "aws:SecureTransport" = "false"
          }
        }
      },
    ]
  })
}

resource "aws_security_group" "shared" {
  name        = "${var.name_prefix}-shared"
  description = "file_system shared (managed by autodeploy)"
  vpc_id      = aws_vpc.core.id
  tags = {
    Name = "shared"
  }
}

resource "aws_efs_mount_target" "shared" {
  count           = length(aws_subnet.core_private)
  file_system_id  = aws_efs_file_system.shared.id
  subnet_id       = aws_subnet.core_private[count.index].id
  security_groups = [aws_security_group.shared.id]
}

resource "aws_efs_access_point" "shared" {
  file_system_id = aws_efs_file_system.shared.id

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/shared"

    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "750"
    }
  }

  tags = {
    Name                  = "shared"
    "autodeploy:resource" = "shared"
  }
}

resource "aws_iam_role_policy" "score_access" {
  name   = "${var.name_prefix}-score-access"
  role   = aws_iam_role.score_lambda.id
  policy = data.aws_iam_policy_document.score_access_policy.json
}

output "core_vpc_id" {
  description = "VPC id of network core"
  value       = aws_vpc.core.id
}

output "curated_bucket_name" {
  description = "name of bucket curated"
  value       = aws_s3_bucket.curated.id
}

output "db_data_volume_ids" {
  description = "IDs of volume db_data"
  value       = aws_ebs_volume.db_data[*].id
}

output "raw_bucket_name" {
  description = "name of bucket raw"
  value       = aws_s3_bucket.raw.id
}

output "nightly_glue_job_name" {
  description = "Name of Glue job nightly"
  value       = aws_glue_job.nightly.name
}

output "scoring_endpoint_name" {
  description = "Name of model endpoint scoring"
  value       = aws_sagemaker_endpoint.scoring.name
}

output "score_function_arn" {
  description = "ARN of function score"
  value       = aws_lambda_function.score.arn
}

output "open_api_api_endpoint" {
  description = "Endpoint of API open_api"
  value       = aws_apigatewayv2_api.open_api.api_endpoint
}

output "shared_file_system_id" {
  description = "ID of file system shared"
  value       = aws_efs_file_system.shared.id
}
