"""Every subcommand against the inputs a hostile user or a sloppy CI script gives it: missing paths,
folders where files belong, empty, binary, non-UTF-8 and truncated files, symbolic link loops,
corrupt state, plan, usage, token, config and history files, bad --set values, conflicting
flags. The promise (README, docs/diagnostics.md): a coded diagnostic (ADL####) naming the input,
exit 2 for usage and environment errors and 1 for bad input, never a traceback or "internal
error", never a gate that passes on what it could not read, never a file damaged by a refusal.

Most cases run in-process through `autodeploy.cli.main` (milliseconds each: every bad input is
refused before any policy engine or cloud call); a sample runs the real `python -m autodeploy`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from autodeploy.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADL = str(ROOT / "examples" / "patient-portal.adl")
CODE = re.compile(r"\bADL\d{4}\b")
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: a case that reached the cloud would fail with ADL5100


def _loop(p: Path) -> None:
    other = p.with_name(p.name + ".other")
    p.symlink_to(other)
    other.symlink_to(p)


# name -> how to make that bad file at a path. Each is what a crash, a typo or a careless script leaves.
MAKERS: dict[str, Callable[[Path], None]] = {
    "missing": lambda p: None,
    "folder": lambda p: p.mkdir(),
    "empty": lambda p: p.write_bytes(b""),
    "blank": lambda p: p.write_bytes(b"  \n\t\n# only a comment\n"),
    "binary": lambda p: p.write_bytes(bytes(range(256)) * 8),
    "latin1": lambda p: p.write_bytes(b'deployment a { region = "eu-west-1" }\n# caf\xe9\n'),
    "nul": lambda p: p.write_bytes(b'deployment a {\x00 region = "us-east-1" }\n'),
    "huge_line": lambda p: p.write_bytes(b'deployment a { region = "' + b"x" * 1_000_000 + b'" }\n'),
    "loop": _loop,
    "truncated": lambda p: p.write_bytes(Path(ADL).read_bytes()[:200]),
}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every file a command may read or write by default lives under tmp_path; no cloud is reachable."""
    for var, name in (("AUTODEPLOY_HISTORY", "h.duckdb"), ("AUTODEPLOY_STATE_DIR", "nlstate"),
                      ("AUTODEPLOY_CONFIG", "config.toml"), ("AUTODEPLOY_TOKENS", "tokens.json")):
        monkeypatch.setenv(var, str(tmp_path / name))
    monkeypatch.setenv("AUTODEPLOY_AWS_ENDPOINT", UNREACHABLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def bad(env: Path, kind: str, name: str = "bad.adl") -> str:
    p = env / name
    MAKERS[kind](p)
    return str(p)


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's refusals exit from inside parse_args
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def assert_refused(code: int, text: str, exit_code: int | tuple[int, ...], *, expect: str = "",
                   names: str = "") -> None:
    assert "Traceback" not in text and "internal error" not in text, text
    assert CODE.search(text), f"no ADL code in:\n{text}"
    assert code in ((exit_code,) if isinstance(exit_code, int) else exit_code), f"exit {code}:\n{text}"
    if expect:
        assert expect in text, text
    if names:
        assert names in text, f"the offending path {names} is not named:\n{text}"


# ---- the .adl file itself, for every command that reads one ---------------------------------------

def _adl_commands(env: Path) -> dict[str, list[str]]:
    return {
        "compile": ["compile"], "check": ["check"], "cost": ["cost"], "graph": ["graph"],
        "emit": ["emit", "-o", str(env / "out")], "build": ["build", "-o", str(env / "build")],
        "plan": ["plan", "--state", str(env / "s.json")], "apply": ["apply", "--auto-approve", "--state",
                                                                    str(env / "s.json")],
        "destroy": ["destroy", "--auto-approve"], "drift": ["drift"], "optimize": ["optimize"], "chat": ["chat"],
        "fmt": ["fmt", "--check"],
    }


# what each bad .adl file is, in exit codes: 2 the file cannot be read at all (environment), 1 it was
# read and is wrong; and the code that must say so
ADL_EXPECT: dict[str, tuple[int, str]] = {
    "missing": (2, "ADL0991"), "folder": (2, "ADL0102"), "binary": (2, "ADL0102"), "latin1": (2, "ADL0102"),
    "loop": (2, "ADL0102"), "empty": (1, "ADL0992"), "blank": (1, "ADL0992"), "nul": (1, "ADL0002"),
    "huge_line": (1, ""), "truncated": (1, ""),
}
COMMANDS = sorted(_adl_commands(Path("/x")))
# fmt only lays a file out: an empty, blank or semantically wrong file formats fine (exit 0 is right)
FMT_FINE = {"empty", "blank", "huge_line"}
ADL_CASES = [(c, k) for c in COMMANDS for k in ADL_EXPECT if not (c == "fmt" and k in FMT_FINE)]


@pytest.mark.parametrize("command,kind", ADL_CASES, ids=[f"{c}-{k}" for c, k in ADL_CASES])
def test_a_bad_adl_file_is_refused_with_a_code(env: Path, capsys: pytest.CaptureFixture[str], command: str,
                                               kind: str) -> None:
    path = bad(env, kind)
    code, text = run(capsys, [*_adl_commands(env)[command], path])
    exit_code, diag = ADL_EXPECT[kind]
    # chat and optimize open the file through the compiler without the CLI's environment check:
    # an unreadable file is still refused and coded, as bad input
    if command in ("chat", "optimize") and exit_code == 2 and kind != "missing":
        exit_code = (1, 2)  # type: ignore[assignment]
    if command == "fmt" and kind in ("nul", "truncated"):
        exit_code = 1
    assert_refused(code, text, exit_code, expect=diag if command != "fmt" or kind in ("missing",) else "",
                   names="bad.adl")  # a location in it, or its path
    assert not (env / "s.json").exists(), "a refused run wrote a state"


def test_an_unreadable_adl_file(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = env / "secret.adl"
    path.write_text('deployment a { region = "us-east-1" }\nbucket b {}\n')
    path.chmod(0)
    code, text = run(capsys, ["compile", str(path)])
    assert "Traceback" not in text and "internal error" not in text
    if os.geteuid() == 0:
        # root reads a mode-000 file regardless of its bits: the refusal cannot be provoked here,
        # so only that assertion is replaced: the file is read and compiles
        assert code == 0, text
    else:
        assert_refused(code, text, 2, expect="ADL0102", names="secret.adl")


# ---- configuration files and the options that name them ------------------------------------------

def _files(env: Path) -> dict[str, bytes]:
    return {
        "yaml_list": b"- a\n- b\n",
        "yaml_types": b"resources:\n  db: [1, 2]\n",
        "yaml_broken": b"resources: [\n  b: }\n",
        "json_truncated": b'{"schema_version": 1, "deployment": "patient_portal", "resources": {',
        "json_list": b"[1, 2, 3]",
        "json_types": b'{"schema_version": "1", "deployment": 7, "resources": []}',
        "json_other_deployment": json.dumps({"schema_version": 1, "deployment": "someone_else",
                                             "region": "us-east-1", "endpoint": None,
                                             "resources": {}}).encode(),
        "csv_truncated": b"timestamp,value\n2024-01-01T00:00:00Z,",
    }


def make(env: Path, kind: str, name: str) -> str:
    if kind in MAKERS:
        return bad(env, kind, name)
    p = env / name
    p.write_bytes(_files(env)[kind])
    return str(p)


# (id, argv with {f} for the bad file, its kinds, exit code, the code that must appear)
OPTION_CASES: list[tuple[str, list[str], tuple[str, ...], int, str]] = [
    ("cost--usage", ["cost", ADL, "--usage", "{f}"], ("folder", "binary", "latin1", "loop", "empty", "blank"), 2,
     "ADL40"),
    ("cost--usage-content", ["cost", ADL, "--usage", "{f}"], ("yaml_list", "yaml_types", "yaml_broken"), 2, "ADL401"),
    ("build--usage", ["build", ADL, "-o", "{tmp}/b", "--usage", "{f}"], ("missing", "folder", "binary", "empty",
                                                                         "yaml_list"), (1, 2), "ADL"),
    ("plan--usage", ["plan", ADL, "--usage", "{f}"], ("missing", "binary", "empty", "yaml_types"), (1, 2), "ADL"),
    ("cost--compare", ["cost", ADL, "--compare", "{f}"], ("missing", "folder", "empty", "binary", "loop"), (1, 2),
     "ADL"),
    ("check--policy-dir", ["check", ADL, "--policy-dir", "{f}"], ("missing", "empty", "binary", "loop"), 2, "ADL"),
    ("forecast--history", ["forecast", "--history", "{f}"], ("missing", "folder", "binary", "empty", "loop",
                                                             "csv_truncated", "json_list"), (1, 2), "ADL"),
    ("optimize--history", ["optimize", str(ROOT / "examples" / "data-platform.adl"), "--history", "api={f}"],
     ("missing", "folder", "binary", "empty"), (1, 2), "ADL"),
    ("plan--state", ["plan", ADL, "--state", "{f}"], ("folder", "binary", "empty", "loop", "json_truncated",
                                                      "json_list", "json_types", "json_other_deployment"), 2,
     "ADL51"),
    ("drift--state", ["drift", ADL, "--state", "{f}"], ("missing", "binary", "loop", "json_truncated",
                                                        "json_other_deployment"), 2, "ADL"),
    ("destroy--state", ["destroy", ADL, "--auto-approve", "--state", "{f}"],
     ("missing", "folder", "loop", "json_truncated", "json_types", "json_other_deployment"), 2, "ADL"),
    ("apply--state", ["apply", ADL, "--auto-approve", "--state", "{f}"],
     ("binary", "json_truncated", "json_list", "json_other_deployment"), 2, "ADL51"),
    ("apply--plan", ["apply", "--auto-approve", "--plan", "{f}"],
     ("missing", "folder", "empty", "binary", "json_truncated", "json_list", "json_types"), 2, "ADL"),
    ("force-unlock--state", ["force-unlock", "lock-1", "--state", "{f}"], ("folder", "binary", "loop"), (1, 2),
     "ADL"),
    ("serve-token-list", ["serve", "token", "list", "--tokens", "{f}"],
     ("folder", "binary", "loop", "empty", "json_truncated", "json_list"), 2, "ADL0912"),
    ("serve--tokens-token-list", ["serve", "--tokens", "{f}", "token", "list"],
     ("folder", "binary", "loop", "json_truncated"), 2, "ADL0912"),
    ("serve-token-create", ["serve", "token", "create", "--role", "viewer", "--tokens", "{f}"],
     ("folder", "binary", "json_truncated", "json_list"), 2, "ADL09"),
    ("policy-bundle--signing-key", ["policy", "bundle", "-o", "{tmp}/b.tar.gz", "--signing-key", "{f}"],
     ("missing", "folder", "binary", "empty"), 2, "ADL"),
    ("policy-bundle--policy-dir", ["policy", "bundle", "-o", "{tmp}/b.tar.gz", "--policy-dir", "{f}"],
     ("missing", "binary"), 2, "ADL"),
    ("policy-publish", ["policy", "publish", "{f}"], ("missing", "folder", "binary", "empty", "loop"), 2, "ADL"),
    ("webhook-add--secret-file", ["webhook", "add", "https://example.com/hook", "--secret-file", "{f}"],
     ("missing", "folder", "binary", "empty", "loop"), 2, "ADL"),
]
OPTION_MATRIX = [(cid, argv, kind, ex, code) for cid, argv, kinds, ex, code in OPTION_CASES for kind in kinds]


@pytest.mark.parametrize("argv,kind,exit_code,diag", [m[1:] for m in OPTION_MATRIX],
                         ids=[f"{m[0]}-{m[2]}" for m in OPTION_MATRIX])
def test_a_bad_file_named_by_an_option_is_refused(env: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                                  kind: str, exit_code: int, diag: str) -> None:
    path = make(env, kind, "input.file")
    before = Path(path).read_bytes() if Path(path).is_file() else None
    code, text = run(capsys, [a.replace("{f}", path).replace("{tmp}", str(env)) for a in argv])
    assert_refused(code, text, exit_code, expect=diag, names="input.file")
    if before is not None:
        assert Path(path).read_bytes() == before, "a refused input was changed"


# ---- files named by environment variables -----------------------------------------------------------

ENV_CASES: list[tuple[str, str, list[str], tuple[str, ...], str]] = [
    ("history", "AUTODEPLOY_HISTORY", ["history"], ("folder", "binary", "empty", "loop", "json_truncated"),
     "ADL4031"),
    ("cost--record", "AUTODEPLOY_HISTORY", ["cost", ADL, "--record"], ("folder", "binary", "empty", "loop",
                                                                        "json_truncated"), "ADL4031"),
    ("history--export", "AUTODEPLOY_HISTORY", ["history", "--export-parquet", "{tmp}/pq"], ("binary", "empty"),
     "ADL4031"),
    ("webhook-list", "AUTODEPLOY_HISTORY", ["webhook", "list"], ("folder", "binary", "json_truncated"), "ADL4031"),
    ("serve-token-list", "AUTODEPLOY_TOKENS", ["serve", "token", "list"], ("binary", "loop", "json_list"),
     "ADL0912"),
    ("generate", "AUTODEPLOY_CONFIG", ["generate", "a private bucket", "-o", "{tmp}/g.adl", "--no-check"],
     ("folder", "binary", "latin1", "loop", "json_truncated"), "ADL0510"),
]
ENV_MATRIX = [(cid, var, argv, kind, code) for cid, var, argv, kinds, code in ENV_CASES for kind in kinds]


@pytest.mark.parametrize("var,argv,kind,diag", [m[1:] for m in ENV_MATRIX], ids=[f"{m[0]}-{m[3]}" for m in ENV_MATRIX])
def test_a_bad_file_named_by_the_environment_is_refused(env: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch, var: str, argv: list[str],
                                                        kind: str, diag: str) -> None:
    # a .json name: DuckDB would open such a file as an in-memory database and lose every run
    path = make(env, kind, "setting.json")
    before = Path(path).read_bytes() if Path(path).is_file() else None
    monkeypatch.setenv(var, path)
    code, text = run(capsys, [a.replace("{tmp}", str(env)) for a in argv])
    assert_refused(code, text, 2, expect=diag, names="setting.json")
    assert "recorded run" not in text
    if before is not None:
        assert Path(path).read_bytes() == before, "a refused file was changed"


# ---- the command line itself --------------------------------------------------------------------------

ARGV_CASES: list[tuple[str, list[str], int, str]] = [
    ("no-command", [], 2, "ADL0990"),
    ("unknown-command", ["deploy", ADL], 2, "ADL0990"),
    ("unknown-flag", ["compile", ADL, "--bogus"], 2, "ADL0990"),
    ("bad-choice", ["cost", ADL, "--format", "yaml"], 2, "ADL0990"),
    ("missing-argument", ["check"], 2, "ADL0990"),
    ("missing-option-value", ["cost", ADL, "--usage"], 2, "ADL0990"),
    ("set-no-equals", ["compile", ADL, "--set", "region"], 2, "ADL0990"),
    ("set-twice-differently", ["compile", ADL, "--set", "env=prod", "--set", "env=dev"], 2, "ADL0990"),
    ("set-unknown-param", ["compile", ADL, "--set", "nosuch=1"], 1, "ADL1022"),
    ("set-empty-name", ["compile", ADL, "--set", "=x"], 1, "ADL1022"),
    ("gate-timeout-word", ["check", ADL, "--gate-timeout", "soon"], 2, "ADL0990"),
    ("gate-timeout-nan", ["check", ADL, "--gate-timeout", "nan"], 2, "ADL0990"),
    ("history-limit-word", ["history", "--limit", "many"], 2, "ADL0990"),
    ("unknown-framework", ["check", ADL, "--framework", "hipa"], 2, "ADL0990"),
    ("unknown-required-framework", ["check", ADL, "--require-framework", "hipaa,pci"], 2, "ADL0990"),
    ("unknown-framework-build", ["build", ADL, "-o", "{tmp}/b", "--framework", "sox"], 2, "ADL0990"),
    ("unknown-framework-plan", ["plan", ADL, "--require-framework", "iso"], 2, "ADL0990"),
    ("empty-framework-list", ["check", ADL, "--framework", ",,"], 2, "ADL0990"),
    ("compare-clouds-and-cloud", ["cost", ADL, "--compare-clouds", "--cloud", "gcp"], 2, "ADL0990"),
    ("bundle-revision-alone", ["check", ADL, "--bundle-revision", "abc"], 2, "ADL0990"),
    ("bundle-mode-alone", ["check", ADL, "--bundle-mode"], 2, "ADL0990"),
    ("signing-alg-alone", ["policy", "bundle", "-o", "{tmp}/b.tar.gz", "--signing-alg", "HS256"], 2, "ADL0990"),
    ("root-missing", ["compile", ADL, "--root", "{tmp}/nowhere"], 2, "ADL0990"),
    ("apply-without-file", ["apply", "--auto-approve"], 2, "ADL0990"),
    ("force-unlock-nothing", ["force-unlock", "lock-1"], 2, "ADL0990"),
    ("optimize-headroom", ["optimize", ADL, "--headroom", "99"], 2, "ADL0990"),
    ("optimize-history-syntax", ["optimize", ADL, "--history", "nocsv"], 2, "ADL0990"),
    ("forecast-horizon", ["forecast", "--history", ADL, "--horizon", "soon"], 2, "ADL0990"),
    ("generate-empty-request", ["generate", "   "], 2, "ADL0990"),
    ("generate-negative-repairs", ["generate", "a bucket", "--max-repairs", "-1"], 2, "ADL0990"),
    ("graph-impact-unknown", ["graph", ADL, "--impact", "nosuch"], 2, "ADL0990"),
    ("ci-init-bad-provider", ["ci", "init", "--provider", "jenkins"], 2, "ADL0990"),
    ("ci-init-unpinned", ["ci", "init", "--provider", "github", "-o", "{tmp}/w.yml"], 2, "ADL0990"),
    ("webhook-bad-event", ["webhook", "add", "https://example.com/h", "--event", "nosuch"], 2, "ADL0951"),
    ("webhook-bad-url", ["webhook", "add", "not a url", "--event", "gate.failed"], 2, "ADL0950"),
    ("webhook-url-with-space", ["webhook", "add", "https://exa mple.com/h", "--event", "gate.failed"], 2, "ADL0950"),
    ("webhook-no-event", ["webhook", "add", "https://example.com/h"], 2, "ADL0951"),
    ("webhook-log-limit", ["webhook", "log", "--limit", "0"], 2, "ADL0990"),
    ("serve-port", ["serve", "--port", "99999"], 2, "ADL0603"),
    ("serve-token-no-action", ["serve", "token"], 2, "ADL0990"),
]


@pytest.mark.parametrize("argv,exit_code,diag", [c[1:] for c in ARGV_CASES], ids=[c[0] for c in ARGV_CASES])
def test_a_bad_command_line_is_coded(env: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                     exit_code: int, diag: str) -> None:
    code, text = run(capsys, [a.replace("{tmp}", str(env)) for a in argv])
    assert_refused(code, text, exit_code, expect=diag)


def test_a_plan_of_another_deployment_or_region_is_refused(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = env / "p.json"
    code, text = run(capsys, ["plan", ADL, "--state", str(env / "s.json"), "-o", str(plan)])
    assert code == 0 and plan.is_file(), text
    for extra in (["--set", "a=b"], ["--refresh"], ["--region", "eu-west-1"],
                  ["--state", str(env / "other.json")], [str(ROOT / "examples" / "static-site.adl")]):
        code, text = run(capsys, ["apply", "--auto-approve", "--plan", str(plan), *extra])
        assert_refused(code, text, 2, expect="ADL0990")
    assert not (env / "s.json").exists()


# ---- the real entry point, for a sample ------------------------------------------------------------

SUBPROCESS = [
    ["compile", "{missing}"], ["check", "{empty}"], ["build", "{binary}", "-o", "{tmp}/b"],
    ["plan", ADL, "--state", "{truncated_json}"], ["cost", ADL, "--usage", "{folder}"], ["compile", ADL, "--set", "x"],
    ["fmt", "{loop}"], ["history"], ["drift", ADL, "--state", "{missing}"],
]


@pytest.mark.parametrize("argv", SUBPROCESS, ids=["-".join(a[:1] + [x.strip("{}") for x in a if "{" in x])
                                                  for a in SUBPROCESS])
def test_the_real_command_never_shows_a_traceback(env: Path, argv: list[str]) -> None:
    files = {"missing": bad(env, "missing", "m.adl"), "empty": bad(env, "empty", "e.adl"),
             "binary": bad(env, "binary", "b.adl"), "folder": bad(env, "folder", "d"),
             "loop": bad(env, "loop", "l.adl"),
             "truncated_json": make(env, "json_truncated", "t.json"), "tmp": str(env)}
    (env / "h.duckdb").write_bytes(b"not a database")
    argv = [re.sub(r"\{(\w+)\}", lambda m: files[m.group(1)], a) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "autodeploy", *argv], capture_output=True, text=True, timeout=90,
                          cwd=env, env={**os.environ, "AUTODEPLOY_HISTORY": str(env / "h.duckdb"),
                                        "AUTODEPLOY_AWS_ENDPOINT": UNREACHABLE})
    assert_refused(proc.returncode, proc.stdout + proc.stderr, (1, 2))


def test_serve_refuses_a_corrupt_history_instead_of_starting(env: Path) -> None:
    history = env / "runs.json"
    history.write_bytes(b'{"runs": [')
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "serve", "--history", str(history), "--port", "1"],
                          capture_output=True, text=True, timeout=90, cwd=env)
    assert_refused(proc.returncode, proc.stderr, 2, expect="ADL4031", names=str(history))
    assert history.read_bytes() == b'{"runs": ['


