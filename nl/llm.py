"""An OpenAI-compatible chat-completions provider (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp).

Retries are ours, not the client's (max_retries=0), so they are bounded and explainable:
429 honours Retry-After up to `max_wait`, 5xx backs off 0.5 s, 1 s, 2 s ...; every failure ends in
an LLMError carrying an ADL05xx diagnostic, never a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic

from . import diagnostics as _registered  # noqa: F401  (ADL05xx templates)
from .config import LLMSettings


class LLMError(Exception):
    def __init__(self, diagnostic: Diagnostic, exit_code: int = 2) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.exit_code = exit_code


@dataclass
class Exchange:
    """One request/answer pair, kept for --verbose and for the diagnostics file."""

    messages: list[dict[str, str]]
    answer: str


def _retry_after(exc: Any) -> float | None:
    resp = getattr(exc, "response", None)
    headers = getattr(resp, "headers", None) or {}
    raw = headers.get("retry-after") if hasattr(headers, "get") else None
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None


class OpenAIProvider:
    def __init__(self, settings: LLMSettings, sleep: Callable[[float], None] = time.sleep) -> None:
        if not settings.model:
            raise LLMError(
                diag(
                    "ADL0510",
                    None,
                    problem="no model configured for the openai provider",
                    hint="pass --model, set AUTODEPLOY_LLM_MODEL, or [llm] model in the config file",
                )
            )
        if not settings.base_url and not settings.api_key:
            raise LLMError(
                diag(
                    "ADL0510",
                    None,
                    problem="no API key and no base URL for the openai provider",
                    hint="set AUTODEPLOY_LLM_API_KEY (or OPENAI_API_KEY), or --base-url for a local "
                    "server, or use --provider offline",
                )
            )
        self.settings = settings
        self.model: str = settings.model  # checked above: a missing model is ADL0510
        self.sleep = sleep
        self.url = settings.base_url or "https://api.openai.com/v1"
        self.log: list[Exchange] = []
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - openai is a declared dependency
            raise LLMError(
                diag(
                    "ADL0510",
                    None,
                    problem=f"the openai package is missing: {exc}",
                    hint="pip install openai",
                )
            ) from exc
        self._openai = openai
        # local servers (Ollama, llama.cpp) ignore the key, but the client insists on one
        self.client = openai.OpenAI(
            base_url=self.url,
            api_key=settings.api_key or "not-needed",
            timeout=settings.timeout,
            max_retries=0,
        )

    def complete(self, messages: list[dict[str, str]]) -> str:
        oa = self._openai
        s = self.settings
        tries = 0
        while True:
            tries += 1
            try:
                resp = self.client.chat.completions.create(
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    temperature=0,
                )
            except oa.APITimeoutError as exc:
                raise LLMError(diag("ADL0511", None, url=self.url, timeout=f"{s.timeout:g}")) from exc
            except oa.RateLimitError as exc:
                if tries > s.retries:
                    raise LLMError(diag("ADL0513", None, url=self.url, tries=tries)) from exc
                wait = _retry_after(exc)
                self.sleep(min(s.max_wait, wait if wait is not None else 2.0 ** (tries - 1)))
                continue
            except oa.APIStatusError as exc:
                status = exc.status_code
                if status >= 500:
                    if tries > s.retries:
                        raise LLMError(
                            diag(
                                "ADL0514",
                                None,
                                url=self.url,
                                status=status,
                                tries=tries,
                                hint="the server is failing; try later or another endpoint",
                            )
                        ) from exc
                    self.sleep(min(s.max_wait, 0.5 * 2 ** (tries - 1)))
                    continue
                hint = {
                    401: "check the API key",
                    403: "check the key's permissions",
                    404: "check the base URL and the model name",
                }.get(status, "check the request settings")
                raise LLMError(
                    diag(
                        "ADL0517",
                        None,
                        url=self.url,
                        status=status,
                        reason=_short(getattr(exc, "message", str(exc))),
                        hint=hint,
                    )
                ) from exc
            except oa.APIConnectionError as exc:
                raise LLMError(
                    diag("ADL0512", None, url=self.url, reason=_short(str(exc.__cause__ or exc)))
                ) from exc
            except (oa.APIResponseValidationError, ValueError, TypeError) as exc:
                raise LLMError(diag("ADL0515", None, reason=_short(str(exc)))) from exc
            text = _content(resp)
            self.log.append(Exchange(messages, text))
            return text


def _short(s: str, n: int = 200) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _content(resp: Any) -> str:
    choices = getattr(resp, "choices", None)
    if not choices:
        kind = type(resp).__name__
        raise LLMError(diag("ADL0515", None, reason=f"no choices in the answer ({kind})"))
    msg = getattr(choices[0], "message", None)
    content = getattr(msg, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise LLMError(diag("ADL0516", None), exit_code=1)
    return content
