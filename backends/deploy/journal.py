"""The journal: every mutating call of a run, written down before it is made and after it
returns, so a run that is killed can be finished by the next one.

`<state>.journal` holds JSON lines (one object each, fsynced before the call proceeds):

  {"e": "begin", "run", "command", "pid"}                  a run started
  {"e": "start", "r", "kind", "action", "prior", "attrs"}  work on resource r began; `prior` is
                                                            its state record then (None: absent)
  {"e": "call",  "r", "api", "phys", "undo"?}              before a mutating call: the physical
                                                            ids of every part that exists so far
  {"e": "done",  "r", "api", "ok", "undo"?}                after it, with the ids it returned
  {"e": "end",   "r", "phys"}                               r is recorded in the state

`undo` is the call that reverses this one (e.g. CreateVpc -> DeleteVpc of the returned id),
known before the call for named things and from the response otherwise: a part created by
the last call before a kill is not yet in `phys`, but it is in the journal.

A run that ends (success or rollback) deletes its journal. Finding one means a run was
killed; `recover` then reads it: resources it finished are in the state (adopted as they
are); resources it was creating are deleted part by part (the undos newest first, then the
provider's delete over the last recorded `phys`), so the next plan creates them once.
Interrupted updates and deletes need nothing: the state still holds what they started
from, and the next apply repeats them (both are idempotent).
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from autodeploy.backends.aws import waf as waf_facts
from autodeploy.compiler.diagnostics import Diagnostic

from .cloud import Cloud, error_code, is_mutating, preflight
from .diagnostics import DeployError, ddiag
from .state import stub_resource
from .store import LocalStore, open_store

SUFFIX = ".journal"
Report = Callable[[str], None]


def store_of(state: Any) -> Any:
    return state.store if state.store is not None else open_store(state.path, state.region, None)


# ---- the undo of each creating call --------------------------------------------------------
# (method on the same service's client, kwargs from (params, parsed response or None)).
# Builders that need the response return None before it exists.
Undo = Callable[[dict[str, Any], dict[str, Any] | None], dict[str, Any] | None]


def _p(*keys: str, **renames: str) -> Undo:
    """Arguments copied from the request (known before the call)."""
    def build(params: dict[str, Any], _: dict[str, Any] | None) -> dict[str, Any] | None:
        out = {k: params[k] for k in keys if k in params}
        out.update({new: params[old] for new, old in renames.items() if old in params})
        return out if len(out) == len(keys) + len(renames) else None
    return build


def _r(arg: str, *path: str | int, extra: dict[str, Any] | None = None) -> Undo:
    """One argument taken from the response."""
    def build(_: dict[str, Any], parsed: dict[str, Any] | None) -> dict[str, Any] | None:
        v: Any = parsed
        for k in path:
            try:
                v = v[k]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return None
        return {arg: v, **(extra or {})} if v else None
    return build


def _targets(params: dict[str, Any], _: dict[str, Any] | None) -> dict[str, Any] | None:
    ids = [t["Id"] for t in params.get("Targets", []) if "Id" in t]
    return {"Rule": params["Rule"], "Ids": ids} if ids and "Rule" in params else None


UNDO: dict[str, tuple[str, Undo]] = {
    "ec2:CreateVpc": ("delete_vpc", _r("VpcId", "Vpc", "VpcId")),
    "ec2:CreateSubnet": ("delete_subnet", _r("SubnetId", "Subnet", "SubnetId")),
    "ec2:CreateInternetGateway": ("delete_internet_gateway",
                                  _r("InternetGatewayId", "InternetGateway", "InternetGatewayId")),
    "ec2:AttachInternetGateway": ("detach_internet_gateway", _p("InternetGatewayId", "VpcId")),
    "ec2:CreateRouteTable": ("delete_route_table", _r("RouteTableId", "RouteTable", "RouteTableId")),
    "ec2:AssociateRouteTable": ("disassociate_route_table", _r("AssociationId", "AssociationId")),
    "ec2:AllocateAddress": ("release_address", _r("AllocationId", "AllocationId")),
    "ec2:CreateNatGateway": ("delete_nat_gateway", _r("NatGatewayId", "NatGateway", "NatGatewayId")),
    "ec2:CreateSecurityGroup": ("delete_security_group", _r("GroupId", "GroupId")),
    "ec2:CreateLaunchTemplate": ("delete_launch_template",
                                 _r("LaunchTemplateId", "LaunchTemplate", "LaunchTemplateId")),
    "ec2:CreateFlowLogs": ("delete_flow_logs", _r("FlowLogIds", "FlowLogIds")),
    "logs:CreateLogGroup": ("delete_log_group", _p("logGroupName")),
    "iam:CreateRole": ("delete_role", _p("RoleName")),
    "iam:PutRolePolicy": ("delete_role_policy", _p("RoleName", "PolicyName")),
    "iam:AttachRolePolicy": ("detach_role_policy", _p("RoleName", "PolicyArn")),
    "kms:CreateKey": ("schedule_key_deletion", _r("KeyId", "KeyMetadata", "KeyId",
                                                  extra={"PendingWindowInDays": 7})),
    "kms:CreateAlias": ("delete_alias", _p("AliasName")),
    "s3:CreateBucket": ("delete_bucket", _p("Bucket")),
    "secretsmanager:CreateSecret": ("delete_secret", lambda p, _: {"SecretId": p["Name"],
                                                                   "ForceDeleteWithoutRecovery": True}),
    "rds:CreateDBInstance": ("delete_db_instance", lambda p, _: {
        "DBInstanceIdentifier": p["DBInstanceIdentifier"], "SkipFinalSnapshot": True}),
    "rds:CreateDBSubnetGroup": ("delete_db_subnet_group", _p("DBSubnetGroupName")),
    "rds:CreateDBParameterGroup": ("delete_db_parameter_group", _p("DBParameterGroupName")),
    "dynamodb:CreateTable": ("delete_table", _p("TableName")),
    "elasticache:CreateCacheSubnetGroup": ("delete_cache_subnet_group", _p("CacheSubnetGroupName")),
    "elasticache:CreateReplicationGroup": ("delete_replication_group", _p("ReplicationGroupId")),
    "elasticache:CreateCacheCluster": ("delete_cache_cluster", _p("CacheClusterId")),
    "sqs:CreateQueue": ("delete_queue", _r("QueueUrl", "QueueUrl")),
    "sns:CreateTopic": ("delete_topic", _r("TopicArn", "TopicArn")),
    "sns:Subscribe": ("unsubscribe", _r("SubscriptionArn", "SubscriptionArn")),
    "lambda:CreateFunction": ("delete_function", _p("FunctionName")),
    "lambda:CreateEventSourceMapping": ("delete_event_source_mapping", _r("UUID", "UUID")),
    "ecs:CreateCluster": ("delete_cluster", _p(cluster="clusterName")),
    "ecs:CreateService": ("delete_service", lambda p, _: {"cluster": p.get("cluster", "default"),
                                                          "service": p["serviceName"], "force": True}),
    "ecs:RegisterTaskDefinition": ("deregister_task_definition",
                                   _r("taskDefinition", "taskDefinition", "taskDefinitionArn")),
    "elbv2:CreateLoadBalancer": ("delete_load_balancer", _r("LoadBalancerArn", "LoadBalancers", 0,
                                                            "LoadBalancerArn")),
    "elbv2:CreateTargetGroup": ("delete_target_group", _r("TargetGroupArn", "TargetGroups", 0, "TargetGroupArn")),
    "elbv2:CreateListener": ("delete_listener", _r("ListenerArn", "Listeners", 0, "ListenerArn")),
    "acm:RequestCertificate": ("delete_certificate", _r("CertificateArn", "CertificateArn")),
    "autoscaling:CreateAutoScalingGroup": ("delete_auto_scaling_group", lambda p, _: {
        "AutoScalingGroupName": p["AutoScalingGroupName"], "ForceDelete": True}),
    "cloudtrail:CreateTrail": ("delete_trail", _p("Name")),
    "events:PutRule": ("delete_rule", _p("Name")),
    "events:PutTargets": ("remove_targets", _targets),
    "kinesis:CreateStream": ("delete_stream", _p("StreamName")),
    "firehose:CreateDeliveryStream": ("delete_delivery_stream", _p("DeliveryStreamName")),
    "opensearch:CreateDomain": ("delete_domain", _p("DomainName")),
    "kafka:CreateCluster": ("delete_cluster", _r("ClusterArn", "ClusterArn")),
    "kafka:CreateClusterV2": ("delete_cluster", _r("ClusterArn", "ClusterArn")),
    "mq:CreateBroker": ("delete_broker", _r("BrokerId", "BrokerId")),
    "apigateway:CreateRestApi": ("delete_rest_api", _r("restApiId", "id")),
    # WAF (waf.py): a CLOUDFRONT-scoped ACL lives in us-east-1 (`_call` takes the region from the undo)
    "wafv2:CreateWebACL": ("delete_web_acl", lambda p, r: None if r is None else {
        "Name": p["Name"], "Scope": p["Scope"], "Id": r["Summary"]["Id"], "LockToken": r["Summary"]["LockToken"]}),
    "wafv2:PutLoggingConfiguration": ("delete_logging_configuration",
                                      lambda p, _: {"ResourceArn": p["LoggingConfiguration"]["ResourceArn"]}),
    "wafv2:AssociateWebACL": ("disassociate_web_acl", _p("ResourceArn")),
}


def _undo(api: str, params: dict[str, Any], parsed: dict[str, Any] | None) -> dict[str, Any] | None:
    spec = UNDO.get(api)
    if spec is None:
        return None
    try:
        kwargs = spec[1](params, parsed)
    except (KeyError, TypeError):
        return None
    if kwargs is None:
        return None
    undo = {"service": api.split(":")[0], "method": spec[0], "args": kwargs}
    if kwargs.get("Scope") == "CLOUDFRONT" or ":global/webacl/" in str(kwargs.get("ResourceArn", "")):
        undo["region"] = waf_facts.CLOUDFRONT_REGION
    return undo


# ---- writing ---------------------------------------------------------------------------------
@dataclass
class _Track:
    name: str
    phys: dict[str, Any]
    api: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class Journal:
    """Written by one run; the botocore hooks of its Cloud call `before`/`after` per API call."""

    def __init__(self, store: Any, command: str) -> None:
        self.store, self.command = store, command
        self.run = uuid.uuid4().hex[:12]
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._local = threading.local()
        self._path = store.url + SUFFIX if isinstance(store, LocalStore) else None
        self.write({"e": "begin", "run": self.run, "command": command, "pid": os.getpid()})

    def write(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, sort_keys=True, separators=(",", ":"), default=str) + "\n"
        with self._lock:
            if self._path is not None:  # append + fsync: durable before the call it announces
                with open(self._path, "a", encoding="utf-8") as fh:
                    fh.write(line)
                    fh.flush()
                    os.fsync(fh.fileno())
            else:  # an object store cannot append: rewrite the whole (small) object
                self._lines.append(line)
                self.store.write("".join(self._lines), SUFFIX)

    def start(self, name: str, kind: str, action: str, prior: dict[str, Any] | None,
              attrs: dict[str, Any] | None) -> None:
        self.write({"e": "start", "r": name, "kind": kind, "action": action, "prior": prior, "attrs": attrs})

    def end(self, name: str, phys: dict[str, Any]) -> None:
        self.write({"e": "end", "r": name, "phys": phys})

    def note(self, what: str) -> None:
        self.write({"e": what})

    @contextmanager
    def track(self, name: str, phys: dict[str, Any]) -> Iterator[None]:
        """Journal the mutating calls this thread makes for `name`, with `phys` as it fills."""
        prev = getattr(self._local, "t", None)
        self._local.t = _Track(name, phys)
        try:
            yield
        finally:
            self._local.t = prev

    # botocore events: before-parameter-build (the API params) and after-call (the response)
    def before(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        t: _Track | None = getattr(self._local, "t", None)
        if t is None or not is_mutating(model.name):
            return
        api = f"{model.service_model.service_name}:{model.name}"
        t.api, t.params = api, dict(params)
        entry: dict[str, Any] = {"e": "call", "r": t.name, "api": api, "phys": json.loads(json.dumps(t.phys))}
        undo = _undo(api, params, None)
        if undo is not None:
            entry["undo"] = undo
        self.write(entry)

    def after(self, model: Any, parsed: dict[str, Any], http_response: Any = None, **_: Any) -> None:
        t: _Track | None = getattr(self._local, "t", None)
        if t is None or not is_mutating(model.name):
            return
        api = f"{model.service_model.service_name}:{model.name}"
        ok = http_response is None or getattr(http_response, "status_code", 200) < 300
        entry: dict[str, Any] = {"e": "done", "r": t.name, "api": api, "ok": ok}
        undo = _undo(api, t.params, parsed) if ok and api == t.api else None
        if undo is not None:
            entry["undo"] = undo
        self.write(entry)

    def close(self) -> None:
        """The run ended (applied or rolled back): nothing is left to recover."""
        self.store.delete(SUFFIX)


def begin(state: Any, cloud: Cloud, command: str) -> Journal:
    """Start this run's journal and hook it into `cloud` (every client, made now or later)."""
    j = Journal(store_of(state), command)
    cloud.observe(j)
    return j


