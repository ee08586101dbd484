"""Regressions of the bugs the wild corpus found (tests/adl_wild, tests/test_adl_wild.py)."""

from __future__ import annotations

import pytest

from autodeploy.backends.deploy.kind_messaging import q_expected
from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler import compile_source


@pytest.mark.parametrize("attr,word", [
    ("function f { runtime = %s }", "python3.12"),
    ("function f { runtime = %s }", "ruby3.3"),
    ("function f { runtime = %s }", "provided.al2023"),
    ("bucket b {}\ncdn c { origin = b  min_tls = %s }", "TLSv1.2_2019"),
    ("bucket a {}\nbucket b {}\netl_job e { source = a  target = b  worker_type = %s }", "G.025X"),
])
def test_an_enum_value_with_a_dot_is_written_as_docs_kinds_lists_it(attr: str, word: str) -> None:
    """docs/kinds.md lists `python3.12`, `G.025X`, `TLSv1.2_2019` as values: unquoted they were a syntax
    error ("unexpected number `12`, expected a name"); now they mean what the quoted string means."""
    bare = compile_source("deployment d { cloud = aws }\n" + attr % word)
    quoted = compile_source("deployment d { cloud = aws }\n" + attr % f'"{word}"')
    assert bare.ok, bare.render()
    assert bare.ir is not None and quoted.ir is not None
    assert [r.attrs for r in bare.ir.resources] == [r.attrs for r in quoted.ir.resources]


def test_a_dotted_word_is_still_checked_and_member_references_still_work() -> None:
    bad = compile_source("deployment d { cloud = aws }\nfunction f { runtime = python3.9 }")
    assert [d.code for d in bad.diagnostics if d.is_error] == ["ADL1011"]
    ok = compile_source("deployment d { cloud = aws }\nnetwork core {}\n"
                        "database db : postgres { network = core.private }")
    assert ok.ok and ok.ir is not None
    assert [(r.target, r.member) for r in ok.ir.by_name["db"].refs] == [("core", "private")]


def test_a_minimum_in_a_smaller_unit_than_the_ir_is_met_exactly() -> None:
    """`retention = 60 s` is SQS's minimum; it was refused: "must be at least 0.000694 days, got
    0.000694 days" (the bound kept all its decimals, the value was rounded to the IR's 6)."""
    ok = compile_source("deployment d { cloud = aws }\nqueue q { retention = 60 s }")
    assert ok.ok, ok.render()
    assert ok.ir is not None and q_expected(ok.ir.by_name["q"])["retention"] == 60  # was int(59.96) = 59
    tf = "".join(emit_for("terraform", ok.ir, ok.graph).files.values())  # type: ignore[arg-type]
    assert "message_retention_seconds         = 60\n" in tf
    low = compile_source("deployment d { cloud = aws }\nqueue q { retention = 59 s }")
    assert [d.code for d in low.diagnostics if d.is_error] == ["ADL1016"]


def test_a_standard_queue_name_may_use_all_80_characters() -> None:
    name = "q" * 80
    std = compile_source(f'deployment d {{ cloud = aws }}\nqueue q {{ name = "{name}" }}')
    assert std.ok, std.render()
    too_long = compile_source(f'deployment d {{ cloud = aws }}\nqueue q {{ name = "{name}x" }}')
    assert [d.code for d in too_long.diagnostics if d.is_error] == ["ADL1083"]
    # a FIFO queue gets `.fifo` added: 75 characters before it
    fifo = compile_source(f'deployment d {{ cloud = aws }}\nqueue q {{ fifo = true  name = "{"q" * 76}" }}')
    assert [d.code for d in fifo.diagnostics if d.is_error] == ["ADL1083"]
    assert fifo.diagnostics[0].span is not None and fifo.diagnostics[0].span.line == 2
    assert compile_source(f'deployment d {{ cloud = aws }}\nqueue q {{ fifo = true  name = "{"q" * 75}" }}').ok


