"""WAFv2 web ACLs on AWS: the facts Terraform (backends/terraform/emit_load_balancer.py `waf`) and
deploy (backends/deploy/waf.py) share, so the ACL `apply` builds is the one main.tf declares: the
same name, rule groups, log group and retention."""

from __future__ import annotations

from .names import prefixed

# AWS managed rule groups, evaluated in this order (priority = position + 1), counted as they vote
# (override action `none`): common exploits, known bad inputs, IPs with a bad reputation
MANAGED_RULE_GROUPS = ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                       "AWSManagedRulesAmazonIpReputationList")
VENDOR = "AWS"
# WAF delivers logs to CloudWatch Logs only into groups whose name starts with this
LOG_GROUP_PREFIX = "aws-waf-logs-"
LOG_RETENTION_DAYS = 365
# A CLOUDFRONT-scoped web ACL (and its log group) lives in us-east-1, whatever the deployment's region
CLOUDFRONT_REGION = "us-east-1"


def label(kind: str, resource: str) -> str:
    """The ACL's Terraform label, and so its name: the resource's own name, except an API gateway's
    (`<name>_waf`: its REST API already takes `<prefix>-<name>`)."""
    return f"{resource}_waf" if kind == "api_gateway" else resource


def acl_name(deployment: str, acl_label: str) -> str:
    """`${var.name_prefix}-<label>` with the default prefix."""
    return prefixed(deployment, acl_label)


def log_group(acl: str) -> str:
    """The ACL's log group: main.tf writes `aws-waf-logs-${var.name_prefix}-<label>`."""
    return LOG_GROUP_PREFIX + acl
