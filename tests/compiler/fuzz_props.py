"""The compile + fmt properties and the input generators shared by the CI fuzz test
(tests/compiler/test_compiler_fuzz.py, a fixed budget) and the long run (bench/fuzz_compile.py).

Properties of every input text:
  1. compile never raises: every diagnostic is coded (ADL####) and renders;
  2. fmt either refuses with a parse-phase code (ADL0xxx) or returns text that fmt leaves alone;
  3. fmt keeps meaning: the same diagnostic codes and the same IR (spans aside) before and after;
  4. fmt keeps every comment: the same comment texts, none lost, none invented.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source, scan_comments

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.adl"))]
EXAMPLE_TEXTS += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "errors").glob("*.adl"))]


class PropertyFailure(AssertionError):
    """One of the four properties does not hold for an input; `prop` names which."""

    def __init__(self, prop: str, detail: str) -> None:
        super().__init__(f"{prop}: {detail}")
        self.prop = prop


def _no_spans(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _no_spans(x) for k, x in v.items() if k not in ("span", "attr_spans")}
    if isinstance(v, list):
        return [_no_spans(x) for x in v]
    return v


def _codes(src: str) -> tuple[list[str], Any]:
    result = compile_source(src, "fuzz.adl")
    for d in result.diagnostics:
        if not (d.code.startswith("ADL") and len(d.code) == 7):
            raise PropertyFailure("compile", f"uncoded diagnostic {d!r}")
    result.render("text")
    result.render("json")
    ir = None if result.ir is None else _no_spans(result.ir.to_json())
    if result.ir is not None:
        result.ir.dumps()
    return sorted(d.code for d in result.diagnostics), ir


def check_program(src: str) -> str:
    """Run all four properties on `src`; returns 'refused' or 'formatted'. Raises PropertyFailure
    on a property failure (an exception from the compiler itself propagates as is)."""
    codes, ir = _codes(src)
    once, diags = format_source(src, "fuzz.adl")
    if once is None:
        if not diags or not all(d.code.startswith("ADL0") for d in diags):
            raise PropertyFailure("fmt-refusal", f"fmt refused without a parse code: {[d.code for d in diags]}")
        return "refused"
    twice, _ = format_source(once, "fuzz.adl")
    if twice != once:
        raise PropertyFailure("idempotent", f"second fmt differs:\n{once!r}\n{twice!r}")
    codes2, ir2 = _codes(once)
    if codes2 != codes:
        raise PropertyFailure("meaning", f"diagnostics {codes} became {codes2}")
    if ir2 != ir:
        raise PropertyFailure("meaning", "the IR changed")
    before = Counter(c.text for c in scan_comments(src.removeprefix("\ufeff")))
    after = Counter(c.text for c in scan_comments(once))
    if before != after:
        raise PropertyFailure("comments", f"comments {sorted(before.elements())} became {sorted(after.elements())}")
    return "formatted"


# ---- generators ------------------------------------------------------------------------

names = st.sampled_from(["api", "db", "core", "logs", "k1", "jobs", "site", "trail", "true", "deployment"])
kinds = st.sampled_from(["network", "key", "bucket", "queue", "topic", "table", "audit", "service", "vm",
                         "database", "cache", "function", "cdn", "load_balancer", "secret", "bogus"])
attr_names = st.sampled_from(["size", "public", "encryption", "replicas", "uses", "tags", "retention", "cidr",
                              "image", "instance", "network", "load", "fifo", "region", "nope", "owner"])
# characters that are line breaks to str.splitlines() but not to the parser, quotes, escapes, `#`, `${`
_odd = "\u2028\u2029\x0b\x0c\x85\x1c\r\t #\"\\${}é"
string_bodies = st.text(alphabet=st.sampled_from(list(_odd) + list("ab1-_. /")), max_size=12)


def _quoted(body: str) -> str:
    out = body.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out + '"'


numbers = st.one_of(
    st.integers(-5, 5000).map(str),
    st.integers(0, 40).map(lambda n: "1" + "0" * n),             # around the magnitude bound
    st.integers(0, 50).map(lambda n: "0." + "5" * n),             # around the length bound
    st.sampled_from(["0", "-0", "007", "1.0", "0.000001"]),
)
scalars = st.one_of(
    numbers,
    numbers.map(lambda n: n + " GB"),
    st.sampled_from(["true", "false", "2 TB", "14 days", "400 rps", "1 vcpu", "2..12", "10..2", "0.5 GB",
                     '"10.0.0.0/16"', '"t3.medium"', '"x${env}y"', "core.private", "api", "2027-01-31",
                     "1200 usd/month", '"ghcr.io/a/b:1"', '"${"', '"${}"', '"a # b"']),
    string_bodies.map(_quoted),
)
keys = st.one_of(st.sampled_from(["team", "env", "a_b", "true"]), string_bodies.map(_quoted))


def _nest(depth: int, inner: str) -> str:
    return "[" * depth + inner + "]" * depth


values = st.one_of(
    st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(st.tuples(keys, inner), max_size=2).map(
                lambda kv: "{ " + ", ".join(f"{k}: {v}" for k, v in kv) + " }"),
        ),
        max_leaves=4,
    ),
    st.tuples(st.integers(28, 40), scalars).map(lambda t: _nest(*t)),   # around the nesting bound
)
comment = st.one_of(st.sampled_from(["", "  # note", "  # ${x} \"q\"", "  #", "  ## twice"]),
                    string_bodies.map(lambda b: "  # " + b.replace("\n", "")))


@st.composite
def programs(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append('deployment app { region = "us-east-1" compliance = [hipaa] }' + draw(comment))
    if draw(st.booleans()):
        parts.append(f"param env: string = {draw(scalars)}" + draw(comment))
    for _ in range(draw(st.integers(0, 4))):
        kind, name = draw(kinds), draw(names)
        variant = draw(st.sampled_from(["", " : postgres", " : redis", " : container"]))
        attrs = draw(st.lists(st.tuples(attr_names, values, comment), max_size=4))
        sep = draw(st.sampled_from([" ", "\n  ", "\n\n  "]))
        body = sep.join(f"{a} = {v}{c if sep != ' ' else ''}" for a, v, c in attrs)
        parts.append(f"{draw(comment).strip()}\n{kind} {name}{variant} {{{sep}{body}\n}}{draw(comment)}")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from([
            'waive ADLP-001 on api {\n  reason = "legacy"\n  owner = "a@b.c"\n  expires = 2027-01-31\n}',
            'waive ADLP-001 on api { reason = "" owner = "" expires = 9999-12-31 }',
        ])))
    if draw(st.booleans()):
        parts.append(f"assert deployment.tags == {draw(values)}" + draw(comment))
    text = "\n".join(parts) + "\n"
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    return text


@st.composite
def mutated_examples(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    n = len(text)
    op = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "swap"]))
    i = draw(st.integers(0, max(0, n - 1)))
    j = draw(st.integers(i, min(n, i + 20)))
    junk = draw(st.text(alphabet='{}[]=:."#$,.0123456789abcxyz \n-_/\u2028\x0c\\', max_size=8))
    if op == "delete":
        return text[:i] + text[j:]
    if op == "insert":
        return text[:i] + junk + text[i:]
    if op == "replace":
        return text[:i] + junk + text[j:]
    if op == "truncate":
        return text[:i]
    return text[i:j] + text[:i] + text[j:]


# programs twice: they reach fmt far more often than mutants and random text, which mostly do not parse
inputs = st.one_of(programs(), programs(), mutated_examples(), st.text(max_size=200))
