"""Strings a cloud refuses do not compile clean (compiler/cloud_strings.py, ADL0970-ADL0975)."""

from __future__ import annotations

import pytest

from autodeploy import compile_source
from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler.cloud_strings import default_handler, handler_problem, image_problem, tag_problems
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.kinds import kind
from autodeploy.compiler.schema import TEnum

REGION = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}
DIGEST = "sha256:" + "a" * 64


def _compile(body: str, cloud: str = "aws", dep: str = "", params: dict[str, str] | None = None):  # noqa: ANN202
    src = f'deployment app {{ cloud = {cloud} region = "{REGION[cloud]}" {dep} }}\nnetwork net {{}}\n{body}\n'
    return compile_source(src, "t.adl", params=params)


def _errors(body: str, cloud: str = "aws", dep: str = "", params: dict[str, str] | None = None) -> list[Diagnostic]:
    return list(_compile(body, cloud, dep, params).errors)


def _codes(body: str, cloud: str = "aws", dep: str = "") -> list[str]:
    return [d.code for d in _errors(body, cloud, dep)]


# ---- image references (OCI distribution grammar) -------------------------------------------------------

@pytest.mark.parametrize("ref", [
    "nginx", "nginx:1.27", "library/nginx:latest", "ghcr.io/acme/api:1.0", "localhost:5000/team/app:v2",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag", "mcr.microsoft.com/azuredocs/aci-helloworld",
    "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311", f"repo/app@{DIGEST}",
    f"ghcr.io/acme/api:1.0@{DIGEST}", "a__b/c-d--e.f_g:T_ag.1-x", "[::1]:5000/app", "Registry.Example.com/app",
    "a:" + "t" * 128,
])
def test_valid_image_references(ref: str) -> None:
    assert image_problem(ref) is None


@pytest.mark.parametrize(("ref", "why"), [
    ("Acme/api:1.0", "lowercase"), ("ghcr.io/Acme/api", "lowercase"), ("a//b", "reference is"),
    ("a:b:c", "reference is"), (" nginx", "spaces"), ("nginx ", "spaces"), ("nginx:", "reference is"),
    ("repo@sha256:abc", "reference is"), ("a:" + "t" * 129, "reference is"), ("-a/b", "reference is"),
    ("a/b_", "reference is"), ("a/" + "b" * 254, "at most 255"), ("", "reference is"),
    ("ghcr.io/acme/api:1\"\n privileged = true", "reference is"), ("x" * 100_000, "at most"),
])
def test_invalid_image_references(ref: str, why: str) -> None:
    problem = image_problem(ref)
    assert problem is not None and why in problem


def test_an_invalid_image_is_coded_at_the_value() -> None:
    errs = _errors('service s { image = "Acme/API:1"  network = net }')
    assert [d.code for d in errs] == ["ADL0975"]
    assert (errs[0].span.line, errs[0].span.col) == (3, 21)  # the string literal
    assert "lowercase" in errs[0].message


def test_model_endpoint_images_are_checked_too() -> None:
    assert _codes('model_endpoint m { image = "no spaces allowed" }') == ["ADL0975"]


def test_a_vm_image_is_an_os_image_not_a_container_reference() -> None:
    assert _codes('vm v { instance = "t3.micro"  image = "al2023"  network = net }') == []


# ---- handlers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("runtime", "handler"), [
    ("python3.12", "main.handler"), ("python3.12", "src/app.lambda_handler"), ("python3.12", "pkg.mod.fn"),
    ("nodejs22.x", "index.handler"), ("nodejs20.x", "dist/index.api.handler"), ("ruby3.3", "function.handler"),
    ("java21", "com.example.Handler::handleRequest"), ("java17", "example.Handler"),
    ("dotnet8", "App::App.Function::FunctionHandler"), ("provided.al2023", "bootstrap"),
    # .NET's executable-assembly model: the handler is the assembly's name (AWS "Define Lambda function
    # handler in C#", section Executable assembly handlers)
    ("dotnet8", "OrderApi"), ("dotnet8", "Acme.Orders-Api"),
])
def test_valid_handlers(runtime: str, handler: str) -> None:
    assert handler_problem(runtime, handler) is None


@pytest.mark.parametrize(("runtime", "handler"), [
    ("python3.12", "main"), ("python3.12", "main."), ("python3.12", ".handler"), ("python3.12", "main handler"),
    ("python3.12", "/abs/main.handler"), ("python3.12", "../up/main.handler"), ("python3.12", "a/../main.handler"),
    ("nodejs22.x", "index.js"[:5]), ("java21", "com.example.Handler::"), ("java21", "Handler::a::b"),
    ("dotnet8", "App::Handler"), ("dotnet8", "src/app.handler"), ("provided.al2023", "boot strap"),
    ("python3.12", "m." + "f" * 127),
])
def test_invalid_handlers(runtime: str, handler: str) -> None:
    assert handler_problem(runtime, handler) is not None


def test_a_handler_without_a_function_is_coded_at_the_value() -> None:
    errs = _errors('function f { handler = "main" }')
    assert [d.code for d in errs] == ["ADL0974"]
    assert (errs[0].span.line, errs[0].span.col) == (3, 24)
    assert "file.function" in errs[0].message


