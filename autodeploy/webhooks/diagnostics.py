"""ADL0950-ADL0959 (and ADL0977): webhook registration and delivery (autodeploy/webhooks). A delivery that
fails is a warning: it is recorded and never changes the gate's verdict or exit code."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING

register(
    Template("ADL0950", E, "invalid webhook URL", "webhook URL {url!r}: {problem}",
             "give an absolute http(s) URL, e.g. https://hooks.example.com/autodeploy"),
    Template("ADL0951", E, "unknown webhook event", "unknown webhook event `{event}`", "{hint}"),
    Template("ADL0952", E, "no such webhook", "no webhook has id `{id}`", "`autodeploy webhook list` shows the ids"),
    Template("ADL0953", E, "unusable webhook secret", "webhook secret {where}: {problem}",
             "put 16 or more characters in the file, or omit --secret-file to have one generated"),
    Template("ADL0954", W, "webhook not delivered",
             "webhook {id} ({url}) did not take `{event}` after {attempts} attempt(s): {reason}",
             "the attempts are recorded (`autodeploy webhook log`); the gate's result is unchanged"),
    Template("ADL0955", W, "webhooks not sent", "webhooks were not sent: {reason}",
             "the gate's result is unchanged; fix the setting and rerun to notify"),
    # from the hardening range ADL0970-0979: a target that would reach the cloud metadata endpoint
    Template("ADL0977", E, "webhook URL to a link-local address", "webhook URL {url!r}: {problem}",
             "a webhook must not reach the cloud metadata endpoint; point it at the receiver's own address, "
             "or set {env}=1 to allow a deliberate link-local receiver"),
)
