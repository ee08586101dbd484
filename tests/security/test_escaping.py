"""Hostile strings written into Terraform (HCL and JSON) and ARM come back unchanged, never as code.

Each property writes arbitrary strings as names (block labels), tag keys and values, descriptions
and paths, decodes the output the way Terraform (hashicorp/hcl/v2) or ARM reads it, and checks
(1) every string round-trips and (2) the output holds exactly as many interpolations, directives
and ARM expressions as the same document written with harmless strings: nothing was injected.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from autodeploy.backends.arm.context import lit
from autodeploy.backends.arm.emit import emit_arm
from autodeploy.backends.terraform import emit_terraform
from autodeploy.backends.terraform.hcl import Block, Document, Expr, Tmpl, template_literal, to_hcl, to_json
from autodeploy.compiler import compile_source
from autodeploy.compiler.cloud_strings import control_char, tag_problems

from .decoders import arm_decode, arm_expr_strings, build_hcldecode, hcl_native, hcl_templates, json_strings

HOSTILE = ["${path.cwd}", "%{ if true }x%{ endif }", "[listKeys('a', '2019-06-01')]", "[[x]", "$${", "%%{",
           "$$${x}", "a$", "%", "\\", "\\n", '"', "\n", "\r\n", "\t", "\x00", "\x1b[31m", "\u2028", "'", "''",
           "[", "]", "[]", "}", "${", "null", "for", "true", "é✓"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=24),
                 st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map("".join))
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def hcldecode() -> Path:
    return build_hcldecode()


def _doc(label: str, desc: str, tags: dict[str, str], path: str) -> Document:
    d = Document()
    d.add("resource", ("aws_s3_bucket", label), {
        "description": desc,
        "tags": tags,
        "source_dir": Tmpl("${path.module}/" + template_literal(path)),
        "kms": Expr("var.k"),
        "nested": Block({"values": [desc, *tags.values()]}),
    })
    return d


def nfc(s: str) -> str:
    """HCL normalises every string literal to Unicode NFC when it reads it (hcl/v2 spec, "Template
    Literals"), so a compatibility character such as U+F900 reads back as its canonical form:
    that is Terraform's reading, not an injection, and the round trip is compared in NFC."""
    return unicodedata.normalize("NFC", s)


def _harmless(tags: dict[str, str]) -> dict[str, str]:
    return {f"k{i}": f"v{i}" for i in range(len(tags))}


@PROPERTY
@given(label=text, desc=text, tags=st.dictionaries(text, text, max_size=4), path=text)
@example(label="${path.cwd}", desc="\uf900", tags={"\uf900": "\uf900"}, path="\uf900")  # NFC on read
def test_hcl_writer_round_trips_and_injects_nothing(hcldecode: Path, tmp_path: Path, label: str, desc: str,
                                                    tags: dict[str, str], path: str) -> None:
    doc = hcl_native(hcldecode, to_hcl(_doc(label, desc, tags, path)), tmp_path)
    base = hcl_native(hcldecode, to_hcl(_doc("b", "d", _harmless(tags), "p")), tmp_path)
    assert doc["interpolations"] == base["interpolations"] == 1  # only our ${path.module}
    assert doc["labels"] == ["aws_s3_bucket", label]
    found = Counter(doc["literals"])
    for s in map(nfc, [desc, desc, *tags, *tags.values(), *tags.values()]):
        assert found[s] > 0, s
        found[s] -= 1
    assert doc["templates"] == [[{"expr": "path.module"}, {"literal": nfc("/" + path)}]]


@PROPERTY
@given(desc=text, tags=st.dictionaries(text, text, max_size=4), path=text)
def test_terraform_json_round_trips_and_injects_nothing(hcldecode: Path, desc: str, tags: dict[str, str],
                                                        path: str) -> None:
    body = json.loads(to_json(_doc("b", desc, tags, path)))["resource"]["aws_s3_bucket"]["b"]
    # Terraform JSON reads each string in an expression, and each key of an object value, as a template
    strings = [body["description"], *body["tags"], *body["tags"].values(), body["source_dir"]]
    decoded = hcl_templates(hcldecode, strings)
    assert [d["interpolations"] for d in decoded] == [0] * (len(strings) - 1) + [1]
    assert [d["literal"] for d in decoded[:-1]] == [nfc(x) for x in [desc, *tags, *tags.values()]]
    tail = hcl_templates(hcldecode, [body["source_dir"].removeprefix("${path.module}")])[0]
    assert tail["literal"] == nfc("/" + path)


@settings(max_examples=300, deadline=None)
@given(s=text)
def test_arm_literal_writer_round_trips(s: str) -> None:
    assert arm_decode(lit(s)) == ("literal", s)


# ---- end to end: .adl -> compile -> emit, with the hostile strings where a contributor or an LLM puts them

def _adl_string(s: str) -> str:
    """`s` as an ADL string value. ADL reads `${name}` as a parameter, so a literal `${` is written
    `${d}{` with `param d = "$"`: exactly how a hostile file smuggles one in."""
    body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + body.replace("${", "${d}{") + '"'


def _adl_key(s: str) -> str:  # map keys are not interpolated
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _source(cloud: str, owner: str, dep_tags: dict[str, str], tags: dict[str, str], code: str, image: str,
            health: str, env: dict[str, str]) -> str:
    region = "us-east-1" if cloud == "aws" else "eastus"

    def amap(m: dict[str, str]) -> str:
        return "{ " + ", ".join(f"{_adl_key(k)}: {_adl_string(v)}" for k, v in m.items()) + " }"

    return (
        'param d: string = "$"\n'
        f'deployment app {{ cloud = {cloud} region = "{region}" owner = {_adl_string(owner)} '
        f"tags = {amap(dep_tags)} }}\n"
        "network core {}\n"
        f"function f {{ code = {_adl_string('src/' + code)} handler = \"main.handler\" tags = {amap(tags)} }}\n"
        f"service api {{ image = {_adl_string(image)} network = core health_path = {_adl_string('/' + health)} "
        f"env = {amap(env)} tags = {amap(tags)} }}\n"
    )


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=16)
# the compiler refuses control characters in any string and the tags a cloud refuses (ADL0970, ADL0971):
# the hostile strings go where a file that compiles clean can still carry them
word = st.one_of(st.sampled_from([h for h in HOSTILE if h.strip() and control_char(h) is None]), printable)


