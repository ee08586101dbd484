"""Compiles clean => deploys: one file per seed generated from the kind registry (every kind boto3 can
build, each with a seeded random pick of its settings and references: tests/compiler/registry_fuzz.py)
is applied to moto with the deploy engine, then destroyed, leaving nothing behind. Bounded: two
seeds, one apply and one destroy each."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import boto3
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy import compile_source
from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler.kinds import KINDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "compiler"))
from registry_fuzz import resource, source  # noqa: E402

REGION = "us-east-1"


def _deployable() -> list[str]:
    return [k for k, spec in sorted(KINDS.items()) if not spec.emit_only
            and not any(cloud == "aws" for cloud, _ in spec.unsupported)]


def _file(seed: int) -> str:
    """Every deployable kind once, each resource kept only when it compiles clean on its own."""
    rng = random.Random(seed)
    body = ""
    for kind in _deployable():
        for _ in range(5):  # a few tries at a pick that compiles
            block = resource(rng, kind, f"r_{kind}")
            if compile_source(source("aws", block), "one.adl").ok:
                body += block
                break
    return source("aws", body)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_file_that_compiles_clean_applies_and_destroys(seed: int, moto, tmp_path: Path) -> None:  # noqa: F811
    src = _file(seed)
    res = compile_source(src, "fuzz.adl")
    assert res.ok and res.ir is not None and res.graph is not None, res.render() + src
    assert len({r.kind for r in res.ir.resources}) >= len(_deployable()) - 2, src  # really covers the kinds
    state = st.State(str(tmp_path / "s.json"), "app", REGION, moto.endpoint)
    cloud = Cloud(REGION, moto.endpoint)
    try:
        out = engine.apply(res.ir, res.graph, state, cloud, lambda _: None)
        assert out.exit_code == 0, [d.message for d in out.diagnostics] + [src]
        gone = engine.destroy(state, cloud, lambda _: None)
        assert gone.exit_code == 0, [d.message for d in gone.diagnostics]
    finally:
        cloud.close()
    assert inventory(moto.endpoint, REGION) == []


def test_a_vm_root_disk_gets_main_tf_s_iops_and_throughput(moto, tmp_path: Path) -> None:  # noqa: F811
    """Found by the fuzz: deploy dropped `disk_iops` / `disk_throughput` (and an io1 disk without IOPS
    compiled, then EC2 refused it). The launch template's root volume now carries what main.tf's
    root_block_device does."""
    src = ('deployment app { cloud = aws  region = "us-east-1" }\nnetwork net {}\n'
           'vm fast { instance = "t3.large"  disk = 500 GB  disk_iops = 6000  disk_throughput = 250  network = net }\n')
    # (an io1/io2 root disk cannot be launched on moto: its RunInstances drops the mapping's Iops)
    res = compile_source(src, "vm.adl")
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    state = st.State(str(tmp_path / "s.json"), "app", REGION, moto.endpoint)
    cloud = Cloud(REGION, moto.endpoint)
    try:
        assert engine.apply(res.ir, res.graph, state, cloud, lambda _: None).exit_code == 0
    finally:
        cloud.close()
    ec2 = boto3.client("ec2", endpoint_url=moto.endpoint, region_name=REGION)
    got = {}
    for lt in ec2.describe_launch_templates()["LaunchTemplates"]:
        data = ec2.describe_launch_template_versions(LaunchTemplateId=lt["LaunchTemplateId"])[
            "LaunchTemplateVersions"][0]["LaunchTemplateData"]
        ebs = data["BlockDeviceMappings"][0]["Ebs"]
        got[ebs["VolumeType"]] = (ebs.get("Iops"), ebs.get("Throughput"))
    assert got == {"gp3": (6000, 250)}


def test_a_rest_api_without_a_target_deploys_with_a_404_root(moto, tmp_path: Path) -> None:  # noqa: F811
    """Found by the fuzz: `api_gateway { type = rest }` without targets compiled, passed and emitted,
    then failed at apply (CreateDeployment: "The REST API doesn't contain any methods"), in main.tf and
    deploy alike. Both now give its root a MOCK `ANY` method answering 404 (as a load balancer without
    targets answers), so it deploys; main.tf declares the same method."""
    src = 'deployment app { cloud = aws  region = "us-east-1" }\napi_gateway api { type = rest  waf = true }\n'
    res = compile_source(src, "rest.adl")
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    main_tf = emit_terraform(res.ir, res.graph).files["main.tf"]
    assert 'resource "aws_api_gateway_integration" "api_root"' in main_tf and '"MOCK"' in main_tf
    state = st.State(str(tmp_path / "s.json"), "app", REGION, moto.endpoint)
    cloud = Cloud(REGION, moto.endpoint)
    try:
        out = engine.apply(res.ir, res.graph, state, cloud, lambda _: None)
        assert out.exit_code == 0, [d.message for d in out.diagnostics]
        gw = boto3.client("apigateway", endpoint_url=moto.endpoint, region_name=REGION)
        api = state.resources["api"]["physical"]["rest_api"]
        root = next(r for r in gw.get_resources(restApiId=api)["items"] if r["path"] == "/")
        integ = gw.get_integration(restApiId=api, resourceId=root["id"], httpMethod="ANY")
        assert integ["type"] == "MOCK" and gw.get_method(restApiId=api, resourceId=root["id"], httpMethod="ANY")[
            "authorizationType"] == "AWS_IAM"
        assert engine.destroy(state, cloud, lambda _: None).exit_code == 0
    finally:
        cloud.close()
    assert inventory(moto.endpoint, REGION) == []
