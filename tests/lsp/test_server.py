"""`autodeploy lsp` driven over stdio as an editor drives it (raw JSON-RPC, tests/lsp/client.py)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autodeploy.compiler import compile_file
from autodeploy.compiler.fmt import format_source

from .client import ROOT, LspClient

PORTAL = ROOT / "examples/patient-portal.adl"
NETWORK = ROOT / "examples/lib/network.adl"
WRONG_REFS = ROOT / "examples/errors/undefined-and-wrong-kind-reference.adl"


@pytest.fixture(scope="module")
def lsp() -> Iterator[LspClient]:
    c = LspClient()
    c.initialize()
    yield c
    assert c.close() == 0


def opened(lsp: LspClient, path: Path, text: str | None = None, uri: str | None = None) -> tuple[str, list[Any]]:
    uri = uri or path.as_uri()
    lsp.open(uri, path.read_text() if text is None else text)
    return uri, lsp.diagnostics(uri)


def labels(result: Any) -> list[str]:
    return [i["label"] for i in result["items"]]


def find(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """(line, character) of `needle` in `text`, plus `offset` characters."""
    for n, line in enumerate(text.split("\n")):
        col = line.find(needle)
        if col >= 0:
            return n, col + offset
    raise AssertionError(needle)


def test_initialize_advertises_the_features() -> None:
    c = LspClient()
    try:
        caps = c.initialize()["result"]["capabilities"]
    finally:
        assert c.close() == 0
    for cap in ("completionProvider", "hoverProvider", "definitionProvider", "referencesProvider",
                "documentSymbolProvider", "documentFormattingProvider", "codeActionProvider"):
        assert caps.get(cap), cap


def test_error_file_publishes_coded_diagnostics_with_the_compilers_ranges(lsp: LspClient) -> None:
    _, diags = opened(lsp, WRONG_REFS)
    expected = compile_file(WRONG_REFS).errors
    assert sorted(d["code"] for d in diags) == ["ADL1009", "ADL1010", "ADL1017"]
    got = {(d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1,
            d["range"]["end"]["character"] + 1) for d in diags}
    assert got == {(d.code, d.span.line, d.span.col, d.span.end_col) for d in expected if d.span}
    assert all(d["severity"] == 1 and d["source"] == "autodeploy" for d in diags)
    assert any("did you mean `private`?" in d["message"] for d in diags)


def test_syntax_error_is_reported_where_it_is(lsp: LspClient) -> None:
    path = ROOT / "examples/errors/syntax-missing-value.adl"
    _, diags = opened(lsp, path)
    assert [d["code"] for d in diags] == ["ADL0001"]
    assert diags[0]["range"]["start"]["line"] == 4  # the `}` after `public =`


def test_a_change_that_fixes_the_error_clears_it(lsp: LspClient) -> None:
    uri = (ROOT / "examples/unsaved-fix.adl").as_uri()
    broken = 'deployment d { region = "us-east-1" }\nkey k { rotation = true }\nbucket b { encryption = kk }\n'
    lsp.open(uri, broken)
    assert [d["code"] for d in lsp.diagnostics(uri)] == ["ADL1009"]
    lsp.change(uri, broken.replace("= kk", "= k"), 2)
    assert lsp.diagnostics(uri) == []
    lsp.change(uri, broken.replace("= kk", "= "), 3)
    assert [d["code"] for d in lsp.diagnostics(uri)] == ["ADL0001"]


def test_completion_of_kinds_attributes_values_members_units_and_variants(lsp: LspClient) -> None:
    text = PORTAL.read_text()
    uri = PORTAL.as_uri()
    lsp.open(uri, text)
    lsp.diagnostics(uri)
    top = labels(lsp.at("textDocument/completion", uri, *find(text, "key records_key")))
    assert {"bucket", "database", "network", "deployment", "param", "import", "waive"} <= set(top)

    edited = text.replace("  versioning = true\n", "  versioning = true\n  \n  data_x = \n", 1)
    lsp.change(uri, edited, 2)
    lsp.diagnostics(uri)
    line, _ = find(edited, "data_x")
    attrs = lsp.at("textDocument/completion", uri, line - 1, 2)
    names = labels(attrs)
    assert {"versioning", "encryption", "public", "size", "data", "tags"} <= set(names)
    assert "replicas" not in names  # a service attribute, not a bucket's
    size = next(i for i in attrs["items"] if i["label"] == "size")
    assert "size" in size["detail"] and "GB" in size["documentation"]["value"]

    def at_end_of(before: str, new: str, version: int, marker: str = "") -> list[str]:
        changed = text.replace(before, new, 1)
        lsp.change(uri, changed, version)
        lsp.diagnostics(uri)
        marker = marker or new
        line, col = find(changed, marker, len(marker))
        return labels(lsp.at("textDocument/completion", uri, line, col))

    assert at_end_of("data       = phi", "data       = ", 3) == ["phi", "pci", "pii", "public"]
    keys = at_end_of("encryption = records_key\n  versioning", "encryption = \n  versioning", 4, "encryption = ")
    assert "records_key" in keys and "true" in keys and "records" not in keys and "patients" not in keys
    assert at_end_of("network    = core.private", "network    = core.", 5) == ["private", "public"]
    assert {"TB", "GB", "MB"} <= set(at_end_of("size       = 2 TB", "size       = 2 ", 6))
    assert "postgres" in at_end_of("database patients : postgres {", "database patients : ", 7)
    regions = at_end_of('region     = "us-east-1"', "region     = ", 8)
    assert "us-east-1" in regions and "eastus" not in regions


def test_hover_shows_the_registry_and_the_monthly_cost(lsp: LspClient) -> None:
    text = PORTAL.read_text()
    uri = PORTAL.as_uri()
    lsp.open(uri, text, version=20)
    lsp.diagnostics(uri)
    h = lsp.at("textDocument/hover", uri, *find(text, "backup     = 14 days", 1))
    assert "database.backup" in h["contents"]["value"] and "days" in h["contents"]["value"]
    h = lsp.at("textDocument/hover", uri, *find(text, "bucket records", 8))
    value = h["contents"]["value"]
    assert value.startswith("**bucket** `records`") and "estimated cost: $" in value
    assert lsp.at("textDocument/hover", uri, *find(text, "# HIPAA", 3)) is None


def test_definition_and_references_across_an_import(lsp: LspClient) -> None:
    text = PORTAL.read_text()
    uri = PORTAL.as_uri()
    lsp.open(uri, text, version=30)
    lsp.diagnostics(uri)
    loc = lsp.at("textDocument/definition", uri, *find(text, "network    = core.private", 14))
    assert loc["uri"] == NETWORK.as_uri()
    net_line, net_col = find(NETWORK.read_text(), "network core", 8)
    assert loc["range"]["start"] == {"line": net_line, "character": net_col}
    refs = lsp.at("textDocument/references", uri, *find(text, "key records_key", 5),
                  context={"includeDeclaration": True})
    assert {r["uri"] for r in refs} == {uri}
    assert len(refs) == 1 + text.count("= records_key")
    assert lsp.at("textDocument/definition", uri, *find(text, "versioning")) is None


def test_document_symbols_and_formatting(lsp: LspClient) -> None:
    text = PORTAL.read_text()
    uri = PORTAL.as_uri()
    messy = text.replace("  versioning = true", "versioning=true    ", 1)
    lsp.open(uri, messy, version=40)
    lsp.diagnostics(uri)
    syms = lsp.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
    assert [s["name"] for s in syms][:4] == ["patient_portal", "env", "records_key", "records"]
    assert syms[3]["detail"] == "bucket" and "versioning" in [c["name"] for c in syms[3]["children"]]
    edits = lsp.request("textDocument/formatting",
                        {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})["result"]
    assert len(edits) == 1 and edits[0]["newText"] == format_source(messy)[0] == format_source(text)[0]
    lsp.change(uri, messy + "bucket {", 41)
    lsp.diagnostics(uri)
    assert lsp.request("textDocument/formatting",
                       {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})["result"] \
        is None


def test_imports_resolve_inside_the_workspace_root_only(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / "lib").mkdir(parents=True)
    (proj / "lib/net.adl").write_text('network shared { cidr = "10.1.0.0/16" }\n')
    (tmp_path / "outside.adl").write_text('network other { cidr = "10.2.0.0/16" }\n')
    app = proj / "app.adl"
    text = ('import "lib/net.adl"\nimport "../outside.adl"\n'
            "database db : postgres {\n  network = shared.private\n}\ndeployment d { region = \"us-east-1\" }\n")
    c = LspClient(cwd=tmp_path)
    try:
        c.initialize(proj)
        c.open(app.as_uri(), text)
        diags = c.diagnostics(app.as_uri())
        assert [(d["code"], d["range"]["start"]["line"]) for d in diags] == [("ADL0111", 1)]
        loc = c.at("textDocument/definition", app.as_uri(), 3, 14)
        assert loc["uri"] == (proj / "lib/net.adl").as_uri()
    finally:
        assert c.close() == 0


def test_malformed_requests_do_not_stop_the_server(lsp: LspClient) -> None:
    lsp.send_raw(b"{not json")
    # pygls cannot answer a request whose params do not parse (it never learns the id's type):
    # it says so with window/showMessage and goes on serving
    lsp.send({"id": 9001, "method": "textDocument/hover", "params": {"nonsense": True}})
    for problem in ("Expecting property name", "Invalid Params"):
        lsp.wait(lambda m, p=problem: m.get("method") == "window/showMessage" and p in m["params"]["message"])
    lsp.send({"id": 9002, "method": "no/such/method", "params": {}})
    assert "error" in lsp.wait(lambda m: m.get("id") == 9002)
    unknown = (ROOT / "never-opened.adl").as_uri()
    r = lsp.request("textDocument/completion", {"textDocument": {"uri": unknown},
                                                "position": {"line": 99, "character": 99}})
    assert r.get("result") is not None or "error" in r
    assert lsp.proc.poll() is None
    text = PORTAL.read_text()
    lsp.open(PORTAL.as_uri(), text, version=50)
    lsp.diagnostics(PORTAL.as_uri())
    assert lsp.at("textDocument/hover", PORTAL.as_uri(), *find(text, "bucket records", 8)) is not None


def test_without_pygls_the_command_says_how_to_install_it() -> None:
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['pygls.lsp'] = None; "
            "sys.modules['pygls.lsp.server'] = None; from autodeploy.cli import main; sys.exit(main(['lsp']))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert "ADL0800" in p.stderr and "autodeploy-adl[lsp]" in p.stderr


def test_policy_findings_follow_as_a_second_pass() -> None:
    text = ('deployment d {\n  region     = "us-east-1"\n  compliance = [hipaa]\n}\n'
            "bucket records {\n  public = true\n  data   = phi\n}\n# to review: ADLP-017\n")
    uri = (ROOT / "examples/unsaved-policy.adl").as_uri()
    c = LspClient()
    try:
        c.initialize(policy=True)
        c.open(uri, text, version=1)
        assert c.diagnostics(uri, version=1) == []  # the compile pass: clean
        findings = c.diagnostics(uri, version=1, timeout=120)  # then the gate
        assert findings and all(d["code"].startswith("ADLP-") and d["source"] == "autodeploy policy"
                                for d in findings), findings
        public = [d for d in findings if d["range"]["start"]["line"] == 5]
        assert public and any("controls: " in d["message"] and "\nfix: " in d["message"] for d in public)
        assert any(d["severity"] == 1 for d in findings)
        on_name = c.at("textDocument/hover", uri, 4, 8)["contents"]["value"]
        assert "policy findings: " in on_name and "`ADLP-017`" in on_name
        on_rule = c.at("textDocument/hover", uri, 8, 16)["contents"]["value"]
        assert on_rule.startswith("**ADLP-017** (critical)") and "controls: hipaa" in on_rule and "fix: " in on_rule
        c.change(uri, text.replace("public = true", "public = false"), 2)
        assert c.diagnostics(uri, version=2) == []
        after = c.diagnostics(uri, version=2, timeout=120)
        assert not [d for d in after if d["range"]["start"]["line"] == 5]
    finally:
        assert c.close() == 0


def test_did_you_mean_becomes_a_quick_fix(lsp: LspClient) -> None:
    uri, diags = opened(lsp, WRONG_REFS)
    r = lsp.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": diags[0]["range"],
                                                "context": {"diagnostics": diags}})
    fixes = {a["title"]: a["edit"]["changes"][uri][0]["newText"] for a in r["result"]}
    assert fixes == {"Change `core.privte` to `core.private`": "core.private",
                     "Change `reports` to `records`": "records"}


def test_rename_edits_the_declaration_and_every_use_across_imports(lsp: LspClient) -> None:
    text = PORTAL.read_text()
    uri = PORTAL.as_uri()
    lsp.open(uri, text, version=60)
    lsp.diagnostics(uri)
    pos = {"textDocument": {"uri": uri}, "position": dict(zip(("line", "character"),
                                                               find(text, "network    = core.private", 14),
                                                               strict=True))}
    r = lsp.request("textDocument/rename", {**pos, "newName": "shared_net"})
    changes = r["result"]["changes"]
    assert set(changes) == {uri, NETWORK.as_uri()}
    assert len(changes[NETWORK.as_uri()]) == 1 and len(changes[uri]) == text.count("core.")
    assert all(e["newText"] == "shared_net" for edits in changes.values() for e in edits)
    for bad in ("records", "two words"):
        r = lsp.request("textDocument/rename", {**pos, "newName": bad})
        assert "error" in r and ("already declared" in r["error"]["message"] or "not a valid" in r["error"]["message"])
