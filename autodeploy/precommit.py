"""pre-commit's entry point (.pre-commit-hooks.yaml): `python -m autodeploy.precommit fmt|check FILE...`.

pre-commit passes every staged .adl file at once; `autodeploy check` gates one deployment per
run, so each file is checked in turn and the worst exit code is the hook's.
"""

from __future__ import annotations

import sys

from autodeploy.cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("fmt", "check"):
        print("usage: python -m autodeploy.precommit fmt|check [OPTIONS] FILE...", file=sys.stderr)
        return 2
    hook, rest = args[0], args[1:]
    options = [a for a in rest if a.startswith("-")]
    files = [a for a in rest if not a.startswith("-")]
    if not files:
        return 0
    if hook == "fmt":
        return cli_main(["fmt", *options, *files])
    return max(cli_main(["check", *options, f]) for f in files)


if __name__ == "__main__":
    sys.exit(main())
