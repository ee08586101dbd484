"""The AWS model, once: per kind, the facts both the Terraform emitter (backends/terraform/emit_<kind>.py)
and the boto3 provider (backends/deploy/kind_<kind>.py) read, so what main.tf declares is what
`autodeploy apply` creates (issue 13). Pure data and pure functions: no boto3, no HCL here."""
