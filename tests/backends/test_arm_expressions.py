"""Every ARM template expression ("[...]") is well formed: balanced quotes and parentheses, only known
template functions, and every parameters('x') names a declared parameter of its (nested) template."""

from __future__ import annotations

import re

import pytest
from _arm_helpers import golden_inputs, template

# ARM template functions the backend may use (a subset of the documented function list).
FUNCTIONS = {"concat", "parameters", "variables", "resourceId", "subscriptionResourceId", "extensionResourceId",
             "reference", "listKeys", "guid", "subscription", "resourceGroup", "union", "createObject", "json",
             "format", "replace", "dateTimeAdd", "dateTimeToEpoch", "utcNow", "toLower", "take"}


def _strings(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, path + (i,))
    elif isinstance(node, str):
        yield path, node


def _check_expression(expr: str) -> list[str]:
    problems, depth, quoted, i = [], 0, False, 0
    body = expr[1:-1]
    while i < len(body):
        ch = body[i]
        if quoted:
            if ch == "'":
                if i + 1 < len(body) and body[i + 1] == "'":
                    i += 1  # escaped quote
                else:
                    quoted = False
        elif ch == "'":
            quoted = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                problems.append("unbalanced )")
        i += 1
    if quoted:
        problems.append("unterminated string")
    if depth != 0:
        problems.append("unbalanced (")
    unquoted = re.sub(r"'(?:[^']|'')*'", "''", body)
    for fn in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", unquoted):
        if fn not in FUNCTIONS:
            problems.append(f"unknown function {fn}")
    return problems


def _templates(doc):
    """The template and every nested deployment's inline template."""
    yield doc
    for r in doc.get("resources", []):
        if r["type"] == "Microsoft.Resources/deployments":
            yield from _templates(r["properties"]["template"])


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_expressions_are_well_formed(path):
    doc = template(path)
    count = 0
    for path_, s in _strings(doc):
        if s.startswith("[") and s.endswith("]") and not s.startswith("[["):
            assert _check_expression(s) == [], (path_, s)
            count += 1
    assert count > 20


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_parameter_references_are_declared(path):
    doc = template(path)
    for t in _templates(doc):
        declared = set(t.get("parameters", {}))
        own = {k: v for k, v in t.items() if k != "resources"}
        own["resources"] = [{k: v for k, v in r.items() if not (k == "properties" and r["type"] ==
                             "Microsoft.Resources/deployments")} for r in t.get("resources", [])]
        # a nested deployment's parameter values are expressions of the outer template
        for r in t.get("resources", []):
            if r["type"] == "Microsoft.Resources/deployments":
                own["resources"].append({"values": r["properties"]["parameters"]})
        used = {m for _, s in _strings(own) for m in re.findall(r"parameters\('([^']+)'\)", s)}
        assert used <= declared, used - declared
        unused = declared - used
        assert not unused, f"declared but never used: {unused}"


def test_the_checker_catches_broken_expressions():
    assert _check_expression("[concat('a', parameters('b')]") == ["unbalanced ("]
    assert _check_expression("[concat('a)]") == ["unterminated string", "unbalanced ("]
    assert _check_expression("[concatt('a')]") == ["unknown function concatt"]
    assert _check_expression("[concat('it''s', 'x')]") == []
