"""`autodeploy optimize app.adl [--write] [--headroom 0.3] [--format text|json] [--no-arm] [--cloud any]`."""

from __future__ import annotations

import argparse
import json
import sys

from autodeploy.cli import UsageError

from ._common import add_compile_args, declares_nothing, parse_sets, read_input, root_of

ORDER = 65


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("optimize", help="find the cheapest configuration that meets the load and the policies")
    add_compile_args(p)
    p.add_argument("--write", action="store_true", help="apply the patch to the file (atomically)")
    p.add_argument("--headroom", type=float, default=0.3,
                   help="capacity headroom over the declared load (default 0.3 = 30%%)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--no-arm", action="store_true", help="keep x86: no Graviton candidates")
    p.add_argument("--history", action="append", default=[], metavar="SERVICE=CSV",
                   help="size SERVICE for the calibrated P90 peak forecast from this metric history (repeatable)")
    p.add_argument("--no-policy", action="store_true", help="skip the policy check (result is unverified)")
    p.add_argument("--cloud", choices=("any",), default=None,
                   help="any: move a portable file to the cloud where it is provably cheaper (docs/gcp.md)")
    p.set_defaults(func=run)


def _money(x: float) -> str:
    return f"${x:,.2f}"


def run(args: argparse.Namespace) -> int:
    from autodeploy.analytics import optimizer
    from autodeploy.analytics.catalog import CatalogError
    from autodeploy.compiler.catalogue import diag
    from autodeploy.compiler.diagnostics import render_text
    from autodeploy.fsutil import rewrite_keeping_newlines

    if declares_nothing(read_input(args.file)):  # a folder or a FIFO is refused here, before the optimizer opens it
        sys.stderr.write(render_text([diag("ADL0992", None, path=args.file)], {}))
        return 1
    if not 0 <= args.headroom <= 10:
        raise UsageError(f"--headroom must be between 0 and 10, got {args.headroom}")
    loads: dict[str, float] = {}
    for item in args.history:
        name, sep, csv_path = item.partition("=")
        if not sep or not name or not csv_path:
            raise UsageError(f"--history expects SERVICE=CSV, got {item!r}")
        read_input(csv_path, adl=False)  # missing, a folder or a FIFO: refused before it is parsed
        try:
            loads[name], how = optimizer.forecast_load(csv_path)
        except ValueError as exc:
            sys.stderr.write(str(exc))
            return 1
        print(f"load for `{name}`: {loads[name]:.3f} rps = {how}", file=sys.stderr)
    try:
        res = optimizer.optimize(args.file, parse_sets(args.sets), headroom=args.headroom,
                                 allow_arm=not args.no_arm, check_policies=not args.no_policy, loads=loads,
                                 root=root_of(args), cloud=args.cloud)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except optimizer.OptimizeInputError as exc:
        sys.stderr.write(exc.result.render())
        sys.stderr.write(render_text([diag("ADL4150", None, file=args.file)], {}))
        return 1
    except optimizer.PatchError as exc:
        sys.stderr.write(render_text([diag("ADL4152", None, reason=str(exc))], {}))
        return 2
    except CatalogError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return 2
    if not res.verified:
        sys.stderr.write(render_text([diag("ADL4151", None, reason=res.policy_note.split(": ", 1)[-1])], {}))
    if args.format == "json":
        sys.stdout.write(json.dumps(res.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render(res))
    if args.write and res.changes:
        rewrite_keeping_newlines(args.file, res.new_text)
        print(f"wrote {args.file}", file=sys.stderr)
    return 0


def render(res: object) -> str:
    from autodeploy.analytics.optimizer import OptimizeResult

    assert isinstance(res, OptimizeResult)
    out = [f"optimize {res.file}"]
    if not res.changes:
        out.append("  no cheaper configuration found that meets the load and the policies")
    for c in res.changes:
        out.append(f"  {c.resource} ({c.kind}): {_money(c.monthly_before)} -> {_money(c.monthly_after)}/month"
                   f"  saves {_money(c.savings)}")
        for a in c.changes:
            out.append(f"      {a.attr}: {a.old} -> {a.new}")
        out.append(f"      why: {c.reason}")
    share = res.savings / res.before_total * 100 if res.before_total else 0.0
    at_least = "≥ " if res.unpriced else ""
    out.append(f"total: {at_least}{_money(res.before_total)} -> {at_least}{_money(res.after_total)}/month  saves "
               f"{_money(res.savings)} ({share:.1f}%)"
               + (f"; {res.unpriced} component(s) unpriced, left out of both totals" if res.unpriced else ""))
    if res.verified:
        out.append(f"{res.policy_note} ({res.findings_before} findings before, {res.findings_after} after)")
    else:
        out.append(f"{res.policy_note} -- result UNVERIFIED against the compliance policies")
    for n in res.notes:
        out.append(f"note: {n}")
    if res.diff:
        out.append("")
        out.append("patch (apply with --write):")
        out.append(res.diff.rstrip("\n"))
    if res.controls:
        out.append("")
        out.append("what each compliance control costs (monthly, at declared usage; turning it off would save):")
        for cc in sorted(res.controls, key=lambda c: (-c.monthly, c.control, c.resource)):
            who = ", ".join(cc.frameworks) if cc.frameworks else "no selected framework flags it"
            at_least = "at least " if cc.unpriced else ""
            line = f"  {who} -- {cc.control} `{cc.resource}`: +{at_least}{_money(cc.monthly)}/month"
            if cc.unpriced:
                line += f" (+{len(cc.unpriced)} unpriced component(s))"
            if cc.rules:
                line += f"  [{', '.join(cc.rules)}: {'; '.join(cc.controls)}]"
            out.append(line)
        if not res.verified:
            out.append("  (framework attribution needs the policy engine; it was skipped)")
    return "\n".join(out) + "\n"
