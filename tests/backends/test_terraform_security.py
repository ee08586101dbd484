"""What the Terraform says about security and fidelity: least-privilege security groups and IAM
from the graph's edges, secrets never emitted, valid names, and a diagnostic (never a silent
drop) for anything AWS cannot express."""

from __future__ import annotations

import re
import subprocess
import sys

import hcl2
import pytest
from _tf_helpers import EXAMPLES, ROOT, cloud_of, emit

from autodeploy.backends import naming
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source

AWS = [p for p in EXAMPLES if cloud_of(p) == "aws"]

EVERYTHING = """
deployment kitchen_sink { cloud = aws  region = "eu-central-1" tags = { team: "qa" } }
network net { cidr = "10.9.0.0/16"  public_subnets = 0  nat_gateways = 1 }
key k { rotation = true }
secret api_token { value = "hunter2-do-not-leak"  encryption = k }
secret db_pass { rotation = true }
function rotate_db_pass { uses = [db_pass]  network = net.private }
cache mc : memcached { network = net.private  encryption = true  auth = true }
cache rc : redis { network = net.private  multi_az = true  nodes = 1 }
database my : mysql { network = net.private  encryption = k }
table t { encryption = k }
topic events { encryption = k  subscribers = [q] }
queue q { encryption = k }
bucket drop { encryption = k }
function on_upload { trigger = drop  uses = [t, events] }
function on_stream { trigger = t  memory = 256 MB }
function on_event { trigger = events }
vm jump { instance = "t3.micro"  ssh_from = "198.51.100.7/32"  network = net.private }
vm pool { instance = "m7g.large"  count = 2..4  network = net.private  uses = [my, mc, rc, drop] }
service svc : container { image = "x/y:1"  cpu = 0.3 vcpu  network = net.private  uses = [my, q] }
load_balancer nlb { type = network  protocol = tls  waf = true  targets = [pool]  network = net.private }
"""


@pytest.fixture(scope="module")
def sink():
    res = compile_source(EVERYTHING, "kitchen.adl")
    assert res.ok, res.render()
    out = emit_terraform(res.ir, res.graph)
    return out, hcl2.loads(out.files["main.tf"]), out.files["main.tf"]


def _resources(doc, rtype):
    return {n: b for item in doc.get("resource", []) for t, v in item.items() if t == rtype for n, b in v.items()}


def _data(doc, dtype):
    return {n: b for item in doc.get("data", []) for t, v in item.items() if t == dtype for n, b in v.items()}


def _codes(out):
    return sorted({d.code for d in out.diagnostics})


def test_secret_value_never_emitted(sink):
    out, _, text = sink
    assert "hunter2" not in text
    d = [d for d in out.diagnostics if d.code == "ADL5002"]
    assert d and "api_token" in d[0].message and d[0].span is not None and d[0].span.line == 5


def test_rotation_wired_to_rotator_function(sink):
    _, doc, _ = sink
    rot = _resources(doc, "aws_secretsmanager_secret_rotation")
    assert set(rot) == {"db_pass"}
    assert rot["db_pass"]["rotation_lambda_arn"] == "${aws_lambda_function.rotate_db_pass.arn}"


def test_unexpressible_settings_are_diagnosed(sink):
    out, _, _ = sink
    msgs = [d.message for d in out.diagnostics if d.code == "ADL5003"]
    for needle in ("`cache mc`: `encryption`", "`cache mc`: `auth`", "`network net`: `nat_gateways`",
                   "`cache rc`: `multi_az`", "`load_balancer nlb`: `waf`", "`service svc`: `cpu`"):
        assert any(needle in m for m in msgs), (needle, msgs)
    assert not any(d.is_error for d in out.diagnostics), out.diagnostics


