"""function -> a Cloud Functions (2nd gen) function running as its own service account, its code
zipped into the deployment's source bucket, and its trigger: a queue's own subscription pushing to it
(the queue keeps its dead-letter policy), an Eventarc trigger on a topic, a bucket's object-finalized
events or a table's Firestore writes, or a Cloud Scheduler job for `schedule`. Ingress is internal only."""

from __future__ import annotations

import re

from autodeploy.backends.terraform.hcl import Block, Call, Expr, Tmpl, ref, template_literal
from autodeploy.compiler.buildable import GCP_FUNCTION_RUNTIMES
from autodeploy.compiler.cloud_strings import entry_point
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM

EVENT_TIMEOUT = 540  # seconds: the most an event-driven 2nd gen function may run


def unix_cron(schedule: str) -> str:
    """An ADL schedule (EventBridge syntax) as Cloud Scheduler's five-field unix cron."""
    if m := re.fullmatch(r"rate\(\s*([0-9]+)\s+(minute|minutes|hour|hours|day|days)\s*\)", schedule):
        n, unit = int(m.group(1)), m.group(2)
        if unit.startswith("minute"):
            return f"*/{n} * * * *"
        if unit.startswith("hour"):
            return f"0 */{n} * * *"
        return f"0 0 */{n} * *"
    fields = schedule.strip()[5:-1].split()[:5]  # cron(min hour dom month dow year)
    return " ".join("*" if f == "?" else f for f in fields)


def sources_bucket(ctx: GcpCtx) -> Expr:
    if "sources" not in ctx.flags:
        ctx.flags.add("sources")
        ctx.resource("google_storage_bucket", "autodeploy_sources", {
            "name": Tmpl("${var.project}-${var.name_prefix}-sources"),
            "location": Expr("upper(var.region)"),
            "uniform_bucket_level_access": True,
            "public_access_prevention": "enforced",
            "versioning": Block({"enabled": True}),
            "logging": Block({"log_bucket": ctx.log_bucket()}),
            "labels": {"autodeploy_shared": "sources"},
        })
    return ref("google_storage_bucket", "autodeploy_sources", "name")


def connector(ctx: GcpCtx, net: str) -> Expr:
    """A Serverless VPC Access connector on the network's last /28 (functions reach private resources)."""
    if f"connector:{net}" not in ctx.flags:
        ctx.flags.add(f"connector:{net}")
        cidr = str(ctx.by_name[net].get("cidr"))
        bits = 28 - int(cidr.split("/")[1])
        ctx.resource("google_vpc_access_connector", net, {
            # at most 25 characters, ending with a letter or digit
            "name": Call("trimsuffix", (Call("substr", (Tmpl(f"${{var.name_prefix}}-{net.replace('_', '-')}"), 0, 25)),
                                        "-")),
            "region": Expr("var.region"),
            "network": ref("google_compute_network", net, "name"),
            "ip_cidr_range": Expr(f'cidrsubnet("{cidr}", {bits}, {2 ** bits - 1})'),
            "min_instances": 2,
            "max_instances": 3,
        })
    return ref("google_vpc_access_connector", net, "id")


def _push(ctx: GcpCtx, r: IRResource, queue: str, sa: Expr) -> bool:
    """A queue's own subscription pushes to the function (OIDC as the function's account), so the
    queue keeps one subscription and its dead-letter policy; False when another function took it."""
    sub = ctx.bodies.get(("google_pubsub_subscription", queue))
    if sub is None or sub.get("push_config") is not None:
        return False
    sub["push_config"] = Block({
        "push_endpoint": Expr(f"google_cloudfunctions2_function.{r.name}.service_config[0].uri"),
        "oidc_token": Block({"service_account_email": sa}),
    })
    return True


def _trigger(ctx: GcpCtx, r: IRResource, sa: Expr) -> Block | None:
    trig = ctx.by_name.get((r.get("trigger") or {}).get("ref") or "")
    if trig is None:
        return None
    # the event is the trigger kind's own (its emitter registers `event`, registry.py)
    event = GCP_TERRAFORM.meta(trig.kind).get("event")
    if event is None:
        return None
    base = {"trigger_region": Expr("var.region"), "retry_policy": "RETRY_POLICY_RETRY",
            "service_account_email": sa}
    return event(ctx, trig, base)


