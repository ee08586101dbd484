"""Every example's findings in every format, as goldens (pytest --update-golden rewrites them), plus
SARIF 2.1.0 schema validation and JUnit well-formedness."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from policies_support import EXAMPLES, HERE, TODAY, opa_bin, org_dir, run_cli  # noqa: F401

from tests.conftest import CASES, Golden

FORMATS = {"text": "findings.txt", "json": "findings.json", "sarif": "findings.sarif",
           "junit": "findings.junit.xml", "markdown": "findings.md"}
SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate_sarif(text: str) -> dict:  # type: ignore[type-arg]
    doc = json.loads(text)
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft4Validator)
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "autodeploy"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for r in run["tool"]["driver"]["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res.get("locations"), res  # GitHub code scanning rejects results without one
        for loc in res["locations"]:
            art = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert not art.startswith("/"), art
            region = loc["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
    return doc


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(example: str, fmt: str, capsys: pytest.CaptureFixture[str], opa_bin: str,  # noqa: F811
                golden: Golden) -> None:
    code, out, err = run_cli(capsys, "check", example, "--format", fmt, "--today", TODAY)
    assert code in (0, 1), err
    stem = Path(example).stem
    golden.check(CASES / stem / FORMATS[fmt], out)
    if fmt == "sarif":
        validate_sarif(out)
    elif fmt == "junit":
        root = ET.fromstring(out)
        assert root.tag == "testsuites"
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["failed"] == (code == 1)
        for f in doc["findings"]:  # every finding points at the .adl and says how to fix it
            assert f["span"]["file"].endswith(".adl") and f["span"]["line"] >= 1
            assert f["remediation"], f


def test_sarif_with_waivers_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str], org_dir: str,  # noqa: F811
                                      opa_bin: str) -> None:  # noqa: F811
    from test_policies_gate import WAIVED_ADL

    adl = tmp_path / "w.adl"
    adl.write_text(WAIVED_ADL, encoding="utf-8")
    out_file = tmp_path / "f.sarif"
    code, out, err = run_cli(capsys, "check", str(adl), "--policy-dir", org_dir, "--format", "sarif",
                             "-o", str(out_file), "--today", TODAY)
    assert code == 1
    doc = validate_sarif(out_file.read_text(encoding="utf-8"))
    results = doc["runs"][0]["results"]
    waived = [r for r in results if r.get("suppressions")]
    assert len(waived) == 1
    sup = waived[0]["suppressions"][0]
    assert sup["kind"] == "inSource" and sup["justification"] == "archive, reviewed"
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    props = rules["ORG-001"]["properties"]
    assert props["security-severity"] == "5.5" and "soc2" in props["tags"] and "soc2 CC6.1" in props["tags"]
    assert any(r["ruleId"] == "ADL3002" for r in results)  # the unknown-rule waiver is visible too


def test_sarif_schema_rejects_broken_output() -> None:
    # the validator is live: a result without a message is not SARIF
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "autodeploy"}},
                                         "results": [{"ruleId": "X"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA, cls=jsonschema.Draft4Validator)


def test_junit_and_markdown_mark_waivers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         org_dir: str, opa_bin: str) -> None:  # noqa: F811
    from test_policies_gate import WAIVED_ADL

    adl = tmp_path / "w.adl"
    adl.write_text(WAIVED_ADL, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(adl), "--policy-dir", org_dir, "--format", "junit",
                           "--today", TODAY, "--fail-on", "medium")
    root = ET.fromstring(out)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["ORG-001 big"].find("skipped") is not None
    assert "archive, reviewed" in cases["ORG-001 big"].find("skipped").get("message")  # type: ignore[union-attr]
    assert cases["ORG-001 huge"].find("failure") is not None
    code, md, _ = run_cli(capsys, "check", str(adl), "--policy-dir", org_dir, "--format", "markdown",
                          "--today", TODAY)
    assert "### Waived" in md and "archive, reviewed" in md and "### Expired waivers" in md
    assert md.startswith("<!-- autodeploy-check -->")