def test_security_groups_least_privilege(sink):
    _, doc, _ = sink
    ingress = _resources(doc, "aws_vpc_security_group_ingress_rule")
    by_target: dict[str, set[tuple[int, str]]] = {}
    for body in ingress.values():
        sg = body["security_group_id"].split(".")[1]
        peer = body.get("referenced_security_group_id") or body.get("cidr_ipv4")
        by_target.setdefault(sg, set()).add((body["from_port"], peer))
        assert body["from_port"] == body["to_port"] and body["ip_protocol"] == "tcp" and body["description"]
    assert by_target["my"] == {(3306, "${aws_security_group.pool.id}"), (3306, "${aws_security_group.svc.id}")}
    assert by_target["mc"] == {(11211, "${aws_security_group.pool.id}")}
    assert by_target["rc"] == {(6379, "${aws_security_group.pool.id}")}
    assert by_target["jump"] == {(22, "198.51.100.7/32")}
    # internal NLB: clients from the VPC only; pool reachable only from the NLB's group
    assert by_target["nlb_lb"] == {(443, "${aws_vpc.net.cidr_block}")}
    assert by_target["pool"] == {(443, "${aws_security_group.nlb_lb.id}")}
    open_world = [b for b in ingress.values() if b.get("cidr_ipv4") == "0.0.0.0/0"]
    assert open_world == []


@pytest.mark.parametrize("path", AWS, ids=lambda p: p.stem)
def test_examples_open_ingress_only_where_written(path):
    doc = hcl2.loads(emit(path).files["main.tf"])
    for name, body in _resources(doc, "aws_vpc_security_group_ingress_rule").items():
        cidr = body.get("cidr_ipv4")
        if cidr == "0.0.0.0/0":
            lb = body["security_group_id"].split(".")[1].removesuffix("_lb")
            lbs = _resources(doc, "aws_lb")
            assert lb in lbs and lbs[lb]["internal"] is False, name
            assert body["from_port"] in (443, 80)
        elif cidr is not None and not cidr.startswith("${aws_vpc."):
            assert body["from_port"] in (22, 3389), name  # ssh_from / rdp_from as written


def _allow_statements(doc):
    for label, body in _data(doc, "aws_iam_policy_document").items():
        for st in body["statement"]:
            if st.get("effect", "Allow") == "Allow":
                yield label, st


@pytest.mark.parametrize("path", AWS, ids=lambda p: p.stem)
def test_iam_never_wildcards(path):
    doc = hcl2.loads(emit(path).files["main.tf"])
    n = 0
    for label, st in _allow_statements(doc):
        n += 1
        for a in st["actions"]:
            assert a != "*" and not a.endswith(":*"), (label, a)
        for r in st.get("resources", []):
            assert r != "*" and r.startswith(("${", "arn:${")), (label, r)
    assert n > 0


def test_iam_from_edges(sink):
    _, doc, _ = sink
    policies = _data(doc, "aws_iam_policy_document")
    upload = {st["sid"]: st for st in policies["on_upload_access_policy"]["statement"]}
    assert upload["ReadDrop"]["actions"] == ["s3:GetObject"]
    assert upload["ReadDrop"]["resources"] == ["${aws_s3_bucket.drop.arn}/*"]
    assert upload["TableT"]["resources"][0] == "${aws_dynamodb_table.t.arn}"
    assert upload["PublishEvents"]["actions"] == ["sns:Publish"]
    assert upload["KmsEvents"]["resources"] == ["${aws_kms_key.k.arn}"]
    stream = {st["sid"] for st in policies["on_stream_access_policy"]["statement"]}
    assert stream == {"StreamT", "KmsT"}
    svc = {st["sid"] for st in policies["svc_access_policy"]["statement"]}
    assert svc == {"ConnectMy", "SendQ", "KmsQ"}


def test_triggers_and_wiring(sink):
    _, doc, _ = sink
    esm = _resources(doc, "aws_lambda_event_source_mapping")
    assert esm["on_stream"]["event_source_arn"] == "${aws_dynamodb_table.t.stream_arn}"
    assert _resources(doc, "aws_dynamodb_table")["t"]["stream_enabled"] is True
    assert "drop_on_upload" in _resources(doc, "aws_s3_bucket_notification")
    subs = _resources(doc, "aws_sns_topic_subscription")
    assert subs["events_q"]["protocol"] == "sqs" and subs["events_on_event"]["protocol"] == "lambda"
    asg = _resources(doc, "aws_autoscaling_group")["pool"]
    assert (asg["min_size"], asg["max_size"]) == (2, 4)
    lt = _resources(doc, "aws_launch_template")["pool"]
    assert lt["metadata_options"][0]["http_tokens"] == "required"
    assert lt["block_device_mappings"][0]["ebs"][0]["encrypted"] is True
    inst = _resources(doc, "aws_instance")["jump"]
    assert inst["metadata_options"][0]["http_tokens"] == "required" and "count" not in inst
    assert _resources(doc, "aws_lambda_function")["on_stream"]["memory_size"] == 256
    pg = _resources(doc, "aws_db_parameter_group")["my"]
    assert pg["parameter"][0] == {"name": "require_secure_transport", "value": "ON"}


