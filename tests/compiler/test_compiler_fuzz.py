"""Property tests: fmt is idempotent and never changes meaning; no input crashes the compiler."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.adl"))]
EXAMPLE_TEXTS += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "errors").glob("*.adl"))]

names = st.sampled_from(["api", "db", "core", "logs", "k1", "jobs", "site", "trail"])
kinds = st.sampled_from(["network", "key", "bucket", "queue", "topic", "table", "audit", "service", "vm",
                         "database", "cache", "function", "cdn", "load_balancer", "secret", "bogus"])
attr_names = st.sampled_from(["size", "public", "encryption", "replicas", "uses", "tags", "retention", "cidr",
                              "image", "instance", "network", "load", "fifo", "region", "nope"])
scalars = st.one_of(
    st.integers(-5, 5000).map(str),
    st.sampled_from(["true", "false", "2 TB", "14 days", "400 rps", "1 vcpu", "2..12", "10..2", "0.5 GB",
                     '"10.0.0.0/16"', '"t3.medium"', '"x${env}y"', "core.private", "api", "2027-01-31",
                     "1200 usd/month", '"ghcr.io/a/b:1"']),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(["team", "env", '"a-b"']), inner), max_size=2).map(
            lambda kv: "{ " + ", ".join(f"{k}: {v}" for k, v in kv) + " }"),
    ),
    max_leaves=4,
)
comment = st.sampled_from(["", "  # note", "  # ${x} \"q\""])


@st.composite
def programs(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append('deployment app { region = "us-east-1" compliance = [hipaa] }' + draw(comment))
    if draw(st.booleans()):
        parts.append('param env: string = "prod"')
    for _ in range(draw(st.integers(0, 5))):
        kind, name = draw(kinds), draw(names)
        variant = draw(st.sampled_from(["", " : postgres", " : redis", " : container"]))
        attrs = draw(st.lists(st.tuples(attr_names, values, comment), max_size=4))
        sep = draw(st.sampled_from([" ", "\n  "]))
        body = sep.join(f"{a} = {v}{c if sep != ' ' else ''}" for a, v, c in attrs)
        parts.append(f"{draw(comment).strip()}\n{kind} {name}{variant} {{{sep}{body}\n}}")
    if draw(st.booleans()):
        parts.append("assert deployment.budget <= 100 usd/month")
    return "\n".join(parts) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_fmt_is_idempotent_and_keeps_meaning(src: str) -> None:
    once, diags = format_source(src)
    if once is None:
        assert diags and diags[0].code.startswith("ADL0")
        return
    twice, _ = format_source(once)
    assert twice == once
    # formatting never changes what the program means
    a, b = compile_source(src), compile_source(once)
    assert [d.code for d in a.diagnostics] == [d.code for d in b.diagnostics]
    if a.ir is not None and b.ir is not None:
        assert [(r.name, r.kind, r.attrs) for r in a.ir.resources] == [
            (r.name, r.kind, r.attrs) for r in b.ir.resources]
    # comments survive
    assert once.count("#") >= sum(1 for line in src.splitlines() if "# note" in line)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_mutated_examples_never_crash(text: str, data: st.DataObject) -> None:
    n = len(text)
    op = data.draw(st.sampled_from(["delete", "insert", "replace", "truncate", "swap"]))
    i = data.draw(st.integers(0, max(0, n - 1)))
    j = data.draw(st.integers(i, min(n, i + 20)))
    junk = data.draw(st.text(alphabet='{}[]=:."#$,.0123456789abcxyz \n-_/', max_size=8))
    if op == "delete":
        mutated = text[:i] + text[j:]
    elif op == "insert":
        mutated = text[:i] + junk + text[i:]
    elif op == "replace":
        mutated = text[:i] + junk + text[j:]
    elif op == "truncate":
        mutated = text[:i]
    else:
        mutated = text[i:j] + text[:i] + text[j:]
    result = compile_source(mutated, "mutant.adl")
    for d in result.diagnostics:
        assert d.code.startswith("ADL") and len(d.code) == 7
    result.render("text")
    result.render("json")
    if result.ir is not None:
        result.ir.dumps()
    format_source(mutated)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text: str) -> None:
    result = compile_source(text, "random.adl")
    result.render()
    format_source(text)