# ---- an output path that is one of the run's inputs ---------------------------------------------------

OVERWRITE_CASES: list[tuple[str, list[str], str]] = [
    ("check-o-source", ["check", "{adl}", "-o", "{adl}"], "adl"),
    ("cost-o-source", ["cost", "{adl}", "-o", "{adl}"], "adl"),
    ("cost-o-import", ["cost", "{adl}", "-o", "{lib}"], "lib"),
    ("cost-compare-clouds-o-source", ["cost", "{adl}", "--compare-clouds", "-o", "{link}"], "adl"),
    ("cost-o-usage", ["cost", "{adl}", "--usage", "{usage}", "-o", "{usage}"], "usage"),
    ("compile-emit-ir-source", ["compile", "{adl}", "--emit-ir", "{link}"], "adl"),
    ("plan-o-source", ["plan", "{adl}", "--state", "{state}", "-o", "{adl}"], "adl"),
    ("plan-o-state", ["plan", "{adl}", "--state", "{state}", "-o", "{state}"], "state"),
    ("build-o-source", ["build", "{adl}", "-o", "{adl}"], "adl"),
    ("forecast-plot-history", ["forecast", "--history", "{csv}", "--plot", "{csv}"], "csv"),
]


@pytest.mark.parametrize("argv,victim", [c[1:] for c in OVERWRITE_CASES], ids=[c[0] for c in OVERWRITE_CASES])
def test_an_output_never_overwrites_an_input(env: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                             victim: str) -> None:
    (env / "lib").mkdir()
    files = {"adl": env / "app.adl", "lib": env / "lib" / "net.adl", "usage": env / "usage.yml",
             "state": env / "s.json", "csv": env / "load.csv", "link": env / "link.adl"}
    files["adl"].write_text('import "lib/net.adl"\ndeployment app { region = "us-east-1" }\nbucket site {}\n')
    files["lib"].write_text("queue jobs {}\n")
    files["usage"].write_text("resources: {}\n")
    files["state"].write_text(json.dumps({"schema_version": 1, "deployment": "app", "region": "us-east-1",
                                          "endpoint": None, "resources": {}}))
    files["csv"].write_text("timestamp,value\n" + "".join(f"2024-01-{1 + i // 24:02d}T{i % 24:02d}:00:00Z,{i % 5}\n"
                                                          for i in range(24 * 15)))
    files["link"].symlink_to(files["adl"])
    before = {k: p.read_bytes() for k, p in files.items() if k != "link"}
    code, text = run(capsys, [re.sub(r"\{(\w+)\}", lambda m: str(files[m.group(1)]), a) for a in argv])
    assert_refused(code, text, 2, expect="ADL0993")
    assert {k: p.read_bytes() for k, p in files.items() if k != "link"} == before, f"{victim} was overwritten"


