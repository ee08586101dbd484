"""The state one GCP emit run shares between the per-kind emitters: the document being built,
diagnostics, the workloads' service accounts and the grants the IAM pass (iam.py) turns into
least-privilege bindings afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from autodeploy.backends import naming
from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.terraform.document import DocumentState
from autodeploy.backends.terraform.hcl import Expr, Tmpl, ref
from autodeploy.compiler.cloud_strings import label_text
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR, IRResource

# Google-managed service agents that encrypt with a customer key on a service's behalf
# (cloud.google.com/kms/docs/cmek, "service agents"); `{n}` is the project number.
SERVICE_AGENTS = {
    "storage": "data.google_storage_project_service_account.gcs.email_address",
    "pubsub": "service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
    "secretmanager": "service-${data.google_project.current.number}@gcp-sa-secretmanager.iam.gserviceaccount.com",
    "cloudsql": "service-${data.google_project.current.number}@gcp-sa-cloud-sql.iam.gserviceaccount.com",
    "redis": "service-${data.google_project.current.number}@cloud-redis.iam.gserviceaccount.com",
    "firestore": "service-${data.google_project.current.number}@gcp-sa-firestore.iam.gserviceaccount.com",
    "compute": "service-${data.google_project.current.number}@compute-system.iam.gserviceaccount.com",
    "logging": "service-${data.google_project.current.number}@gcp-sa-logging.iam.gserviceaccount.com",
}


def labels(tags: dict[str, str]) -> dict[str, str]:
    return {label_text(k, key=True): label_text(v) for k, v in sorted(tags.items())}


@dataclass
class GcpCtx(DocumentState):
    ir: IR
    graph: Graph | None
    resources: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    data: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    outputs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # workload (function, service, vm) -> its service account's Terraform label
    accounts: dict[str, str] = field(default_factory=dict)
    # (key resource, service agent) pairs: the agent may encrypt/decrypt with that key
    key_users: set[tuple[str, str]] = field(default_factory=set)
    by_name: dict[str, IRResource] = field(default_factory=dict)
    users_of: dict[str, list[str]] = field(default_factory=dict)  # used resource -> users
    triggered_by: dict[str, list[str]] = field(default_factory=dict)  # source -> functions
    _data_seen: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_name = {r.name: r for r in self.ir.resources}
        for r in self.ir.resources:
            for rf in r.refs:
                idx = {"uses": self.users_of, "trigger": self.triggered_by}.get(rf.attr)
                if idx is not None and r.name not in idx.setdefault(rf.target, []):
                    idx[rf.target].append(r.name)
        for idx in (self.users_of, self.triggered_by):
            for v in idx.values():
                v.sort()

    # ---- basics (resource, data_source, output, diag: backends/terraform/document.py) --------
    def name(self, suffix: str) -> Tmpl:
        """A prefixed resource name: `${var.name_prefix}-<resource>` (lowercase, hyphens)."""
        return Tmpl("${var.name_prefix}-" + naming.slug(suffix))

    def labels(self, r: IRResource) -> dict[str, str]:
        """The resource's labels (the shared tag vocabulary in GCP's label alphabet); the deployment's
        go in the provider's `default_labels`."""
        return labels(tags_vocab.resource_tags(r))

    # ---- shared lookups ------------------------------------------------------------------------
    def project_number(self) -> None:
        self.data_source("google_project", "current", {})

    def agent(self, service: str) -> Any:
        """The email of a Google service agent (for CMEK grants)."""
        if service == "storage":
            self.data_source("google_storage_project_service_account", "gcs", {})
            return Expr(SERVICE_AGENTS[service])
        self.project_number()
        return Tmpl(SERVICE_AGENTS[service])

    def key_id(self, r: IRResource, agent: str | None, attr: str = "encryption") -> Expr | None:
        """The referenced customer key's id (and a grant for `agent` to use it), or None for
        Google-managed encryption."""
        v = r.get(attr)
        if isinstance(v, dict) and "ref" in v:
            if agent is not None:
                self.key_users.add((v["ref"], agent))
            return ref("google_kms_crypto_key", v["ref"], "id")
        return None

    def network(self, r: IRResource) -> tuple[str, str] | None:
        v = r.get("network")
        if isinstance(v, dict) and "ref" in v:
            return v["ref"], v.get("member") or "private"
        return None

    def network_id(self, net: tuple[str, str]) -> Expr:
        return ref("google_compute_network", net[0], "id")

    def subnet_id(self, net: tuple[str, str]) -> Expr:
        return Expr(f"google_compute_subnetwork.{net[0]}_{net[1]}[0].id")

    def private_services(self, net: str) -> Expr:
        """Private services access on `net` (Cloud SQL private IP, Memorystore): one reserved range
        and one peering per network, emitted once."""
        flag = f"psa:{net}"
        if flag not in self.flags:
            self.flags.add(flag)
            self.resource("google_compute_global_address", f"{net}_services", {
                "name": self.name(f"{net}-services"),
                "purpose": "VPC_PEERING",
                "address_type": "INTERNAL",
                "prefix_length": 16,
                "network": ref("google_compute_network", net, "id"),
            })
            self.resource("google_service_networking_connection", net, {
                "network": ref("google_compute_network", net, "id"),
                "service": "servicenetworking.googleapis.com",
                "reserved_peering_ranges": [ref("google_compute_global_address", f"{net}_services", "name")],
            })
        return ref("google_service_networking_connection", net, "network")

    def account(self, r: IRResource) -> Expr:
        """The workload's own service account: its roles come only from its `uses` edges (iam.py)."""
        label = f"{r.name}_sa"
        if r.name not in self.accounts:
            self.accounts[r.name] = label
            base = naming.slug(r.name)[:21].rstrip("-")
            account_id = f"ad-{base}-{naming.short_hash(self.deployment, r.name, n=4)}"
            if not account_id[3:4].isalpha():
                account_id = "ad-x" + account_id[3:]
            self.resource("google_service_account", label, {
                "account_id": account_id[:30],
                "display_name": f"{self.deployment} {r.kind} {r.name} (autodeploy)",
            })
        return ref("google_service_account", label, "email")

    def log_bucket(self) -> Expr:
        """A deployment-wide bucket for access logs and the audit sink (private, versioned, retained)."""
        if "log_bucket" not in self.flags:
            self.flags.add("log_bucket")
            self.resource("google_storage_bucket", "autodeploy_logs", {
                "name": Tmpl("${var.project}-${var.name_prefix}-logs"),
                "location": Expr("upper(var.region)"),
                "force_destroy": False,
                "uniform_bucket_level_access": True,
                "public_access_prevention": "enforced",
                "versioning": _block({"enabled": True}),
                "retention_policy": _block({"retention_period": 365 * 86400}),
                # the deployment's own bucket, not an ADL resource: a user's `bucket logs` keeps its label
                "labels": {"autodeploy_shared": "logs"},
            })
        return ref("google_storage_bucket", "autodeploy_logs", "name")


def _block(body: dict[str, Any]) -> Any:
    from autodeploy.backends.terraform.hcl import Block

    return Block(body)


def member(email: Any) -> Tmpl:
    """An IAM member for a service account email (an expression or an email template)."""
    if isinstance(email, Tmpl):
        return Tmpl("serviceAccount:" + email.text)
    return Tmpl("serviceAccount:${" + email.text + "}")


def seconds(n: float) -> str:
    """A protobuf duration ("86400s")."""
    return f"{int(round(n))}s"
