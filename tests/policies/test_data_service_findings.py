"""The data-service examples through the policy gate: the insecure twin gets one finding per
insecure setting (rule, resource, attribute), the compliant file none; the trait-driven rules
(encryption, keys, private subnets, logs, deletion protection, backups) reach the new kinds."""

from __future__ import annotations

import json

import pytest
from policies_support import opa_bin, run_cli  # noqa: F401

INSECURE = {
    ("ADLP-001", "clickstream", "encryption"),
    ("ADLP-001", "profiles", "encryption"),
    ("ADLP-002", "catalog", "encryption"),
    ("ADLP-002", "orders", "encryption"),
    ("ADLP-002", "fulfilment", "encryption"),
    ("ADLP-008", "order_platform_insecure", None),
    ("ADLP-014", "catalog", "logs"),
    ("ADLP-014", "orders", "logs"),
    ("ADLP-018", "catalog", "network"),
    ("ADLP-018", "orders", "network"),
    ("ADLP-018", "fulfilment", "network"),
    ("ADLP-021", "profiles", "backup"),
    ("ADLP-025", "profiles", "deletion_protection"),
    ("ADLP-028", "order_platform_insecure", "region"),
    ("ADLP-100", "catalog", "tls"),
    ("ADLP-100", "orders", "tls"),
    ("ADLP-100", "profiles", "tls"),
    ("ADLP-101", "catalog", "auth"),
    ("ADLP-102", "catalog", "public"),
    ("ADLP-102", "fulfilment", "public"),
}


def _findings(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, set[tuple[str, str, str | None]]]:
    code, out, _ = run_cli(capsys, "check", path, "--format", "json")
    return code, {(f["rule"], f["resource"], f["attr"]) for f in json.loads(out)["findings"]}


def test_insecure_twin_has_one_finding_per_insecure_setting(opa_bin: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, got = _findings(capsys, "examples/data-services-insecure.adl")
    assert got == INSECURE
    assert code != 0


@pytest.mark.parametrize("example", ["examples/data-services.adl", "examples/data-services-azure.adl"])
def test_compliant_variants_pass_clean(example: str, opa_bin: str,  # noqa: F811
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, got = _findings(capsys, example)
    assert (code, got) == (0, set())
