"""Hand-edited state files fail whole, with a coded diagnostic, before anything acts on them;
a malformed --endpoint is coded too (no ValueError from boto3)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from moto_server import EXAMPLES

from autodeploy.backends.deploy.state_schema import validate
from autodeploy.cli import main

ADL = str(EXAMPLES / "patient-portal.adl")
KINDS = frozenset({"bucket", "key", "network", "database"})


def _rec(kind: str, deps: list[str], **physical: Any) -> dict[str, Any]:
    return {"kind": kind, "physical": physical or {"bucket": "b"}, "attrs_hash": "0" * 64, "attrs": {},
            "deps": deps}


GOOD: dict[str, Any] = {
    "schema_version": 1, "deployment": "patient_portal", "endpoint": None, "region": "us-east-1",
    "resources": {
        "records_key": _rec("key", [], key_id="k-1", arn="arn:k", alias="alias/x", deletion_window=7),
        "records": _rec("bucket", ["records_key"], bucket="b", arn="arn:aws:s3:::b"),
        "core": _rec("network", [], vpc="vpc-1", public_subnets=["s-1", "s-2"], igw_attached=True),
    },
}


def _edit(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    *head, last = path.split(".")
    node = data
    for k in head:
        node = node[k]
    node[last] = value
    return data


def test_a_good_state_passes() -> None:
    assert set(validate(copy.deepcopy(GOOD), "s.json", KINDS)) == {"records_key", "records", "core"}


@pytest.mark.parametrize("edit,code,words", [
    (("schema_version", True), "ADL5131", "`schema_version` must be an integer, got true"),
    (("schema_version", "1"), "ADL5131", "`schema_version` must be an integer"),
    (("schema_version", 2), "ADL5102", "schema_version 2"),
    (("resources.records.attrs", None), "ADL5131", "`resources.records.attrs` must be an object, got null"),
    (("resources.records.physical.bucket", 7), "ADL5131",
     "`resources.records.physical.bucket` must be a non-empty string, got 7"),
    (("resources.records_key.physical.deletion_window", "7"), "ADL5131", "must be an integer"),
    (("resources.core.physical.public_subnets", "s-1"), "ADL5131", "must be a list of strings"),
    (("resources.core.physical.igw_attached", 1), "ADL5131", "must be true or false"),
    (("resources.records.kind", "teleporter"), "ADL5133", "unknown kind 'teleporter'"),
    (("resources.records.kind", None), "ADL5131", "`resources.records.kind` must be a string"),
    (("resources.records.deps", "records_key"), "ADL5131", "must be a list of resource names"),
    (("resources.records.deps", ["records"]), "ADL5131", "cannot depend on itself"),
    (("resources.records_key.deps", ["records"]), "ADL5132", "records_key --> records --> records_key"),
    (("resources.records.attrs_hash", None), "ADL5131", "attrs_hash"),
    (("resources.records.attrs", {"attrs": None}), "ADL5131", "`resources.records.attrs.attrs` must be an object"),
    (("resources", []), "ADL5131", "`resources` must be an object"),
    (("deployment", 5), "ADL5131", "`deployment` must be a string"),
    (("endpoint", 5), "ADL5131", "`endpoint` must be a string or null"),
])
def test_each_schema_violation_is_coded(edit: tuple[str, Any], code: str, words: str) -> None:
    from autodeploy.backends.deploy.diagnostics import DeployError

    with pytest.raises(DeployError) as info:
        validate(_edit(*edit), "s.json", KINDS)
    d = info.value.diagnostic
    assert d.code == code and words in d.message, d.message
    assert info.value.exit_code == 2 and "s.json" in d.message


@pytest.mark.parametrize("edit", [
    ("resources.records_key.deps", ["records"]),     # a cycle: destroy used to delete 4 of 6, then crash
    ("resources.records.attrs", None),
    ("resources.records.physical.bucket", 12),
    ("resources.records.kind", "teleporter"),        # used to be a KeyError inside ADL5104
    ("schema_version", True),
])
@pytest.mark.parametrize("command", ["plan", "apply", "destroy", "drift"])
def test_cli_refuses_a_bad_state_before_any_call(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 edit: tuple[str, Any], command: str) -> None:
    path = tmp_path / "s.json"
    text = json.dumps(_edit(*edit), indent=2)
    path.write_text(text)
    # port 9 (discard): were anything to reach the cloud, it would fail with ADL5100 instead
    code = main([command, ADL, "--state", str(path), "--endpoint", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    assert any(c in err for c in ("ADL5131", "ADL5132", "ADL5133")) and "ADL5100" not in err
    assert "Traceback" not in err and "internal error" not in err
    assert path.read_text() == text


@pytest.mark.parametrize("endpoint,reason", [
    ("not a url", "scheme must be http or https"),
    ("ftp://127.0.0.1:5000", "scheme must be http or https"),
    ("http://", "no host"),
    ("http://127.0.0.1:99999", "Port out of range"),
])
def test_a_malformed_endpoint_is_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str], endpoint: str,
                                       reason: str) -> None:
    code = main(["apply", ADL, "--state", str(tmp_path / "s.json"), "--endpoint", endpoint])
    err = capsys.readouterr().err
    assert code == 2 and "ADL5130" in err and reason in err and "internal error" not in err
    assert not (tmp_path / "s.json").exists()


def test_a_malformed_endpoint_from_the_environment_names_the_variable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_AWS_ENDPOINT", "localhost:5000")
    code = main(["drift", ADL, "--state", str(tmp_path / "s.json")])
    err = capsys.readouterr().err
    assert code == 2 and "ADL5130" in err and "AUTODEPLOY_AWS_ENDPOINT" in err
