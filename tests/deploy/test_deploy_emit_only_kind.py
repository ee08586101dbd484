"""A kind declared emit-only (KindSpec.emit_only) is emitted but never deployed by AutoDeploy:
apply refuses the whole plan with ADL5009 before any resource is created, so a deployment is
never half-built by deploy and half left to Terraform; the emitters still write it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from moto_server import moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.deploy.providers import PROVIDERS
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source
from autodeploy.compiler.kinds import KINDS

SRC = 'deployment small { region = "us-east-1" }\nbucket b { }\nqueue q { }\n'
WHY = "no API this test can drive"


def test_emit_only_kind_refuses_the_plan_before_any_call(moto_server, tmp_path: Path,  # noqa: F811
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    moto_server.reset()
    monkeypatch.setitem(KINDS, "queue", replace(KINDS["queue"], emit_only=WHY))
    monkeypatch.delitem(PROVIDERS.handlers, "queue")  # the completeness test forbids a handler here
    assert PROVIDERS.missing() == () and PROVIDERS.supported_but_registered() == ()
    result = compile_source(SRC, "small.adl")
    assert result.ir is not None and result.graph is not None

    emitted = emit_terraform(result.ir, result.graph)  # emit is unaffected: Terraform builds it
    assert not [d for d in emitted.diagnostics if d.code.startswith("ADL500")]
    assert "aws_sqs_queue" in emitted.files["main.tf"]

    cloud = Cloud("us-east-1", moto_server.endpoint)
    state = st.load(str(tmp_path / "s.json"), "small", "us-east-1", moto_server.endpoint)
    out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    assert [(d.code, d.message, d.span.line) for d in out.diagnostics] == [
        ("ADL5009", f"`queue q` is emitted but not deployed by AutoDeploy: {WHY}", 3)]
    assert out.exit_code == 1 and out.created == []
    assert state.resources == {}  # nothing was built, not even the bucket


def test_emit_only_kind_with_a_provider_is_a_contradiction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, "queue", replace(KINDS["queue"], emit_only=WHY))
    assert PROVIDERS.supported_but_registered() == ("queue",)
