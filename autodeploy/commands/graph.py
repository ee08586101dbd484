"""`autodeploy graph app.adl [--format dot|mermaid|json|text] [--impact NAME]`."""

from __future__ import annotations

import argparse
import sys

from autodeploy.cli import UsageError
from autodeploy.compiler.catalogue import suggest

from ._common import add_compile_args, compile_args

ORDER = 30


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("graph", help="show the dependency graph, deploy waves or a blast radius")
    add_compile_args(p)
    p.add_argument("--format", choices=("text", "dot", "mermaid", "json"), default="text")
    p.add_argument("--impact", metavar="NAME", help="list everything that depends on NAME")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = compile_args(args)
    if result.graph is None or result.ir is None or not result.ok:
        return 1
    g = result.graph
    if args.impact:
        if args.impact not in g.g:
            raise UsageError(f"`{args.impact}` is not a resource; {suggest(args.impact, g.g.nodes, 'name')}")
        impacted = g.impact(args.impact)
        if args.format == "json":
            import json

            sys.stdout.write(json.dumps({"resource": args.impact, "impacted": impacted}, indent=2) + "\n")
        else:
            print(f"{args.impact}: {len(impacted)} dependent resource(s)")
            for n in impacted:
                print(f"  {n} ({g.g.nodes[n]['kind']})")
        return 0
    if args.format == "dot":
        sys.stdout.write(g.to_dot())
    elif args.format == "mermaid":
        sys.stdout.write(g.to_mermaid())
    elif args.format == "json":
        sys.stdout.write(g.dumps())
    else:
        for i, wave in enumerate(g.waves(), 1):
            print(f"wave {i}: " + ", ".join(f"{n} ({g.g.nodes[n]['kind']})" for n in wave))
    return 0
