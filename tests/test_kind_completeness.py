"""Every kind has a handler in every per-kind registry of a cloud it claims (Terraform and ARM
emitters, deploy providers, pricers), or an explicit `unsupported` entry in its KindSpec, which
every stage turns into the same ADL5007. docs/contributing.md ("Add a kind") relies on this test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.analytics.pricers import AWS_PRICERS, AZURE_PRICERS, GCP_PRICERS
from autodeploy.backends.arm import emit_arm
from autodeploy.backends.arm.registry import ARM
from autodeploy.backends.deploy.providers import PROVIDERS
from autodeploy.backends.gcp import emit_terraform_gcp
from autodeploy.backends.gcp.registry import GCP_TERRAFORM
from autodeploy.backends.terraform import emit_terraform
from autodeploy.backends.terraform.registry import TERRAFORM
from autodeploy.compiler import compile_source
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.registry import KindRegistry
from autodeploy.compiler.schema import KindSpec


def _registries() -> tuple[KindRegistry, ...]:  # type: ignore[type-arg]
    return (TERRAFORM, ARM, PROVIDERS, AWS_PRICERS, AZURE_PRICERS, GCP_TERRAFORM, GCP_PRICERS)


@pytest.mark.parametrize("reg", _registries(), ids=lambda r: f"{r.stage} on {r.cloud}")
def test_every_kind_is_handled_or_declared_unsupported(reg: KindRegistry) -> None:  # type: ignore[type-arg]
    assert reg.missing() == (), (
        f"kinds without a {reg.stage} on {reg.cloud}: {reg.missing()}; register one or add "
        f"unsupported=((\"{reg.cloud}\", \"<why>\"),) to the KindSpec"
    )
    assert reg.supported_but_registered() == (), "a kind declared unsupported still has a handler"


def test_a_new_kind_without_handlers_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """What "Add a kind" promises: a KindSpec alone fails this test in every registry, and an
    `unsupported` entry per cloud is what lets it pass without handlers."""
    regs = _registries()
    monkeypatch.setitem(KINDS, "widget", KindSpec("widget", "a test kind", attrs=()))
    for reg in regs:
        assert reg.missing() == ("widget",), reg.stage
    monkeypatch.setitem(KINDS, "widget", KindSpec("widget", "a test kind", attrs=(),
                                                  unsupported=(("aws", "no AWS service"), ("azure", "no Azure one"),
                                                               ("gcp", "no Google one"))))
    for reg in regs:
        assert reg.missing() == (), reg.stage


SRC = {
    "aws": 'deployment d { cloud = aws }\nbucket site { }\ncdn edge { origin = site }\n',
    "azure": 'deployment d { cloud = azure }\nbucket site { }\ncdn edge { origin = site }\n',
    "gcp": 'deployment d { cloud = gcp }\nbucket site { }\nsecret edge { }\n',
}
# the kind each case declares unsupported (cdn is already unsupported on gcp; a secret is not)
_PROBE = {"aws": "cdn", "azure": "cdn", "gcp": "secret"}


@pytest.mark.parametrize("cloud", ["aws", "azure", "gcp"])
def test_unsupported_kind_gives_one_adl5007_in_every_stage(cloud: str, monkeypatch: pytest.MonkeyPatch) -> None:
    regs = _registries()
    kind = _PROBE[cloud]
    monkeypatch.setitem(KINDS, kind, replace(KINDS[kind], unsupported=((cloud, "not offered in this test"),)))
    for reg in regs:  # an unsupported kind has no handler (the completeness test enforces it)
        if reg.cloud == cloud and kind in reg.handlers:
            monkeypatch.delitem(reg.handlers, kind)
    result = compile_source(SRC[cloud], "t.adl")
    want = f"`{kind} edge` cannot be built on {cloud}: not offered in this test"
    # compile says so first (a file that compiles clean must emit); the IR still reaches the rest
    assert [(d.code, d.message) for d in result.errors] == [("ADL5007", want)]
    assert result.ir is not None and result.graph is not None

    emit = {"aws": emit_terraform, "azure": emit_arm, "gcp": emit_terraform_gcp}[cloud]
    emitted = emit(result.ir, result.graph)
    codes = [(d.code, d.message) for d in emitted.diagnostics if d.code.startswith("ADL500")]
    assert codes == [("ADL5007", want)]
    assert emitted.diagnostics[[d.code for d in emitted.diagnostics].index("ADL5007")].span.line == 3

    cost = estimate(result.ir)
    edge = cost.resource("edge")
    assert edge is not None and [c.note for c in edge.components] == [f"ADL5007: {want}"]
    assert [u for u in cost.unknown if u.startswith("edge:")] == [f"edge: {kind} (no pricing model)"]

    if cloud == "aws":
        d = PROVIDERS.problem(kind, "edge", None)
        assert d is not None and (d.code, d.message) == ("ADL5007", want)


def test_missing_handler_is_a_coded_gap_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    _registries()
    monkeypatch.delitem(ARM.handlers, "cdn")
    result = compile_source(SRC["azure"], "t.adl")
    assert result.ir is not None and result.graph is not None
    out = emit_arm(result.ir, result.graph)
    assert [d.code for d in out.diagnostics if d.code == "ADL5008"] == ["ADL5008"]


def test_emit_only_exempts_only_the_deploy_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """`emit_only` lets a kind go without a deploy provider, never without an emitter or pricer."""
    regs = _registries()
    monkeypatch.setitem(KINDS, "widget", KindSpec("widget", "a test kind", attrs=(), emit_only="no boto3 API"))
    for reg in regs:
        assert reg.missing() == (() if reg is PROVIDERS else ("widget",)), reg.stage

