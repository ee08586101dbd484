"""The careful file writer and reader (autodeploy/fsutil.py): through symlinks, modes kept,
special files refused and never replaced, every failure a coded diagnostic naming the path."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from autodeploy import fsutil
from autodeploy.fsutil import FileError, UnreadableFile, read_text, write_atomic


def test_writes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.adl"
    target.write_text("old\n")
    link = tmp_path / "link.adl"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"


def test_a_relative_symlink_chain_reaches_the_final_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    final = tmp_path / "sub" / "final.txt"
    final.write_text("x")
    (tmp_path / "b").symlink_to("sub/final.txt")
    (tmp_path / "a").symlink_to("b")
    write_atomic(tmp_path / "a", "y")
    assert final.read_text() == "y" and (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, "{}")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "{}"


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "app.adl"
    p.write_text("a")
    for mode in (0o644, 0o640, 0o600, 0o755):
        os.chmod(p, mode)
        write_atomic(p, "b")
        assert stat.S_IMODE(p.stat().st_mode) == mode


def test_new_files_are_0644_under_the_umask_and_secrets_0600(tmp_path: Path) -> None:
    write_atomic(tmp_path / "plain.json", "{}")
    assert stat.S_IMODE((tmp_path / "plain.json").stat().st_mode) == 0o644 & ~fsutil._UMASK
    write_atomic(tmp_path / "state.json", "{}", secret=True)
    assert stat.S_IMODE((tmp_path / "state.json").stat().st_mode) == 0o600


def test_dev_full_is_refused_and_stays_a_device() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with pytest.raises(FileError) as info:
        write_atomic("/dev/full", "x")
    assert info.value.diagnostic.code == "ADL0601" and "/dev/full" in info.value.diagnostic.message
    assert "character device" in info.value.diagnostic.message
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_and_a_directory_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "dir").mkdir()
    for p, what in ((fifo, "FIFO"), (tmp_path / "dir", "directory")):
        with pytest.raises(FileError) as info:
            write_atomic(p, "x")
        assert info.value.diagnostic.code == "ADL0601" and what in info.value.diagnostic.message
    assert stat.S_ISFIFO(fifo.stat().st_mode) and (tmp_path / "dir").is_dir()


def test_a_symlink_loop_is_named(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(FileError) as info:
        write_atomic(tmp_path / "a", "x")
    assert info.value.diagnostic.code == "ADL0600" and "symbolic link loop" in info.value.diagnostic.message


def test_a_parent_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(FileError) as info:
        write_atomic(tmp_path / "f" / "out.json", "{}")
    d = info.value.diagnostic
    assert d.code == "ADL0600" and str(tmp_path / "f" / "out.json") in d.message and d.help


def test_permission_denied_is_coded_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "keep.txt"
    p.write_text("old")

    def denied(*a: object, **k: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", denied)
    with pytest.raises(FileError) as info:
        write_atomic(p, "new")
    assert info.value.diagnostic.code == "ADL0600" and "permission denied" in info.value.diagnostic.message
    assert p.read_text() == "old"


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "keep.txt"
    p.write_text("old")

    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    with pytest.raises(FileError) as info:
        write_atomic(p, "new")
    assert "no space left" in info.value.diagnostic.message
    assert p.read_text() == "old" and sorted(x.name for x in tmp_path.iterdir()) == ["keep.txt"]


def test_reading_a_fifo_returns_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "in.adl"
    os.mkfifo(fifo)
    box: list[BaseException] = []
    t = threading.Thread(target=lambda: box.append(pytest.raises(UnreadableFile, read_text, fifo).value),
                         daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "read_text blocked on a FIFO"
    assert "FIFO" in str(box[0])


def test_read_text_drops_a_bom_and_names_bad_bytes(tmp_path: Path) -> None:
    (tmp_path / "bom.adl").write_bytes(b"\xef\xbb\xbfbucket b {}\n")
    assert read_text(tmp_path / "bom.adl") == "bucket b {}\n"
    (tmp_path / "latin.adl").write_bytes(b"owner = \"caf\xe9\"\n")
    with pytest.raises(UnreadableFile) as info:
        read_text(tmp_path / "latin.adl")
    assert "not UTF-8" in info.value.reason and "0xe9" in info.value.reason


def test_rewrite_keeps_the_files_line_ending(tmp_path: Path) -> None:
    """`optimize --write` and `chat` rewrite the user's own file: a CRLF file stays CRLF, an LF file LF, a new
    file is LF; mixed files follow their dominant ending."""
    from autodeploy.fsutil import rewrite_keeping_newlines

    crlf = tmp_path / "crlf.adl"
    crlf.write_bytes(b"a = 1\r\nb = 2\r\n")
    rewrite_keeping_newlines(crlf, "a = 1\nb = 3\nc = 4\n")
    assert crlf.read_bytes() == b"a = 1\r\nb = 3\r\nc = 4\r\n"
    lf = tmp_path / "lf.adl"
    lf.write_bytes(b"a = 1\nb = 2\n")
    rewrite_keeping_newlines(lf, "a = 1\nb = 3\n")
    assert lf.read_bytes() == b"a = 1\nb = 3\n"
    mostly_lf = tmp_path / "mixed.adl"
    mostly_lf.write_bytes(b"a\r\nb\nc\n")
    rewrite_keeping_newlines(mostly_lf, "a\nb\n")
    assert mostly_lf.read_bytes() == b"a\nb\n"
    new = tmp_path / "new.adl"
    rewrite_keeping_newlines(new, "x\n")
    assert new.read_bytes() == b"x\n"