def test_the_handler_form_follows_the_runtime() -> None:
    assert _codes('function f { runtime = java21  handler = "src/main.handler" }') == ["ADL0974"]
    assert _codes('function f { runtime = java21  handler = "com.acme.Fn::handle" }') == []
    assert _codes('function f { runtime = python3.12  handler = "com.acme.Fn::handle" }') == ["ADL0974"]


def _function_ir(body: str, cloud: str = "aws") -> dict:  # type: ignore[type-arg]
    res = _compile(body, cloud)
    assert res.ok and res.ir is not None, res.render()
    return dict(next(r for r in res.ir.resources if r.kind == "function").attrs)


def test_every_runtime_gets_a_default_handler_of_its_own_form() -> None:
    """The default handler follows the runtime: `main.handler` is a file.function for the interpreted
    runtimes, not a Java `package.Class::method` nor a .NET `Assembly::Namespace.Class::Method`."""
    spec = kind("function")
    assert spec is not None and (runtime := spec.attr("runtime")) is not None
    assert isinstance(runtime.type, TEnum)
    options = runtime.type.values
    assert any(o.startswith("java") for o in options) and any(o.startswith("dotnet") for o in options)
    for rt in options:
        attrs = _function_ir(f"function f {{ runtime = {rt} }}")
        assert attrs["handler"] == default_handler(rt), rt
        assert handler_problem(rt, attrs["handler"]) is None, (rt, attrs["handler"])
    assert _function_ir("function f { runtime = java21 }")["handler"] == "example.Handler::handleRequest"
    assert _function_ir("function f { runtime = dotnet8 }")["handler"] == "App::App.Function::FunctionHandler"
    assert _function_ir("function f { runtime = python3.12 }")["handler"] == "main.handler"


def test_a_stated_handler_wins_over_the_runtime_default() -> None:
    assert _function_ir('function f { runtime = java21 handler = "com.acme.Fn::handle" }')["handler"] == \
        "com.acme.Fn::handle"


def test_the_java_default_handler_reaches_main_tf() -> None:
    res = _compile("function f { runtime = java17 }")
    assert res.ir is not None and res.graph is not None
    main = emit_for("terraform", res.ir, res.graph).files["main.tf"]
    assert 'handler = "example.Handler::handleRequest"' in " ".join(main.split()), main


@pytest.mark.parametrize(("runtime", "handler", "entry"), [
    ("java21", "", "example.Handler"), ("java21", "com.acme.Fn::handle", "com.acme.Fn"),
    ("java17", "com.acme.Fn", "com.acme.Fn"), ("dotnet8", "", "App.Function"),
    ("dotnet8", "Orders::Acme.Orders.Fn::Run", "Acme.Orders.Fn"), ("python3.12", "src/app.run", "run"),
    ("nodejs22.x", "", "handler"),
])
def test_the_gcp_entry_point_is_the_runtime_form(runtime: str, handler: str, entry: str) -> None:
    """Cloud Functions names a Java entry point by its fully qualified class and a .NET one by its
    Namespace.Class (gcloud functions deploy --entry-point), a Python or Node.js one by its function."""
    stated = f' handler = "{handler}"' if handler else ""
    res = _compile(f"function f {{ runtime = {runtime}{stated} }}", "gcp")
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    main = " ".join(emit_for("terraform", res.ir, res.graph).files["main.tf"].split())
    assert f'entry_point = "{entry}"' in main, main


# ---- tags ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cloud", "key", "value", "part"), [
    ("aws", "k" * 129, "v", "key"), ("aws", "k", "v" * 257, "value"), ("aws", "aws:team", "v", "key"),
    ("aws", "AWS:team", "v", "key"), ("aws", "team", "Aws:x", "value"), ("aws", "", "v", "key"),
    ("aws", "k", "a\nb", "value"), ("azure", "k" * 513, "v", "key"), ("azure", "k", "v" * 257, "value"),
    ("azure", "cost%", "v", "key"), ("azure", "a/b", "v", "key"), ("azure", "a\\b", "v", "key"),
    ("azure", "<x>", "v", "key"), ("azure", "a&b", "v", "key"), ("azure", "a?", "v", "key"),
    ("gcp", "k" * 64, "v", "key"), ("gcp", "k", "v" * 64, "value"),
])
def test_tags_each_cloud_refuses(cloud: str, key: str, value: str, part: str) -> None:
    assert [p for p, _ in tag_problems(cloud, key, value)] == [part]


@pytest.mark.parametrize(("cloud", "key", "value"), [
    ("aws", "k" * 128, "v" * 256), ("aws", "autodeploy:x", "a b/c=d+e-f@g.h_i:j"), ("aws", "team", ""),
    ("azure", "k" * 512, "v" * 256), ("azure", "aws:fine-on-azure", "a/b%c"), ("gcp", "k" * 63, "v" * 63),
    ("gcp", "Cost Center", "R&D"),
])
def test_tags_each_cloud_accepts(cloud: str, key: str, value: str) -> None:
    assert list(tag_problems(cloud, key, value)) == []


