"""The layers point one way: CLI (autodeploy.commands) -> stages -> {NL front end, analytics,
policies, backends} -> compiler -> grammar, with no import cycles and no `except ImportError`
around the project's own modules. Read statically (ast) from the folders pyproject maps."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Layer of a module (first matching prefix) and the layers each may import besides its own.
# Inside the middle layer the order is nl -> analytics -> policies: the NL repair loop re-checks
# the gate and the budget, and the optimizer keeps only configurations that pass the gate. nl also
# reaches backends: generate/chat prove a file emits before writing it (issue 14, compile => emit).
LAYERS = (
    ("autodeploy.commands", "cli"), ("autodeploy.cli", "cli"), ("autodeploy.__main__", "cli"),
    ("autodeploy.docgen", "cli"), ("autodeploy.lsp", "cli"), ("autodeploy.precommit", "cli"),
    ("autodeploy.service", "cli"),  # `autodeploy serve`: the CLI's operations over HTTP
    ("autodeploy.stages", "stages"), ("autodeploy.pipeline", "stages"),
    # the deploy gate, plan files and the confirmation prompt: stage machinery `plan`/`apply` share
    ("autodeploy.gate", "stages"), ("autodeploy.planfile", "stages"), ("autodeploy.confirm", "stages"),
    ("autodeploy.webhooks", "stages"),  # gate-run notifications: read the run, record in the history
    ("autodeploy.term", "base"),
    ("autodeploy.nl", "nl"), ("autodeploy.analytics", "analytics"), ("autodeploy.policies", "policies"),
    ("autodeploy.backends", "backends"),
    ("autodeploy.compiler", "compiler"), ("autodeploy.grammar", "grammar"),
    # the careful file reader/writer: coded diagnostics from the compiler, used by every stage above it
    ("autodeploy.fsutil", "io"),
    ("autodeploy.errors", "base"),
    ("autodeploy", "api"),  # the package itself: the public Python API over the compiler
)
BELOW = {
    "cli": {"stages", "nl", "analytics", "policies", "backends", "io", "compiler", "grammar", "base", "api"},
    "stages": {"nl", "analytics", "policies", "backends", "io", "compiler", "grammar", "base"},
    "nl": {"analytics", "policies", "backends", "io", "compiler", "grammar", "base"},
    "analytics": {"policies", "io", "compiler", "grammar", "base"},
    "policies": {"io", "compiler", "grammar", "base"},
    "backends": {"io", "compiler", "grammar", "base"},
    "io": {"compiler", "grammar", "base"},
    "compiler": {"grammar", "base"},
    "api": {"compiler"},
    "grammar": set(),
    "base": set(),
}


def layer(module: str) -> str:
    for prefix, name in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return name
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def modules() -> dict[str, Path]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        roots: dict[str, str] = tomllib.load(fh)["tool"]["setuptools"]["package-dir"]
    out: dict[str, Path] = {}
    for pkg, folder in roots.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            out[".".join([pkg, *parts])] = path
    return out


def _type_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:` (never executed, so never a cycle)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            out.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return out


def imports(name: str, path: Path, known: set[str], runtime: bool = False) -> Iterator[tuple[str, ast.AST]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    skip = _type_only(tree) if runtime else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
            for t in subs + ([target] if len(subs) < len(node.names) else []):
                yield t, node
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, node


def graph(runtime: bool = False) -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: {t for t, _ in imports(m, p, known, runtime) if t in known and t != m} for m, p in mods.items()}


def test_every_module_is_in_a_layer() -> None:
    for m in modules():
        layer(m)


def test_imports_point_down_the_layers() -> None:
    wrong = sorted(
        f"{a} ({layer(a)}) imports {b} ({layer(b)})"
        for a, targets in graph().items()
        for b in targets
        if layer(b) != layer(a) and layer(b) not in BELOW[layer(a)]
    )
    assert wrong == []


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles(graph(runtime=True)) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_error_guard_around_our_own_modules() -> None:
    guarded = []
    for path in modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            caught = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not any("ImportError" in c or "ModuleNotFoundError" in c for c in caught):
                continue
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    mod = (sub.module or "") if isinstance(sub, ast.ImportFrom) else None
                    names = [a.name for a in sub.names] if isinstance(sub, ast.Import) else []
                    if (mod is not None and (sub.level or mod.startswith("autodeploy"))) or any(
                        n.startswith("autodeploy") for n in names
                    ):
                        guarded.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert guarded == []


def test_mypy_sees_the_whole_namespace() -> None:
    """`make lint` type-checks `-p autodeploy`; no blanket ignore hides our own imports."""
    with open(ROOT / "pyproject.toml", "rb") as fh:
        mypy = tomllib.load(fh)["tool"]["mypy"]
    assert "ignore_missing_imports" not in mypy
    for o in mypy.get("overrides", []):
        mods = o["module"] if isinstance(o["module"], list) else [o["module"]]
        assert not any(m.startswith("autodeploy") for m in mods), mods
    assert "mypy -p autodeploy" in (ROOT / "Makefile").read_text(encoding="utf-8")
