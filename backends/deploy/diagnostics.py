"""Diagnostics of the deploy backend (ADL5100-ADL5199) and the exception that carries one.

Deploy problems are about the live cloud, not about a line of the file, so most carry the
resource's span (where it is declared) or no span at all.
"""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, diag, register
from autodeploy.compiler.diagnostics import Diagnostic, Severity, Span

E, W = Severity.ERROR, Severity.WARNING

register(
    Template("ADL5100", E, "endpoint unreachable", "cannot reach the AWS endpoint {endpoint}: {reason}",
             "start the endpoint (e.g. `moto_server -p 5000`) or fix --endpoint / AUTODEPLOY_AWS_ENDPOINT"),
    Template("ADL5101", E, "corrupt state file", "state file {path} cannot be read: {reason}",
             "restore it from a backup or move it away; it was left untouched"),
    Template("ADL5102", E, "unsupported state version",
             "state file {path} has schema_version {version}; this autodeploy understands {supported}",
             "upgrade autodeploy; the state file was left untouched"),
    Template("ADL5103", E, "state belongs to another deployment",
             "state file {path} records deployment `{found}`, not `{expected}`",
             "pass --state with the right file"),
    Template("ADL5104", E, "AWS call failed", "{action} of `{name}` ({kind}) failed: {error}: {message}",
             "everything created by this run was deleted and the state restored; fix the cause and re-run"),
    Template("ADL5105", W, "not supported by the endpoint",
             "`{name}` ({kind}) was skipped: the endpoint does not implement {api}",
             "deploy it against real AWS, or remove it; it is not recorded in the state"),
    Template("ADL5106", W, "feature not configured", "`{name}` ({kind}): {feature} was not configured: {reason}",
             "{hint}"),
    Template("ADL5107", E, "rollback incomplete", "rollback could not delete `{name}` ({kind}): {error}: {message}",
             "delete it by hand (it is tagged autodeploy:deployment={deployment})"),
    Template("ADL5108", E, "no credentials", "no AWS credentials: {reason}",
             "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (dummy values are fine for moto/LocalStack)"),
    Template("ADL5109", E, "wrong cloud", "deployment `{name}` targets cloud `{cloud}`; the deploy backend drives AWS",
             "emit it with `autodeploy emit` (ARM for Azure, Terraform for Google Cloud) and apply that "
             "with its own tool"),
    Template("ADL5110", W, "drift: resource missing", "`{name}` ({kind}) is recorded in the state but is gone: {what}",
             "re-run `autodeploy apply` to recreate it, or `destroy` to forget it"),
    Template("ADL5111", W, "drift: attribute changed",
             "`{name}` ({kind}): `{attr}` is {actual} in the cloud, {expected} in the state",
             "run `autodeploy apply --refresh` to apply the file's value again, or revert the out-of-band change "
             "(plain apply compares the file with the state, not with the cloud)"),
    Template("ADL5112", E, "destroy failed", "delete of `{name}` ({kind}) failed: {error}: {message}",
             "the resource stays in the state; fix the cause and re-run `autodeploy destroy`"),
)


class DeployError(Exception):
    """A deploy failure that is fully described by a diagnostic (and an exit code)."""

    def __init__(self, diagnostic: Diagnostic, exit_code: int = 1) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.exit_code = exit_code


def ddiag(code: str, span: Span | None = None, **fields: object) -> Diagnostic:
    return diag(code, span, **fields)

register(
    Template("ADL5113", W, "skipped: dependency skipped", "`{name}` ({kind}) was skipped because `{dep}` was skipped",
             "see the warning about `{dep}`"),
    Template("ADL5115", E, "replacement blocked", "changing {attrs} of `{name}` ({kind}) needs a replacement, "
             "but deployed resources depend on it: {dependents}",
             "destroy the dependents first (or the whole deployment), or revert the change"),
    Template("ADL5114", W, "left behind", "`{name}` ({kind}): {what} could not be deleted: the endpoint does not "
             "implement {api}", "delete it by hand on a real endpoint; it is tagged autodeploy:deployment"),
)

# ---- the gate and the confirmation in front of apply/destroy (issue 15) -----------------------
register(
    Template("ADL5140", E, "apply blocked by the gate",
             "{count} finding(s) at or above `{threshold}` block `{command}`; nothing was touched",
             "fix them, waive them in the file (`waive RULE on RESOURCE`), or override this once with "
             "--skip-gate \"<reason>\" (recorded in the state and the history database)"),
    Template("ADL5141", W, "gate overridden",
             "the gate was overridden by {user} at {time}: \"{reason}\"; {count} blocking finding(s) ignored",
             "recorded in the state file and the history database"),
    Template("ADL5142", E, "confirmation needed",
             "`{command}` needs a confirmation and there is no terminal to ask on; nothing was touched",
             "review the plan (`autodeploy plan`), then pass --auto-approve (e.g. in CI), or run it in a terminal"),
    Template("ADL5143", E, "not confirmed", "`{command}` was not confirmed ({why}); nothing was touched", None),
    Template("ADL5144", E, "data loss not allowed",
             "`{command}` would delete resources that hold data: {names}; nothing was touched",
             "confirm on a terminal by typing their names, or pass --auto-approve together with --allow-data-loss"),
    Template("ADL5145", E, "stale plan",
             "plan {path} is stale: {what} changed since it was made; nothing was touched",
             "run `autodeploy plan -o {path}` again, review it, and apply the new plan"),
    Template("ADL5146", E, "unreadable plan", "plan {path} cannot be used: {reason}",
             "write it with `autodeploy plan FILE -o {path}`"),
)

