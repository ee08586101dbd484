"""Language-server latency on a generated 1,000-resource file, measured as an editor sees it:
over stdio, from the request (or the change) to the answer (or the republished diagnostics).

    .venv/bin/python bench/lsp.py [N]
Targets (issue 24): completion and hover <= 50 ms after the first compile; diagnostics
republished <= 300 ms after a change, the policy pass within 1 s after that. Times are medians over a few runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, str(ROOT))

from gen_adl import generate  # noqa: E402

from tests.lsp.client import LspClient  # noqa: E402

RUNS = 7


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.1f} ms (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f})"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    text = generate(n)
    lines = text.split("\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.adl"
        path.write_text(text)
        uri = path.as_uri()
        c = LspClient(cwd=Path(tmp))
        try:
            c.initialize(Path(tmp))
            t0 = time.perf_counter()
            c.open(uri, text)
            diags = c.diagnostics(uri, timeout=300)
            first = time.perf_counter() - t0
            # a value position (`encryption = |`) and an attribute-name position, half-way down
            mid = len(lines) // 2
            enc = next(i for i in range(mid, len(lines)) if lines[i].startswith("  encryption = "))
            value_pos = (enc, len("  encryption = "))
            name_pos = (enc, 2)
            bucket = next(i for i in range(mid, len(lines)) if lines[i].startswith("bucket "))
            hover_pos = (bucket, len("bucket "))

            def timed(method: str, pos: tuple[int, int]) -> list[float]:
                out = []
                for _ in range(RUNS):
                    t = time.perf_counter()
                    c.at(method, uri, *pos)
                    out.append(time.perf_counter() - t)
                return out

            t = time.perf_counter()
            c.at("textDocument/hover", uri, *hover_pos)
            first_cost_hover = time.perf_counter() - t
            completion_value = timed("textDocument/completion", value_pos)
            completion_name = timed("textDocument/completion", name_pos)
            hover_attr = timed("textDocument/hover", name_pos)
            hover_name = timed("textDocument/hover", hover_pos)
            republish = []
            for v in range(RUNS):
                broken = text.replace("rotation = true", "rotation = tru", 1) if v % 2 == 0 else text
                t = time.perf_counter()
                c.change(uri, broken, v + 2)
                got = c.diagnostics(uri, timeout=300)
                republish.append(time.perf_counter() - t)
                assert bool(got) == (v % 2 == 0), got
        finally:
            c.close()
        # the policy pass: from didOpen to the second publication (compile, then the gate)
        c = LspClient(cwd=Path(tmp))
        try:
            c.initialize(Path(tmp), policy=True)
            t0 = time.perf_counter()
            c.open(uri, text, version=1)
            c.diagnostics(uri, timeout=300, version=1)
            compiled = time.perf_counter() - t0
            findings = c.diagnostics(uri, timeout=600, version=1)
            policy = time.perf_counter() - t0 - compiled
        finally:
            c.close()
    print(f"lsp bench: {n} resources, {len(lines)} lines, {len(diags)} diagnostics on open")
    print(f"  first compile (didOpen -> publishDiagnostics): {first * 1000:.1f} ms")
    print(f"  first hover on a resource (computes the cost estimate): {first_cost_hover * 1000:.1f} ms")
    print(f"  completion, value of `encryption`:  {ms(completion_value)}")
    print(f"  completion, attribute names:        {ms(completion_name)}")
    print(f"  hover, attribute:                   {ms(hover_attr)}")
    print(f"  hover, resource name (with cost):   {ms(hover_name)}")
    print(f"  republish after a change:           {ms(republish)}")
    print(f"  policy pass after the compile pass: {policy * 1000:7.1f} ms ({len(findings)} findings)")


if __name__ == "__main__":
    main()
