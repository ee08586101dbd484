"""ADL3xxx: the compliance gate's diagnostics, registered in the compiler's catalogue so
they render like every other diagnostic (file:line:col, code, help)."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, diag, register
from autodeploy.compiler.diagnostics import Diagnostic, Severity

E, W = Severity.ERROR, Severity.WARNING

INSTALL_HINT = (
    "install the pinned OPA with `scripts/install-opa.sh` (puts it in .tools/bin/opa), "
    "or point AUTODEPLOY_OPA at an OPA 1.x binary"
)

register(
    Template("ADL3001", E, "OPA not available", "{problem}", "{hint}"),
    Template(
        "ADL3002",
        E,
        "waiver for unknown rule",
        "waiver names rule `{rule}`, which is not in the policy library",
        "{hint}",
    ),
    Template(
        "ADL3003",
        E,
        "OPA server unreachable",
        "cannot use the OPA server at {url}: {reason}",
        "start one with `opa run --server --addr 127.0.0.1:8181`, or drop --opa-url to evaluate locally",
    ),
    Template("ADL3004", E, "policy does not compile", "{problem}", "{hint}"),
    Template("ADL3005", E, "policy evaluation failed", "{problem}", "{hint}"),
    Template(
        "ADL3006",
        E,
        "waiver expired",
        "waiver for `{rule}` on `{target}` expired on {expires}; the finding it covered counts again",
        "renew it with a new `expires` date (owner: {owner}) or fix the finding",
    ),
    Template(
        "ADL3007",
        W,
        "unknown framework",
        "framework `{framework}` has no rules in the policy library",
        "{hint}",
    ),
    # ADL3010-3018: the gate never fails open (docs/gate.md, "What the gate guarantees")
    Template(
        "ADL3010",
        E,
        "policy library missing or empty",
        "policy folder {folder}: {reason}",
        "reinstall autodeploy (the library ships inside the package) or fix the --policy-dir path",
    ),
    Template("ADL3011", E, "invalid rule metadata", "{problem}", "{hint}"),
    Template("ADL3012", E, "duplicate rule id", "{problem}", "{hint}"),
    Template(
        "ADL3013",
        E,
        "policy engine returned no result",
        "{engine} returned no result for data.adl.main.report ({problem})",
        "the engine did not evaluate the library's adl.main, so nothing was checked; "
        "check the OPA binary or server (pinned OPA 1.22.3)",
    ),
    Template(
        "ADL3014",
        E,
        "malformed policy engine answer",
        "{engine}: {problem}",
        "this is not what data.adl.main.report returns; check the OPA binary or server "
        "(pinned OPA 1.22.3)",
    ),
    Template("ADL3015", E, "incomplete policy evaluation", "{engine} {problem}", "{hint}"),
    Template(
        "ADL3016",
        E,
        "policy library revision mismatch",
        "{engine} answered for library revision {got}, not the {want} this run loaded",
        "the engine evaluated other modules than the ones sent (a shared server changed under "
        "this run, or a stale bundle); rerun, or give the gate its own server",
    ),
    Template(
        "ADL3017",
        E,
        "policy evaluation timed out",
        "{engine} did not finish within {seconds} s; no verdict",
        "raise the deadline with --gate-timeout SECONDS or {env}; a hung engine never counts as a pass",
    ),
    Template(
        "ADL3018",
        E,
        "invalid gate timeout",
        "{where} = {value!r} is not a positive number of seconds (at most 86400)",
        None,
    ),
)


class PolicyEngineError(Exception):
    """The gate could not run (OPA missing, server down, broken org policy): exit 2."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def engine_error(code: str, **fields: object) -> PolicyEngineError:
    return PolicyEngineError(diag(code, None, **fields))
