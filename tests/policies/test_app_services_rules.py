"""The application-service kinds through the real gate (OPA): the insecure example trips the new rule
folders (ADLP-140..143) and the trait-driven rules (encryption, logs) on exactly the resources that
turn a safeguard off, and the compliant example has no high or critical finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _findings(example: str) -> set[tuple[str, str, str | None]]:
    argv = [sys.executable, "-m", "autodeploy", "check", f"examples/{example}.adl", "--format", "json"]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    return {(f["rule"], f["resource"], f["attr"]) for f in data["findings"]}


def test_insecure_application_services_are_caught() -> None:
    got = _findings("analytics-api-insecure")
    mine = {f for f in got if f[1] in {"nightly", "scoring", "open_api", "db_data", "shared"}}
    assert mine == {
        ("ADLP-001", "nightly", "encryption"), ("ADLP-001", "db_data", "encryption"),
        ("ADLP-001", "shared", "encryption"), ("ADLP-014", "nightly", "logs"),
        ("ADLP-140", "open_api", "access_logs"), ("ADLP-141", "open_api", "auth"),
        ("ADLP-142", "shared", "backup"), ("ADLP-143", "scoring", "network"), ("ADLP-143", "scoring", "isolation"),
    }


def test_compliant_application_services_pass() -> None:
    got = _findings("analytics-api")
    assert {f[0] for f in got} <= {"ADLP-030"}, got  # only: SageMaker has no cited price (budget unverifiable)
