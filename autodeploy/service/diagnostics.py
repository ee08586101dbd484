"""Diagnostics of the service (ADL0900-ADL0939), registered in the compiler's catalogue.

Every error the API answers carries one of these codes in a `diagnostics` list shaped like the
CLI's `--format json` output, with the HTTP status the code implies (api.STATUS)."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E = Severity.ERROR

register(
    Template("ADL0900", E, "service not installed", "`autodeploy serve` needs {missing}, which is not installed",
             "install the extra: pip install 'autodeploy-adl[service]'"),
    Template("ADL0901", E, "tokens required off loopback",
             "refusing to listen on {host}: binding to anything but 127.0.0.1 requires bearer tokens",
             "create one with `autodeploy serve token create --role admin`, then start again"),
    Template("ADL0902", E, "request too large", "the request body is larger than {limit} bytes",
             "send fewer or smaller files, or raise --max-body on the server"),
    Template("ADL0903", E, "invalid request", "{problem}", "{hint}"),
    Template("ADL0904", E, "invalid file name", "file name {name!r} in the request is refused: {reason}",
             "name files by relative paths ending in `.adl`, e.g. `lib/network.adl`"),
    Template("ADL0905", E, "server busy", "all {workers} workers are busy and {queued} requests are waiting",
             "retry after {retry} second(s)"),
    Template("ADL0906", E, "deadline exceeded", "the request did not finish within {seconds} s",
             "split the deployment, or raise --deadline on the server"),
    Template("ADL0907", E, "not authenticated", "{problem}",
             "send `Authorization: Bearer <token>`; an admin creates tokens with "
             "`autodeploy serve token create --role viewer`"),
    Template("ADL0908", E, "not allowed", "role `{role}` may not {action}; it needs `{needs}`", None),
    Template("ADL0909", E, "not found", "{what} {name!r} does not exist", None),
    Template("ADL0910", E, "worker failed", "the worker handling the request failed: {reason}",
             "this is a bug in AutoDeploy: please report it with the request"),
    Template("ADL0911", E, "unknown role", "unknown role {role!r}", "use one of: {roles}"),
    Template("ADL0912", E, "unreadable token file", "cannot read the token file {path}: {reason}",
             "fix or remove it, then create tokens again"),
    Template("ADL0913", E, "history unavailable", "the history database is unavailable: {reason}", None),
)
