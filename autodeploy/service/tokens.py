"""Bearer tokens with roles, stored hashed.

A token is 256 bits from `secrets` (so one SHA-256 is the right hash: there is nothing to
brute-force, unlike a password) and is shown once, when created. The file keeps only
`sha256(token)`, the role, an id for the audit trail and a label; it is written atomically,
owner-only. Verification hashes the presented token and compares it with every stored hash
in constant time (hmac.compare_digest, no early exit), so timing says nothing about which
prefix or which entry matched. The server re-reads the file when it changes, so a token
created or revoked with the CLI takes effect without a restart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass

from autodeploy.compiler.catalogue import diag
from autodeploy.fsutil import UnreadableFile, read_text, write_atomic

from . import diagnostics as _registered  # noqa: F401  (ADL09xx)

ROLES = ("viewer", "author", "admin")  # each role may do everything the ones before it may
PREFIX = "adl_"


class TokenError(Exception):
    def __init__(self, code: str, **fields: object) -> None:
        self.diagnostic = diag(code, None, **fields)
        super().__init__(self.diagnostic.message)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's id and role (`anonymous` when tokens are not required)."""

    token_id: str
    role: str

    def may(self, needs: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(needs)


ANONYMOUS_ADMIN = Principal("anonymous", "admin")  # loopback with no tokens configured: the local user


@dataclass(frozen=True)
class TokenEntry:
    token_id: str
    role: str
    sha256: str
    created: str
    label: str

    def to_json(self) -> dict[str, str]:
        return dict(self.__dict__)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_role(role: str) -> str:
    if role not in ROLES:
        raise TokenError("ADL0911", role=role, roles=", ".join(ROLES))
    return role


def load(path: str) -> list[TokenEntry]:
    """The entries of the token file; none when it does not exist."""
    if not os.path.lexists(path):
        return []
    try:
        doc = json.loads(read_text(path))  # never blocks on a FIFO; a symlink loop is reported
        return [TokenEntry(str(e["token_id"]), check_role(str(e["role"])), str(e["sha256"]), str(e["created"]),
                           str(e.get("label", ""))) for e in doc["tokens"]]
    except UnreadableFile as exc:
        raise TokenError("ADL0912", path=path, reason=exc.reason) from None
    except TokenError as exc:
        raise TokenError("ADL0912", path=path, reason=exc.diagnostic.message) from None
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:  # RecursionError: JSON nested 10**5 deep
        raise TokenError("ADL0912", path=path, reason=f"{type(exc).__name__}: {exc}") from None


def _save(path: str, entries: list[TokenEntry]) -> None:
    doc = {"tokens": [e.to_json() for e in sorted(entries, key=lambda e: e.token_id)]}
    write_atomic(path, json.dumps(doc, indent=2, sort_keys=True) + "\n", secret=True)


def create(path: str, role: str, label: str = "") -> tuple[str, TokenEntry]:
    """A new token of `role`, added to the file; returns (the token, its entry). The token itself
    is not stored: the caller shows it once."""
    check_role(role)
    token = PREFIX + secrets.token_urlsafe(32)
    entry = TokenEntry("tok_" + secrets.token_hex(4), role, _hash(token),
                       dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), label)
    _save(path, [*load(path), entry])
    return token, entry


def revoke(path: str, token_id: str) -> bool:
    entries = load(path)
    kept = [e for e in entries if e.token_id != token_id]
    if len(kept) == len(entries):
        return False
    _save(path, kept)
    return True


class TokenStore:
    """The server's view of the token file, re-read when its size or mtime changes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._entries: list[TokenEntry] = []

    def entries(self) -> list[TokenEntry]:
        try:
            st = os.stat(self.path)
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp != self._stamp or stamp is None:
                self._entries = load(self.path) if stamp is not None else []
                self._stamp = stamp
            return list(self._entries)

    def verify(self, token: str) -> Principal | None:
        digest = _hash(token)
        found: TokenEntry | None = None
        for e in self.entries():  # every entry is compared: no early exit
            if hmac.compare_digest(digest, e.sha256) and found is None:
                found = e
        return None if found is None else Principal(found.token_id, found.role)
