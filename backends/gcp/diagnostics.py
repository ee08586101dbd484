"""GCP backend diagnostics (ADL5500-ADL5549)."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING

register(
    Template("ADL5500", E, "wrong cloud for the GCP backend",
             "cloud {cloud} cannot be emitted as Terraform for Google Cloud",
             "set `cloud = gcp`, or pass `--cloud gcp` to retarget a portable file"),
    Template("ADL5501", W, "setting not expressible on GCP",
             "`{kind} {name}`: `{attr}` = {value} has no Google Cloud equivalent; {reason}", "{hint}"),
    Template("ADL5502", W, "secret value not emitted",
             "secret `{name}` has a plain `value`; it is not written to the Terraform",
             "add a version out of band (gcloud secrets versions add) and remove it from the file"),
)
