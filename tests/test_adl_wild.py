"""The cross-stage promises on files written by people who are not us (tests/adl_wild/README.md).

Every entry file of the wild corpus goes through:
1. compile never crashes: each diagnostic is coded (ADL####) with a location, never a traceback, and the
   outcome is the one the file's author expected (`# expect:`);
2. a clean compile checks (the real OPA engine), costs (an unknown price is an explicit component with
   its reason) and emits for its cloud (Terraform for aws/gcp, ARM for azure), byte-identical twice, and
   under other hash seeds for a sample;
3. `fmt` is idempotent and preserves the IR;
4. the resources `cost` prices are exactly the resources `emit` writes (the `autodeploy:resource` tag /
   label every backend puts on each resource's objects);
5. for aws files, `plan` against a moto server lists that same resource set.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler import CompileResult, compile_file
from autodeploy.compiler.fmt import format_source
from autodeploy.policies.engine import evaluate

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "tests" / "adl_wild"
TODAY = "2026-12-01"


def _entries() -> list[Path]:
    """Every .adl file, except the imported files of a folder holding an import tree (`main.adl`)."""
    out = []
    for p in sorted(WILD.rglob("*.adl")):
        tree = next((d for d in p.parents if d != WILD and WILD in d.parents and (d / "main.adl").exists()), None)
        if tree is None or p == tree / "main.adl":
            out.append(p)
    return out


ENTRIES = _entries()
IDS = [str(p.relative_to(WILD)) for p in ENTRIES]


class Header:
    """What the file's author wrote about it in its leading comment lines."""

    def __init__(self, path: Path) -> None:
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        self.expect: str | None = None
        self.sets: dict[str, str] = {}
        self.cloud: str | None = None
        for line in re.split(r"\r\n|\n|\r", text):
            if not line.startswith("#"):
                break
            if m := re.match(r"# expect: (.+)", line):
                self.expect = m.group(1).strip()
            elif m := re.match(r"# set: ([^=]+)=(.*)", line):
                self.sets[m.group(1)] = m.group(2)
            elif m := re.match(r"# cloud: (\w+)", line):
                self.cloud = m.group(1)

    def cli_args(self) -> list[str]:
        args = [a for k, v in self.sets.items() for a in ("--set", f"{k}={v}")]
        return args + (["--cloud", self.cloud] if self.cloud else [])


@cache
def _header(path: Path) -> Header:
    return Header(path)


@cache
def _compiled(path: Path) -> CompileResult:
    h = _header(path)
    return compile_file(path, params=h.sets or None, cloud=h.cloud)


def _clean(path: Path) -> bool:
    return _compiled(path).ok


def _target(res: CompileResult) -> str:
    assert res.ir is not None
    return "arm" if res.ir.deployment.cloud == "azure" else "terraform"


@cache
def _emitted(path: Path) -> dict[str, str]:
    res = _compiled(path)
    assert res.ir is not None and res.graph is not None
    out = emit_for(_target(res), res.ir, res.graph)
    errors = [f"{d.code} {d.message}" for d in out.diagnostics if d.is_error]
    assert errors == [], f"{path.name}: compiles clean but does not emit: {errors}"
    return dict(out.files)


def test_the_corpus_is_big_and_varied() -> None:
    headers = [_header(p) for p in ENTRIES]
    assert len(ENTRIES) >= 60
    assert sum(h.expect == "clean" for h in headers) >= 40
    assert sum(bool(h.expect) and h.expect != "clean" and h.expect != "any" for h in headers) >= 30
    clouds = {_compiled(p).ir.deployment.cloud for p in ENTRIES if _clean(p)}  # type: ignore[union-attr]
    assert clouds == {"aws", "azure", "gcp"}


# ---- 1. compile never crashes; coded diagnostics with a location -------------------------------

@pytest.mark.parametrize("path", ENTRIES, ids=IDS)
def test_compile_gives_coded_located_diagnostics(path: Path) -> None:
    res = _compiled(path)
    rendered = res.render()
    assert "Traceback" not in rendered and "internal error" not in rendered.lower()
    for d in res.diagnostics:
        assert re.fullmatch(r"ADL\d{4}", d.code), d
        # a location: a span, or the file (that cannot be read at all) or the `--set` named in the message
        assert d.span is not None or path.name in d.message or d.message.startswith("--set "), d
        if d.span is not None:
            assert d.span.line >= 1 and d.span.col >= 1, d
    expect = _header(path).expect
    errors = sorted({d.code for d in res.diagnostics if d.is_error})
    if expect == "clean":
        assert res.ok, rendered
    elif expect == "error":
        assert not res.ok and errors
    elif expect and expect.startswith("ADL"):
        want = {c.strip() for c in expect.split(",")}
        assert not res.ok and want <= set(errors), rendered