def test_the_language_server_answers_garbage_without_a_traceback(env: Path) -> None:
    garbage = b'Content-Length: 5\r\n\r\n{"a"'  # a header, then a body that is not JSON
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "lsp"], input=garbage, capture_output=True, timeout=90,
                          cwd=env)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "ADL0994" in err, err
    assert b"Error in server" in proc.stdout  # the editor was told, over the protocol


@pytest.mark.parametrize("kind", ["binary", "folder", "empty", "loop"])
@pytest.mark.parametrize("command", [["apply", "--auto-approve"], ["destroy", "--auto-approve"], ["plan"]],
                         ids=lambda c: c[0])
def test_a_corrupt_lock_or_journal_beside_the_state_is_coded(env: Path, capsys: pytest.CaptureFixture[str],
                                                             command: list[str], kind: str) -> None:
    state = env / "s.json"
    state.write_text(json.dumps({"schema_version": 1, "deployment": "marketing_site", "region": "us-east-1",
                                 "endpoint": None, "resources": {}}))
    argv = [*command, str(ROOT / "examples" / "static-site.adl"), "--state", str(state)]
    if command[0] == "plan":  # the state alone is fine: what follows is the lock's and journal's doing
        assert run(capsys, argv)[0] in (0, 1)
    for suffix in (".lock", ".journal"):
        make(env, kind, "s.json" + suffix)
    code, text = run(capsys, argv)
    if command[0] == "plan" and kind == "empty":
        return  # plan neither locks nor recovers; an empty journal is "no run was interrupted"
    assert_refused(code, text, (1, 2), expect="ADL51")
    assert "ADL5103" not in text and "ADL5100" not in text, text