@GCP_TERRAFORM.register("function", primary=("google_cloudfunctions2_function",), grants=(
    # a 2nd gen function is invoked through its Cloud Run service
    ResourceGrant("google_cloud_run_service_iam_member", "service", "google_cloudfunctions2_function", "name",
                  "roles/run.invoker", regional=True),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    sa = ctx.account(r)
    code = str(r.get("code"))
    ctx.flags.add("archive")
    ctx.data_source("archive_file", n, {"type": "zip", "source_dir": Tmpl("${path.module}/" + template_literal(code)),
                                        "output_path": Tmpl(f"${{path.module}}/.build/{n}.zip")})
    ctx.resource("google_storage_bucket_object", f"{n}_source", {
        "name": Tmpl(f"{n}-${{data.archive_file.{n}.output_md5}}.zip"),
        "bucket": sources_bucket(ctx),
        "source": Expr(f"data.archive_file.{n}.output_path"),
    })
    trig = (r.get("trigger") or {}).get("ref")
    pushed = trig is not None and ctx.by_name[trig].kind == "queue" and _push(ctx, r, trig, sa)
    trigger = None if pushed else _trigger(ctx, r, sa)
    timeout = int(r.get("timeout"))
    if trigger is not None and timeout > EVENT_TIMEOUT:
        ctx.diag("ADL5501", r.span_of("timeout"), kind="function", name=n, attr="timeout", value=f"{timeout} s",
                 reason=f"an event-driven function runs at most {EVENT_TIMEOUT} s",
                 hint=f"{EVENT_TIMEOUT} s is emitted")
        timeout = EVENT_TIMEOUT
    net = ctx.network(r)
    ctx.resource("google_cloudfunctions2_function", n, {
        "name": ctx.name(n),
        "location": Expr("var.region"),
        "build_config": Block({
            "runtime": GCP_FUNCTION_RUNTIMES[str(r.get("runtime"))],
            "entry_point": entry_point(str(r.get("runtime")), str(r.get("handler"))),
            "source": Block({"storage_source": Block({
                "bucket": sources_bucket(ctx),
                "object": ref("google_storage_bucket_object", f"{n}_source", "name")})}),
        }),
        "service_config": Block({
            "available_memory": f"{int(round(float(r.get('memory')) * 1024))}M",
            "timeout_seconds": timeout,
            "max_instance_count": r.get("concurrency"),
            "service_account_email": sa,
            "ingress_settings": "ALLOW_INTERNAL_ONLY",
            "all_traffic_on_latest_revision": True,
            "vpc_connector": connector(ctx, net[0]) if net else None,
            "vpc_connector_egress_settings": "PRIVATE_RANGES_ONLY" if net else None,
        }),
        "event_trigger": trigger,
        "labels": ctx.labels(r),
    })
    if trigger is not None or pushed or r.get("schedule"):
        # the trigger / scheduler calls the function as the function's own account
        ctx.resource("google_cloud_run_service_iam_member", f"{n}_self_invoker", {
            "location": Expr("var.region"),
            "service": ref("google_cloudfunctions2_function", n, "name"),
            "role": "roles/run.invoker",
            "member": Tmpl(f"serviceAccount:${{{sa.text}}}"),
        })
    if trigger is not None:
        ctx.resource("google_project_iam_member", f"{n}_event_receiver", {
            "project": Expr("var.project"), "role": "roles/eventarc.eventReceiver",
            "member": Tmpl(f"serviceAccount:${{{sa.text}}}")})
    if r.get("schedule"):
        ctx.resource("google_cloud_scheduler_job", f"{n}_schedule", {
            "name": ctx.name(f"{n}-schedule"),
            "region": Expr("var.region"),
            "schedule": unix_cron(str(r.get("schedule"))),
            "time_zone": "Etc/UTC",
            "http_target": Block({
                "http_method": "POST",
                "uri": Expr(f"google_cloudfunctions2_function.{n}.service_config[0].uri"),
                "oidc_token": Block({"service_account_email": sa}),
            }),
        })
    ctx.output(f"{n}_function", ref("google_cloudfunctions2_function", n, "id"), f"id of function {n}")