# ---- 2 and 4. check, cost, emit; cost prices what emit writes ---------------------------------

# every file that compiles clean (whatever its author expected: a hostile `# expect: any` file that
# compiles must keep the promises too); the files that do not compile are judged by the test above
CLEAN = [p for p in ENTRIES if _header(p).expect != "error" and not (_header(p).expect or "").startswith("ADL")
         and _clean(p)]
CLEAN_IDS = [str(p.relative_to(WILD)) for p in CLEAN]

# the resource tag (Terraform AWS `tags`, GCP `labels`) and the ARM tag expression `createObject(...)`
_TAG = re.compile(r'"?autodeploy[:_]resource"?\s*[=:]\s*"((?:[^"\\]|\\.)*)"')
_ARM_TAG = re.compile(r"'autodeploy:resource', '((?:[^']|'')*)'")
# a Terraform block labelled with the resource's own name (objects that take no tags: a helm release)
_TF_LABEL = re.compile(r'^resource "[a-z0-9_]+" "([A-Za-z0-9_]+)" \{', re.M)


def emitted_resources(files: dict[str, str], declared: set[str]) -> set[str]:
    """The ADL resources the emitted code builds: the values of the resource tag/label, and the
    declared names that label a Terraform block of their own."""
    names: set[str] = set()
    for text in files.values():
        names |= {json.loads(f'"{m}"') for m in _TAG.findall(text)}
        names |= {m.replace("''", "'") for m in _ARM_TAG.findall(text)}
        names |= {m for m in _TF_LABEL.findall(text) if m in declared}
    # objects that take no tags at all (ARM child resources such as Service Bus queues, the subscription's
    # activity-log export, GCP Cloud CDN turned on on a load balancer's backend): named in the code
    for name in declared - names:
        # the name, or the physical name derived from it (`orders_dlq` -> Service Bus queue `orders-dlq`)
        alt = f"{re.escape(name)}|{re.escape(name.replace('_', '-'))}"
        word = re.compile(rf"(?<![A-Za-z0-9_])({alt})(?![A-Za-z0-9_])")
        if any(word.search(text) for text in files.values()):
            names.add(name)
    return names


def _folded(res: CompileResult, files: dict[str, str]) -> set[str]:
    """Resources emitted as settings of another resource's objects (docs/gcp.md: a cdn whose origin is a
    load balancer turns caching on on that load balancer's backends)."""
    assert res.ir is not None
    text = "".join(files.values())
    return {r.name for r in res.ir.resources
            if res.ir.deployment.cloud == "gcp" and r.kind == "cdn" and "enable_cdn = true" in text
            and any(ref.attr == "origin" and res.ir.by_name[ref.target].kind == "load_balancer" for ref in r.refs)}


@pytest.mark.parametrize("path", CLEAN, ids=CLEAN_IDS)
def test_a_clean_file_checks_costs_and_emits_deterministically(path: Path) -> None:
    res = _compiled(path)
    assert res.ok
    assert res.ir is not None and res.graph is not None
    report = evaluate(res.ir)  # an engine error raises: the gate must be able to judge the file
    assert report is not None
    cost = estimate(res.ir, today=TODAY)
    for r in cost.resources:
        for c in r.components:
            assert c.price_source != "unknown" or c.note, f"{r.name}: {c.name} unknown without a reason"
    files = _emitted(path)
    assert files, "emit wrote nothing"
    again = emit_for(_target(res), res.ir, res.graph)
    assert dict(again.files) == files, "emit is not deterministic"
    if _target(res) == "arm":
        for text in files.values():
            json.loads(text)
    priced = {r.name for r in cost.resources}
    declared = {r.name for r in res.ir.resources}
    assert priced == declared, "cost does not price every declared resource"
    emitted = emitted_resources(files, declared) | _folded(res, files)
    assert emitted == priced, "the resources cost prices are not those emit writes"


HASHSEED_SAMPLE = ["aws_data_services_limits.adl", "azure_core_kinds.adl", "gcp_core_kinds.adl",
                   "hostile/injection_strings_accepted.adl"]


