"""Every output path and input file problem is a coded diagnostic naming the path, exit 2:
never a traceback, never a hang, never a replaced device (issue 11)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from autodeploy.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADL = str(ROOT / "examples" / "patient-portal.adl")


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "h.duckdb"))
    monkeypatch.setenv("AUTODEPLOY_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x")
    return {"dir": str(tmp_path / "dir"), "under_file": str(tmp_path / "file" / "out"),
            "file": str(tmp_path / "file"), "full": "/dev/full"}


# (argv with {out} for the bad path, which kinds of bad path apply)
COMMANDS = [
    (["compile", ADL, "--emit-ir", "{out}"], ("dir", "under_file", "full")),
    (["emit", ADL, "-o", "{out}"], ("file", "full")),
    (["check", ADL, "-o", "{out}"], ("dir", "under_file", "full")),
    (["cost", ADL, "-o", "{out}"], ("dir", "under_file", "full")),
    (["build", ADL, "-o", "{out}"], ("file", "full")),
    (["generate", "a private bucket", "-o", "{out}", "--force", "--no-check"], ("dir", "under_file", "full")),
    (["history", "--export-parquet", "{out}"], ("file", "full")),
    # a pinned install (issue 10) so the run reaches the write
    (["ci", "init", "--provider", "github", "--repo", "https://example.com/autodeploy.git", "--commit", "a" * 40,
      "-o", "{out}", "--force"], ("dir", "under_file", "full")),
]
CASES = [(argv, kind) for argv, kinds in COMMANDS for kind in kinds]


@pytest.mark.parametrize("argv,kind", CASES, ids=[f"{a[0]}-{k}" for a, k in CASES])
def test_a_bad_output_path_is_coded(argv: list[str], kind: str, places: dict[str, str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    if kind == "full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    bad = places[kind]
    code = main([a.replace("{out}", bad) for a in argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert any(c in err for c in ("ADL0600", "ADL0601")), err
    assert bad in err and "internal error" not in err and "Traceback" not in err
    if kind == "full":
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # never replaced by a regular file


@pytest.mark.parametrize("argv", [
    ["optimize", "{dir}"],
    ["cost", ADL, "--usage", "{dir}"],
    ["compile", "{dir}"],
    ["fmt", "{dir}"],
    ["forecast", "--history", "{dir}"],
    ["optimize", str(ROOT / "examples" / "data-platform.adl"), "--history", "svc={dir}"],
])
def test_a_folder_given_as_an_input_file_is_coded(argv: list[str], places: dict[str, str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = main([a.replace("{dir}", places["dir"]) for a in argv])
    err = capsys.readouterr().err
    assert code == 2 and any(c in err for c in ("ADL0102", "ADL0602", "ADL4010", "ADL4101")) and "directory" in err, err
    assert "internal error" not in err


@pytest.mark.parametrize("argv", [["compile", "{fifo}"], ["fmt", "{fifo}"], ["check", "{fifo}"], ["cost", "{fifo}"],
                                  ["graph", "{fifo}"], ["emit", "{fifo}"], ["cost", ADL, "--usage", "{fifo}"],
                                  ["forecast", "--history", "{fifo}"]])
def test_a_fifo_as_an_input_never_hangs(tmp_path: Path, argv: list[str]) -> None:
    fifo = tmp_path / "app.adl"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "autodeploy", *(a.replace("{fifo}", str(fifo)) for a in argv)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2 and "FIFO" in proc.stderr and "internal error" not in proc.stderr, proc.stderr


def test_a_symlink_loop_is_not_called_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.adl").symlink_to(tmp_path / "b.adl")
    (tmp_path / "b.adl").symlink_to(tmp_path / "a.adl")
    assert main(["compile", str(tmp_path / "a.adl")]) == 2
    err = capsys.readouterr().err
    assert "ADL0102" in err and "symbolic link loop" in err and "no such file" not in err


def test_fmt_writes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.adl"
    real.write_text('deployment a {region="us-east-1"}\n')
    os.chmod(real, 0o644)
    link = tmp_path / "link.adl"
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and real.read_text() == 'deployment a { region = "us-east-1" }\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o644


def test_a_bom_file_compiles_from_the_command_line(tmp_path: Path) -> None:
    p = tmp_path / "bom.adl"
    p.write_bytes(b'\xef\xbb\xbfdeployment a { region = "us-east-1" }\n')
    assert main(["compile", str(p)]) == 0


def test_history_limit_out_of_range_is_coded(places: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("99999999999999999999", "0", "-3"):
        assert main(["history", "--limit", value]) == 2
        err = capsys.readouterr().err
        assert "ADL0603" in err and "--limit" in err


def test_an_ir_holding_a_secret_value_is_written_owner_only(tmp_path: Path) -> None:
    src = tmp_path / "s.adl"
    src.write_text('deployment a { region = "us-east-1" }\nkey k {}\nsecret s { encryption = k value = "hunter2" }\n')
    assert main(["compile", str(src), "--emit-ir", str(tmp_path / "secret.json")]) == 0
    assert stat.S_IMODE((tmp_path / "secret.json").stat().st_mode) == 0o600
    assert main(["compile", ADL, "--emit-ir", str(tmp_path / "plain.json")]) == 0
    assert stat.S_IMODE((tmp_path / "plain.json").stat().st_mode) & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    from autodeploy import fsutil

    return fsutil._UMASK
