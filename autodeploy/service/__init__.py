"""AutoDeploy as a service: `autodeploy serve` (docs/service.md).

A FastAPI app over the same stages the CLI runs: the REST API under /v1, bearer tokens with
roles, an audit trail in the history database, and a server-rendered dashboard at /. Nothing
here imports FastAPI at package import time: the `service` extra is optional, and
`autodeploy serve` says so (ADL0900) when it is missing. Build the app with
`autodeploy.service.app.create_app(ServiceConfig(...))`.
"""
