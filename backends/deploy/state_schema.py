"""The state file's schema, checked before anything acts on a state (plan, apply, destroy, drift).

A hand-edited state must fail here, whole and with a coded diagnostic naming the file and the
field, never halfway through a destroy: types of every field (ADL5131), resource kinds this
backend can delete (ADL5133), and dependencies that form no cycle (ADL5132), since a cycle
would stop the reverse-order walk after part of the resources were already gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from autodeploy.backends.aws.names import LEGACY_SCHEME, NAMING_SCHEME

from .diagnostics import DeployError, ddiag

SCHEMA_VERSION = 1

# Physical fields that are not strings (every other one names or identifies a cloud object).
_INT_FIELDS = frozenset({"deletion_window"})
_BOOL_FIELDS = frozenset({"rule_target", "igw_attached"})
_LIST_FIELDS = frozenset({"subscriptions", "attached_asgs", "associations", "eips", "nat_gateways",
                          "private_rts", "flow_log_ids",
                          # application-service kinds (issue 22)
                          "volumes", "attachments", "mount_targets", "permissions",
                          # a load_balancer's service targets: `<cluster>/<service>`, `<sg>:<port>`
                          "attached_services", "service_ingress",
                          # functions a load_balancer may invoke (their resource policy statements)
                          "lambda_permissions"})
# name -> id maps: a load_balancer's target groups by target, its Auto Scaling groups' target group
_MAP_FIELDS = frozenset({"target_groups", "asg_target_groups"})


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)  # `true` is not a version number


def _is_str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _physical_type(key: str) -> tuple[Callable[[object], bool], str]:
    if key in _INT_FIELDS:
        return _is_int, "an integer"
    if key in _BOOL_FIELDS:
        return (lambda v: isinstance(v, bool)), "true or false"
    if key in _MAP_FIELDS:
        return (lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) and x
                                                      for k, x in v.items())), "an object of strings"
    if key in _LIST_FIELDS or key.endswith("_subnets"):
        return _is_str_list, "a list of strings"
    return (lambda v: isinstance(v, str) and v != ""), "a non-empty string"


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DeployError:
        return DeployError(ddiag("ADL5131", None, path=self.path, where=where, problem=problem), 2)

    def want(self, ok: bool, where: str, problem: str) -> None:
        if not ok:
            raise self.fail(where, problem)

    def record(self, name: str, rec: object, known_kinds: frozenset[str]) -> None:
        at = f"resources.{name}"
        self.want(isinstance(rec, dict), at, "must be an object")
        assert isinstance(rec, dict)
        kind = rec.get("kind")
        self.want(isinstance(kind, str), f"{at}.kind", "must be a string")
        if kind not in known_kinds:
            raise DeployError(ddiag("ADL5133", None, path=self.path, name=name, kind=kind,
                                    known=", ".join(sorted(known_kinds))), 2)
        phys = rec.get("physical")
        self.want(isinstance(phys, dict), f"{at}.physical", "must be an object")
        assert isinstance(phys, dict)
        for key, value in phys.items():
            test, what = _physical_type(key)
            self.want(test(value), f"{at}.physical.{key}", f"must be {what}, got {_show(value)}")
        self.want(isinstance(rec.get("attrs_hash"), str), f"{at}.attrs_hash", "must be a string")
        attrs = rec.get("attrs", {})
        self.want(isinstance(attrs, dict), f"{at}.attrs", f"must be an object, got {_show(attrs)}")
        for sub in ("attrs", "deployment_tags"):
            self.want(isinstance(attrs.get(sub, {}), dict), f"{at}.attrs.{sub}", "must be an object")
        deps = rec.get("deps", [])
        self.want(_is_str_list(deps), f"{at}.deps", "must be a list of resource names")
        self.want(name not in deps, f"{at}.deps", "a resource cannot depend on itself")
        scheme = rec.get("naming", LEGACY_SCHEME)  # absent: written before names were recorded (issue 13)
        self.want(_is_int(scheme) and scheme >= LEGACY_SCHEME, f"{at}.naming",
                  f"must be a naming scheme number, got {_show(scheme)}")
        if scheme > NAMING_SCHEME:
            raise DeployError(ddiag("ADL5190", None, path=self.path, name=name, scheme=scheme,
                                    supported=NAMING_SCHEME), 2)
        monthly = rec.get("monthly")  # the estimate recorded at apply (issue 15); optional
        self.want(monthly is None or (isinstance(monthly, (int, float)) and not isinstance(monthly, bool)),
                  f"{at}.monthly", f"must be a number or null, got {_show(monthly)}")


def _show(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return "an object" if isinstance(v, dict) else "a list"
    text = repr(v)
    return text if len(text) <= 40 else text[:37] + "..."


def validate(data: Any, path: str, known_kinds: frozenset[str]) -> dict[str, dict[str, Any]]:
    """Check a parsed state file; returns its `resources`. Raises DeployError (exit 2) on the
    first problem, before any cloud call. The schema version is checked before anything else."""
    c = _Checker(path)
    if not isinstance(data, dict) or "schema_version" not in data:
        raise DeployError(ddiag("ADL5101", None, path=path, reason="not an autodeploy state object"), 2)
    ver = data["schema_version"]
    c.want(_is_int(ver), "schema_version", f"must be an integer, got {_show(ver)}")
    if ver != SCHEMA_VERSION:
        raise DeployError(ddiag("ADL5102", None, path=path, version=ver, supported=SCHEMA_VERSION), 2)
    c.want(isinstance(data.get("deployment"), str), "deployment", "must be a string")
    c.want(data.get("endpoint") is None or isinstance(data["endpoint"], str), "endpoint", "must be a string or null")
    c.want(data.get("region") is None or isinstance(data["region"], str), "region", "must be a string or null")
    overrides = data.get("gate_overrides", [])
    c.want(isinstance(overrides, list) and all(isinstance(o, dict) for o in overrides),
           "gate_overrides", "must be a list of objects")
    res = data.get("resources")
    c.want(isinstance(res, dict), "resources", "must be an object of resource records")
    assert isinstance(res, dict)
    for name in sorted(res):
        c.record(name, res[name], known_kinds)
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(res)
    g.add_edges_from((n, d) for n in res for d in res[n].get("deps", []) if d in res)
    try:
        cycle = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        return res
    names = [a for a, _ in cycle] + [cycle[0][0]]
    raise DeployError(ddiag("ADL5132", None, path=path, cycle=" --> ".join(names)), 2)
