"""Where a deployment's state, lock and journal live: a local folder or an S3 bucket.

Three objects per state: the state itself, `<state>.lock` (who is writing) and
`<state>.journal` (what an unfinished run was doing). A local store creates the lock with
O_CREAT|O_EXCL; an S3 store creates it with a conditional write (`If-None-Match: *`), so of
two runs that race for it exactly one gets HTTP 200 and the other 412, as Terraform's S3
backend does with `use_lockfile`. The S3 client is our own, not the deploy run's: its calls
are neither counted, fault-injected nor journaled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

from autodeploy.compiler.catalogue import diag
from autodeploy.fsutil import FileError, UnreadableFile, describe_os_error, ensure_dir, read_text, write_atomic

from .diagnostics import DeployError, ddiag


class Store(Protocol):
    url: str  # the state's path or s3:// URL, as shown to people

    def read(self, suffix: str = "") -> str | None: ...
    def write(self, text: str, suffix: str = "") -> None: ...
    def delete(self, suffix: str = "") -> None: ...
    def create(self, text: str, suffix: str) -> bool:
        """Write only if absent; False when it already exists."""
        ...


@dataclass
class LocalStore:
    url: str
    # the state's folder did not exist before our lock made it: removed again once empty, so a
    # run that touched nothing (refused by the gate, not confirmed) leaves no trace on disk
    made_dir: bool = False

    def _p(self, suffix: str) -> str:
        return self.url + suffix

    def read(self, suffix: str = "") -> str | None:
        path = self._p(suffix)
        if not os.path.lexists(path):
            return None
        try:  # never blocks on a FIFO; a folder, a symlink loop or non-UTF-8 bytes are coded
            return read_text(path)
        except UnreadableFile as exc:
            raise DeployError(ddiag("ADL5101", None, path=path, reason=exc.reason), 2) from None

    def write(self, text: str, suffix: str = "") -> None:
        write_atomic(self._p(suffix), text)

    def delete(self, suffix: str = "") -> None:
        try:
            os.unlink(self._p(suffix))
        except FileNotFoundError:
            pass
        if self.made_dir:
            try:
                os.rmdir(os.path.dirname(os.path.abspath(self.url)))
            except OSError:
                pass  # not empty: the run wrote a state there

    def create(self, text: str, suffix: str) -> bool:
        path = self._p(suffix)
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            ensure_dir(folder)  # FileError (ADL0600) when e.g. `.autodeploy` is a file
            self.made_dir = True
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise FileError(diag("ADL0600", None, path=path, reason=describe_os_error(exc), hint="")) from None
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        return True


class S3Store:
    """`s3://bucket/key`: the state object, `key.lock` and `key.journal` beside it."""

    def __init__(self, url: str, region: str, endpoint: str | None) -> None:
        import boto3
        from botocore.config import Config

        rest = url[len("s3://"):]
        bucket, _, key = rest.partition("/")
        if not bucket or not key or key.endswith("/"):
            raise DeployError(ddiag("ADL5168", None, url=url, reason="expected s3://BUCKET/KEY"), 2)
        self.url, self.bucket, self.key = url, bucket, key
        self.s3 = boto3.session.Session(region_name=region).client(
            "s3", region_name=region, endpoint_url=endpoint,
            config=Config(connect_timeout=2.0, read_timeout=30.0,
                          retries={"total_max_attempts": 3, "mode": "standard"}))

    def _fail(self, exc: BaseException) -> DeployError:
        from .cloud import error_code

        code, msg = error_code(exc)
        return DeployError(ddiag("ADL5168", None, url=self.url, reason=f"{code}: {msg}"), 2)

    def read(self, suffix: str = "") -> str | None:
        from .cloud import is_not_found

        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=self.key + suffix)["Body"].read()
        except Exception as exc:  # noqa: BLE001 - absent is None; anything else is a coded error
            if is_not_found(exc):
                return None
            raise self._fail(exc) from None
        try:
            return str(body.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise DeployError(ddiag("ADL5101", None, path=self.url + suffix,
                                    reason=f"not UTF-8 text (byte at offset {exc.start})"), 2) from None

    def write(self, text: str, suffix: str = "") -> None:
        try:  # a PUT is atomic: readers see the old object or the new one, never a mix
            self.s3.put_object(Bucket=self.bucket, Key=self.key + suffix, Body=text.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001
            raise self._fail(exc) from None

    def delete(self, suffix: str = "") -> None:
        try:
            self.s3.delete_object(Bucket=self.bucket, Key=self.key + suffix)
        except Exception as exc:  # noqa: BLE001
            raise self._fail(exc) from None

    def create(self, text: str, suffix: str) -> bool:
        from .cloud import error_code

        try:
            self.s3.put_object(Bucket=self.bucket, Key=self.key + suffix, Body=text.encode("utf-8"), IfNoneMatch="*")
        except Exception as exc:  # noqa: BLE001
            code, _ = error_code(exc)
            if code in ("PreconditionFailed", "412", "ConditionalRequestConflict"):
                return False
            raise self._fail(exc) from None
        return True


def open_store(url: str, region: str, endpoint: str | None) -> Any:
    return S3Store(url, region, endpoint) if url.startswith("s3://") else LocalStore(url)