def test_missing_network_is_an_error():
    res = compile_source('deployment d { cloud = aws }\ndatabase db : postgres { }\n', "nonet.adl")
    # a compile error with a fix-it first (compile => emit) ...
    [err] = res.errors
    assert err.code == "ADL1080" and err.help == "declare `network net {}` and add `network = net.private` to `db`"
    # ... and the emitter, handed the IR anyway, never emits a database outside a network
    out = emit_terraform(res.ir, res.graph)
    assert [d.code for d in out.diagnostics if d.is_error] == ["ADL5004"]


def test_names_valid():
    assert naming.s3_bucket_name("Patient_Portal", "records") == naming.s3_bucket_name("Patient_Portal", "records")
    for dep, res in (("a", "b"), ("x" * 80, "y" * 80), ("Patient_Portal", "Records__X"), ("9lives", "0")):
        b = naming.s3_bucket_name(dep, res)
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]", b) and "--" not in b, b
        r = naming.rds_identifier(dep, res)
        assert re.fullmatch(r"[a-z][a-z0-9-]{0,62}", r) and "--" not in r and not r.endswith("-"), r
        e = naming.elasticache_id(dep, res)
        assert len(e) <= 40 and e[0].isalpha() and "--" not in e, e
        assert len(naming.short_name(dep, res)) <= 32
    assert naming.s3_bucket_name("d", "a") != naming.s3_bucket_name("d", "b")


def test_emit_cli_writes_and_refuses_azure(tmp_path):
    cli = [sys.executable, "-m", "autodeploy"]
    ok = subprocess.run([*cli, "emit", "examples/static-site.adl", "--target", "terraform", "-o", str(tmp_path)],
                        cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "main.tf").read_text() == emit(ROOT / "examples" / "static-site.adl").files["main.tf"]
    js = subprocess.run([*cli, "emit", "examples/static-site.adl", "--format", "json", "-o", str(tmp_path)],
                        cwd=ROOT, capture_output=True, text=True)
    assert js.returncode == 0 and (tmp_path / "main.tf.json").exists()
    azure = [p for p in EXAMPLES if cloud_of(p) == "azure"]
    if azure:
        bad = subprocess.run([*cli, "emit", str(azure[0].relative_to(ROOT)), "--target", "terraform", "-o",
                              str(tmp_path / "az")], cwd=ROOT, capture_output=True, text=True)
        assert bad.returncode == 1 and "ADL5001" in bad.stderr and not (tmp_path / "az").exists()


def test_build_stage_emits_terraform(tmp_path):
    from autodeploy.stages.emit import STAGE

    assert (STAGE.name, STAGE.order) == ("emit", 40)
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "build", "examples/serverless-pipeline.adl", "-o",
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    line = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("emit ")]
    assert len(line) == 1 and "terraform: wrote" in line[0], proc.stdout + proc.stderr
    assert (tmp_path / "main.tf").read_text() == emit(ROOT / "examples" / "serverless-pipeline.adl").files["main.tf"]


def test_explicit_depends_on_and_data_tag():
    src = ('deployment d { cloud = aws }\nnetwork n { }\nqueue a { }\n'
           'bucket b { depends_on = [a]  data = phi }\ncache m : memcached { network = n.private  backup = 3 days'
           '  encryption = false  auth = false }\n')
    res = compile_source(src, "deps.adl")
    assert res.ok, res.render()
    out = emit_terraform(res.ir, res.graph)
    doc = hcl2.loads(out.files["main.tf"])
    b = _resources(doc, "aws_s3_bucket")["b"]
    assert b["depends_on"] == ["${aws_sqs_queue.a}"] and b["tags"]["data_classification"] == "phi"
    assert [d.message for d in out.diagnostics if d.code == "ADL5003"] == [
        "`cache m`: `backup` = 3 days cannot be expressed in AWS Terraform; memcached has no snapshots"]
