"""`autodeploy webhook add|list|remove|log`: register URLs for gate events; `check`/`build
--notify` deliver them (docs/webhooks.md). Registrations live in the history database."""

from __future__ import annotations

import argparse
import json
import sys

from autodeploy.compiler.diagnostics import Diagnostic, render_text
from autodeploy.fsutil import UnreadableFile, read_text

ORDER = 85


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from autodeploy.webhooks import EVENTS

    p = sub.add_parser("webhook", help="register webhook URLs for gate events (check/build --notify)")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    a = verbs.add_parser("add", help="register a URL for one or more events")
    a.add_argument("url")
    a.add_argument("--event", dest="events", action="append", default=[], metavar="EVENT",
                   help=f"repeatable: {', '.join(EVENTS)}")
    a.add_argument("--secret-file", metavar="FILE",
                   help="the HMAC-SHA256 secret (16+ characters; default: one is generated and shown once)")
    a.set_defaults(func=run_add)
    ls = verbs.add_parser("list", help="registered webhooks (never their secrets)")
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.set_defaults(func=run_list)
    rm = verbs.add_parser("remove", help="unregister a webhook by id")
    rm.add_argument("id")
    rm.set_defaults(func=run_remove)
    lg = verbs.add_parser("log", help="the latest delivery attempts")
    lg.add_argument("--limit", type=int, default=20, help="deliveries to show (default: 20)")
    lg.add_argument("--format", choices=("table", "json"), default="table")
    lg.set_defaults(func=run_log)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _fail(d: Diagnostic) -> int:
    sys.stderr.write(render_text([d], {}))
    return 2


def run_add(args: argparse.Namespace) -> int:
    from autodeploy.analytics.store import HistoryError
    from autodeploy.webhooks import store

    try:
        secret = None
        if args.secret_file:
            try:
                secret = store.check_secret(read_text(args.secret_file), args.secret_file)
            except UnreadableFile as exc:
                from autodeploy.compiler.catalogue import diag

                return _fail(diag("ADL0953", None, where=args.secret_file, problem=exc.reason))
        hook = store.add(args.url, args.events, secret)
    except (store.WebhookError, HistoryError) as exc:
        return _fail(exc.diagnostic)
    print(f"added {hook.id}: {hook.url} for {', '.join(hook.events)}")
    if secret is None:
        print(f"secret (shown once; verify X-AutoDeploy-Signature with it): {hook.secret}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from autodeploy.analytics.store import HistoryError
    from autodeploy.webhooks import store

    try:
        hooks = store.hooks()
    except HistoryError as exc:
        return _fail(exc.diagnostic)
    if args.format == "json":
        print(json.dumps([h.to_json() for h in hooks], indent=2, sort_keys=True))
        return 0
    if not hooks:
        print("no webhooks registered (`autodeploy webhook add URL --event run.finished`)")
    for h in hooks:
        print(f"{h.id}  {h.url}  {','.join(h.events)}  (added {h.created[:19]})")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from autodeploy.analytics.store import HistoryError
    from autodeploy.webhooks import store

    try:
        store.remove(args.id)
    except (store.WebhookError, HistoryError) as exc:
        return _fail(exc.diagnostic)
    print(f"removed {args.id}")
    return 0


def run_log(args: argparse.Namespace) -> int:
    from autodeploy.analytics.store import HistoryError
    from autodeploy.cli import UsageError
    from autodeploy.webhooks import store

    if not 1 <= args.limit <= 10_000:
        raise UsageError("--limit must be between 1 and 10000")
    try:
        rows = store.attempts(limit=args.limit)
    except HistoryError as exc:
        return _fail(exc.diagnostic)
    if args.format == "json":
        print(json.dumps([a.to_json() for a in rows], indent=2, sort_keys=True))
        return 0
    for a in rows:
        answer = f"HTTP {a.status}" if a.status is not None else (a.error or "")
        print(f"{a.ts}  {a.delivery_id} #{a.attempt}  {a.webhook_id}  {a.event}  {answer}  {a.outcome}")
    return 0