def recover_pending(state: Any, cloud: Cloud, report: Report) -> list[Diagnostic]:
    """Before a run changes anything: finish what a killed run left, if it left a journal."""
    if not pending(state):
        return []
    preflight(cloud)
    return recover(store_of(state), state, cloud, report)


# ---- reading and recovering ------------------------------------------------------------------
def read(store: Any) -> list[dict[str, Any]] | None:
    text = store.read(SUFFIX)
    if text is None:
        return None
    lines = text.splitlines()
    out: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        try:
            d = json.loads(line)
            if not isinstance(d, dict) or "e" not in d:
                raise ValueError("not a journal entry")
        except ValueError as exc:
            if i == len(lines) - 1 and not text.endswith("\n"):
                break  # the run was killed while writing its last line: that call was not made
            raise DeployError(ddiag("ADL5164", None, path=store.url + SUFFIX, reason=f"line {i + 1}: {exc}"),
                              2) from None
        out.append(d)
    return out


# A call cut off in flight has no response: when its undo needs the response (EC2 ids, KMS key
# ids), the part is found by its tags (autodeploy:deployment + autodeploy:resource) instead.
# api -> (ARN fragment, service, delete method, argument name for the id)
_BY_TAG: dict[str, tuple[str, str, str, str]] = {
    "ec2:CreateVpc": (":vpc/", "ec2", "delete_vpc", "VpcId"),
    "ec2:CreateSubnet": (":subnet/", "ec2", "delete_subnet", "SubnetId"),
    "ec2:CreateInternetGateway": (":internet-gateway/", "ec2", "delete_internet_gateway", "InternetGatewayId"),
    "ec2:CreateRouteTable": (":route-table/", "ec2", "delete_route_table", "RouteTableId"),
    "ec2:AllocateAddress": (":elastic-ip/", "ec2", "release_address", "AllocationId"),
    "ec2:CreateNatGateway": (":natgateway/", "ec2", "delete_nat_gateway", "NatGatewayId"),
    "ec2:CreateSecurityGroup": (":security-group/", "ec2", "delete_security_group", "GroupId"),
    "ec2:CreateLaunchTemplate": (":launch-template/", "ec2", "delete_launch_template", "LaunchTemplateId"),
    "kms:CreateKey": (":key/", "kms", "schedule_key_deletion", "KeyId"),
}


