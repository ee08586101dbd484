"""`autodeploy policy bundle|publish`: the policy library as an OPA bundle for a fleet of OPA
servers (docs/policy-bundles.md).

- `policy bundle -o bundle.tar.gz [--policy-dir DIR ...] [--signing-key FILE [--signing-alg ALG]]`
  builds it with `opa build` (revision = content hash; same inputs, byte-identical tarball);
- `policy publish bundle.tar.gz [--addr 127.0.0.1:8282]` serves it per OPA's bundle service API
  (ETag = revision, 304 when unchanged) until interrupted."""

from __future__ import annotations

import argparse
import json
import sys
import time

from autodeploy.compiler.diagnostics import render_text
from autodeploy.errors import UsageError
from autodeploy.fsutil import check_writable_file
from autodeploy.policies.diagnostics import PolicyEngineError

ORDER = 60


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("policy", help="the policy library as an OPA bundle for a fleet of OPA servers")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    b = verbs.add_parser("bundle", help="build the library (+ --policy-dir) into a revisioned OPA bundle")
    b.add_argument("-o", "--output", required=True, metavar="FILE", help="the bundle tarball to write")
    b.add_argument("--policy-dir", dest="policy_dirs", action="append", default=[], metavar="DIR",
                   help="an organisation policy folder to include (repeatable)")
    b.add_argument("--signing-key", metavar="FILE",
                   help="sign the bundle: a PEM private key (RS256) or a file holding an HMAC secret (HS256)")
    b.add_argument("--signing-alg", metavar="ALG", help="HS256/384/512 or RS256/384/512 (default: from the key)")
    b.add_argument("--format", choices=("text", "json"), default="text")
    b.set_defaults(func=run_bundle)
    s = verbs.add_parser("publish", help="serve a bundle at OPA's bundle service API (ETag = revision)")
    s.add_argument("bundle", help="the bundle tarball (`policy bundle -o`)")
    s.add_argument("--addr", default="127.0.0.1:8282", metavar="HOST:PORT", help="default: 127.0.0.1:8282")
    s.add_argument("--resource", default=None, metavar="PATH",
                   help="the path OPA's `resource:` names (default: bundles/autodeploy.tar.gz)")
    s.set_defaults(func=run_publish)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_bundle(args: argparse.Namespace) -> int:
    from autodeploy.policies import fleet_bundle

    if args.signing_alg and not args.signing_key:
        raise UsageError("--signing-alg needs --signing-key")
    check_writable_file(args.output)
    started = time.perf_counter()
    try:
        key = fleet_bundle.signing_key(args.signing_key, args.signing_alg) if args.signing_key else None
        built = fleet_bundle.build(args.output, args.policy_dirs, key)
    except PolicyEngineError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return 2
    seconds = time.perf_counter() - started
    if args.format == "json":
        print(json.dumps({**built.to_json(), "seconds": round(seconds, 3)}, sort_keys=True))
    else:
        signed = f", signed {built.signed}" if built.signed else ""
        print(f"wrote {built.path}: {built.modules} modules, {built.size} bytes{signed}, "
              f"revision {built.revision} ({seconds:.2f} s)")
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from autodeploy.policies.bundle_service import DEFAULT_RESOURCE, BundlePublisher, serve_stdlib

    host, _, port = args.addr.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UsageError(f"--addr expects HOST:PORT, got {args.addr!r}")
    try:
        publisher = BundlePublisher(args.bundle, args.resource or DEFAULT_RESOURCE)
    except PolicyEngineError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return 2
    try:
        server = serve_stdlib(publisher, host, int(port))
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.addr}: {exc}") from None
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    print(f"serving revision {publisher.revision} at http://{bound_host}:{bound_port}{publisher.resource}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
