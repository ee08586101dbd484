"""The platform examples' findings (issue 21): the insecure variant trips exactly the controls the
new kinds are held to -- public EKS endpoint (ADLP-120), secrets not encrypted (ADLP-001 via the
`encryptable` trait), control-plane logs off (ADLP-014 via `exports_logs`), a floating Helm release
(ADLP-121, chart version and `latest` image) -- and the compliant variants trip none."""

from __future__ import annotations

import pytest

from autodeploy import compile_file
from autodeploy.policies.engine import evaluate


def _findings(path: str) -> list[tuple[str, str, str | None]]:
    res = compile_file(path)
    assert res.ok and res.ir is not None, res.render()
    report = evaluate(res.ir)
    return sorted((f.rule, f.resource, f.attr) for f in report.findings)


def test_insecure_platform_is_flagged_rule_by_rule() -> None:
    assert _findings("examples/k8s-platform-insecure.adl") == [
        ("ADLP-001", "apps", "encryption"),
        ("ADLP-008", "k8s_platform_insecure", None),
        ("ADLP-014", "apps", "logs"),
        ("ADLP-120", "apps", "public"),
        ("ADLP-121", "dashboard", "values"),
        ("ADLP-121", "dashboard", "version"),
    ]


@pytest.mark.parametrize("path", ["examples/k8s-platform.adl", "examples/aks-platform.adl"])
def test_compliant_platforms_pass(path: str) -> None:
    assert _findings(path) == []