def _by_tags(cloud: Cloud, deployment: str, name: str, api: str, known: str) -> list[dict[str, Any]]:
    """Undos for what an in-flight `api` call may have created, found by the deployment tags;
    parts whose ids the journal already names (`known`) or that are already going are left out."""
    frag, service, method, arg = _BY_TAG[api]
    got = cloud.client("resourcegroupstaggingapi").get_resources(TagFilters=[
        {"Key": "autodeploy:deployment", "Values": [deployment]}, {"Key": "autodeploy:resource", "Values": [name]}])
    out = []
    for m in got.get("ResourceTagMappingList", []):
        arn = str(m["ResourceARN"])
        ident = arn.rsplit("/", 1)[-1]
        if frag not in arn or ident in known:
            continue
        if service == "kms":
            if cloud.client("kms").describe_key(KeyId=ident)["KeyMetadata"]["KeyState"] == "PendingDeletion":
                continue
            out.append({"service": "kms", "method": method, "args": {arg: ident, "PendingWindowInDays": 7}})
            continue
        if service == "ec2" and method == "delete_nat_gateway":
            nat = cloud.client("ec2").describe_nat_gateways(NatGatewayIds=[ident])["NatGateways"]
            if not nat or nat[0]["State"] in ("deleted", "deleting"):
                continue
        out.append({"service": service, "method": method, "args": {arg: ident}})
    return out


