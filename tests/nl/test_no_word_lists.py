"""Issue 14 review: the function words of every language (negations, "without"/"no X" determiners,
articles, on/off participles, the answer "no") have ONE table each in nl/lexicon.py; no other NL
module re-declares one. Copies had drifted (one negation list knew "keines", the next not; one
"off" list knew the plural "desactivadas", another not), so a phrase read in one rule was missed by
the next.

The scan reads the string literals of nl/*.py (docstrings excepted): each `a|b|c` alternation in a
pattern, and each tuple/set/list of string literals. A group holding LIMIT or more distinct words
of one lexicon table, from two languages or more, is a copy of that table (one language's words
for a construction of its own, German relative pronouns "der|die|das" or Spanish clitics
"lo|la|los|las", are not); build the pattern with `lexicon.alt(TABLE)` or
`lexicon.words(TABLE)` instead. A word spelt with a regex class ("desactivad[oa]s?") is expanded
so it is still seen.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from autodeploy.nl import lexicon as lx

NL = Path(lx.__file__).resolve().parent
LIMIT = 3
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "NEGATORS": lx.NEGATORS,
    "WITHOUT + NO_DETERMINERS": {g: lx.WITHOUT[g] + lx.NO_DETERMINERS[g] for g in lx.WITHOUT},
    "ARTICLES": lx.ARTICLES,
    "INDEFINITE": lx.INDEFINITE,
    "SWITCHED_ON": lx.SWITCHED_ON,
    "SWITCHED_OFF": lx.SWITCHED_OFF,
    "ANSWER_NO": lx.ANSWER_NO,
}
_RUN = re.compile(r"[a-z'\[\]?():| ]+(?:\|[a-z'\[\]?():| ]+)+")
_TOKEN = re.compile(r"\[([a-z]+)\](\??)|\(((?:[^()]|\([^()]*\))*)\)(\??)|([a-z' ])(\??)")


def _spellings(item: str) -> set[str]:
    """The words one alternation item spells: "kein(?:e[nmrs]?)?" is kein, keine, keinen ...;
    "desactivad[oa]s?" is desactivado, desactivada, desactivados, desactivadas (bounded: 64)."""
    parts: list[list[str]] = []
    for tok in _TOKEN.finditer(item.replace("(?:", "(")):
        cls, cls_opt, grp, grp_opt, ch, ch_opt = tok.groups()
        if cls is not None:
            parts.append(list(cls) + ([""] if cls_opt else []))
        elif grp is not None:
            inner = set().union(*(_spellings(i) for i in _split(grp)))
            parts.append(sorted(inner) + ([""] if grp_opt else []))
        else:
            parts.append([ch] + ([""] if ch_opt else []))
    return {"".join(c).strip() for c in itertools.islice(itertools.product(*parts), 64)}


def _balanced(run: str) -> str:
    """The run without the parentheses it does not close or open ("(?:we|a|an" -> "we|a|an")."""
    run = run.replace("(?:", "(")
    opened: list[int] = []
    drop: set[int] = set()
    for i, c in enumerate(run):
        if c == "(":
            opened.append(i)
        elif c == ")":
            if opened:
                opened.pop()
            else:
                drop.add(i)
    drop |= set(opened)
    return "".join(c for i, c in enumerate(run) if i not in drop)


def _split(alternation: str) -> list[str]:
    """The items of a|b|c at its top level (a group's own | stays inside it)."""
    items, depth, cur = [], 0, ""
    for c in _balanced(alternation):
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += c
    return [*items, cur]


def _groups(source: str) -> list[set[str]]:
    """Word groups of a module: each alternation run in a string literal, each literal tuple/set/list."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    groups: list[set[str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for run in _RUN.findall(node.value):
                groups.append(set().union(*(_spellings(i) for i in _split(run))))
        elif isinstance(node, (ast.Tuple, ast.Set, ast.List)):
            groups.append({e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)})
    return groups


def copies(source: str) -> list[tuple[str, list[str]]]:
    """(table, the words of it found together) for each group that re-declares a table."""
    found = []
    for group in _groups(source):
        for name, table in TABLES.items():
            hit = sorted(group & lx.words(table))
            one_language = any(set(hit) <= set(ws) for ws in table.values())
            if len(hit) >= LIMIT and not one_language:
                found.append((name, hit))
    return found


MODULES = sorted(p for p in NL.glob("*.py") if p.name != "lexicon.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_redeclares_a_function_word_table(path: Path) -> None:
    assert copies(path.read_text(encoding="utf-8")) == [], (
        f"{path.name} re-declares lexicon words; build the pattern from nl/lexicon.py (alt()/words())"
    )


def test_the_scan_finds_a_copy() -> None:
    # the scan must fail on what it exists to catch: a pattern, a class-spelt pattern and a set
    assert copies('X = r"(?:not|nicht|jamais)\\s+"')[0][0] == "NEGATORS"
    assert copies('X = r"deshabilitad[oa]s?|desactivad[oa]|aus"')[0][0] == "SWITCHED_OFF"
    assert copies('X = frozenset({"the", "el", "der", "foo"})')[0][0] == "ARTICLES"
    assert copies('X = r"kein(?:e[nmrs]?)?|ohne|sin"')[0][0] == "WITHOUT + NO_DETERMINERS"
    assert copies('"""not|nicht|jamais in a docstring"""') == []
    assert copies('X = r"not|foo|bar"') == []
    assert copies('X = r"(?:der|die|das)\\s+"') == []  # one language's relative pronouns


def test_tables_have_every_form() -> None:
    # gender/number forms come together: a table with one form of a participle has all of them
    assert {"desactivado", "desactivada", "desactivados", "desactivadas"} <= lx.words(lx.SWITCHED_OFF)
    assert {"kein", "keine", "keinen", "keiner", "keinem", "keines"} <= lx.words(lx.NO_DETERMINERS)
    assert {"aucun", "aucune", "ningun", "ninguna"} <= lx.words(lx.NO_DETERMINERS)
