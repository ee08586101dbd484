"""The state one Terraform emit run shares between the per-kind emitters: the document
being built, diagnostics, and the registries (security groups, IAM roles, shared log
bucket and log key) that the access pass (access.py) wires together afterwards."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from autodeploy.backends import naming
from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.aws import names
from autodeploy.compiler import load_balancers
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR, IRResource

from .document import DocumentState
from .hcl import Block, Call, Expr, Tmpl, ref

# CloudWatch Logs accepts only these retention values (days); we round up, never down.
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                      2557, 2922, 3288, 3653)


def log_retention(days: float) -> int:
    for d in LOG_RETENTION_DAYS:
        if d >= days:
            return d
    return LOG_RETENTION_DAYS[-1]


@dataclass
class SecurityGroup:
    label: str
    port: int | None  # the port peers connect to (None: nothing connects in)


@dataclass
class TfCtx(DocumentState):
    ir: IR
    graph: Graph | None
    resources: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    data: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    outputs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    sgs: dict[str, SecurityGroup] = field(default_factory=dict)
    # ADL resource name -> IAM role label whose policy comes from its `uses` edges
    roles: dict[str, str] = field(default_factory=dict)
    exec_roles: dict[str, str] = field(default_factory=dict)
    # (lb, target) -> target group label; set by the load balancer / service emitters
    target_groups: dict[tuple[str, str], str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    # extra providers an emitter needs: required_providers entries and `provider` blocks (helm per cluster)
    required: dict[str, dict[str, str]] = field(default_factory=dict)
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)  # alias -> (name, body) as {"name", "body"}
    _data_seen: set[tuple[str, str]] = field(default_factory=set)
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # reverse indexes over the IR, built once so emitters never scan every resource (10k+ files)
    by_name: dict[str, IRResource] = field(default_factory=dict)
    triggered_by: dict[str, list[str]] = field(default_factory=dict)  # source -> functions
    lbs_of: dict[str, list[str]] = field(default_factory=dict)  # target -> load balancers
    cdns_of: dict[str, list[str]] = field(default_factory=dict)  # origin -> cdns
    users_of: dict[str, list[str]] = field(default_factory=dict)  # used resource -> users

    def __post_init__(self) -> None:
        self.by_name = {r.name: r for r in self.ir.resources}
        for r in self.ir.resources:
            for rf in r.refs:
                idx = {"trigger": self.triggered_by, "origin": self.cdns_of, "uses": self.users_of}.get(rf.attr)
                if idx is not None and (r.kind != "cdn" or rf.attr == "origin"):
                    lst = idx.setdefault(rf.target, [])
                    if r.name not in lst:
                        lst.append(r.name)
        for idx in (self.triggered_by, self.cdns_of, self.users_of):
            for v in idx.values():
                v.sort()
        # who stands in front of whom: the compiler's one answer, shared with deploy and pricing
        self.lbs_of = {k: list(v) for k, v in load_balancers.fronts_of_ir(self.ir).items()}

    def get(self, name: str | None) -> IRResource | None:
        return self.by_name.get(name) if name else None

    # ---- basics (resource, data_source, output, diag: document.DocumentState) ------------------
    def name(self, suffix: str, fifo: bool = False) -> Tmpl:
        """A prefixed name for services with generous name limits (IAM, logs, lambda, sqs...): the
        shared scheme of backends/aws/names.py, with the prefix left to `var.name_prefix`."""
        return Tmpl("${var.name_prefix}-" + names.suffix(suffix, fifo))

    def tags(self, r: IRResource, name: str | None = None) -> dict[str, Any]:
        """The resource's tags of the shared vocabulary (backends/aws/tags.py), over the deployment's
        in the provider's default_tags, plus the AWS console's `Name`."""
        return {tags_vocab.TAG_NAME: name or r.name, **tags_vocab.resource_tags(r)}

    # ---- shared lookups ------------------------------------------------------------------------
    def account(self) -> Expr:
        self.data_source("aws_caller_identity", "current", {})
        return Expr("data.aws_caller_identity.current.account_id")

    def partition(self) -> Expr:
        self.data_source("aws_partition", "current", {})
        return Expr("data.aws_partition.current.partition")

    def key_arn(self, r: IRResource, attr: str = "encryption") -> Expr | None:
        """The referenced customer key's ARN, or None for encryption with an AWS-managed key."""
        v = r.get(attr)
        if isinstance(v, dict) and "ref" in v:
            return ref("aws_kms_key", v["ref"], "arn")
        return None

    def encrypted(self, r: IRResource, attr: str = "encryption") -> bool:
        return r.get(attr) is not False

    def network(self, r: IRResource, required: bool = True) -> tuple[str, str] | None:
        v = r.get("network")
        if isinstance(v, dict) and "ref" in v:
            return v["ref"], v.get("member") or "private"
        if required:
            self.diag("ADL5004", r.span, kind=r.kind, name=r.name)
        return None

    def subnets(self, net: tuple[str, str]) -> Expr:
        return Expr(f"aws_subnet.{net[0]}_{net[1]}[*].id")

    def vpc_id(self, net: tuple[str, str]) -> Expr:
        return ref("aws_vpc", net[0], "id")

    def vpc_cidr(self, net: tuple[str, str]) -> Expr:
        return ref("aws_vpc", net[0], "cidr_block")

    # ---- shared building blocks --------------------------------------------------------------
    def policy_document(self, label: str, statements: list[dict[str, Any]]) -> Expr:
        blocks = []
        for st in statements:
            body: dict[str, Any] = {"sid": st.get("sid"), "effect": st.get("effect", "Allow"),
                                    "actions": st["actions"], "resources": st.get("resources")}
            if "principals" in st:
                body["principals"] = [Block({"type": t, "identifiers": ids}) for t, ids in st["principals"]]
            if "conditions" in st:
                body["condition"] = [Block({"test": t, "variable": var, "values": vals})
                                     for t, var, vals in st["conditions"]]
            blocks.append(Block(body))
        self.data_source("aws_iam_policy_document", label, {"statement": blocks})
        return Expr(f"data.aws_iam_policy_document.{label}.json")

    def role(self, label: str, service: str, managed: tuple[str, ...] = ()) -> Expr:
        """An IAM role assumable by one AWS service, plus AWS-managed policy attachments."""
        doc = self.policy_document(f"{label}_assume", [
            {"actions": ["sts:AssumeRole"], "principals": [("Service", [service])]}])
        self.resource("aws_iam_role", label, {"name": self.name(label), "assume_role_policy": doc})
        for i, arn in enumerate(managed):
            self.resource("aws_iam_role_policy_attachment", f"{label}_managed_{i}", {
                "role": ref("aws_iam_role", label, "name"),
                "policy_arn": Tmpl("arn:${data.aws_partition.current.partition}:iam::aws:policy/" + arn)})
            self.partition()
        return ref("aws_iam_role", label, "arn")

    def role_policy(self, label: str, role: str, statements: list[dict[str, Any]]) -> None:
        if not statements:
            return
        doc = self.policy_document(f"{label}_policy", statements)
        self.resource("aws_iam_role_policy", label, {"name": self.name(label),
                                                     "role": ref("aws_iam_role", role, "id"), "policy": doc})

    def security_group(self, r: IRResource, net: tuple[str, str], port: int | None, label: str | None = None,
                       what: str | None = None) -> Expr:
        label = label or r.name
        self.resource("aws_security_group", label, {
            "name": self.name(label),
            "description": f"{what or r.kind} {r.name} (managed by autodeploy)",
            "vpc_id": self.vpc_id(net),
            "tags": {"Name": label},
        })
        self.sgs[r.name if label == r.name else label] = SecurityGroup(label, port)
        return ref("aws_security_group", label, "id")

    def sg_rule(self, direction: str, sg_label: str, rid: str, description: str, port: int | None,
                peer_sg: str | None = None, cidr: Any = None, protocol: str = "tcp") -> None:
        rtype = "aws_vpc_security_group_ingress_rule" if direction == "in" else "aws_vpc_security_group_egress_rule"
        body: dict[str, Any] = {
            "security_group_id": ref("aws_security_group", sg_label, "id"),
            "description": description,
            "ip_protocol": protocol,
            "from_port": port,
            "to_port": port,
        }
        if peer_sg:
            body["referenced_security_group_id"] = ref("aws_security_group", peer_sg, "id")
        else:
            body["cidr_ipv4"] = cidr
        self.resource(rtype, f"{sg_label}_{direction}_{rid}", body)

    def logs_key(self) -> Expr:
        """A deployment-wide CMK for log groups and the audit trail when none is referenced."""
        if "logs_key" not in self.flags:
            self.flags.add("logs_key")
            self.resource("aws_kms_key", "autodeploy_logs", {
                "description": f"{self.deployment}: CloudWatch Logs encryption (autodeploy)",
                "enable_key_rotation": True,
                "deletion_window_in_days": 30,
                "policy": key_policy(self),
            })
            self.resource("aws_kms_alias", "autodeploy_logs", {
                "name": Tmpl("alias/${var.name_prefix}/logs"),
                "target_key_id": ref("aws_kms_key", "autodeploy_logs", "key_id")})
        return ref("aws_kms_key", "autodeploy_logs", "arn")

    def log_group(self, label: str, name: Tmpl | str, days: float = 365) -> Expr:
        self.resource("aws_cloudwatch_log_group", label, {
            "name": name,
            "retention_in_days": log_retention(days),
            "kms_key_id": self.logs_key(),
        })
        return ref("aws_cloudwatch_log_group", label, "arn")