@dataclass
class _Interrupted:
    name: str
    kind: str
    action: str
    prior: dict[str, Any] | None
    attrs: dict[str, Any] | None
    phys: dict[str, Any] = field(default_factory=dict)
    undos: list[dict[str, Any]] = field(default_factory=list)
    ended: bool = False
    in_flight: str | None = None  # the api of a call with no `done` and no undo known before it


def _scan(entries: list[dict[str, Any]]) -> dict[str, _Interrupted]:
    seen: dict[str, _Interrupted] = {}
    for d in entries:
        e, name = d.get("e"), d.get("r")
        if e == "start" and isinstance(name, str):
            seen[name] = _Interrupted(name, str(d.get("kind")), str(d.get("action")), d.get("prior"), d.get("attrs"))
            continue
        it = seen.get(name) if isinstance(name, str) else None
        if it is None:
            continue
        if e == "call":
            it.phys = dict(d.get("phys") or {})
            it.in_flight = None if "undo" in d else str(d.get("api"))
        if e == "done":
            it.in_flight = None
        if e in ("call", "done") and isinstance(d.get("undo"), dict) and d["undo"] not in it.undos:
            it.undos.append(d["undo"])
        if e == "end":
            it.ended, it.phys = True, dict(d.get("phys") or {})
    return seen


