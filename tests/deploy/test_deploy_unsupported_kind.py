"""A kind declared unsupported on AWS (KindSpec.unsupported) is never sent to boto3: apply skips
it with the same ADL5007 the Terraform emitter reports, and deploys the rest."""

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


def test_unsupported_kind_is_skipped_with_the_emitters_adl5007(moto_server, tmp_path: Path,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    moto_server.reset()
    monkeypatch.setitem(KINDS, "queue", replace(KINDS["queue"], unsupported=(("aws", "not offered in this test"),)))
    monkeypatch.delitem(PROVIDERS.handlers, "queue")  # the completeness test forbids a handler here
    result = compile_source(SRC, "small.adl")
    assert result.ir is not None and result.graph is not None
    want = [("ADL5007", "`queue q` cannot be built on aws: not offered in this test", 3)]

    emitted = emit_terraform(result.ir, result.graph)
    assert [(d.code, d.message, d.span.line) for d in emitted.diagnostics if d.code == "ADL5007"] == want

    cloud = Cloud("us-east-1", moto_server.endpoint)
    state = st.load(str(tmp_path / "s.json"), "small", "us-east-1", moto_server.endpoint)
    try:
        out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
        assert [(d.code, d.message, d.span.line) for d in out.diagnostics] == want
        assert out.exit_code == 1 and out.skipped == ["q"]
        assert sorted(state.resources) == ["b"]
    finally:
        engine.destroy(state, cloud, lambda _: None)