def _taggable(tags: dict[str, str]) -> bool:
    return not any(next(tag_problems(c, k, v), None) for c in ("aws", "azure") for k, v in tags.items())


tag_map = st.dictionaries(word, word, min_size=1, max_size=3).filter(_taggable)
path_part = st.one_of(st.sampled_from(["${path.cwd}", "%{ if }", "[x]", "a$", "'q'", "é"]),
                      st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/"),
                              min_size=1, max_size=12)).filter(lambda p: p.strip(". ") != "")
case = st.fixed_dictionaries({
    "owner": word.filter(lambda w: _taggable({"owner": w})), "dep_tags": tag_map, "tags": tag_map,
    "code": path_part, "image": st.sampled_from(["ghcr.io/acme/api:1.0", "nginx", "localhost:5000/a_b/c__d:v-1.2"]),
    "health": word,
    "env": st.dictionaries(word, word, min_size=1, max_size=2),
})


# the cases of the report that opened this work, always run (hypothesis may not draw them)
ISSUE_CASE = {"owner": "${path.cwd}", "dep_tags": {"${path.cwd}": "cwd", "[listKeys('k', '2019-06-01')]": "[x]"},
              "tags": {"${path.cwd}": "cwd", "[listKeys('k', '2019-06-01')]": "%{ if true }"},
              "code": "${path.cwd}", "image": "nginx", "health": "[concat('a')]",
              "env": {"[x]": "${path.cwd}", "%{ if true }": "[concat('a')]"}}


