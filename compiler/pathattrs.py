"""Path attributes (a function's `code`, any `TStr(check="path")`) resolve inside the project root.

The emitted Terraform zips and uploads what such a path names, so a path that climbs out
of the root (`../../home/deploy/.ssh`) or is a symlink leading out is an error here, before
anything is emitted. Lexical problems (absolute, control characters) are reported while
coercing (values.py); this pass needs the root, which only the caller knows.
"""

from __future__ import annotations

import os
import stat

from .catalogue import diag
from .confine import resolve
from .diagnostics import Diagnostic
from .ir import IR
from .kinds import kind
from .schema import TStr
from .sourcefile import file_kind


def _path_attrs(kind_name: str) -> tuple[str, ...]:
    spec = kind(kind_name)
    if spec is None:
        return ()
    return tuple(a.name for a in spec.attrs if isinstance(a.type, TStr) and a.type.check == "path")


def check_paths(ir: IR, base_dir: str, root: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    attrs_of: dict[str, tuple[str, ...]] = {}
    for r in ir.resources:
        if r.kind not in attrs_of:
            attrs_of[r.kind] = _path_attrs(r.kind)
        for attr in attrs_of[r.kind]:
            value = r.get(attr)
            if not isinstance(value, str):
                continue
            target, refused = resolve(value, base_dir, root)
            span = r.span_of(attr)
            if refused is not None:  # a lexical refusal repeats the coercion's diagnostic; the bag dedups it
                out.append(diag(refused.code, span, what=f"`{attr}`", path=value, reason=refused.reason))
                continue
            try:
                mode = os.stat(target).st_mode
            except OSError:
                continue  # not there yet (built later, or on another machine): nothing is read now
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                out.append(diag("ADL0112", span, path=value, reason=f"it is {file_kind(mode)}, not a regular file"))
    return out