def recover(store: Any, state: Any, cloud: Cloud, report: Report) -> list[Diagnostic]:
    """Finish what a killed run left: see the module docstring. Returns its diagnostics."""
    entries = read(store)
    if entries is None:
        return []
    from .providers import TAG_DEPLOYMENT, TAG_RESOURCE, Ctx, load_all

    head = entries[0] if entries else {}
    providers = load_all()
    diags: list[Diagnostic] = []
    kept, cleaned = [], []
    for it in sorted(_scan(entries).values(), key=lambda i: i.name):
        now = state.resources.get(it.name)
        if it.action not in ("create", "replace") or (now is not None and now != it.prior):
            if now is not None:
                kept.append(it.name)  # finished (in the state) or untouched: the next plan decides
            continue
        # it was being created and is not in the state: delete every part the journal names
        report(f"  recovering: deleting the parts of `{it.name}` ({it.kind}) an interrupted run created\n")
        undos = list(it.undos)
        if it.in_flight in _BY_TAG:
            known = json.dumps([it.phys, undos])
            undos += _by_tags(cloud, state.deployment, it.name, it.in_flight, known)
        p = providers.get(it.kind)

        def provider_delete(it: _Interrupted = it, p: Any = p) -> BaseException | None:
            if p is None or not it.phys:
                return None
            stub = stub_resource(it.name, {"kind": it.kind, "attrs": it.attrs or {}})
            ctx = Ctx(cloud, state.deployment, stub, {TAG_DEPLOYMENT: state.deployment, TAG_RESOURCE: it.name},
                      {n: dict(v["physical"]) for n, v in state.resources.items()})
            try:
                p.delete(ctx, it.phys)
            except Exception as exc:  # noqa: BLE001 - retried once, then reported
                return exc
            return None

        # two rounds: the undos (newest first) and the provider's delete can each be blocked by a
        # part the other removes (an unrecorded subnet keeps the VPC; a recorded route table
        # keeps an unrecorded association)
        left: list[tuple[str, BaseException]] = []
        for _ in range(2):
            left = [(u["method"], e) for u in reversed(undos) if (e := _call(cloud, u)) is not None]
            err = provider_delete()
            if err is not None:
                left.append(("delete", err))
            if not left:
                break
        for method, err in left[:1]:
            code, msg = error_code(err)
            diags.append(ddiag("ADL5107", None, name=it.name, kind=it.kind, error=code,
                               message=f"{method}: {msg}", deployment=state.deployment))
        cleaned.append(it.name)
    parts = []
    if cleaned:
        parts.append(f"deleted the unfinished {', '.join(f'`{n}`' for n in cleaned)}")
    if kept:
        parts.append(f"kept {len(kept)} resource(s) it recorded in the state")
    diags.insert(0, ddiag("ADL5163", None, command=head.get("command", "?"), id=head.get("run", "?"),
                          summary="; ".join(parts) or "nothing was in flight"))
    store.delete(SUFFIX)
    return diags


def _call(cloud: Cloud, undo: dict[str, Any]) -> BaseException | None:
    from .cloud import ignore_missing

    service = undo.get("service")
    method, args = undo["method"], dict(undo.get("args") or {})
    try:
        ignore_missing(getattr(cloud.client(str(service), undo.get("region")), method), **args)
    except Exception as exc:  # noqa: BLE001 - the caller retries once, then reports
        return exc
    return None


def pending(state: Any) -> bool:
    """Whether a killed run left a journal for this state."""
    return store_of(state).read(SUFFIX) is not None
