"""Round 2 of the hostile new user (tests/test_hostile_cli.py is round 1): odd option values
(empty, huge, unicode, overlong host names), a policy folder that cannot be walked or holds a
FIFO, a region nobody has. Each case was an internal error, a hang, or a silent exit 0 before;
each must now be a coded diagnostic (ADL####) with a non-zero exit, and must touch nothing.

All run in-process through `autodeploy.cli.main` and are refused before any engine or cloud call
(milliseconds each), except the policy-folder cases, which stop while the library is read."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_hostile_cli import ROOT, assert_refused, env, run  # noqa: F401  (env is a fixture)

SITE = str(ROOT / "examples" / "static-site.adl")


# ---- an empty value is refused, not taken as "option left out" ----------------------------------

EMPTY_CASES: list[tuple[str, list[str]]] = [
    ("emit-o", ["emit", SITE, "-o", ""]),  # wrote main.tf into the working folder
    ("build-o", ["build", SITE, "-o", ""]),  # wrote every artifact into the working folder
    ("check-o", ["check", SITE, "-o", ""]),  # printed the report instead of writing it
    ("cost-o", ["cost", SITE, "-o", ""]),
    ("cost-usage", ["cost", SITE, "--usage", ""]),  # ignored the usage file
    ("cost-compare", ["cost", SITE, "--compare", ""]),  # ignored the comparison
    ("check-opa-url", ["check", SITE, "--opa-url", ""]),  # evaluated locally instead
    ("graph-impact", ["graph", SITE, "--impact", ""]),  # drew the whole graph
    ("compile-emit-ir", ["compile", SITE, "--emit-ir", ""]),
    ("forecast-plot", ["forecast", "--history", "{tmp}/load.csv", "--plot", ""]),  # drew nothing
    ("history-export", ["history", "--export-parquet", ""]),
    ("plan-state", ["plan", SITE, "--state", ""]),  # used the default state
    ("compile-file", ["compile", ""]),
]


@pytest.mark.parametrize("argv", [c[1] for c in EMPTY_CASES], ids=[c[0] for c in EMPTY_CASES])
def test_an_empty_option_value_is_refused(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                          argv: list[str]) -> None:
    code, text = run(capsys, [a.replace("{tmp}", str(env)) for a in argv])
    assert_refused(code, text, 2, expect="an empty value")
    assert sorted(p.name for p in env.iterdir()) == [], "a refused run wrote into the working folder"


def test_an_empty_label_is_still_a_value(env: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    code, text = run(capsys, ["serve", "token", "create", "--role", "viewer", "--label", ""])
    assert code == 0, text


def test_only_marked_options_take_an_empty_value() -> None:
    """The exemption is marked on the option, not keyed on its name: exactly `serve token create --label`
    takes "" today; a later `--label` elsewhere would be refused unless its command marks it too."""
    import argparse

    from autodeploy.cli import _EMPTY_OK, build_parser

    def walk(parser: argparse.ArgumentParser, prog: str) -> list[str]:
        found = []
        for action in parser._actions:
            if getattr(action, _EMPTY_OK, False):
                found.append(f"{prog} {'/'.join(action.option_strings)}")
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += walk(sub, f"{prog} {name}")
        return found

    assert walk(build_parser(), "autodeploy") == ["autodeploy serve token create --label"]
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices["compile"]  # type: ignore[union-attr]
    sub.add_argument("--label")
    with pytest.raises(SystemExit):
        parser.parse_args(["compile", "x.adl", "--label", ""])


# ---- numbers and names out of any sane range ------------------------------------------------------

ODD_CASES: list[tuple[str, list[str], str]] = [
    # OverflowError from select() in the OPA subprocess wait: "internal error"
    ("gate-timeout-huge", ["check", SITE, "--gate-timeout", "99999999999999999999"], "at most 86400"),
    ("gate-timeout-over-a-day", ["check", SITE, "--gate-timeout", "86401"], "at most 86400"),
    # a 300-character host name: urllib3's LocationParseError escaped as "internal error"
    ("opa-url-long-label", ["check", SITE, "--opa-url", "x" * 300], "ADL3003"),
    ("opa-url-empty-label", ["check", SITE, "--opa-url", "http://a..b:8181"], "ADL3003"),
    # chat took any count of paid LLM rounds (generate refused only negatives)
    ("chat-repairs-negative", ["chat", SITE, "--max-repairs", "-1"], "between 0 and 10"),
    ("chat-repairs-huge", ["chat", SITE, "--max-repairs", "99999999999999999999"], "between 0 and 10"),
    ("generate-repairs-huge", ["generate", "a bucket", "--max-repairs", "100000"], "between 0 and 10"),
    # a region nobody has was planned against with exit 0
    ("plan-region-typo", ["plan", SITE, "--region", "us-east-l", "--state", "{tmp}/s.json"], "us-east-2"),
    ("plan-region-other-cloud", ["plan", SITE, "--region", "westeurope", "--state", "{tmp}/s.json"],
     "not a known aws region"),
    ("plan-region-rtl", ["plan", SITE, "--region", "us-east-1\u202e", "--state", "{tmp}/s.json"],
     "not a known aws region"),
    ("drift-region", ["drift", SITE, "--region", "mars-1", "--state", "{tmp}/s.json"], "not a known aws region"),
    ("force-unlock-region", ["force-unlock", "l-1", "--state", "s3://b/k", "--region", "x"], "not a known aws region"),
]


@pytest.mark.parametrize("argv,expect", [c[1:] for c in ODD_CASES], ids=[c[0] for c in ODD_CASES])
def test_an_odd_option_value_is_coded(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                      argv: list[str], expect: str) -> None:
    code, text = run(capsys, [a.replace("{tmp}", str(env)) for a in argv])
    assert_refused(code, text, 2, expect=expect)
    assert not (env / "s.json").exists() and not (env / "app.adl").exists()


def test_a_huge_gate_timeout_from_the_environment_is_coded(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTODEPLOY_GATE_TIMEOUT", "1e20")
    code, text = run(capsys, ["check", SITE])
    assert_refused(code, text, 2, expect="ADL3018")


# ---- a policy folder that cannot be walked, or holds a FIFO --------------------------------------

def test_a_fifo_in_a_policy_folder_is_refused_not_waited_on(env: Path) -> None:  # noqa: F811
    org = env / "org"
    org.mkdir()
    os.mkfifo(org / "hang.rego")  # reading it blocked until a writer came: the gate hung for ever
    # a real process with a timeout, so that a regression fails here instead of hanging the suite
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "check", SITE, "--policy-dir", str(org)],
                          capture_output=True, text=True, timeout=60, cwd=env)
    code, text = proc.returncode, proc.stdout + proc.stderr
    assert_refused(code, text, 2, expect="ADL3010", names="hang.rego")
    assert "FIFO" in text


def test_a_policy_folder_whose_entries_vanish_is_coded(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # `--policy-dir /` walked /proc, whose entries vanish mid-walk: FileNotFoundError, "internal error"
    org = env / "org"
    org.mkdir()
    real = pathlib.Path.rglob

    def vanishing(self: Path, pattern: str):  # type: ignore[no-untyped-def]
        if self == org:
            raise FileNotFoundError(2, "No such file or directory", str(org / "gone"))
        return real(self, pattern)

    monkeypatch.setattr(pathlib.Path, "rglob", vanishing)
    code, text = run(capsys, ["check", SITE, "--policy-dir", str(org)])
    assert_refused(code, text, 2, expect="ADL3010", names="gone")


# ---- Ctrl-C ------------------------------------------------------------------------------------------

def test_ctrl_c_while_the_commands_load_is_exit_130_without_a_traceback(env: Path,  # noqa: F811
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # the command modules load and argparse runs before the command's own handler: a Ctrl-C in the
    # first ~0.3 s of every run printed a KeyboardInterrupt traceback (found with SIGINT after 0.05-0.3 s)
    import autodeploy.cli as cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    code, text = run(capsys, ["compile", SITE])
    assert code == 130 and "Traceback" not in text, text


class _Interrupted:
    """A DuckDB connection whose every statement is cut short by Ctrl-C, as DuckDB reports it."""

    def __init__(self, real: object) -> None:
        self.real = real

    def execute(self, *args: object, **kwargs: object) -> None:
        import duckdb

        raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.mark.parametrize("argv", [["cost", SITE, "--record"], ["history"], ["webhook", "list"]], ids=lambda a: a[0])
def test_ctrl_c_inside_a_history_query_is_an_interrupt_not_a_corrupt_database(
        env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        argv: list[str]) -> None:
    # DuckDB turns SIGINT into InterruptException, a duckdb.Error: it was reported as ADL4031
    # ("the history database is corrupt": move it away) or escaped as an internal error
    import duckdb

    assert run(capsys, ["cost", SITE, "--record"])[0] == 0  # a healthy database with one run
    history = env / "h.duckdb"
    before = history.read_bytes()
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Interrupted(real(*a, **k)))
    code, text = run(capsys, argv)
    assert code == 130, text
    assert "ADL4031" not in text and "internal error" not in text and "Traceback" not in text, text
    monkeypatch.setattr(duckdb, "connect", real)
    assert history.read_bytes() == before


# ---- two runs writing one output folder ---------------------------------------------------------------

@pytest.mark.parametrize("argv", [["build", SITE, "-o", "{out}"], ["emit", SITE, "-o", "{out}"],
                                  ["build", "{tmp}/broken.adl", "-o", "{out}"]], ids=["build", "emit", "build-failing"])
def test_a_second_run_into_a_busy_output_folder_is_refused(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                           argv: list[str]) -> None:
    # two builds at once into one folder left main.tf of one beside cost.json and findings.sarif of the
    # other (seen with `build site.adl -o cc & build azure-webapp.adl -o cc`)
    import fcntl

    out = env / "out"
    out.mkdir()
    (out / "main.tf").write_text("# the other run's\n")
    (env / "broken.adl").write_text("deployment a {\n")
    argv = [a.replace("{out}", str(out)).replace("{tmp}", str(env)) for a in argv]
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the other run, still writing
        code, text = run(capsys, argv)
        assert_refused(code, text, 2, expect="ADL0981", names=str(out))
        assert sorted(p.name for p in out.iterdir()) == ["main.tf"]
        assert (out / "main.tf").read_text() == "# the other run's\n"
    finally:
        os.close(fd)
    code, text = run(capsys, argv)  # once the other run is done, this one goes ahead
    assert code in (0, 1) and "ADL0981" not in text, text


# ---- line endings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["compile"], ["cost"], ["fmt"], ["fmt", "--check"], ["emit", "-o", "out"]],
                         ids=lambda c: "-".join(c[:2]))
def test_a_comment_never_hides_code_after_a_lone_carriage_return(env: Path,  # noqa: F811
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 command: list[str]) -> None:
    # CR-only (classic Mac) line endings: a comment ran to the next line feed, so bucket `two` was
    # silently dropped (compile said "ok — 1 resource"); `fmt` rewrote the file without it
    adl = env / "mac.adl"
    src = b'deployment a {\r  region = "us-east-1"\r}\rbucket one {}\r# the second one\rbucket two {}\r'
    adl.write_bytes(src)
    code, text = run(capsys, [command[0], str(adl), *command[1:]])
    assert_refused(code, text, 1, expect="ADL0983", names="mac.adl")
    assert "bucket two {}" in text and "1 resource" not in text
    assert adl.read_bytes() == src and not (env / "out").exists()


def test_an_escape_sequence_hidden_in_a_comment_never_reaches_the_terminal(env: Path,  # noqa: F811
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # ADL0983 quotes what the comment hides and shows the line: both come from the file, so an
    # escape sequence there ("\x1b[2J" clears the screen) is escaped, never printed raw
    adl = env / "esc.adl"
    adl.write_bytes(b'deployment a {\n  region = "us-east-1"\n}\n# a\r\x1b[2J bucket b {}\n')
    code, text = run(capsys, ["compile", str(adl)])
    assert_refused(code, text, 1, expect="ADL0983", names="esc.adl")
    assert "\x1b" not in text and "\\u001b[2J" in text


def test_a_carriage_return_before_a_line_feed_is_still_fine(env: Path,  # noqa: F811
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    adl = env / "ok.adl"
    adl.write_bytes(b'deployment a {\r\n  region = "us-east-1"  # crlf\r\n}\r\n'
                    b"bucket one {}  # trailing CRs only\r\r\n# and a CR before blanks\r  \n")
    code, text = run(capsys, ["compile", str(adl)])
    assert code == 0 and "1 resource" in text, text


def test_fmt_check_names_the_first_line_it_would_change(env: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    # `fmt --check` failed a CI job with a bare "x.adl: not formatted": no code, no line
    adl = env / "messy.adl"
    adl.write_text('deployment a {\n  region = "us-east-1"\n}\n\nbucket b {size=1 GB}\n')
    code, text = run(capsys, ["fmt", "--check", str(adl)])
    assert_refused(code, text, 1, expect="ADL0982", names="messy.adl:5:1")
    assert "not formatted" in text


# ---- JSON nested past the interpreter's recursion limit ----------------------------------------------

@pytest.mark.parametrize("argv", [["serve", "token", "list", "--tokens", "{f}"],
                                  ["serve", "token", "create", "--role", "viewer", "--tokens", "{f}"]],
                         ids=["token-list", "token-create"])
def test_a_token_file_nested_too_deep_is_coded(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                               argv: list[str]) -> None:
    # json.loads raised RecursionError, which the token store did not expect: "internal error"
    tokens = env / "tokens.json"
    deep = ('{"a":' * 100_000 + "1" + "}" * 100_000).encode()
    tokens.write_bytes(deep)
    code, text = run(capsys, [a.replace("{f}", str(tokens)) for a in argv])
    assert_refused(code, text, 2, expect="ADL0912", names="tokens.json")
    assert tokens.read_bytes() == deep


def test_the_language_server_refuses_a_huge_content_length(env: Path) -> None:  # noqa: F811
    # pygls allocated what the header announced: MemoryError, "internal error", exit 2 with no code
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "lsp"], input=b"Content-Length: 999999999999\r\n\r\n{}",
                          capture_output=True, timeout=90, cwd=env)
    err = proc.stderr.decode("utf-8", "replace")
    assert_refused(proc.returncode, err, 2, expect="ADL0994")
    assert "byte limit" in err


@pytest.mark.parametrize("turns", ["\udc89PNG\udcff make it public\n", "add a \x1b[31mdatabase\x1b[0m\n",
                                   "add a vm\x00 and a database\n"], ids=["not-utf8", "escape", "nul"])
def test_chat_never_applies_a_turn_that_is_not_text(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                    monkeypatch: pytest.MonkeyPatch, turns: str) -> None:
    # `chat app.adl < image.png`: the offline translator found words in the noise and rewrote the file
    # (added a vm, a database, a network, 5120 TB of bucket), then reported only that the gate failed
    import io

    adl = env / "site.adl"
    adl.write_bytes((ROOT / "examples" / "static-site.adl").read_bytes())
    before = adl.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(turns))
    code, text = run(capsys, ["chat", str(adl)])
    assert_refused(code, text, 1, expect="ADL0984")
    assert adl.read_bytes() == before


@pytest.mark.parametrize("request_text", ["a bucket \x1b]0;pwned\x07 please", "a private bucket \u202e tsil",
                                          "a bucket \udcff"], ids=["osc-escape", "bidi-override", "not-utf8"])
def test_generate_refuses_a_request_that_is_not_text(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                     request_text: str) -> None:
    # the request is copied into the generated file's header comment: an ESC sequence ran when the
    # file was `cat`ed, a bidi override reordered what a reviewer saw
    code, text = run(capsys, ["generate", request_text, "-o", str(env / "app.adl"), "--no-check"])
    assert_refused(code, text, 2, expect="ADL0985")
    assert not (env / "app.adl").exists()


def test_chat_refuses_a_bidi_override_in_a_turn(env: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    adl = env / "site.adl"
    adl.write_bytes((ROOT / "examples" / "static-site.adl").read_bytes())
    before = adl.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("make the bucket \u202eprivate\n"))
    code, text = run(capsys, ["chat", str(adl)])
    assert_refused(code, text, 1, expect="ADL0984")
    assert adl.read_bytes() == before and "\u202e" not in text


def test_an_overlong_request_or_turn_is_refused_before_the_translator(env: Path,  # noqa: F811
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # a 20,000-character request kept the offline translator busy for minutes (pairwise passes)
    import io

    from autodeploy.nl.limits import MAX_REQUEST

    long = "a web app with a Postgres database " * (MAX_REQUEST // 30)
    code, text = run(capsys, ["generate", long, "-o", str(env / "app.adl"), "--no-check"])
    assert_refused(code, text, 2, expect="ADL0986")
    assert not (env / "app.adl").exists()
    adl = env / "site.adl"
    adl.write_bytes((ROOT / "examples" / "static-site.adl").read_bytes())
    before = adl.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(long + "\n"))
    code, text = run(capsys, ["chat", str(adl)])
    assert_refused(code, text, 1, expect="ADL0986")
    assert adl.read_bytes() == before
