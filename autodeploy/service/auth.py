"""Who may do what: bearer tokens with roles (tokens.py), checked by a FastAPI dependency.

viewer: compile, check, cost, runs and the dashboard; author: + generate, emit, build;
admin: + tokens and the audit trail. No token (when tokens are required) is 401, a role too low
403. On loopback with no token configured the caller is the local user, as admin. The
dashboard also takes the token from the `adl_token` cookie its login form sets (HttpOnly,
SameSite=Strict); the API only from the Authorization header."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request

from .errors import ServiceError
from .tokens import ANONYMOUS_ADMIN, Principal, TokenError

COOKIE = "adl_token"


def principal_of(request: Request, cookie: bool) -> Principal:
    svc = request.app.state.service
    header = request.headers.get("authorization", "")
    token = None
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ServiceError(401, "ADL0907", {"WWW-Authenticate": "Bearer"},
                               problem="the Authorization header is not `Bearer <token>`")
        token = value.strip()
    elif cookie:
        token = request.cookies.get(COOKIE) or None
    try:
        required = svc.tokens_required()
        found = svc.tokens.verify(token) if token is not None else None
    except TokenError as exc:
        raise ServiceError(500, "ADL0912", path=svc.config.tokens, reason=exc.diagnostic.message) from None
    if token is None and not required:
        return ANONYMOUS_ADMIN
    if token is None:
        raise ServiceError(401, "ADL0907", {"WWW-Authenticate": "Bearer"}, problem="this server requires a token")
    if found is None:
        raise ServiceError(401, "ADL0907", {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                           problem="the token is not valid (unknown or revoked)")
    return found


def require(needs: str, action: str, cookie: bool = False) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency: the caller, who must hold role `needs` (or higher) to `action`."""

    async def dependency(request: Request) -> Principal:
        p = principal_of(request, cookie)
        request.state.principal = p
        if not p.may(needs):
            raise ServiceError(403, "ADL0908", role=p.role, action=action, needs=needs)
        return p

    return dependency
