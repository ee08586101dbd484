"""`autodeploy ci init --provider github|gitlab`: write a CI workflow that runs the gate,
uploads SARIF and comments the markdown summary on the pull/merge request."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from autodeploy.cli import UsageError
from autodeploy.fsutil import write_atomic
from autodeploy.policies.opa import PINNED_VERSION

from ._ci_pin import DISTRIBUTION, SAFE_PATH, install_spec

ORDER = 80
DEFAULT_PATHS = {"github": os.path.join(".github", "workflows", "autodeploy.yml"), "gitlab": ".gitlab-ci.yml"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ci", help="CI integration (`ci init` writes a gate workflow)")
    csub = p.add_subparsers(dest="ci_command", metavar="ACTION")
    init = csub.add_parser("init", help="write a GitHub Actions or GitLab CI workflow for the gate")
    init.add_argument("--provider", choices=sorted(DEFAULT_PATHS), required=True)
    init.add_argument(
        "-o", "--output", metavar="PATH", help="where to write it (default: the provider's path)"
    )
    init.add_argument("--file", dest="adl_file", default="app.adl", help="the .adl file the gate checks")
    init.add_argument("--fail-on", choices=("low", "medium", "high", "critical"), default="high")
    init.add_argument("--require-framework", dest="require_frameworks", metavar="LIST",
                      help="frameworks the workflow always checks (default: the file's `compliance` today, "
                           "so a pull request that drops it still gets the same gate)")
    pin = init.add_argument_group(
        "how the workflow installs autodeploy (one is required: never an unpinned `pip install`)")
    pin.add_argument("--repo", metavar="URL", help="git repository of autodeploy (https:// or ssh://); with --commit")
    pin.add_argument("--commit", metavar="SHA", help="the full 40-hex commit of --repo to install")
    pin.add_argument("--requirements", metavar="FILE",
                     help="a hash-locked requirements file in your repository (`pip-compile --generate-hashes`) "
                          f"that pins {DISTRIBUTION}==VERSION and its dependencies")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=run_init)
    p.set_defaults(
        func=lambda _args: (_ for _ in ()).throw(
            UsageError("usage: autodeploy ci init --provider github|gitlab")
        )
    )


def render(provider: str, adl_file: str, fail_on: str, install: str, require: tuple[str, ...] = ()) -> str:
    """The workflow text; `install` comes from `install_spec()` (pinned, shell-safe); `require`
    (known framework names only) is pinned into every gate line."""
    from autodeploy.policies.markdown import environment

    env = environment(Path(__file__).resolve().parent.parent / "templates")
    return env.get_template(f"ci_{provider}.yml.j2").render(
        adl_file=adl_file,
        fail_on=fail_on + (f" --require-framework {','.join(require)}" if require else ""),
        install_spec=install,
        python_version="3.11",
        opa_version=f"v{PINNED_VERSION}",
    )


def run_init(args: argparse.Namespace) -> int:
    path = args.output or DEFAULT_PATHS[args.provider]
    if os.path.exists(path) and not args.force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    if not SAFE_PATH.match(args.adl_file):
        raise UsageError(f"--file {args.adl_file!r}: use a relative path of letters, digits, `._/-` "
                         "(it is written into the workflow's shell lines)")
    spec = install_spec(args.repo, args.commit, args.requirements)
    require = _pinned_frameworks(args.require_frameworks, args.adl_file)
    write_atomic(path, render(args.provider, args.adl_file, args.fail_on, spec, require))
    pinned = f", always checking {', '.join(require)}" if require else ""
    print(
        f"wrote {path} ({args.provider}): runs `autodeploy check {args.adl_file}` with SARIF upload and a "
        f"PR summary comment{pinned}"
    )
    return 0


def _pinned_frameworks(given: str | None, adl_file: str) -> tuple[str, ...]:
    """--require-framework, else the frameworks the file declares today: without a pin, a pull
    request that deletes `compliance = [...]` would turn its own gate green."""
    from autodeploy.compiler.kinds import FRAMEWORKS
    from autodeploy.stages.check import parse_frameworks

    if given is not None:  # an unknown name is refused there
        return tuple(dict.fromkeys(parse_frameworks(given, "--require-framework") or ()))
    if not os.path.isfile(adl_file):
        return ()
    from autodeploy.compiler import compile_file

    result = compile_file(adl_file)
    if result.ir is None:
        raise UsageError(f"--file {adl_file} does not compile, so its frameworks cannot be pinned; fix it, or "
                         "pass --require-framework")
    return tuple(fw for fw in result.ir.deployment.compliance if fw in FRAMEWORKS)
