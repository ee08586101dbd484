"""An api_gateway in front of a service that a load_balancer targets: deploy integrates it with that
load balancer's address, as main.tf does, and only once the load balancer exists (issue 13, round 5).

deploy looked for the address on the service's own ALB only, which a targeted service does not
have: the route was left out with a warning, where main.tf proxies to `aws_lb.<lb>.dns_name`. And
nothing ordered the api_gateway after the load_balancer (both depend only on the service), so the
address could be asked for before it existed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import boto3
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401
from test_deploy_ecs_parity import cli, tf_doc, tf_resources

from autodeploy.compiler import compile_source

REGION = "us-east-1"
SRC = """deployment gate { cloud = aws  region = "us-east-1" }
network core { cidr = "10.44.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }
service api { image = "nginx:1.27"  port = 8443  expose = https  network = core }
load_balancer zed { public = true  protocol = http  port = 80  targets = [api]  network = core.public
  access_logs = false }
api_gateway front { targets = [api]  access_logs = false }
"""


def test_the_graph_orders_the_gateway_after_the_load_balancer() -> None:
    res = compile_source(SRC, "t.adl")
    assert res.ok and res.graph is not None, res.render()
    assert "zed" in res.graph.dependencies("front")
    waves = res.graph.waves()
    wave_of = {n: i for i, wave in enumerate(waves) for n in wave}
    assert wave_of["zed"] < wave_of["front"]  # deploy order = graph order


def test_the_gateway_proxies_to_main_tf_s_load_balancer(moto, tmp_path: Path,  # noqa: F811
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    doc = tf_doc(SRC)
    uri = tf_resources(doc, "aws_apigatewayv2_integration")["front_api"]["integration_uri"]
    m = re.fullmatch(r"(\w+)://\$\{aws_lb\.(\w+)\.dns_name\}", uri)
    assert m, uri
    scheme, label = m.groups()
    assert (scheme, label) == ("http", "zed")  # the targeting load_balancer's, in its protocol
    adl, state = tmp_path / "t.adl", tmp_path / "t.state.json"
    adl.write_text(SRC)
    common = ["--endpoint", moto.endpoint, "--state", str(state)]
    code, out = cli(capsys, "apply", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert "ADL5106" not in out, out  # no route left out
    elb = boto3.client("elbv2", endpoint_url=moto.endpoint, region_name=REGION)
    tf_lb_name = tf_resources(doc, "aws_lb")[label]["name"]
    dns = next(lb["DNSName"] for lb in elb.describe_load_balancers()["LoadBalancers"]
               if lb["LoadBalancerName"] == tf_lb_name)
    rec = json.loads(state.read_text())["resources"]
    assert "zed" in rec["front"]["deps"]
    gw = boto3.client("apigatewayv2", endpoint_url=moto.endpoint, region_name=REGION)
    integrations = gw.get_integrations(ApiId=rec["front"]["physical"]["api"])["Items"]
    assert [i["IntegrationUri"] for i in integrations] == [f"{scheme}://{dns}"]
    code, out = cli(capsys, "destroy", str(adl), *common, "--auto-approve")
    assert code == 0, out
    assert inventory(moto.endpoint, REGION) == []