@pytest.mark.parametrize("argv", [["apply", "--auto-approve", "{adl}"], ["destroy", "--auto-approve", "{adl}"],
                                  ["cost", "--record", "{adl}"], ["serve", "token", "create", "--role", "viewer"]],
                         ids=lambda a: a[0])
def test_a_file_where_the_dot_autodeploy_folder_belongs(env: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    for var in ("AUTODEPLOY_HISTORY", "AUTODEPLOY_TOKENS"):  # the defaults: .autodeploy/ under the working folder
        monkeypatch.delenv(var)
    adl = env / "site.adl"
    adl.write_bytes((ROOT / "examples" / "static-site.adl").read_bytes())
    (env / ".autodeploy").write_text("not a folder")
    code, text = run(capsys, [a.replace("{adl}", str(adl)) for a in argv])
    assert_refused(code, text, 2, names=".autodeploy")
    assert (env / ".autodeploy").read_text() == "not a folder"


def test_drift_where_no_state_lives_is_refused_not_reported_clean(env: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # a drift job in a fresh checkout (the state lives elsewhere) used to print "No drift: 0 resource(s)"
    adl = env / "site.adl"
    adl.write_bytes((ROOT / "examples" / "static-site.adl").read_bytes())
    code, text = run(capsys, ["drift", str(adl)])
    assert_refused(code, text, 2, expect="ADL0991", names=".autodeploy")
    assert "No drift" not in text
