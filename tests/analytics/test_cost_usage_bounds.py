"""Usage values are validated (finite, >= 0, a documented bound per key), keys that change nothing
are warned about, and no usage file — however odd — crashes the estimator."""

from __future__ import annotations

import math

import pytest
from cost_snippets import attach_networks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodeploy.analytics.cost import estimate
from autodeploy.analytics.cost_render import render
from autodeploy.analytics.usage import BOUNDS, KEYS, load_usage_file, unused_warnings
from autodeploy.cli import main
from autodeploy.compiler import compile_source

SRC = """
deployment d { region = "us-east-1" }
network net { }
bucket files { }
vm web { instance = "t3.medium"  count = 1..4 }
function fn { }
service api : container { image = "x:1" }
table t { }
queue q { }
topic tp { }
cache c : redis { }
database db : postgres { }
load_balancer lb { targets = [api] }
cdn edge { origin = files }
key k { }
secret s { }
audit trail { }
"""


@pytest.fixture(scope="module")
def ir():  # type: ignore[no-untyped-def]
    res = compile_source(attach_networks(SRC), "u.adl")
    assert res.ok, res.render()
    return res.ir


def _load(tmp_path, ir, text: str):  # type: ignore[no-untyped-def]
    p = tmp_path / "usage.yml"
    p.write_text(text, encoding="utf-8")
    return load_usage_file(str(p), ir)


@pytest.mark.parametrize("value", ["nan", ".nan", "inf", "-inf", ".inf", "-1", "1e400"])
def test_non_finite_or_negative_is_adl4014(tmp_path, ir, value: str) -> None:  # type: ignore[no-untyped-def]
    usage, diags = _load(tmp_path, ir, f"resources:\n  files: {{size_gb: {value}}}\n")
    assert usage is None and [d.code for d in diags] == ["ADL4014"]
    assert diags[0].span.line == 2 and "finite non-negative" in diags[0].message


@pytest.mark.parametrize(
    ("resource", "key", "value"),
    [("files", "size_gb", "1e12"), ("fn", "monthly_requests", "1e28"), ("fn", "duration_ms", "900001"),
     ("c", "nodes", "501"), ("api", "replicas", "1e9")],
)
def test_above_the_documented_bound_is_adl4015(tmp_path, ir, resource: str, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    usage, diags = _load(tmp_path, ir, f"resources:\n  {resource}: {{{key}: {value}}}\n")
    assert usage is None and [d.code for d in diags] == ["ADL4015"]
    bound, why = BOUNDS[key]
    assert f"at most {bound:g} ({why})" in diags[0].message and value in diags[0].message


def test_every_key_has_a_bound_and_the_bound_itself_is_accepted(tmp_path, ir) -> None:  # type: ignore[no-untyped-def]
    keys = {k for per_kind in KEYS.values() for k in per_kind}
    assert keys == set(BOUNDS)
    usage, diags = _load(tmp_path, ir, "resources:\n  files: {size_gb: 1e7}\n")
    assert diags == () and usage is not None
    assert estimate(ir, usage).resource("files").components[0].quantity == 10_000_000


def test_key_without_effect_is_a_warning(tmp_path, ir) -> None:  # type: ignore[no-untyped-def]
    usage, diags = _load(tmp_path, ir, "resources:\n  web: {load_rps: 500}\n  api: {load_rps: 9, replicas: 3}\n")
    assert diags == () and usage is not None
    rep = estimate(ir, usage)
    # a VM's count is not sized from load; the service's replicas are given, so load is not read
    assert rep.unused_usage == (("web", "load_rps"), ("api", "load_rps"))
    warns = unused_warnings(usage, rep.unused_usage, ir)
    assert [(d.code, d.severity.value, d.span.line) for d in warns] == [
        ("ADL4016", "warning", 2), ("ADL4016", "warning", 3)]
    assert "set usage `count`" in (warns[0].help or "")
    usage, _ = _load(tmp_path, ir, "resources:\n  web: {count: 3}\n  fn: {monthly_requests: 5}\n")
    assert estimate(ir, usage).unused_usage == ()


def test_cli_missing_usage_file_is_adl4010(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["cost", "examples/static-site.adl", "--usage", "no/such/usage.yml"])
    _, err = capsys.readouterr()
    assert code == 2 and "ADL4010" in err and "no/such/usage.yml" in err


def test_cli_prints_the_no_effect_warning(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = 'deployment d { region = "us-east-1" }\nvm web { instance = "t3.medium" }\n'
    (tmp_path / "a.adl").write_text(attach_networks(src))
    (tmp_path / "u.yml").write_text("resources:\n  web: {load_rps: 500}\n")
    code = main(["cost", str(tmp_path / "a.adl"), "--usage", str(tmp_path / "u.yml")])
    out, err = capsys.readouterr()
    assert code == 0 and "warning ADL4016" in err and "u.yml:2:9" in err and "TOTAL" in out


# ---- no usage file crashes the estimator -------------------------------------------------------
_NAMES = ["files", "web", "fn", "api", "t", "q", "tp", "c", "db", "lb", "edge", "k", "s", "trail", "net", "nope"]
_KEYS = sorted(BOUNDS) + ["bogus"]
_SCALARS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["nan", ".inf", "-.inf", "1e28", "1e-300", "0x10", "1_000", "true", "~", "''", "abc", "[]",
                     "{}", "1e7", "10000", "900000"]),
)


@st.composite
def usage_texts(draw):  # type: ignore[no-untyped-def]
    lines = ["resources:"]
    for name in draw(st.lists(st.sampled_from(_NAMES), max_size=6, unique=True)):
        pairs = draw(st.lists(st.tuples(st.sampled_from(_KEYS), _SCALARS), max_size=4, unique_by=lambda p: p[0]))
        lines.append(f"  {name}: {{{', '.join(f'{k}: {v}' for k, v in pairs)}}}")
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(usage_texts(), st.text(max_size=80)))
def test_hypothesis_usage_files_never_crash(tmp_path, ir, text: str) -> None:  # type: ignore[no-untyped-def]
    usage, diags = _load(tmp_path, ir, text)
    if usage is None:
        assert diags and all(d.code.startswith("ADL40") for d in diags)
        return
    assert diags == ()
    for values in usage.resources.values():
        for key, v in values.items():
            assert math.isfinite(v) and 0 <= v <= BOUNDS[key][0]
    rep = estimate(ir, usage)
    for fmt in ("table", "json", "csv", "markdown"):
        assert render(rep, fmt)
    assert math.isfinite(rep.total_monthly)
    unused_warnings(usage, rep.unused_usage, ir)


def test_yaml_float_spellings_are_read_as_numbers(tmp_path, ir) -> None:  # type: ignore[no-untyped-def]
    usage, diags = _load(tmp_path, ir, "resources:\n  fn: {monthly_requests: 1e6, duration_ms: 1_000}\n")
    assert diags == () and usage is not None and usage.of("fn") == {"monthly_requests": 1e6, "duration_ms": 1000}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0, 1e28, "3", True])
def test_usage_from_code_is_checked_too(ir, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="usage files.size_gb must be a finite number"):
        estimate(ir, {"files": {"size_gb": value}})
