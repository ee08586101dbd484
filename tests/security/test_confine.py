"""Imports and path attributes stay inside the project root; nothing else is read or echoed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autodeploy.cli import main
from autodeploy.compiler import compile_file

DEP = 'deployment app { region = "us-east-1" }\n'
# a line no ADL file contains; planted where only a hostile import could reach it
PLANTED = "AWS_SECRET_ACCESS_KEY=planted-not-adl-0123456789"


def _codes(path: Path, root: Path | None = None) -> list[str]:
    res = compile_file(path, root=str(root) if root else None)
    return [d.code for d in res.diagnostics]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.adl").write_text(PLANTED + "\n")
    (tmp_path / "outside.env").write_text(PLANTED + "\n")
    return root


def test_absolute_import_refused_and_never_echoed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_adl = project / "main.adl"
    main_adl.write_text(f'import "{project.parent / "outside.adl"}"\n' + DEP)
    assert _codes(main_adl) == ["ADL0110"]
    rc, text = _cli(capsys, "compile", str(main_adl))
    assert rc == 1 and "ADL0110" in text and PLANTED not in text


def test_proc_environ_import_never_printed(project: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("H10_PLANTED_ENV", PLANTED)
    main_adl = project / "main.adl"
    main_adl.write_text('import "/proc/self/environ"\n' + DEP)
    for cmd in ("compile", "check", "cost", "emit", "build", "graph"):
        rc, text = _cli(capsys, cmd, str(main_adl))
        assert rc != 0, cmd
        assert "ADL0110" in text and "planted-not-adl" not in text, cmd


@pytest.mark.parametrize("path", ["../outside.adl", "sub/../../outside.adl", "../../../../../../etc/passwd"])
def test_dotdot_import_refused(project: Path, path: str, capsys: pytest.CaptureFixture[str]) -> None:
    main_adl = project / "main.adl"
    main_adl.write_text(f'import "{path}"\n' + DEP)
    assert _codes(main_adl) == ["ADL0111"]
    rc, text = _cli(capsys, "compile", str(main_adl))
    assert rc == 1 and PLANTED not in text and "root:x:0:0" not in text


def test_explicit_root_widens_the_confinement(project: Path) -> None:
    (project.parent / "outside.adl").write_text('network shared { cidr = "10.1.0.0/16" }\n')
    main_adl = project / "main.adl"
    main_adl.write_text('import "../outside.adl"\n' + DEP)
    assert _codes(main_adl) == ["ADL0111"]
    assert _codes(main_adl, root=project.parent) == []


def test_symlink_out_of_root_refused(project: Path) -> None:
    os.symlink(project.parent / "outside.adl", project / "inside.adl")
    main_adl = project / "main.adl"
    main_adl.write_text('import "inside.adl"\n' + DEP)
    assert _codes(main_adl) == ["ADL0111"]
    os.symlink(project.parent, project / "up")
    main_adl.write_text('import "up/outside.adl"\n' + DEP)
    assert _codes(main_adl) == ["ADL0111"]


def test_non_adl_import_inside_root_is_not_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "creds.env").write_text(PLANTED + "\n")
    main_adl = project / "main.adl"
    main_adl.write_text('import "creds.env"\n' + DEP)
    assert _codes(main_adl) == ["ADL0113"]
    rc, text = _cli(capsys, "compile", str(main_adl))
    assert rc == 1 and PLANTED not in text


def test_fifo_and_directory_imports_are_coded_errors_not_hangs(project: Path) -> None:
    os.mkfifo(project / "pipe.adl")
    (project / "dir.adl").mkdir()
    main_adl = project / "main.adl"
    main_adl.write_text('import "pipe.adl"\nimport "dir.adl"\n' + DEP)
    # in a child process, so a regression hangs the child (killed by the timeout), not the suite
    script = ("import sys; from autodeploy.compiler import compile_file; "
              "print(' '.join(d.code for d in compile_file(sys.argv[1]).diagnostics))")
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script, str(main_adl)], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.split() == ["ADL0112", "ADL0112"]
    assert time.monotonic() - start < 60


def test_device_import_refused(project: Path) -> None:
    os.symlink("/dev/zero", project / "zero.adl")
    main_adl = project / "main.adl"
    main_adl.write_text('import "zero.adl"\n' + DEP)
    # /dev is outside the root: refused before it is opened; inside a wider root it is no regular file
    assert _codes(main_adl) == ["ADL0111"]
    assert _codes(main_adl, root=Path("/")) == ["ADL0112"]


FUNC = DEP.replace("{", "{{").replace("}", "}}") + 'function f {{ code = "{code}" }}\n'


@pytest.mark.parametrize("code,expected", [
    ("../../../../home/deploy/.ssh", "ADL0111"),
    ("/home/deploy/.ssh", "ADL0110"),
    ("src\\nsecond line", "ADL0114"),
    ("~/.ssh", "ADL0110"),
])
def test_function_code_confined(project: Path, code: str, expected: str) -> None:
    main_adl = project / "main.adl"
    main_adl.write_text(FUNC.format(code=code))
    assert expected in _codes(main_adl)


def test_function_code_symlink_out_refused_and_inside_accepted(project: Path) -> None:
    os.symlink(project.parent, project / "src_link")
    main_adl = project / "main.adl"
    main_adl.write_text(FUNC.format(code="src_link"))
    assert "ADL0111" in _codes(main_adl)
    (project / "src").mkdir()
    main_adl.write_text(FUNC.format(code="src"))
    assert _codes(main_adl) == []
    os.mkfifo(project / "fifo")
    main_adl.write_text(FUNC.format(code="fifo"))
    assert "ADL0112" in _codes(main_adl)


def test_emit_refuses_code_outside_root(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    main_adl = project / "main.adl"
    main_adl.write_text(FUNC.format(code="../../../../home/deploy/.ssh"))
    rc, text = _cli(capsys, "emit", str(main_adl), "-o", str(tmp_path / "out"))
    assert rc == 1 and "ADL0111" in text
    assert not (tmp_path / "out" / "main.tf").exists()


def test_root_option_must_be_a_directory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_adl = project / "main.adl"
    main_adl.write_text(DEP)
    rc, text = _cli(capsys, "compile", str(main_adl), "--root", str(project / "nope"))
    assert rc == 2 and "--root" in text
