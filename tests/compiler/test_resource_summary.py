"""The one-line resource summary `compile` and `build` print."""

from __future__ import annotations

import pytest

from autodeploy import compile_source


@pytest.mark.parametrize("body,summary", [
    ("queue q { }\n", "1 resource (1 queue)"),
    ("queue q { }\nqueue r { }\ntopic t { }\n", "3 resources (2 queue, 1 topic)"),
    ("", "no resources"),
])
def test_the_resource_summary_counts_in_english(body: str, summary: str) -> None:
    # compile and build print this line; "1 resources" and "0 resources ()" read as bugs
    result = compile_source("deployment d { cloud = aws }\n" + body, "t.adl")
    assert result.ir is not None and result.ir.resource_summary() == summary
