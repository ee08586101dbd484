"""Issue 12: no Rego rule, NL module, pricer or backend file holds a hand-written list of kinds.

A file that names 8 or more distinct kinds as string literals (outside compiler/kinds*.py, the
generated files and tests) is a list that a new kind would have to be added to by hand; such a
file asks the registry instead (a trait, `kinds_with()`, `kinds_with_attr()`, or data in the
KindSpec). The scan reads string literals only: a kind named in a comment or a docstring's prose,
or inside a longer string ("bucket policy"), is not a list entry.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from autodeploy.compiler.kinds import KINDS
from autodeploy.policies.kinds_data import PATH as GENERATED_KINDS_REGO

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("compiler", "nl", "policies", "analytics", "backends", "autodeploy")
LIMIT = 8
GENERATED = {Path(GENERATED_KINDS_REGO).resolve()}
_REGO_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|`([^`]*)`')
_REGO_COMMENT = re.compile(r"#[^\n]*")


def _exempt(path: Path) -> bool:
    rel = path.relative_to(ROOT)
    if rel.parts[0] == "compiler" and re.fullmatch(r"kinds(?:_\w+)?\.py", rel.name):
        return True
    return path.resolve() in GENERATED or rel.name.endswith("_test.rego")


def _py_strings(source: str) -> list[str]:
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _rego_strings(source: str) -> list[str]:
    out = []
    for line in source.splitlines():
        # a '#' inside a string would cut it, but Rego strings here never name a kind after one
        code = _REGO_COMMENT.sub("", line) if '"' not in line.split("#", 1)[0] else line
        out += [a or b for a, b in _REGO_STRING.findall(code)]
    return out


def kinds_named(path: Path, kinds: frozenset[str]) -> frozenset[str]:
    """The distinct kind names `path` holds as whole string literals."""
    text = path.read_text(encoding="utf-8")
    strings = _py_strings(text) if path.suffix == ".py" else _rego_strings(text)
    return frozenset(s for s in strings if s in kinds)


def offenders(kinds: frozenset[str]) -> dict[str, list[str]]:
    found = {}
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in (".py", ".rego") or not path.is_file() or _exempt(path):
                continue
            named = kinds_named(path, kinds)
            if len(named) >= LIMIT:
                found[str(path.relative_to(ROOT))] = sorted(named)
    return found


# Files allowed to name 8+ kinds: none. The ratchet that tracked the files the pattern-library merges
# (issues 20-23) left behind emptied in stop 10, when the last eight asked the registry instead.
KNOWN: dict[str, int] = {}


def test_no_file_outside_the_registry_lists_kinds() -> None:
    found = offenders(frozenset(KINDS))
    stale = sorted(f for f in KNOWN if f not in found)
    assert not stale, f"no longer offending: drop them from KNOWN: {stale}"
    grown = {f: n for f, n in found.items() if len(n) > KNOWN.get(f, LIMIT - 1)}
    found = grown
    assert found == {}, (
        "these files name 8+ kinds as literals; ask the registry (kinds_with / kinds_with_attr / a "
        f"KindSpec field) instead: {found}"
    )


@pytest.mark.parametrize("suffix", [".py", ".rego"])
def test_the_scan_sees_a_list(tmp_path: Path, suffix: str) -> None:
    """The scan would catch a list written either way: a tuple in Python, a set in Rego."""
    names = sorted(KINDS)[:LIMIT]
    if suffix == ".py":
        body = f'"""Docstring naming {names[0]}."""\nSTORES = {tuple(names)!r}\n'
    else:
        body = "package x\n\n# " + " ".join(names) + "\nstores := {" + ", ".join(f'"{n}"' for n in names) + "}\n"
    path = tmp_path / f"m{suffix}"
    path.write_text(body, encoding="utf-8")
    assert kinds_named(path, frozenset(KINDS)) == frozenset(names)
    # seven of them, or the same names in comments and docstrings only, are not a list
    path.write_text(body.replace(f'"{names[-1]}"', '"x"').replace(f"'{names[-1]}'", "'x'"), encoding="utf-8")
    assert len(kinds_named(path, frozenset(KINDS))) == LIMIT - 1


def test_the_translator_reads_every_kind_from_its_kindspec() -> None:
    """The lexicon holds no kind words: each kind's mention patterns are exactly its KindSpec's."""
    from autodeploy.nl import lexicon

    derived = {(k, v, p, w) for k, v, p, w in lexicon.mentions() if k is not None}
    declared = {(name, w.variant, w.pattern, w.weak) for name, spec in KINDS.items() if spec.nl
                for w in spec.nl.words}
    assert derived == declared
    assert all(k is None for k, *_ in lexicon.mentions()[: len(lexicon.NOT_KINDS)])