def test_a_refused_tag_is_coded_at_its_key_or_value() -> None:
    errs = _errors('bucket b { tags = { "aws:owner": "x", team: "' + "v" * 300 + '" } }')
    assert [d.code for d in errs] == ["ADL0971", "ADL0971"]
    assert [(d.span.line, d.span.col) for d in errs] == [(3, 21), (3, 45)]
    assert "reserved" in errs[0].message and "300" in errs[1].message


def test_deployment_tags_are_checked_for_the_target_cloud() -> None:
    dep = 'tags = { "a/b": "x" }'
    assert _codes("", "aws", dep) == []
    assert _codes("", "azure", dep) == ["ADL0971"]


def test_the_owner_becomes_a_tag_and_is_checked_like_one() -> None:
    errs = _errors("", "aws", 'owner = "' + "o" * 257 + '"')
    assert [d.code for d in errs] == ["ADL0971"] and errs[0].span is not None
    assert (errs[0].span.line, errs[0].span.col) == (1, 59)  # the owner's string
    assert _codes("", "aws", 'owner = "aws:me"') == ["ADL0971"]
    assert _codes("", "azure", 'owner = "aws:me"') == []


def test_the_tag_count_holds_the_deployment_the_resource_and_the_reserved_tags() -> None:
    # 40 deployment tags + 4 of the bucket's + owner, environment, data_classification, autodeploy:deployment,
    # autodeploy:resource and Name = 50 on AWS: at the limit; one more tag is over it
    dep = "owner = \"me\" tags = { " + ", ".join(f"d{i}: \"x\"" for i in range(40)) + " }"
    four = ", ".join(f"r{i}: \"x\"" for i in range(4))
    assert _codes(f"bucket b {{ data = pii  tags = {{ {four} }} }}", "aws", dep) == []
    errs = _errors(f"bucket b {{ data = pii  tags = {{ {four}, r9: \"x\" }} }}", "aws", dep)
    assert [d.code for d in errs] == ["ADL0972"] and "51 tags" in errs[0].message
    # Azure writes no Name tag; GCP allows 64 labels
    assert _codes(f"bucket b {{ data = pii  tags = {{ {four}, r9: \"x\" }} }}", "azure", dep) == []
    assert _codes(f"bucket b {{ data = pii  tags = {{ {four}, r9: \"x\" }} }}", "gcp", dep) == []


def test_tags_folding_into_one_gcp_label_are_refused() -> None:
    body = 'bucket b { tags = { "Cost Center": "a", cost_center: "b" } }'
    errs = _errors(body, "gcp")
    assert [d.code for d in errs] == ["ADL0973"] and "cost_center" in errs[0].message
    assert _codes(body, "aws") == []


# ---- control characters -------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_in_any_string(char: str) -> None:
    for body in (f'function f {{ handler = "main.handler" code = "src{char}x" }}',
                 f'service s {{ image = "nginx" network = net env = {{ K: "a{char}b" }} }}',
                 f'service s {{ image = "nginx" network = net env = {{ "K{char}": "ab" }} }}',
                 f'bucket b {{ tags = {{ k: "a{char}b" }} }}'):
        codes = _codes(body)
        assert "ADL0970" in codes, (repr(char), body, codes)


def test_a_nul_is_coded_with_its_position() -> None:
    errs = _errors('bucket b { tags = { k: "ab\x00c" } }')
    assert [d.code for d in errs] == ["ADL0970"]
    assert "U+0000" in errs[0].message and "character 3" in errs[0].message
    assert (errs[0].span.line, errs[0].span.col) == (3, 24)


def test_a_control_character_from_a_set_parameter_is_refused() -> None:
    src = 'param who: string = "me"\ndeployment app { cloud = aws  owner = "${who}" }\n'
    assert compile_source(src, "t.adl").ok
    res = compile_source(src, "t.adl", params={"who": "me\x07"})
    assert res.errors[0].code == "ADL0970" and res.errors[0].span is not None and res.errors[0].span.line == 1


def test_tabs_and_newlines_stay_allowed_in_free_text() -> None:
    body = 'service s { image = "nginx" network = net env = { PEM: "line1\\nline2\\tend" } }'
    assert _codes(body) == []


# ---- what compiles clean emits ---------------------------------------------------------------------------

@pytest.mark.parametrize("cloud", ["aws", "azure", "gcp"])
def test_values_at_the_limits_compile_and_emit(cloud: str) -> None:
    limit_key = {"aws": 128, "azure": 512, "gcp": 63}[cloud]
    limit_value = {"aws": 256, "azure": 256, "gcp": 63}[cloud]
    body = (f'bucket b {{ tags = {{ "{"k" * limit_key}": "{"v" * limit_value}" }} }}\n'
            f'service s {{ image = "ghcr.io/acme/api:1.0@{DIGEST}" network = net }}\n'
            'function f { handler = "src/app.handler" }')
    res = _compile(body, cloud)
    assert res.ok, res.render()
    assert res.ir is not None and res.graph is not None
    out = emit_for("arm" if cloud == "azure" else "terraform", res.ir, res.graph)
    assert not [d for d in out.diagnostics if d.is_error]