def test_no_deployment_block_says_which_file() -> None:
    res = compile_source("bucket b {}\n", "app.adl")
    [d] = [d for d in res.diagnostics if d.code == "ADL1019"]
    assert d.span is not None and (d.span.file, d.span.line, d.span.col) == ("app.adl", 1, 1)


def test_gcp_shared_buckets_do_not_claim_to_be_a_resource() -> None:
    """The deployment's log and sources buckets were labelled `autodeploy_resource = "logs"/"sources"`:
    a user's own `bucket logs` would then share its resource label with them."""
    res = compile_source('deployment d { cloud = gcp }\nbucket logs {}\nfunction f {}\n')
    assert res.ok and res.ir is not None and res.graph is not None
    tf = "".join(emit_for("terraform", res.ir, res.graph).files.values())
    assert tf.count('autodeploy_resource = "logs"') == 1
    assert 'autodeploy_resource = "sources"' not in tf
    assert 'autodeploy_shared = "logs"' in tf and 'autodeploy_shared = "sources"' in tf


def test_a_cache_is_sized_by_memory_alone() -> None:
    """docs/gcp.md: caches are sized "by memory only"; `size = { memory: 13 GB }` asked for a `vcpu`."""
    for cloud in ("aws", "azure", "gcp"):
        res = compile_source(f"deployment d {{ cloud = {cloud} }}\nnetwork n {{}}\n"
                             "cache c : redis { size = { memory: 13 GB }  network = n.private }")
        assert res.ok, res.render()
        assert res.ir is not None and res.ir.by_name["c"].attrs["size"]["memory"] == 13
    for kind in ("vm v", "database v : postgres"):
        res = compile_source("deployment d { cloud = aws }\nnetwork n {}\n"
                             f"{kind} {{ size = {{ memory: 8 GB }}  network = n.private }}")
        assert [(d.code, "vcpu" in d.message) for d in res.diagnostics if d.is_error] == [("ADL1006", True)]


def test_a_resource_name_longer_than_32_characters_is_refused() -> None:
    """A 93-character queue name compiled clean, emitted an SQS name of 120 characters and failed at
    deploy (InvalidParameterValue); IAM roles `<prefix>-<name>-monitoring` must stay within 64."""
    res = compile_source("deployment d { cloud = aws }\nqueue " + "q" * 33 + " {}\n", "long.adl")
    [d] = [d for d in res.diagnostics if d.is_error]
    assert d.code == "ADL0980" and d.span is not None and (d.span.line, d.span.col) == (2, 7)


def test_names_at_the_limit_fit_every_derived_cloud_name() -> None:
    import re

    import hcl2

    from autodeploy.compiler import compile_file

    res = compile_file("tests/adl_wild/hostile/names_at_the_limit.adl")
    assert res.ok and res.ir is not None and res.graph is not None, res.render()
    text = "".join(emit_for("terraform", res.ir, res.graph).files.values())
    doc = hcl2.loads(text)
    prefix = next(v["name_prefix"]["default"] for v in doc["variable"] if "name_prefix" in v)
    assert len(prefix) == 20
    limits = {("aws_iam_role", "name"): 64, ("aws_lambda_function", "function_name"): 64,
              ("aws_sqs_queue", "name"): 80, ("aws_cloudwatch_event_rule", "name"): 64,
              ("aws_iam_instance_profile", "name"): 128, ("aws_db_instance", "identifier"): 63}
    seen = set()
    for block in doc["resource"]:
        for rtype, bodies in block.items():
            for body in bodies.values():
                for (t, attr), limit in limits.items():
                    if t == rtype and isinstance(body.get(attr), str):
                        name = re.sub(r"\$\{var\.name_prefix\}", prefix, body[attr])
                        assert "${" not in name and len(name) <= limit, (rtype, name, len(name))
                        seen.add(rtype)
    assert {"aws_iam_role", "aws_lambda_function", "aws_sqs_queue"} <= seen
