"""State is sacred across the naming-scheme change of issue 13.

The fixtures in data/states/ were written by the release before it (main 37532703b3c5, naming
scheme 1: `ad-<deployment>-<name>-<hash>`), by applying the examples to moto. Planning the same
examples over them must change nothing; a resource recorded under scheme 1 keeps its names even
when it is replaced; only resources new to the state get the unified (main.tf) names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import boto3
import pytest
from moto_server import EXAMPLES, moto, moto_server  # noqa: F401

from autodeploy.backends.aws import database as db_facts
from autodeploy.backends.aws import names, table
from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.deploy.diagnostics import DeployError
from autodeploy.compiler import compile_file, compile_source

STATES = Path(__file__).parent / "data" / "states"
FIXTURES = {"patient-portal": "patient_portal", "serverless-pipeline": "ingest"}


def _load(example: str, tmp_path: Path) -> st.State:
    path = tmp_path / f"{example}.state.json"
    shutil.copy(STATES / f"{example}.state.json", path)
    raw = json.loads(path.read_text())
    return st.load(str(path), FIXTURES[example], raw["region"], raw["endpoint"])


@pytest.mark.parametrize("example", sorted(FIXTURES))
def test_plan_over_a_scheme_1_state_changes_nothing(example: str, tmp_path: Path) -> None:
    state = _load(example, tmp_path)
    assert all("naming" not in rec for rec in state.resources.values()), "fixture is not a scheme-1 state"
    result = compile_file(str(EXAMPLES / f"{example}.adl"))
    assert result.ir is not None and result.graph is not None
    actions = engine.plan(result.ir, result.graph, state)
    assert [(a.name, a.op) for a in actions if a.op != "noop"] == []
    assert engine.render_plan(actions).splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete"


def test_scheme_1_names_are_reproduced_for_recorded_resources(tmp_path: Path) -> None:
    """What a scheme-1 resource would be recreated as (replace) is exactly what the state records."""
    state = _load("patient-portal", tmp_path)
    rec = state.resources["patients"]["physical"]
    legacy = names.legacy_name("patient_portal", state.region, "patients")
    assert rec["instance"] == rec["subnet_group"] == rec["parameter_group"] == legacy
    assert legacy != db_facts.identifier("patient_portal", "patients")  # the schemes do differ
    assert state.resources["records"]["physical"]["bucket"] == names.legacy_name(
        "patient_portal", state.region, "records")
    result = compile_file(str(EXAMPLES / "patient-portal.adl"))
    assert result.ir is not None
    run = engine._Run(result.ir, state, Cloud(state.region, "http://127.0.0.1:1"), lambda _: None)
    old = run.ctx(result.ir.by_name["patients"])
    assert old.naming == names.LEGACY_SCHEME
    assert old.named("unified", old.pname()) == legacy


def test_a_newer_naming_scheme_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    data = json.loads((STATES / "serverless-pipeline.state.json").read_text())
    data["resources"]["results"]["naming"] = names.NAMING_SCHEME + 1
    path.write_text(json.dumps(data))
    before = path.read_text()
    with pytest.raises(DeployError) as err:
        st.load(str(path), "ingest", "us-east-1", None)
    assert err.value.diagnostic.code == "ADL5190"
    assert path.read_text() == before


ADL_V1 = """deployment legacy_app {{ cloud = aws  region = "us-east-1" }}
table notes {{ partition_key = "{pk}"  deletion_protection = false }}
{extra}
"""


def _ir(pk: str, extra: str = "") -> tuple[object, object]:
    res = compile_source(ADL_V1.format(pk=pk, extra=extra), "legacy.adl")
    assert res.ir is not None and res.graph is not None, res.diagnostics
    return res.ir, res.graph


def test_replacing_a_scheme_1_resource_keeps_its_name(moto, tmp_path: Path) -> None:  # noqa: F811
    """A table created by the old release (scheme-1 name, record without `naming`) is replaced
    (its partition key changed): the new table has the recorded name; a resource added to the
    same state gets the unified name main.tf declares."""
    region = "us-east-1"
    legacy = names.legacy_name("legacy_app", region, "notes", limit=255, lower=False)
    ddb = boto3.client("dynamodb", endpoint_url=moto.endpoint, region_name=region)
    ddb.create_table(TableName=legacy, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    ir, graph = _ir("id")
    path = tmp_path / "legacy.state.json"
    arn = ddb.describe_table(TableName=legacy)["Table"]["TableArn"]
    old = st.State(str(path), "legacy_app", region, moto.endpoint)
    want = st.desired(ir.by_name["notes"], ir.deployment.tags)  # type: ignore[attr-defined]
    old.resources["notes"] = {"kind": "table", "physical": {"table": legacy, "arn": arn},
                              "attrs_hash": st.attrs_hash(want), "attrs": want, "deps": []}
    old.save()

    ir, graph = _ir("note_id", 'queue inbox { retention = 1 day }')
    state = st.load(str(path), "legacy_app", region, moto.endpoint)
    ops = {a.name: a.op for a in engine.plan(ir, graph, state)}  # type: ignore[arg-type]
    assert ops == {"notes": "replace", "inbox": "create"}
    cloud = Cloud(region, moto.endpoint)
    out = engine.apply(ir, graph, state, cloud, lambda _: None)  # type: ignore[arg-type]
    cloud.close()
    assert out.exit_code == 0, out.diagnostics
    saved = json.loads(path.read_text())["resources"]
    assert saved["notes"]["physical"]["table"] == legacy and saved["notes"]["naming"] == names.LEGACY_SCHEME
    key = ddb.describe_table(TableName=legacy)["Table"]["KeySchema"]
    assert key == [{"AttributeName": "note_id", "KeyType": "HASH"}]  # really recreated, same name
    assert table.name("legacy_app", "notes") not in ddb.list_tables()["TableNames"]
    assert saved["inbox"]["naming"] == names.NAMING_SCHEME
    assert saved["inbox"]["physical"]["url"].endswith("/" + names.prefixed("legacy_app", "inbox"))