register(
    # ---- ADL5130-5139: what the deploy backend is given (endpoint, state file) -------------
    Template("ADL5130", E, "invalid endpoint", "{source} {endpoint!r} is not an endpoint URL: {reason}",
             "give an http(s) URL with a host, e.g. http://127.0.0.1:5000"),
    Template("ADL5131", E, "invalid state file", "state file {path}: `{where}` {problem}",
             "restore it from a backup or fix that field; it was left untouched"),
    Template("ADL5132", E, "state dependency cycle", "state file {path} records a dependency cycle: {cycle}",
             "the state was edited by hand; restore it from a backup. Nothing was deleted"),
    Template("ADL5133", E, "unknown kind in state", "state file {path}: resource `{name}` has unknown kind {kind!r}",
             "known kinds: {known}; the state was left untouched"),
    Template("ADL5190", E, "unknown naming scheme in state",
             "state file {path}: resource `{name}` was named under naming scheme {scheme}; this autodeploy "
             "knows schemes 1-{supported}",
             "upgrade autodeploy: an older release would not know its resources' names; the state was left untouched"),
)

# ---- one writer at a time, the journal, waiting for the cloud, remote state (issue 16) -------
register(
    Template("ADL5160", E, "state locked",
             "the state {path} is locked by {holder} (pid {pid} on {host}, `{command}` since {started}, "
             "lock id {id}){stale}; nothing was touched",
             "wait for that run to finish; if it crashed, run `autodeploy force-unlock {id} --state {path}` "
             "and then `apply` (it recovers from the journal)"),
    Template("ADL5161", E, "wrong lock id", "the state {path} is locked with id {found}, not {given}; "
             "the lock was left in place", "copy the id from the `state locked` error"),
    Template("ADL5162", E, "not locked", "the state {path} is not locked; there is nothing to unlock", None),
    Template("ADL5163", W, "recovered an interrupted run",
             "a previous `{command}` (run {id}) was interrupted: {summary}",
             "the journal showed what was in flight; this run continues from a consistent state"),
    Template("ADL5164", E, "unreadable journal", "the journal {path} cannot be read: {reason}",
             "it records what an interrupted run created; inspect it (JSON lines), clean up the resources "
             "it names by hand, then move it away"),
    Template("ADL5165", E, "timed out waiting",
             "`{name}` ({kind}): {what} was not {ready} after {seconds}s (last status: {status})",
             "the resource was rolled back; the state is as before this run. Raise the wait with "
             "AUTODEPLOY_WAIT_{env} (seconds) if the cloud is just slow"),
    Template("ADL5166", E, "failed while waiting",
             "`{name}` ({kind}): {what} entered status {status} instead of becoming {ready}",
             "the resource was rolled back; see the cloud console for why"),
    Template("ADL5167", E, "rollback of an update failed",
             "restoring `{name}` ({kind}) to its previous settings failed: {error}: {message}",
             "its settings in the cloud may differ from the state; run `autodeploy drift` and then "
             "`apply --refresh`"),
    Template("ADL5168", E, "remote state unusable", "the state {url} cannot be used: {reason}",
             "check the bucket exists and is reachable with these credentials"),
    # 5960-5969: the deployment-wide parts deploy builds next to the resources (access_logs.py)
    Template("ADL5960", W, "access-log bucket kept", "the deployment's access-log bucket {bucket} holds logs and was "
             "kept", "delete it by hand once its logs are no longer needed (main.tf does not delete it either: "
             "force_destroy = false)"),
    Template("ADL5961", W, "access-log bucket not removed", "the deployment's access-log bucket {bucket} could not be "
             "checked or removed: {error}: {message}", "delete it by hand once its logs are no longer needed"),
    # 5962-5969: load balancers and their targets as main.tf builds them (kind_load_balancer.py)
    Template("ADL5962", E, "load balancer target not recorded",
             "`{name}` cannot put `{target}` ({kind}) behind it: the state records no {what} for `{target}`",
             "the run was rolled back; run `autodeploy drift`, then `apply --refresh` to rebuild `{target}`"),
    Template("ADL5963", E, "access-log bucket not repaired",
             "the deployment's access-log bucket {bucket} could not be given main.tf's settings again ({what}): "
             "{error}: {message}", "fix the cause and re-run `autodeploy apply --refresh`"),
    Template("ADL5964", E, "function needs a built package",
             "`{name}` (function): runtime {runtime} loads {package} at handler `{handler}`, which deploy cannot "
             "make: it uploads a placeholder only for runtimes that run from source (Python, Node.js, Ruby)",
             "build the package and deploy main.tf (`autodeploy emit`: it zips the function's `code` folder), or "
             "use a python, nodejs or ruby runtime; nothing was created"),
    Template("ADL5965", E, "update not completed",
             "`{name}` ({kind}): the last step of its update ({what}), run once everything else stood, failed: "
             "{error}: {message}", "the state records what is left of it; fix the cause and re-run "
             "`autodeploy apply`, which plans the step again"),
)
