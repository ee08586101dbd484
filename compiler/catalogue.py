"""The single catalogue of compiler diagnostics (ADL0xxx parse, 1xxx names/types, 2xxx graph).

Every message is built here from a template, as Bicep does with its `BCP###` table,
so wording stays consistent and docs/diagnostics.md can be checked against it.
Phases 3xxx (policy), 4xxx (cost) and 5xxx (backends) register their own entries
with `register()` from their packages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity, Span


@dataclass(frozen=True)
class Template:
    code: str
    severity: Severity
    title: str
    message: str
    help: str | None = None


E, W = Severity.ERROR, Severity.WARNING

_TEMPLATES: dict[str, Template] = {}


def register(*templates: Template) -> None:
    for t in templates:
        if t.code in _TEMPLATES and _TEMPLATES[t.code] != t:
            raise ValueError(f"diagnostic code {t.code} registered twice")
        _TEMPLATES[t.code] = t


register(
    # ---- 0xxx: reading and parsing -------------------------------------------------
    Template("ADL0001", E, "syntax error", "unexpected {found}", "expected {expected}"),
    Template("ADL0002", E, "invalid character", "unexpected character {char!r}", "{hint}"),
    Template("ADL0003", E, "unexpected end of file", "unexpected end of file", "expected {expected}"),
    Template("ADL0004", E, "unterminated string", "unterminated string literal",
             "close the string with `\"` on the same line"),
    # bounds: no literal can make the compiler overflow, recurse without end or run for minutes
    Template("ADL0020", E, "number too long", "a number of {length} characters; at most {limit} are allowed",
             "write the value with fewer digits, or in a larger unit"),
    Template("ADL0021", E, "number out of range", "`{text}` is out of range: numbers must be below {limit}",
             "use a larger unit (for example `TB` rather than `GB`)"),
    Template("ADL0022", E, "nesting too deep", "lists and maps nest more than {limit} levels deep", None),
    Template("ADL0023", E, "byte order mark", "a byte order mark (U+FEFF) inside the file",
             "a byte order mark is only allowed as the file's first character; delete this one"),
    Template("ADL0980", E, "resource name too long",
             "`{name}` is {length} characters long; a resource name is at most {limit}",
             "the name becomes part of the cloud's own names, which have length limits (an IAM role "
             "`<prefix>-<name>-monitoring` is at most 64 characters): use a shorter name"),
    # 0970-0979: strings a cloud would refuse at apply time (compiler/cloud_strings.py)
    Template("ADL0970", E, "control character in a string", "{what} holds the control character {char} "
             "(character {index})",
             "the clouds refuse control characters (a NUL cuts a string short in their APIs); only a tab or "
             "a newline is kept, in free text; remove it"),
    Template("ADL0971", E, "tag refused by the cloud", "tag {part} `{text}` in `{attr}` is refused by {cloud}: "
             "{rule}", None),
    Template("ADL0972", E, "too many tags", "`{kind} {name}` would carry {count} tags on {cloud}; at most {limit} "
             "are allowed",
             "the count holds the deployment's tags, the resource's, and the ones AutoDeploy writes itself "
             "(owner, environment, data_classification, autodeploy:deployment, autodeploy:resource, and Name "
             "on AWS): drop some"),
    Template("ADL0973", E, "tags fold into one label", "tags `{first}` and `{second}` of `{kind} {name}` both "
             "become the Google Cloud label `{label}`",
             "a label holds only lowercase letters, digits, `_` and `-`: rename one tag so they stay distinct"),
    Template("ADL0974", E, "invalid handler", "`{text}` is not a valid {runtime} handler: {rule}", None),
    Template("ADL0975", E, "invalid image reference", "`{text}` is not a valid container image reference: {rule}",
             'for example "ghcr.io/acme/api:1.0", "nginx:1.27" or "repo/app@sha256:<64 hex digits>"'),
    Template("ADL0976", E, "stale artifact left in place", "{path} is left from an earlier build and cannot be "
             "removed: {reason}",
             "this build did not write it: remove it by hand before anything deploys from this folder"),
    Template("ADL0101", E, "unresolvable import", "cannot resolve import {path!r}", "{hint}"),
    Template("ADL0102", E, "unreadable file", "cannot read {path!r}: {reason}", None),
    # 0110-0114: paths named in an .adl file stay inside the project root (compiler/confine.py)
    Template("ADL0110", E, "absolute path", "{what} {path!r} is refused: {reason}",
             "paths in .adl files are relative and stay inside the project root"),
    Template("ADL0111", E, "path outside the project root", "{what} {path!r} is refused: {reason}",
             "keep it inside the project root, or pass a wider `--root`"),
    Template("ADL0112", E, "not a regular file", "cannot read {path!r}: {reason}",
             "only regular files are read"),
    Template("ADL0113", E, "import of a non-ADL file", "import {path!r} does not name an `.adl` file",
             "only `.adl` files can be imported"),
    Template("ADL0114", E, "invalid path", "{what} {path!r} is refused: {reason}", None),
    # ---- 06xx: the file system around the compiler (autodeploy/fsutil.py) ----------------
    Template("ADL0600", E, "cannot write output", "cannot write {path}: {reason}", "{hint}"),
    Template("ADL0601", E, "output is not a regular file", "{path} is {what}, not a regular file",
             "write to a regular file or a new path; autodeploy does not replace {what}"),
    Template("ADL0602", E, "cannot read input", "cannot read {path}: {reason}", "{hint}"),
    Template("ADL0603", E, "option out of range", "{option} must be between {low} and {high}, got {value}", None),
    # 0981-0989: runs that meet each other (autodeploy/fsutil.py)
    Template("ADL0981", E, "output folder in use", "{path} is being written by another autodeploy run",
             "wait for it to finish, or give this run its own --out folder; nothing was written"),
    Template("ADL0982", E, "file not formatted",
             "{path} is not formatted: line {line} differs from the canonical layout",
             "run `autodeploy fmt {path}`, or `autodeploy fmt --diff {path}` to see the change"),
    Template("ADL0983", E, "code hidden in a comment by a carriage return",
             "this comment runs on past a carriage return and hides `{hidden}`",
             "the file ends lines with CR alone (classic Mac); a comment ends only at a line feed, so "
             "everything after the CR was ignored: convert the line endings to LF"),
    Template("ADL0984", E, "chat turn is not text", "turn {turn} holds {what}; it was not applied",
             "type the change in words; chat reads one line of UTF-8 text per turn"),
    Template("ADL0985", E, "generate request is not text", "the request holds {what}; nothing was written",
             "describe the deployment in words"),
    Template("ADL0986", E, "request too long", "{where} has {length} characters; the translator reads at most {limit}",
             "say what to deploy in a few sentences; put details in the .adl file afterwards"),
    # 0990-0999: the command line itself (autodeploy/cli.py): every refusal is coded, never a bare message
    Template("ADL0990", E, "invalid command line", "{message}", "{hint}"),
    Template("ADL0991", E, "no such file", "no such file: {path}", "{hint}"),
    Template("ADL0992", E, "empty file", "{path} declares nothing: it is empty or holds only comments",
             "an empty file is never a valid deployment (a truncated write?); restore it, or start one with "
             "`deployment app {{ cloud = aws  region = \"us-east-1\" }}`"),
    Template("ADL0993", E, "output would overwrite an input", "{path} is also an input of this run: {input}",
             "write the output to another path; the input was left as it was"),
    Template("ADL0994", E, "language server message refused", "autodeploy lsp: {message}",
             "the editor sent something that is not a JSON-RPC message; the server keeps running"),
    # 0800-0819: the language server (autodeploy/lsp)
    Template("ADL0800", E, "language server not installed", "`autodeploy lsp` needs {missing}, which is not installed",
             "install the extra: pip install 'autodeploy-adl[lsp]'"),
    # ---- 1xxx: names and types ----------------------------------------------------
    Template("ADL1001", E, "unknown resource kind", "unknown resource kind `{kind}`", "{hint}"),
    Template("ADL1002", E, "invalid variant", "{problem}", "{hint}"),
    Template("ADL1003", E, "unknown attribute", "`{kind}` has no attribute `{attr}`", "{hint}"),
    Template("ADL1004", E, "type mismatch", "`{attr}` expects {expected}, got {got}", "{hint}"),
    Template("ADL1005", E, "wrong unit", "`{attr}` expects {expected}, got `{got}`", "{hint}"),
    Template("ADL1006", E, "missing required attribute", "`{kind} {name}` is missing required attribute `{attr}`",
             "add `{fix}`"),
    Template("ADL1007", E, "duplicate attribute", "attribute `{attr}` is set twice", "previous value at {previous}"),
    Template("ADL1008", E, "duplicate name", "`{name}` is already defined", "previous definition at {previous}"),
    Template("ADL1009", E, "undefined reference", "`{name}` is not defined", "{hint}"),
    Template("ADL1010", E, "wrong reference kind", "`{attr}` must reference {expected}, but `{name}` is a {kind}",
             "{hint}"),
    Template("ADL1011", E, "value not allowed", "`{value}` is not an allowed value for `{attr}`", "{hint}"),
    Template("ADL1012", E, "invalid CIDR", "`{value}` is not a valid IPv4 CIDR block", "{hint}"),
    Template("ADL1013", E, "invalid range", "range `{value}` has its minimum above its maximum",
             "write the smaller bound first: `{fixed}`"),
    Template("ADL1014", E, "unknown region", "`{region}` is not a known {cloud} region", "{hint}"),
    Template("ADL1015", E, "invalid instance type", "`{value}` is not a valid {what} instance type", "{hint}"),
    Template("ADL1016", E, "value out of bounds", "`{attr}` must be {bound}, got {value}", None),
    Template("ADL1017", E, "unknown member", "`{name}` has no member `{member}`", "{hint}"),
    Template("ADL1018", E, "value not allowed", "{problem}", "{hint}"),
    Template("ADL1019", W, "no deployment block", "no `deployment` block; using cloud `aws` in `us-east-1`",
             "add `deployment app {{ cloud = aws  region = \"us-east-1\" }}`"),
    Template("ADL1020", E, "deployment block", "{problem}", "{hint}"),
    Template("ADL1021", E, "unknown parameter", "`${{{name}}}` does not name a parameter", "{hint}"),
    Template("ADL1022", E, "invalid parameter value", "{problem}", "{hint}"),
    Template("ADL1023", E, "duplicate parameter", "parameter `{name}` is already declared",
             "previous declaration at {previous}"),
    Template("ADL1024", E, "unknown parameter type", "unknown parameter type `{type}`", "{hint}"),
    Template("ADL1030", E, "assertion failed", "assertion `{text}` does not hold: {actual}", "{hint}"),
    Template("ADL1031", E, "invalid assertion", "{problem}", "{hint}"),
    Template("ADL1040", E, "invalid waiver", "{problem}", "{hint}"),
    Template("ADL1060", E, "empty waiver field", "waiver {rule} on `{target}` has an empty `{attr}`", "{hint}"),
    Template("ADL1061", E, "waiver expires too late",
             "waiver {rule} on `{target}` expires {expires}, more than {days} days from today",
             "waivers are temporary: set `expires` on or before {limit} and renew it then (horizon: {env})"),
    Template("ADL1062", E, "invalid waiver horizon", "{env}={value!r} is not a number of days from 1 to {high}",
             None),
    # a file that compiles clean must emit (compiler/buildable.py)
    Template("ADL1080", E, "network required", "`{kind} {name}` runs inside a network on {cloud} but names none",
             "{fix}"),
    Template("ADL1081", E, "not offered on this cloud", "{what} is not offered on {cloud}", "{fix}"),
    Template("ADL1083", E, "invalid physical name", "`{name}` is not a valid {cloud} {kind} name", "{rule}"),
    Template("ADL1082", E, "address space does not fit", "network `{name}`: cidr {cidr} does not fit: {problem}",
             "{hint}"),
    Template("ADL1050", W, "unused parameter", "parameter `{name}` is never used", None),
    Template("ADL1070", E, "unknown instance type",
             "`{value}` is not a known {what} instance type: no region of the price catalog lists it", "{hint}"),
    # 1300-1319: thresholds (`latency = p99 < 300 ms`), issue 21
    Template("ADL1300", E, "threshold in the wrong direction",
             "`{attr}` = {text}: the {metric} objective is an upper bound, written with `<` or `<=`",
             "state the level it must stay under, for example `{attr} = {example}`; the alarm fires when it is "
             "not met"),
    Template("ADL1301", E, "unknown statistic", "`{stat}` is not a statistic of `{attr}`", "use one of {stats}"),
    Template("ADL1302", E, "statistic missing", "`{attr}` = {text} does not say which statistic",
             "name one, for example `{attr} = {example}`"),
    # ---- 2xxx: the dependency graph ----------------------------------------------------
    Template("ADL2001", E, "dependency cycle", "dependency cycle: {cycle}",
             "break the cycle by removing one of these references"),
    Template("ADL2002", E, "self reference", "`{name}` references itself through `{attr}`", None),
)


# Portable sizes and retargeting to another cloud (issue 23: ADL1500-1519).
register(
    Template("ADL1500", E, "instance and size both given",
             "`{kind} {name}` sets both `instance` and `size`", "keep `size` to stay portable, or `instance` "
             "to pin one {cloud} type"),
    Template("ADL1501", E, "no type fits the size",
             "`{kind} {name}`: no {cloud} {what} type in the catalog has {size}", "{hint}"),
    Template("ADL1502", W, "region left behind when retargeting",
             "`{region}` is not a {cloud} region: `--cloud {cloud}` builds in {default} instead",
             "pass `--set` a region parameter, or write the {cloud} region in the file"),
)


# Per-kind registries (compiler/registry.py): the same two codes in every stage that dispatches by kind.
register(
    Template("ADL5007", E, "kind not supported on this cloud",
             "`{kind} {name}` cannot be built on {cloud}: {reason}",
             "use another kind or cloud, or remove the resource"),
    Template("ADL5008", E, "no handler for kind",
             "`{kind} {name}`: AutoDeploy has no {stage} for `{kind}` on {cloud}",
             "this is a gap in AutoDeploy: register one (docs/contributing.md, \"Add a kind\")"),
    Template("ADL5009", E, "kind is emit-only",
             "`{kind} {name}` is emitted but not deployed by AutoDeploy: {reason}",
             "deploy this deployment with the emitted Terraform (`autodeploy emit`), or remove the resource"),
)


def diag(code: str, span: Span | None, **fields: object) -> Diagnostic:
    """Build a diagnostic from the catalogue. Missing fields are an internal bug."""
    t = _TEMPLATES[code]
    message = t.message.format(**fields)
    help_text = t.help.format(**fields) if t.help else None
    if help_text is not None and not help_text.strip():
        help_text = None
    return Diagnostic(code=code, severity=t.severity, message=message, span=span, help=help_text)


def templates() -> tuple[Template, ...]:
    return tuple(_TEMPLATES[k] for k in sorted(_TEMPLATES))


def suggest(word: str, candidates: Iterable[str], what: str = "") -> str:
    """`did you mean `x`?` when something is close enough, else a short list of options."""
    cands = sorted(set(candidates))
    close = difflib.get_close_matches(word, cands, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if not cands or len(cands) > 12:
        return ""
    shown = ", ".join(f"`{c}`" for c in cands)
    return f"known {what}s: {shown}" if what else f"expected one of {shown}"
