"""The Terraform twin of bench/gen_adl.py: the same N resources (same layout, names, sizes and
references) written as a user would write them by hand for AWS, for timing checkov on the
equivalent input (bench/cli_table.py). About two Terraform resources per ADL resource: a bucket
is a bucket plus its encryption configuration, a function its event source mapping, and so on.

    python bench/gen_tf.py 1000 > /tmp/big/main.tf
"""

from __future__ import annotations

import sys

from gen_adl import layout

HEADER = """terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_iam_role" "exec" {
  name               = "bench-exec"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
"""


def _resource(i: int, group: int, k: str | int) -> str:
    net, key = f"net{group}", f"key{group}"
    if k == "network":
        return (f'resource "aws_vpc" "{net}" {{\n  cidr_block = "10.{group % 250}.0.0/16"\n}}\n\n'
                f'resource "aws_subnet" "{net}_private" {{\n  vpc_id     = aws_vpc.{net}.id\n'
                f'  cidr_block = "10.{group % 250}.1.0/24"\n}}\n')
    if k == "key":
        return f'resource "aws_kms_key" "{key}" {{\n  enable_key_rotation = true\n}}\n'
    if k == 0:
        return (f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bench-b{i}"\n}}\n\n'
                f'resource "aws_s3_bucket_server_side_encryption_configuration" "b{i}" {{\n'
                f'  bucket = aws_s3_bucket.b{i}.id\n  rule {{\n    apply_server_side_encryption_by_default {{\n'
                f'      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.{key}.arn\n'
                f'    }}\n  }}\n}}\n')
    if k == 1:
        return (f'resource "aws_db_instance" "d{i}" {{\n  identifier        = "d{i}"\n'
                f'  engine            = "postgres"\n'
                f'  instance_class    = "db.m6g.large"\n  allocated_storage = 100\n  storage_encrypted = true\n'
                f'  kms_key_id        = aws_kms_key.{key}.arn\n  db_subnet_group_name = "{net}-private"\n'
                f'  username          = "app"\n  manage_master_user_password = true\n}}\n')
    if k == 2:
        return (f'resource "aws_sqs_queue" "q{i}" {{\n  name                      = "q{i}"\n'
                f'  kms_master_key_id         = aws_kms_key.{key}.arn\n'
                f'  message_retention_seconds = 345600\n}}\n')
    if k == 3:
        return (f'resource "aws_lambda_function" "f{i}" {{\n  function_name = "f{i}"\n  runtime       = "python3.12"\n'
                f'  handler       = "main.handler"\n  memory_size   = 512\n  filename      = "src.zip"\n'
                f'  role          = aws_iam_role.exec.arn\n'
                f'  environment {{\n    variables = {{ BUCKET = aws_s3_bucket.b{i - 3}.id }}\n  }}\n}}\n\n'
                f'resource "aws_lambda_event_source_mapping" "f{i}" {{\n'
                f'  event_source_arn = aws_sqs_queue.q{i - 1}.arn\n'
                f'  function_name    = aws_lambda_function.f{i}.arn\n}}\n')
    if k == 4:
        return (f'resource "aws_ecs_task_definition" "s{i}" {{\n  family                   = "s{i}"\n'
                f'  requires_compatibilities = ["FARGATE"]\n  network_mode             = "awsvpc"\n'
                f'  cpu                      = "1024"\n  memory                   = "2048"\n'
                f'  container_definitions    = jsonencode([{{ name = "s{i}", image = "ghcr.io/acme/s:{i}",\n'
                f'    environment = [{{ name = "DB", value = aws_db_instance.d{i - 3}.address }},\n'
                f'                   {{ name = "BUCKET", value = aws_s3_bucket.b{i - 4}.id }}] }}])\n}}\n\n'
                f'resource "aws_ecs_service" "s{i}" {{\n  name            = "s{i}"\n'
                f'  task_definition = aws_ecs_task_definition.s{i}.arn\n  desired_count   = 2\n'
                f'  launch_type     = "FARGATE"\n  network_configuration {{\n'
                f'    subnets = [aws_subnet.{net}_private.id]\n  }}\n}}\n')
    if k == 5:
        return (f'resource "aws_dynamodb_table" "t{i}" {{\n  name         = "t{i}"\n'
                f'  billing_mode = "PAY_PER_REQUEST"\n'
                f'  hash_key     = "id"\n  attribute {{\n    name = "id"\n    type = "S"\n  }}\n'
                f'  server_side_encryption {{\n    enabled     = true\n    kms_key_arn = aws_kms_key.{key}.arn\n  }}\n'
                f'  point_in_time_recovery {{\n    enabled = true\n  }}\n}}\n')
    if k == 6:
        return (f'resource "aws_launch_template" "v{i}" {{\n  name_prefix   = "v{i}"\n  instance_type = "m6i.large"\n'
                f'  block_device_mappings {{\n    device_name = "/dev/xvda"\n    ebs {{\n      volume_size = 50\n'
                f'      encrypted   = true\n    }}\n  }}\n}}\n\n'
                f'resource "aws_autoscaling_group" "v{i}" {{\n  min_size            = 1\n  max_size            = 3\n'
                f'  vpc_zone_identifier = [aws_subnet.{net}_private.id]\n'
                f'  launch_template {{\n    id = aws_launch_template.v{i}.id\n  }}\n}}\n')
    return (f'resource "aws_sns_topic" "n{i}" {{\n  name              = "n{i}"\n'
            f'  kms_master_key_id = aws_kms_key.{key}.arn\n}}\n\n'
            f'resource "aws_sns_topic_subscription" "n{i}" {{\n  topic_arn = aws_sns_topic.n{i}.arn\n'
            f'  protocol  = "sqs"\n  endpoint  = aws_sqs_queue.q{i - 5}.arn\n}}\n')


def generate(n: int) -> str:
    return HEADER + "\n" + "\n".join(_resource(i, group, k) for i, group, k in layout(n))


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
