"""function -> Lambda function, its role and log group, and its trigger: an event source
mapping (queue / table stream), an S3 notification, an SNS subscription or a schedule."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Expr, Tmpl, ref, template_literal
from .registry import TERRAFORM


@TERRAFORM.register("function", primary=("aws_lambda_function",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r, required=False)
    role = f"{n}_lambda"
    managed = []
    if net:
        managed.append("service-role/AWSLambdaVPCAccessExecutionRole")
    if r.get("tracing"):
        managed.append("AWSXRayDaemonWriteAccess")
    ctx.role(role, "lambda.amazonaws.com", tuple(managed))
    ctx.roles[n] = role
    lg = ctx.log_group(n, Tmpl(f"/aws/lambda/${{var.name_prefix}}-{n.replace('_', '-')}"), 365)
    ctx.role_policy(f"{n}_logs", role, [{"actions": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                         "resources": [Tmpl(f"${{{lg.text}}}:*")]}])
    code = str(r.get("code"))
    ctx.flags.add("archive")
    ctx.data_source("archive_file", n, {"type": "zip", "source_dir": Tmpl("${path.module}/" + template_literal(code)),
                                        "output_path": Tmpl(f"${{path.module}}/.build/{n}.zip")})
    sg = ctx.security_group(r, net, None) if net else None
    ctx.resource("aws_lambda_function", n, {
        "function_name": ctx.name(n),
        "role": ref("aws_iam_role", role, "arn"),
        "runtime": r.get("runtime"),
        "handler": r.get("handler"),
        "filename": Expr(f"data.archive_file.{n}.output_path"),
        "source_code_hash": Expr(f"data.archive_file.{n}.output_base64sha256"),
        "memory_size": int(round(r.get("memory") * 1024)),
        "timeout": int(r.get("timeout")),
        "architectures": [r.get("arch")],
        "reserved_concurrent_executions": r.get("concurrency"),
        "tracing_config": Block({"mode": "Active"}) if r.get("tracing") else None,
        "vpc_config": Block({"subnet_ids": ctx.subnets(net), "security_group_ids": [sg]}) if net else None,
        "tags": ctx.tags(r),
        "depends_on": [Expr(f"aws_cloudwatch_log_group.{n}")],
    })
    fn_arn = ref("aws_lambda_function", n, "arn")
    trig = ctx.get((r.get("trigger") or {}).get("ref"))
    if trig is not None and trig.kind in ("queue", "table"):
        src = ref("aws_sqs_queue", trig.name, "arn") if trig.kind == "queue" else \
            ref("aws_dynamodb_table", trig.name, "stream_arn")
        ctx.resource("aws_lambda_event_source_mapping", n, {
            "event_source_arn": src, "function_name": fn_arn, "batch_size": 10,
            "starting_position": "LATEST" if trig.kind == "table" else None})
    elif trig is not None and trig.kind == "bucket":
        ctx.resource("aws_lambda_permission", f"{n}_s3", {
            "statement_id": "AllowS3", "action": "lambda:InvokeFunction",
            "function_name": ref("aws_lambda_function", n, "function_name"), "principal": "s3.amazonaws.com",
            "source_arn": ref("aws_s3_bucket", trig.name, "arn"), "source_account": ctx.account()})
        ctx.resource("aws_s3_bucket_notification", f"{trig.name}_{n}", {
            "bucket": ref("aws_s3_bucket", trig.name, "id"),
            "lambda_function": Block({"lambda_function_arn": fn_arn, "events": ["s3:ObjectCreated:*"]}),
            "depends_on": [Expr(f"aws_lambda_permission.{n}_s3")]})
    elif trig is not None and trig.kind == "topic":
        if not any(s.get("ref") == n for s in trig.get("subscribers") or []):
            ctx.resource("aws_lambda_permission", f"{n}_sns", {
                "statement_id": "AllowSNS", "action": "lambda:InvokeFunction",
                "function_name": ref("aws_lambda_function", n, "function_name"), "principal": "sns.amazonaws.com",
                "source_arn": ref("aws_sns_topic", trig.name, "arn")})
            ctx.resource("aws_sns_topic_subscription", f"{trig.name}_{n}", {
                "topic_arn": ref("aws_sns_topic", trig.name, "arn"), "protocol": "lambda", "endpoint": fn_arn})
    if r.get("schedule"):
        ctx.resource("aws_cloudwatch_event_rule", f"{n}_schedule", {
            "name": ctx.name(f"{n}-schedule"), "schedule_expression": r.get("schedule")})
        ctx.resource("aws_cloudwatch_event_target", f"{n}_schedule", {
            "rule": ref("aws_cloudwatch_event_rule", f"{n}_schedule", "name"), "arn": fn_arn})
        ctx.resource("aws_lambda_permission", f"{n}_schedule", {
            "statement_id": "AllowEventBridge", "action": "lambda:InvokeFunction",
            "function_name": ref("aws_lambda_function", n, "function_name"), "principal": "events.amazonaws.com",
            "source_arn": ref("aws_cloudwatch_event_rule", f"{n}_schedule", "arn")})
    ctx.output(f"{n}_function_arn", fn_arn, f"ARN of function {n}")
