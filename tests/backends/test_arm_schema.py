"""Every emitted template validates against the (subset) deploymentTemplate 2019-04-01 schema;
see tests/backends/data/SOURCE.md for what the subset covers and why it is a subset."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from _arm_helpers import DATA, golden_inputs, template

SCHEMA = json.loads((DATA / "deploymentTemplate.subset.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def _errors(doc: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def test_schema_itself_is_valid():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_template_validates(path):
    doc = template(path)
    assert _errors(doc) == []
    # nested deployments carry their own template: it must be well-formed too (structure only)
    for r in doc["resources"]:
        if r["type"] == "Microsoft.Resources/deployments":
            inner = r["properties"]["template"]
            assert {"$schema", "contentVersion", "resources"} <= set(inner)
            for ir in inner["resources"]:
                assert {"type", "apiVersion", "name"} <= set(ir)


@pytest.mark.parametrize("breakage", ["no_api_version", "bad_depends_on", "bad_param_type", "extra_key",
                                      "bad_content_version"])
def test_schema_rejects_broken_templates(breakage):
    doc = copy.deepcopy(template(golden_inputs()[0]))
    if breakage == "no_api_version":
        del doc["resources"][0]["apiVersion"]
    elif breakage == "bad_depends_on":
        doc["resources"][-1]["dependsOn"] = [{"id": "x"}]
    elif breakage == "bad_param_type":
        doc["parameters"]["location"]["type"] = "text"
    elif breakage == "extra_key":
        doc["resourcez"] = []
    else:
        doc["contentVersion"] = "1.0"
    assert _errors(doc), breakage
