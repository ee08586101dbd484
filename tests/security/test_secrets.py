"""A secret's `value` is planted in a file; no output of any command may contain it.

Scanned: stdout and stderr of every command, and every file written anywhere under the test's
directory (IR, reports, emitted code, build artifacts, the history database, deploy state),
except the `.adl` files themselves (fmt and chat rewrite those, and keep what their author wrote).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from autodeploy.cli import main
from autodeploy.compiler import compile_file
from autodeploy.compiler.redact import REDACTED, mask_line

from ..deploy.moto_server import MotoServer

PLANTED = "pl4nted-S3CRET-7f3a9c"
SECRET_LINE = f'secret api_key {{ value = "{PLANTED}" }}\n'
AWS = ('deployment app { region = "us-east-1" compliance = [hipaa] budget = 900 usd/month }\n'
       "key k {}\n" + SECRET_LINE +
       'function rotate_api_key { uses = [api_key] }\n'
       'network core {}\n'
       'database db : postgres { storage = 20 GB encryption = k network = core.private }\n')
AZURE = AWS.replace('region = "us-east-1"', 'cloud = azure region = "eastus"')


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str],
         stdin: str = "", codes: tuple[int, ...] = (0, 1)) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    assert code in codes, (argv, code, out, err)
    return out + err


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".adl")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "history.duckdb"))
    (tmp_path / "app.adl").write_text(AWS)
    (tmp_path / "azure.adl").write_text(AZURE)
    (tmp_path / "chat.adl").write_text(AWS)
    (tmp_path / "broken.adl").write_text(SECRET_LINE.replace("}", "oops = }"))
    return tmp_path


COMMANDS: list[list[str]] = [
    ["compile", "app.adl"], ["compile", "app.adl", "--format", "json"], ["compile", "app.adl", "--emit-ir", "-"],
    ["compile", "app.adl", "--emit-ir", "ir.json"], ["compile", "broken.adl"],
    ["compile", "broken.adl", "--format", "json"], ["check", "app.adl"], ["check", "app.adl", "--format", "json"],
    ["check", "app.adl", "--format", "sarif", "-o", "f.sarif"], ["check", "app.adl", "--format", "markdown"],
    ["cost", "app.adl", "--record"], ["cost", "app.adl", "--format", "json"], ["cost", "app.adl", "--format", "csv"],
    ["cost", "app.adl", "--format", "markdown", "--compare", "azure.adl"], ["history"],
    ["history", "--format", "json"], ["emit", "app.adl", "-o", "tf"],
    ["emit", "app.adl", "--format", "json", "-o", "tfjson"], ["emit", "azure.adl", "--target", "arm", "-o", "arm"],
    ["build", "app.adl", "-o", "b"], ["build", "azure.adl", "-o", "b2"], ["graph", "app.adl"],
    ["graph", "app.adl", "--impact", "api_key"], ["optimize", "app.adl"], ["optimize", "app.adl", "--format", "json"],
    ["fmt", "--check", "app.adl"], ["compile", "app.adl", "--record"],
]


def test_planted_secret_never_printed_nor_written(project: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    outputs: dict[str, str] = {}
    for argv in COMMANDS:
        outputs[" ".join(argv)] = _run(capsys, monkeypatch, argv)
    outputs["chat"] = _run(capsys, monkeypatch, ["chat", "chat.adl"],
                           stdin="add a redis cache\nmake it cheaper\nrename api_key to token\n\n")
    assert "ADL5002" in outputs["emit app.adl -o tf"]  # the diagnostic pointing at the value is still given
    assert "+" in outputs["chat"] and "applied" in outputs["chat"]  # chat printed a diff
    assert (project / "tf" / "main.tf").exists() and (project / "ir.json").exists()
    for name, text in outputs.items():
        assert PLANTED not in text, name
    files = _files(project)
    assert len(files) > 10
    for path in files:
        assert PLANTED.encode() not in path.read_bytes(), path
    assert PLANTED in (project / "chat.adl").read_text()  # the file keeps what its author wrote


def test_deploy_commands_never_print_the_value(project: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for k, v in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                 ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("AUTODEPLOY_AWS_ENDPOINT", raising=False)
    (project / "dep.adl").write_text('deployment dep { region = "us-east-1" }\n' + SECRET_LINE)
    server = MotoServer()
    try:
        # the gate stops apply (nothing deployed), so drift finds no state to compare with: ADL0991, exit 2
        texts = [_run(capsys, monkeypatch, [cmd, "dep.adl", "--endpoint", server.endpoint] + extra,
                      codes=(0, 1, 2) if cmd == "drift" else (0, 1))
                 for cmd, extra in (("plan", []), ("apply", []), ("drift", []), ("plan", []), ("destroy", []))]
        assert "ADL0991" in texts[2]
    finally:
        server.stop()
    for text in texts:
        assert PLANTED not in text
    for path in _files(project):
        assert PLANTED.encode() not in path.read_bytes(), path


def test_ir_holds_a_redaction_and_the_policy_still_fires(project: Path) -> None:
    res = compile_file("app.adl")
    assert res.ir is not None
    secret = res.ir.resource("api_key")
    assert secret is not None and secret.get("value") == REDACTED
    assert PLANTED not in res.ir.dumps() and PLANTED not in repr(res)
    assert res.secret_values == {"api_key": PLANTED}  # in memory, for rewriting the file only


def test_a_parameter_feeding_a_secret_is_redacted(tmp_path: Path) -> None:
    adl = tmp_path / "p.adl"
    adl.write_text(f'param token: string = "{PLANTED}"\ndeployment d {{ region = "us-east-1" }}\n'
                   'secret s { value = "${token}" }\n')
    res = compile_file(adl)
    assert res.ir is not None and PLANTED not in res.ir.dumps()


def test_mask_line_keeps_columns() -> None:
    line = f'secret s {{ value = "{PLANTED}" oops = }}'
    masked = mask_line(line)
    assert PLANTED not in masked and len(masked) == len(line) and masked.endswith("oops = }")