def _compile(cloud: str, c: dict[str, object]):  # noqa: ANN202
    res = compile_source(_source(cloud, **c), "hostile.adl", base_dir="/nonexistent-root")  # type: ignore[arg-type]
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    return res


def _harmless_case(c: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in c.items():
        if isinstance(v, dict):
            out[k] = {f"{k}k{i}": f"{k}v{i}" for i in range(len(v))}
        else:
            out[k] = f"{k}plain"
    return out


def _planted(c: dict[str, object]) -> list[str]:
    """The strings the Terraform output must hold; an internal service's health path has no load balancer
    to go to on AWS (the ARM test finds it in the Container App's probe)."""
    out: list[str] = []
    for k, v in c.items():
        if k == "health":
            continue
        out += [*v, *v.values()] if isinstance(v, dict) else [str(v)]
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(c=case)
@example(c=ISSUE_CASE)
def test_emitted_terraform_keeps_hostile_strings_literal(hcldecode: Path, tmp_path: Path, c: dict) -> None:
    res, base = _compile("aws", c), _compile("aws", _harmless_case(c))
    hcl = emit_terraform(res.ir, res.graph, "hcl").files["main.tf"]
    assert hcl == emit_terraform(res.ir, res.graph, "hcl").files["main.tf"]  # deterministic
    doc = hcl_native(hcldecode, hcl, tmp_path)
    ref = hcl_native(hcldecode, emit_terraform(base.ir, base.graph, "hcl").files["main.tf"], tmp_path)
    assert doc["interpolations"] == ref["interpolations"]
    literals = set(doc["literals"])
    for s in _planted(c):
        if s != c["code"]:
            assert nfc(s) in literals, s
    assert [{"expr": "path.module"}, {"literal": nfc("/src/" + str(c["code"]))}] in doc["templates"]

    tf_json = json.loads(emit_terraform(res.ir, res.graph, "json").files["main.tf.json"])
    base_json = json.loads(emit_terraform(base.ir, base.graph, "json").files["main.tf.json"])
    decoded = hcl_templates(hcldecode, json_strings(tf_json))
    assert sum(d["interpolations"] for d in decoded) == \
        sum(d["interpolations"] for d in hcl_templates(hcldecode, json_strings(base_json)))
    json_literals = {s for d in decoded for s in d["literals"]}  # nested ones too (inside jsonencode)
    for s in _planted(c):
        if s != c["code"]:
            assert nfc(s) in json_literals, s


@settings(max_examples=15, deadline=None)
@given(c=case)
@example(c=ISSUE_CASE)
def test_emitted_arm_keeps_hostile_strings_literal(c: dict) -> None:
    res, base = _compile("azure", c), _compile("azure", _harmless_case(c))
    text = emit_arm(res.ir, res.graph).files["azuredeploy.json"]
    assert text == emit_arm(res.ir, res.graph).files["azuredeploy.json"]

    def classify(t: str) -> tuple[set[str], Counter[str]]:
        literals: set[str] = set()
        skeletons: Counter[str] = Counter()
        for s in json_strings(json.loads(t)):
            kind, v = arm_decode(s)
            if kind == "literal":
                literals.add(v)
            else:
                skeletons[v] += 1
                literals.update(arm_expr_strings(s))
        return literals, skeletons

    literals, skeletons = classify(text)
    base_literals, base_skeletons = classify(emit_arm(base.ir, base.graph).files["azuredeploy.json"])
    assert skeletons == base_skeletons  # the same expressions, only their string arguments differ
    expected = [*c["dep_tags"], *c["dep_tags"].values(), *c["tags"], *c["tags"].values(), *c["env"],
                *c["env"].values(), c["image"], "/" + c["health"]]
    for s in expected:
        assert s in literals, s