def key_policy(ctx: TfCtx) -> Call:
    """A key policy: the account administers the key (the standard default key policy; in a key
    policy `*` means this key), and CloudWatch Logs / CloudTrail may use it for their data."""
    acct = "${data.aws_caller_identity.current.account_id}"
    ctx.account()
    ctx.partition()
    region = "${var.region}"
    return Call("jsonencode", ({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AccountAdmin", "Effect": "Allow",
             "Principal": {"AWS": Tmpl(f"arn:${{data.aws_partition.current.partition}}:iam::{acct}:root")},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "CloudWatchLogs", "Effect": "Allow",
             "Principal": {"Service": Tmpl(f"logs.{region}.amazonaws.com")},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                                       Tmpl(f"arn:${{data.aws_partition.current.partition}}:logs:{region}:{acct}:*")}}},
            {"Sid": "CloudTrail", "Effect": "Allow",
             "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": ["kms:GenerateDataKey*", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceAccount": Tmpl(acct)}}},
        ],
    },))


def subnet_cidrs(cidr: str, count: int, offset: int) -> tuple[int, list[int]]:
    """newbits for cidrsubnet() and the network numbers, fitted to the VPC's prefix length."""
    prefix = ipaddress.ip_network(cidr, strict=False).prefixlen
    newbits = max(1, min(8, 28 - prefix))
    return newbits, [offset + i for i in range(count)]


def label(*parts: str) -> str:
    return naming.tf_label(*parts)
