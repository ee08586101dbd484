"""The code deploy uploads for a function has its runtime's own form (issue 13, round 4, item 7).

main.tf zips the function's `code` folder; deploy uploads a placeholder answering {"ok": true} at
the file's handler. It used to put a `.py` file in the zip for every runtime but Node.js, so a Java,
.NET, Ruby or custom-runtime function was created with code its runtime cannot load. Now Python,
Node.js and Ruby get a placeholder in their own language, at the handler main.tf names; runtimes
whose package is a build product are refused before anything is created (ADL5964)."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

import boto3
import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.aws import function as facts
from autodeploy.backends.deploy import kind_function
from autodeploy.backends.terraform import emit_terraform
from autodeploy.cli import main
from autodeploy.compiler import compile_source
from autodeploy.compiler.kinds import KINDS

RUNTIMES = next(a for a in KINDS["function"].attrs if a.name == "runtime").type.values  # type: ignore[attr-defined]
EXTENSION = {"python": ".py", "nodejs": ".js", "ruby": ".rb"}


def _function(runtime: str, handler: str | None = None) -> str:
    h = f'  handler = "{handler}"' if handler else ""
    return (f'deployment fn {{ cloud = aws  region = "us-east-1" }}\n'
            f"function f {{ runtime = {runtime}{h} }}\n")


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_each_runtime_gets_a_placeholder_of_its_own_form_or_a_refusal(runtime: str) -> None:
    res = compile_source(_function(runtime), "t.adl")
    assert res.ok and res.ir is not None, res.render()
    r = res.ir.by_name["f"]
    main_tf = emit_terraform(res.ir, res.graph).files["main.tf"]
    assert f'"{r.get("handler")}"' in main_tf  # the handler deploy serves is main.tf's
    family = facts.runtime_family(runtime)
    refusal = kind_function.refuse(r)
    if family in EXTENSION:
        assert refusal is None
        z = zipfile.ZipFile(io.BytesIO(kind_function._zip(runtime, r.get("handler"))))
        (name,) = z.namelist()
        module = r.get("handler").split(".", 1)[0]
        assert name == module + EXTENSION[family], name  # main.tf's handler file, in the runtime's language
        assert "ok" in z.read(name).decode()
    else:
        assert refusal is not None and refusal.code == "ADL5964", runtime
        assert runtime in refusal.message and facts.BUILT_PACKAGE[family] in refusal.message


@pytest.mark.parametrize(("runtime", "handler", "path", "needle"), [
    ("python3.12", "src/app.run", "src/app.py", "def run(event, context):"),
    ("nodejs22.x", "index.api.handler", "index.js", "exports.api = { handler: async"),
    ("ruby3.3", "function.Handler.process", "function.rb", "def self.process(event:, context:)"),
])
def test_the_placeholder_answers_at_the_handler_the_file_names(runtime: str, handler: str, path: str,
                                                               needle: str) -> None:
    z = zipfile.ZipFile(io.BytesIO(kind_function._zip(runtime, handler)))
    assert z.namelist() == [path] and needle in z.read(path).decode()
    assert kind_function._zip(runtime, handler) == kind_function._zip(runtime, handler)  # the same bytes


def test_apply_refuses_a_java_function_before_creating_anything(moto, tmp_path: Path,  # noqa: F811
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "t.adl"
    adl.write_text(_function("java21") + "function g { runtime = python3.12 }\nqueue q { }\n")
    capsys.readouterr()
    code = main(["apply", str(adl), "--endpoint", moto.endpoint, "--state", str(tmp_path / "s.json"),
                 "--auto-approve"])
    out, err = capsys.readouterr()
    assert code == 1 and "ADL5964" in out + err and "java21" in out + err, out + err
    assert inventory(moto.endpoint, "us-east-1") == []  # nothing created, not even the others
    assert not (tmp_path / "s.json").exists() or '"f"' not in (tmp_path / "s.json").read_text()


def test_apply_uploads_the_node_placeholder(moto, tmp_path: Path,  # noqa: F811
                                           capsys: pytest.CaptureFixture[str]) -> None:
    adl = tmp_path / "t.adl"
    adl.write_text(_function("nodejs22.x"))
    capsys.readouterr()
    state = tmp_path / "s.json"
    assert main(["apply", str(adl), "--endpoint", moto.endpoint, "--state", str(state), "--auto-approve"]) == 0
    lam = boto3.client("lambda", endpoint_url=moto.endpoint, region_name="us-east-1")
    (fn,) = lam.list_functions()["Functions"]
    assert (fn["Runtime"], fn["Handler"]) == ("nodejs22.x", "main.handler")
    # exactly the Node.js placeholder (main.js) was uploaded: Lambda's hash of the package
    want = base64.b64encode(hashlib.sha256(kind_function._zip("nodejs22.x", "main.handler")).digest()).decode()
    assert fn["CodeSha256"] == want
    assert main(["destroy", str(adl), "--endpoint", moto.endpoint, "--state", str(state), "--auto-approve"]) == 0
