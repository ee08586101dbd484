"""function (Lambda): name and IAM."""

from __future__ import annotations

from .grants import ARN, Grant, sid_of
from .names import prefixed


def name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    """`uses` a function = invokes it (deploy used to grant nothing, so the call failed after apply)."""
    if attr == "trigger":
        return ()
    return (Grant(f"Invoke{sid_of(resource)}", ("lambda:InvokeFunction",), (ARN,)),)


# ---- the code deploy uploads ----------------------------------------------------------------------
# main.tf zips the function's `code` folder (data.archive_file); deploy uploads a placeholder that
# answers {"ok": true} under the file's own handler, so the function exists and can be invoked until
# the real package is published. A placeholder must be something the runtime runs from source: the
# runtimes whose package is a build product (a Java .jar, a .NET assembly, a custom runtime's
# `bootstrap` executable) get none, and deploy refuses them (ADL5964) instead of uploading a file
# the runtime cannot load.
SOURCE_RUNTIMES = ("python", "nodejs", "ruby")
BUILT_PACKAGE = {"java": "a .jar (or a .zip of compiled classes and lib/ jars)",
                 "dotnet": "a .zip of the published .NET assembly",
                 "provided": "a .zip holding a `bootstrap` executable"}


def runtime_family(runtime: str) -> str:
    """`python3.12` -> `python`, `nodejs22.x` -> `nodejs`, `provided.al2023` -> `provided`."""
    return next((f for f in (*SOURCE_RUNTIMES, *BUILT_PACKAGE) if runtime.startswith(f)), runtime)


def needs_package(runtime: str) -> str | None:
    """What a function of `runtime` needs uploaded when no placeholder can stand in; None otherwise."""
    return BUILT_PACKAGE.get(runtime_family(runtime))


def placeholder(runtime: str, handler: str) -> tuple[str, str]:
    """(path in the zip, source) of a handler answering {"ok": true} at `handler`, in the runtime's
    own language (`main.handler` -> main.py / main.js / main.rb). Raises ValueError for a runtime
    that needs a built package (`needs_package`)."""
    family = runtime_family(runtime)
    folder, _, tail = handler.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if family == "python":  # `pkg.mod.fn`: module pkg/mod.py (dots are packages), function fn
        module, _, fn = tail.rpartition(".")
        return f"{prefix}{module.replace('.', '/')}.py", f"def {fn}(event, context):\n    return {{'ok': True}}\n"
    file, _, path = tail.partition(".")
    names = path.split(".")
    if family == "nodejs":  # `index.api.handler`: exports.api.handler of index.js
        value = "async () => ({ ok: true })"
        for n in reversed(names[1:]):
            value = f"{{ {n}: {value} }}"
        return f"{prefix}{file}.js", f"exports.{names[0]} = {value};\n"
    if family == "ruby" and len(names) <= 2:  # `function.method`, or `function.Class.method`
        method = "(event:, context:)\n  { ok: true }\nend\n"
        if len(names) == 1:
            return f"{prefix}{file}.rb", f"def {names[0]}{method}"
        inner = "".join(f"  {line}\n" for line in f"def self.{names[1]}{method}".splitlines())
        return f"{prefix}{file}.rb", f"class {names[0]}\n{inner}end\n"
    raise ValueError(f"runtime {runtime} needs {needs_package(runtime) or 'a built package'}")
