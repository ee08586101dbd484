"""function -> IAM role + Lambda (a placeholder handler in the runtime's own language, zipped in memory)
+ its trigger or schedule."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from autodeploy.backends.aws import function as facts
from autodeploy.compiler.diagnostics import Diagnostic

from .cloud import ignore_missing, is_not_found
from .diagnostics import ddiag
from .iam_util import create_role, delete_role, grant_statements
from .providers import Ctx, Provider, provider


def _zip(runtime: str, handler: str) -> bytes:
    """The placeholder main.tf's `code` stands in for, in the runtime's own language, at the file's
    handler (backends/aws/function.py); a runtime needing a built package is refused before (refuse)."""
    path, source = facts.placeholder(runtime, handler)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))  # the same bytes on every run
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, source)
    return buf.getvalue()


def refuse(r: Any) -> Diagnostic | None:
    """ADL5964 before any call when deploy would have to upload a package it cannot make."""
    a = r.attrs
    try:
        facts.placeholder(a["runtime"], a["handler"])
    except ValueError:
        return ddiag("ADL5964", r.span_of("runtime"), name=r.name, runtime=a["runtime"], handler=a["handler"],
                     package=facts.needs_package(a["runtime"]) or "a package of its own")
    return None


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    lam = ctx.c("lambda")
    # the edges' grants as main.tf writes them (a Lambda has one role, so `secrets` are read with it)
    stmts = grant_statements(ctx, ("uses", "trigger", "secrets")) + [{"Effect": "Allow", "Resource": "*", "Action": [
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments"]}]
    trig, _ = ctx.ref("trigger")
    role_arn = create_role(ctx, phys, "role", "fn", "lambda.amazonaws.com", stmts)
    name = ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=64, lower=False))
    kwargs: dict[str, Any] = dict(
        FunctionName=name, Runtime=a["runtime"], Role=role_arn, Handler=a["handler"],
        Code={"ZipFile": _zip(a["runtime"], a["handler"])}, Timeout=int(a["timeout"]),
        MemorySize=int(round(a["memory"] * 1024)), Architectures=[a["arch"]], Tags=ctx.tags,
        TracingConfig={"Mode": "Active" if a["tracing"] else "PassThrough"}, Publish=False)
    if a.get("network"):
        vpc, subnets = ctx.subnets()
        sg = ctx.c("ec2").create_security_group(GroupName=ctx.pname("fn"), Description="autodeploy function",
                                                VpcId=vpc, TagSpecifications=ctx.tag_spec("security-group"))
        phys["security_group"] = sg["GroupId"]
        kwargs["VpcConfig"] = {"SubnetIds": subnets, "SecurityGroupIds": [sg["GroupId"]]}
    out = lam.create_function(**kwargs)
    phys["function"], phys["function_arn"] = name, out["FunctionArn"]
    phys["arn"] = out["FunctionArn"]
    if a.get("concurrency"):
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=int(a["concurrency"]))
    if trig:
        _trigger(ctx, phys, trig)
    if a.get("schedule"):
        ev = ctx.c("events")
        rule = ctx.pname("schedule", limit=64, lower=False)
        rule_arn = ev.put_rule(Name=rule, ScheduleExpression=a["schedule"], State="ENABLED",
                               Tags=ctx.tag_list())["RuleArn"]
        phys["rule"] = rule
        ev.put_targets(Rule=rule, Targets=[{"Id": "fn", "Arn": out["FunctionArn"]}])
        phys["rule_target"] = True
        lam.add_permission(FunctionName=name, StatementId="schedule", Action="lambda:InvokeFunction",
                           Principal="events.amazonaws.com", SourceArn=rule_arn)


def _trigger(ctx: Ctx, phys: dict[str, Any], trig: dict[str, Any]) -> None:
    lam = ctx.c("lambda")
    if "url" in trig:  # queue
        m = lam.create_event_source_mapping(EventSourceArn=trig["arn"], FunctionName=phys["function"],
                                            BatchSize=10)
        phys["event_source_mapping"] = m["UUID"]
    elif "bucket" in trig:
        lam.add_permission(FunctionName=phys["function"], StatementId="s3", Action="lambda:InvokeFunction",
                           Principal="s3.amazonaws.com", SourceArn=trig["arn"])
        ctx.c("s3").put_bucket_notification_configuration(Bucket=trig["bucket"], NotificationConfiguration={
            "LambdaFunctionConfigurations": [{"LambdaFunctionArn": phys["function_arn"],
                                              "Events": ["s3:ObjectCreated:*"]}]})
        phys["bucket_notification"] = trig["bucket"]
    elif "table" in trig:
        if not trig.get("stream_arn"):
            ctx.warn_feature("trigger", "the table has no stream enabled", "enable a stream on the table")
            return
        m = lam.create_event_source_mapping(EventSourceArn=trig["stream_arn"], FunctionName=phys["function"],
                                            StartingPosition="LATEST")
        phys["event_source_mapping"] = m["UUID"]
    else:  # topic
        lam.add_permission(FunctionName=phys["function"], StatementId="sns", Action="lambda:InvokeFunction",
                           Principal="sns.amazonaws.com", SourceArn=trig["arn"])
        sub = ctx.c("sns").subscribe(TopicArn=trig["arn"], Protocol="lambda", Endpoint=phys["function_arn"],
                                     ReturnSubscriptionArn=True)
        phys["subscription"] = sub["SubscriptionArn"]


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    lam = ctx.c("lambda")
    if phys.get("rule"):
        ev = ctx.c("events")
        if phys.get("rule_target"):
            ignore_missing(ev.remove_targets, Rule=phys["rule"], Ids=["fn"])
        ignore_missing(ev.delete_rule, Name=phys["rule"])
    if phys.get("subscription"):
        ignore_missing(ctx.c("sns").unsubscribe, SubscriptionArn=phys["subscription"])
    if phys.get("bucket_notification"):
        ignore_missing(ctx.c("s3").put_bucket_notification_configuration, Bucket=phys["bucket_notification"],
                       NotificationConfiguration={})
    if phys.get("event_source_mapping"):
        ignore_missing(lam.delete_event_source_mapping, UUID=phys["event_source_mapping"])
    if phys.get("function"):
        ignore_missing(lam.delete_function, FunctionName=phys["function"])
    if phys.get("security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["security_group"])
    delete_role(ctx, phys.get("role"))


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        c = ctx.c("lambda").get_function_configuration(FunctionName=phys["function"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    return {"runtime": c["Runtime"], "memory": c["MemorySize"], "timeout": c["Timeout"]}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"runtime": a["runtime"], "memory": int(round(a["memory"] * 1024)), "timeout": int(a["timeout"])}


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    a = ctx.resource.attrs
    ctx.c("lambda").update_function_configuration(
        FunctionName=phys["function"], Runtime=a["runtime"], Timeout=int(a["timeout"]),
        MemorySize=int(round(a["memory"] * 1024)), Handler=a["handler"],
        TracingConfig={"Mode": "Active" if a["tracing"] else "PassThrough"})


def dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed function (a monitor's alarms on it)."""
    return {"FunctionName": phys.get("function", "")}


provider(Provider("function", create, delete, read, expected, update,
                  frozenset({"runtime", "timeout", "memory", "handler", "tracing", "load", "tags", "data"}),
                  dimensions=dimensions, refuse=refuse))

