"""ADL0940-ADL0949: the policy library as a distributable OPA bundle (policies/fleet_bundle.py,
policies/bundle_service.py) and the bundle-mode gate (policies/opa_bundle_server.py). Every one
is an error: a bundle that cannot be built, read or verified never lets the gate pass."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E = Severity.ERROR

register(
    Template("ADL0940", E, "policy bundle build failed", "`opa build` could not build the policy bundle: {problem}",
             "{hint}"),
    Template("ADL0941", E, "invalid bundle signing key", "signing key {key}: {problem}", "{hint}"),
    Template("ADL0942", E, "unreadable policy bundle", "{path} is not a readable OPA bundle: {problem}",
             "build it with `autodeploy policy bundle -o {path}`"),
    Template("ADL0943", E, "no policy bundle on the OPA server",
             "the OPA server at {url} has no active bundle that owns `data.adl`: {problem}",
             "configure the server to poll the library's bundle (docs/policy-bundles.md) and wait for it to "
             "activate; without it nothing was checked"),
    Template("ADL0944", E, "policy bundle revision mismatch",
             "the OPA server at {url} runs bundle `{name}` at revision {got}, not the expected {want}",
             "wait for the servers to poll the new bundle, or publish the expected one; the gate does not "
             "trust another revision's findings"),
    Template("ADL0945", E, "pinned bundle revision differs from the library",
             "--bundle-revision {want} is not the revision of the library this run loaded ({have})",
             "install the policy library and --policy-dir folders that bundle was built from, or pin {have}"),
)
