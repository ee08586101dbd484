"""An LLM answer is as untrusted as a pull request: paths out of the root are sent back, hostile
strings are emitted as literals, and a secret value it writes is never printed."""

from __future__ import annotations

from nl_fake_openai import Reply
from test_nl_llm import GOOD, env, gen, last_user, server  # noqa: F401  (fixtures)

from autodeploy.cli import main

HOSTILE_CODE = GOOD.replace("bucket files { size = 10 GB }",
                            'bucket files { size = 10 GB }\n\nfunction f { code = "../../../../home/deploy/.ssh" }')
HOSTILE_TAGS = GOOD.replace('  budget = 500 usd/month\n',
                            '  budget = 500 usd/month\n  tags   = { "${path.cwd}": "cwd" }\n'
                            ).replace("database main : postgres { storage = 20 GB }", "")
SECRET = "llm-wr0te-THIS-secret"
WITH_SECRET = GOOD.replace("bucket files", f'secret token {{ value = "{SECRET}" }}\n\nbucket files')


def test_code_path_out_of_the_root_is_sent_back(server, env, capsys):  # noqa: F811
    server.script(Reply(HOSTILE_CODE), Reply(GOOD))
    out = env / "app.adl"
    assert gen(server, out) == 0
    assert "ADL0111" in last_user(server.requests[-1])
    assert ".ssh" not in out.read_text()


def test_hostile_tag_key_from_the_llm_is_emitted_as_a_literal(server, env, capsys):  # noqa: F811
    server.script(Reply(HOSTILE_TAGS))
    out = env / "app.adl"
    assert gen(server, out) == 0
    assert "${path.cwd}" in out.read_text()
    assert main(["emit", str(out), "-o", str(env / "tf")]) == 0
    text = (env / "tf" / "main.tf").read_text()
    assert '"$${path.cwd}"' in text and '"${path.cwd}"' not in text


def test_secret_value_from_the_llm_is_not_printed(server, env, capsys):  # noqa: F811
    server.script(Reply(WITH_SECRET))
    out = env / "app.adl"
    capsys.readouterr()
    assert gen(server, out) == 0
    main(["build", str(out), "-o", str(env / "build")])
    printed = "".join(capsys.readouterr())
    assert "ADL5002" in printed and SECRET in out.read_text()  # the value is pointed at, and kept in the file
    assert SECRET not in printed
    assert all(SECRET not in p.read_text() for p in (env / "build").rglob("*") if p.is_file())
