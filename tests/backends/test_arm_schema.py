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


# ISO 8601 durations as ARM and Service Bus accept them (PnYnMnDTnHnMnS, at least one part).
DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"
DURATION_KEYS = {"lockDuration", "defaultMessageTimeToLive", "timeAfterCreate", "timeBeforeExpiry", "expiryTime",
                 "timeGrain", "timeWindow", "cooldown"}


def _walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_durations_are_iso8601(path):
    import re

    found = [(k, v) for k, v in _walk(template(path)) if k in DURATION_KEYS]
    assert all(re.fullmatch(DURATION, v) for _, v in found), [kv for kv in found if not re.fullmatch(DURATION, kv[1])]
    for bad in ("P", "PT", "5M", "P1DT"):
        assert not re.fullmatch(DURATION, bad)
