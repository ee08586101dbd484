"""Backend diagnostics ADL5001-ADL5049 (Terraform / shared). ADL5050-5099 belong to ARM."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING

register(
    Template("ADL5001", E, "wrong cloud for target",
             "cloud {cloud} cannot be emitted as terraform for AWS; use --target arm",
             "set `cloud = aws` in the deployment block to emit Terraform"),
    Template("ADL5002", W, "secret value not emitted",
             "secret `{name}` has a plain `value`; it is not written to the Terraform",
             "set the value out of band (aws secretsmanager put-secret-value) and remove it from the file"),
    Template("ADL5003", W, "setting not expressible",
             "`{kind} {name}`: `{attr}` = {value} cannot be expressed in AWS Terraform; {reason}", "{hint}"),
    Template("ADL5004", E, "network required",
             "`{kind} {name}` needs `network` to be emitted for AWS", "add `network = <network>.private`"),
    # retired: every stage now reports ADL5007 (unsupported on a cloud) or ADL5008 (no handler);
    # kept so the number is never reused
    Template("ADL5005", E, "kind not supported (retired)",
             "kind `{kind}` (`{name}`) has no Terraform emitter", "superseded by ADL5007 and ADL5008"),
    Template("ADL5006", W, "secret rotation not configured",
             "secret `{name}` asks for rotation, but no rotation function references it; "
             "Secrets Manager rotation is not configured",
             "add a function named `rotate_{name}` with `uses = [{name}]` to have it wired as the rotator"),
)

# 5300-5319: monitoring (issue 21), both targets
register(
    Template("ADL5300", Severity.INFO, "objective not alarmed",
             "monitor `{name}`: {target} ({kind}) has no {cloud} metric for `{objective}`; no alarm for it", None),
    Template("ADL5301", W, "statistic adjusted",
             "monitor `{name}`: `{objective}` = {text}: {why}", "{hint}"),
)
