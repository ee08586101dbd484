"""A deployment made before deploy wrote the access-log bucket's TLS-only statement (or one loosened
out of band) converges: `apply --refresh` gives the bucket main.tf's settings again (issue 13,
round 4, item 6). It used to report `tls_only` drift until the bucket was re-created: apply never
touched a part that already existed, and `--refresh` only turned the file's resources into work."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from moto_server import moto, moto_server  # noqa: F401

from autodeploy.backends.aws import access_logs as facts
from autodeploy.cli import main

# a bucket with server access logs: its grant statement must survive the repair
SRC = """deployment legacy { cloud = aws  region = "us-east-1" }
bucket files { }
"""


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_apply_refresh_repairs_a_pre_tls_only_log_bucket(moto, tmp_path: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "t.adl"
    adl.write_text(SRC)
    common = ["--endpoint", moto.endpoint, "--state", str(tmp_path / "s.json")]
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    name = facts.bucket_name("legacy")
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    statements = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"]
    grants = [st for st in statements if st["Sid"].startswith("S3ServerAccessLogs")]
    assert grants, statements
    # what an earlier release left: no DenyInsecureTransport, and the public access block gone
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        st for st in statements if st["Sid"] != facts.TLS_ONLY_SID]}))
    s3.delete_public_access_block(Bucket=name)

    code, out = _cli(capsys, "drift", str(adl), *common)
    assert code == 1 and "tls_only" in out and "apply --refresh" in out, out  # the message says how to fix it
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0 and "No changes" in out, out  # plain apply compares with the state only

    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve", "--refresh")
    assert code == 0, out
    assert f"~ {facts.LABEL} (bucket): update  (public_access_blocked, tls_only)" in out, out  # shown first
    assert "Plan: 0 to create, 1 to update, 0 to delete" in out and f"{facts.LABEL} (bucket): updated" in out, out
    code, out = _cli(capsys, "drift", str(adl), *common)
    assert code == 0, out  # converged
    after = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"]
    assert [st for st in after if st["Sid"].startswith("S3ServerAccessLogs")] == grants  # kept
    assert sum(st["Sid"] == facts.TLS_ONLY_SID for st in after) == 1
    code, out = _cli(capsys, "apply", str(adl), *common, "--auto-approve", "--refresh")
    assert code == 0 and "No changes" in out, out
