"""`autodeploy serve`: the REST API and dashboard (docs/service.md); `autodeploy serve token
create --role R` prints a new bearer token once (list, revoke manage them)."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from autodeploy.cli import allow_empty
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import render_text

ORDER = 95


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="run the REST API and dashboard (needs the `service` extra)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; any other "
                   "requires tokens)")
    p.add_argument("--port", type=int, default=8700, help="port (default: 8700)")
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--queue", type=int, default=8, help="requests that may wait for a worker before 429 (default 8)")
    p.add_argument("--max-body", type=int, default=1 << 20, metavar="BYTES", help="request size limit (1 MiB)")
    p.add_argument("--deadline", type=float, default=60.0, metavar="SECONDS", help="per-request deadline (60)")
    p.add_argument("--bundle", metavar="FILE", help="publish this policy bundle (`autodeploy policy bundle`) at "
                   "/v1/bundles/autodeploy.tar.gz for OPA servers to poll (viewer token; ETag = revision)")
    _store_args(p)
    p.set_defaults(func=run)
    inherit = argparse.SUPPRESS  # `serve --tokens F token list`: a subcommand's unset option keeps the parent's
    tsub = p.add_subparsers(dest="serve_command", metavar="token")
    t = tsub.add_parser("token", help="create, list or revoke bearer tokens")
    tt = t.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    c = tt.add_parser("create", help="create a token and print it (once)")
    c.add_argument("--role", required=True, choices=("viewer", "author", "admin"))
    allow_empty(c.add_argument("--label", default="", help="who or what the token is for"))
    _store_args(c, inherit)
    c.set_defaults(func=token_create)
    ls = tt.add_parser("list", help="token ids, roles and labels (never the tokens)")
    _store_args(ls, inherit)
    ls.set_defaults(func=token_list)
    rv = tt.add_parser("revoke", help="revoke a token by its id")
    rv.add_argument("token_id")
    _store_args(rv, inherit)
    rv.set_defaults(func=token_revoke)


def _store_args(p: argparse.ArgumentParser, default: object = None) -> None:
    p.add_argument("--tokens", metavar="FILE", default=default, help="hashed token file (default: $AUTODEPLOY_TOKENS, "
                   "else .autodeploy/tokens.json)")
    p.add_argument("--history", metavar="FILE", default=default, help="history database (default: $AUTODEPLOY_HISTORY, "
                   "else .autodeploy/history.duckdb)")


def _paths(args: argparse.Namespace) -> tuple[str, str]:
    from autodeploy.service.config import default_paths

    history, tokens = default_paths()
    return args.history or history, args.tokens or tokens


def _fail(d: object) -> int:
    sys.stderr.write(render_text([d], {}))  # type: ignore[list-item]
    return 2


def token_create(args: argparse.Namespace) -> int:
    from autodeploy.service.tokens import TokenError, create

    try:
        token, entry = create(_paths(args)[1], args.role, args.label)
    except TokenError as exc:
        return _fail(exc.diagnostic)
    print(token)
    print(f"created {entry.token_id} ({entry.role}); the token is shown only now: store it as a secret",
          file=sys.stderr)
    return 0


def token_list(args: argparse.Namespace) -> int:
    from autodeploy.service.tokens import TokenError, load

    try:
        entries = load(_paths(args)[1])
    except TokenError as exc:
        return _fail(exc.diagnostic)
    for e in entries:
        print(f"{e.token_id}  {e.role:<6}  {e.created}  {e.label}")
    return 0


def token_revoke(args: argparse.Namespace) -> int:
    from autodeploy.service.tokens import TokenError, revoke

    try:
        found = revoke(_paths(args)[1], args.token_id)
    except TokenError as exc:
        return _fail(exc.diagnostic)
    if not found:
        return _fail(diag("ADL0909", None, what="token", name=args.token_id))
    print(f"revoked {args.token_id}")
    return 0


def run(args: argparse.Namespace) -> int:
    missing = [m for m in ("fastapi", "uvicorn") if importlib.util.find_spec(m) is None]
    if missing:
        return _fail(diag("ADL0900", None, missing=missing[0]))
    for option, value, low, high in (("--port", args.port, 1, 65535), ("--workers", args.workers, 0, 256),
                                     ("--queue", args.queue, 0, 10_000),
                                     ("--max-body", args.max_body, 1024, 1 << 30)):
        if not low <= value <= high:
            return _fail(diag("ADL0603", None, option=option, low=low, high=high, value=value))
    if not 0 < args.deadline <= 3600:
        return _fail(diag("ADL0603", None, option="--deadline", low=0, high=3600, value=args.deadline))
    import uvicorn

    from autodeploy.service.app import create_app
    from autodeploy.service.config import ServiceConfig
    from autodeploy.service.tokens import TokenError, load

    history, tokens = _paths(args)
    config = ServiceConfig(history=history, tokens=tokens, host=args.host, port=args.port, workers=args.workers,
                           queue=args.queue, max_body=args.max_body, deadline=args.deadline, bundle=args.bundle)
    from autodeploy.analytics.store import HistoryError, check_database

    try:
        have_tokens = bool(load(tokens))
        check_database(history)  # a corrupt history refuses to start, rather than fail every page later
    except (TokenError, HistoryError) as exc:
        return _fail(exc.diagnostic)
    if not config.loopback and not have_tokens:
        return _fail(diag("ADL0901", None, host=args.host))
    print(f"autodeploy serve: http://{args.host}:{args.port}/ ({config.pool_size} worker(s), tokens "
          f"{'required' if have_tokens or not config.loopback else 'not required on loopback'}; history {history})",
          file=sys.stderr, flush=True)
    from autodeploy.policies.diagnostics import PolicyEngineError

    try:
        app = create_app(config)
    except PolicyEngineError as exc:  # an unreadable --bundle: refuse to start rather than 503 forever
        return _fail(exc.diagnostic)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
