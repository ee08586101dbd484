"""The local state file: what autodeploy created, by resource, with the desired-attrs hash.

Format (schema_version 1):
  {"schema_version": 1, "deployment": str, "endpoint": str|null, "region": str,
   "resources": {name: {"kind", "physical": {...}, "attrs_hash", "attrs", "deps": [names],
                        "monthly"?: estimated USD/month at apply time,
                        "naming"?: the naming scheme its physical names follow (absent: 1)}},
   "gate_overrides"?: [{"reason", "user", "time", "fail_on", "findings": [...]}]}
The optional keys are written only when present, so older files read and rewrite unchanged.
It is rewritten atomically after every resource completes. A file that cannot be parsed or
has a newer schema is reported and never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler.ir import IRResource
from autodeploy.fsutil import UnreadableFile, read_text, write_atomic

from .diagnostics import DeployError, ddiag
from .state_schema import SCHEMA_VERSION, validate


def default_path(adl_file: str, deployment: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(adl_file)), ".autodeploy", f"{deployment}.state.json")


def desired(r: IRResource, deployment_tags: dict[str, str]) -> dict[str, Any]:
    """What the hash covers: everything that, when changed, should reach the cloud.

    A secret's `value` from the file is never stored (nor used: a value is generated)."""
    attrs = dict(r.attrs)
    if r.kind == "secret" and attrs.get("value") is not None:
        attrs["value"] = "(redacted)"
    return {"variant": r.variant, "data": r.data, "attrs": attrs, "deployment_tags": deployment_tags}


def attrs_hash(d: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


@dataclass
class State:
    path: str
    deployment: str
    region: str
    endpoint: str | None
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: str | None = None  # the file's text as read (None when there was no file)
    # every `--skip-gate` under which this state was applied: who, when, why, what it let through
    gate_overrides: list[dict[str, Any]] = field(default_factory=list)
    # where save/restore write (backends/deploy/store.py: a local file or s3://); None: `path`
    store: Any = None

    def to_json(self) -> dict[str, Any]:
        doc = {"schema_version": SCHEMA_VERSION, "deployment": self.deployment, "endpoint": self.endpoint,
               "region": self.region, "resources": {k: self.resources[k] for k in sorted(self.resources)}}
        if self.gate_overrides:
            doc["gate_overrides"] = list(self.gate_overrides)
        return doc

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"

    def save(self) -> None:
        if self.store is not None:
            self.store.write(self.dumps())
            return
        write_atomic(self.path, self.dumps(), secret=True)  # cloud identifiers: owner-only, like tfstate

    def restore(self) -> None:
        """Put the file back exactly as it was before this run."""
        if self.store is not None:
            if self.raw is None:
                self.store.delete()
            else:
                self.store.write(self.raw)
            return
        if self.raw is None:
            if os.path.exists(self.path):
                os.unlink(self.path)
        else:
            write_atomic(self.path, self.raw, secret=True)


def load(path: str, deployment: str, region: str, endpoint: str | None, store: Any = None) -> State:
    """`store` (store.py): read the state from there (e.g. S3) instead of the local file `path`."""
    if store is None and not os.path.lexists(path):  # a symlink loop is reported below, never "no state"
        return State(path, deployment, region, endpoint)
    try:
        if store is not None:
            text = store.read()
            if text is None:
                return State(path, deployment, region, endpoint, store=store)
            raw = text
        else:
            raw = read_text(path)  # non-blocking: a FIFO is refused, never waited on
        data = json.loads(raw)
    except UnreadableFile as exc:
        raise DeployError(ddiag("ADL5101", None, path=path, reason=exc.reason), 2) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise DeployError(ddiag("ADL5101", None, path=path, reason=str(exc)), 2) from None
    from .providers import load_all

    res = validate(data, path, frozenset(load_all()))  # the whole file, before anything acts on it
    overrides = data.get("gate_overrides", [])
    if data.get("deployment") != deployment:
        raise DeployError(ddiag("ADL5103", None, path=path, found=data.get("deployment"), expected=deployment), 2)
    return State(path, deployment, data.get("region") or region, data.get("endpoint", endpoint), res, raw,
                 list(overrides), store)


def stub_resource(name: str, rec: dict[str, Any]) -> IRResource:
    """The resource a state record stands for (kind, name, recorded attributes), for providers
    that delete or read what the file no longer declares."""
    d = rec.get("attrs", {})
    return IRResource(rec["kind"], name, d.get("variant"), d.get("data"), dict(d.get("attrs", {})), {}, (),
                      None, {}, ())  # type: ignore[arg-type]