@pytest.mark.parametrize("name", HASHSEED_SAMPLE)
def test_emit_is_byte_identical_under_other_hash_seeds(name: str, tmp_path: Path) -> None:
    path = WILD / name
    assert _clean(path), _compiled(path).render()
    want = _emitted(path)
    for seed in ("1", "4242"):
        out = tmp_path / seed
        proc = subprocess.run([sys.executable, "-m", "autodeploy", "emit", str(path), "-o", str(out),
                               *_header(path).cli_args()],
                              env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        got = {f.name: f.read_text(encoding="utf-8") for f in out.iterdir() if f.name in want}
        assert got == want, f"PYTHONHASHSEED={seed} changes the emitted bytes"


# ---- 3. fmt is idempotent and preserves the IR ------------------------------------------------

def _strip_spans(doc: Any) -> Any:
    if isinstance(doc, dict):
        # positions and file paths are where the text is, not what it means
        return {k: _strip_spans(v) for k, v in doc.items() if "span" not in k and k != "files"}
    if isinstance(doc, list):
        return [_strip_spans(v) for v in doc]
    return doc


def _sources(path: Path) -> list[Path]:
    return sorted(path.parent.rglob("*.adl")) if path.name == "main.adl" else [path]


@pytest.mark.parametrize("path", ENTRIES, ids=IDS)
def test_fmt_is_idempotent_and_keeps_the_ir(path: Path, tmp_path: Path) -> None:
    base = path.parent if path.name == "main.adl" else path.parent
    copy_root = tmp_path / "src"
    for src in _sources(path):
        raw = src.read_bytes()
        dst = copy_root / src.relative_to(base)
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return  # unreadable: compile reports it (ADL0102); fmt has nothing to format
        once, diags = format_source(text, str(src))
        for d in diags:
            assert re.fullmatch(r"ADL\d{4}", d.code) and d.span is not None, d
        if once is None:
            assert diags and not _compiled(path).ok, f"{src.name}: fmt refused a file that compiles"
            return
        twice, diags2 = format_source(once, str(src))
        assert twice == once, f"{src.name}: fmt is not idempotent"
        assert not [d for d in diags2 if d.is_error]
        dst.write_text(once, encoding="utf-8", newline="")
    before = _compiled(path)
    h = _header(path)
    after = compile_file(copy_root / path.relative_to(base), params=h.sets or None, cloud=h.cloud)
    assert after.ok == before.ok, after.render()
    if before.ok:
        assert before.ir is not None and after.ir is not None
        assert _strip_spans(after.ir.to_json()) == _strip_spans(before.ir.to_json()), "fmt changed the IR"
    else:
        assert {d.code for d in after.diagnostics} == {d.code for d in before.diagnostics}


# ---- 5. plan against moto lists the resources cost prices and emit writes -----------------------

AWS_CLEAN = [p for p in CLEAN if _clean(p) and _compiled(p).ir.deployment.cloud == "aws"]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    sys.path.insert(0, str(ROOT / "tests" / "deploy"))
    try:
        from moto_server import MotoServer  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
                                            "AWS_PROFILE", "AUTODEPLOY_AWS_ENDPOINT")}
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AUTODEPLOY_AWS_ENDPOINT", None)
    server = MotoServer()
    try:
        yield server.endpoint
    finally:
        server.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_plan_against_moto_lists_what_cost_and_emit_see(moto_endpoint: str, tmp_path: Path) -> None:
    from autodeploy.cli import main

    assert len(AWS_CLEAN) >= 25
    failures = []
    for i, path in enumerate(AWS_CLEAN):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["plan", str(path), "--endpoint", moto_endpoint, "--format", "json",
                         "--state", str(tmp_path / f"{i}.state.json"), *_header(path).cli_args()])
        res = _compiled(path)
        assert res.ir is not None
        if not res.ir.resources:  # compiles, but the CLI refuses to plan a file that declares nothing
            if code != 1 or "ADL0992" not in err.getvalue():
                failures.append(f"{path.name}: an empty deployment was planned (exit {code})")
            continue
        if code not in (0, 1):  # 1: the gate found something; the plan is still printed
            failures.append(f"{path.name}: plan exited {code}: {err.getvalue()[-800:]}")
            continue
        doc = json.loads(out.getvalue())
        planned = {(a["name"], a["kind"]) for a in doc["actions"] if a["op"] == "create"}
        cost = {(r.name, r.kind) for r in estimate(res.ir, today=TODAY).resources}
        if planned != cost:
            failures.append(f"{path.name}: plan {sorted(planned ^ cost)} differs from cost")
        if {n for n, _ in planned} != emitted_resources(_emitted(path), {r.name for r in res.ir.resources}):
            failures.append(f"{path.name}: plan and emit differ")
    assert failures == []


def test_the_wild_folder_holds_no_stray_output() -> None:
    # the tests write only under tmp_path: a run never leaves state files or builds in the corpus
    assert not [p for p in WILD.rglob("*") if p.is_dir() and p.name in (".autodeploy", "build")]
    assert shutil.which(sys.executable)
