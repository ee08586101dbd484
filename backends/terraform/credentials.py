"""A generated admin credential kept in Secrets Manager: a random password, the secret (encrypted
with the resource's key when it references one) and its JSON value {username, password}. Shared by
the emitters of services that need a user at creation (broker, document_db, kafka SCRAM)."""

from __future__ import annotations

from typing import Any

from .context import TfCtx
from .hcl import Call, Expr, ref


def admin_secret(ctx: TfCtx, label: str, name: Any, description: str, username: str,
                 key: Expr | None) -> Expr:
    """Declare the password and the secret under `label`; return the password's reference."""
    ctx.flags.add("random")
    ctx.resource("random_password", label, {"length": 32, "special": False})
    ctx.resource("aws_secretsmanager_secret", label, {
        "name": name, "description": description, "kms_key_id": key, "recovery_window_in_days": 30})
    password = ref("random_password", label, "result")
    ctx.resource("aws_secretsmanager_secret_version", label, {
        "secret_id": ref("aws_secretsmanager_secret", label, "id"),
        "secret_string": Call("jsonencode", ({"username": username, "password": password},))})
    return password
