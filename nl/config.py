"""Preferences and memory: the config file (TOML) and the local history of generated deployments.

Config: $AUTODEPLOY_CONFIG, else ~/.config/autodeploy/config.toml (XDG_CONFIG_HOME honoured):

    [defaults]                 # used by `generate` when the request does not say
    cloud = "aws"
    region = "eu-central-1"
    compliance = ["gdpr"]

    [llm]                      # OpenAI-compatible endpoint: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp
    base_url = "http://127.0.0.1:11434/v1"
    model = "qwen2.5-coder:7b"
    api_key = "..."            # or the env vars below
    timeout = 60
    max_wait = 30              # cap on a Retry-After wait, seconds
    retries = 3                # retries after 429/5xx

Env overrides: AUTODEPLOY_LLM_BASE_URL, AUTODEPLOY_LLM_MODEL, AUTODEPLOY_LLM_API_KEY (falling back
to OPENAI_BASE_URL / OPENAI_API_KEY). History: $AUTODEPLOY_STATE_DIR/history.json, else
~/.local/state/autodeploy/history.json (XDG_STATE_HOME honoured).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autodeploy.fsutil import FileError, UnreadableFile, read_text, write_atomic

_HISTORY_MAX = 50


class ConfigError(Exception):
    pass


def config_path() -> Path:
    if os.environ.get("AUTODEPLOY_CONFIG"):
        return Path(os.environ["AUTODEPLOY_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "autodeploy" / "config.toml"


def state_dir() -> Path:
    if os.environ.get("AUTODEPLOY_STATE_DIR"):
        return Path(os.environ["AUTODEPLOY_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "autodeploy"


def load_config() -> dict[str, Any]:
    path = config_path()
    if not os.path.lexists(path):  # a symlink loop or a dangling link is reported, not skipped
        return {}
    try:  # read_text: never blocks on a FIFO; a directory or non-UTF-8 bytes are a ConfigError
        return tomllib.loads(read_text(path))
    except UnreadableFile as exc:
        raise ConfigError(f"cannot read {path}: {exc.reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except RecursionError:  # tomllib recurses once per nested array or table
        raise ConfigError(f"cannot read {path}: it nests too deeply") from None


def preferences(cfg: dict[str, Any] | None = None, context: bool = True) -> dict[str, Any]:
    """Defaults from the config file; cloud/region fall back to the last generated deployment.
    `context=False` (generate --no-context) reads neither: the request and built-in defaults only."""
    if not context:
        return {}
    cfg = load_config() if cfg is None else cfg
    d = cfg.get("defaults", {}) if isinstance(cfg.get("defaults"), dict) else {}
    prefs: dict[str, Any] = {}
    if isinstance(d.get("cloud"), str) and d["cloud"] in ("aws", "azure", "gcp"):
        prefs["cloud"] = d["cloud"]
    if isinstance(d.get("region"), str):
        prefs["region"] = d["region"]
    if isinstance(d.get("compliance"), list):
        prefs["compliance"] = [str(x) for x in d["compliance"]]
    if "cloud" not in prefs:
        past = history()
        last = past[-1] if past else None
        if last and last.get("cloud") in ("aws", "azure", "gcp"):
            prefs["cloud"] = last["cloud"]
            if "region" not in prefs and last.get("region"):
                prefs["region"] = last["region"]
            prefs["_from_history"] = True
    return prefs


@dataclass(frozen=True)
class LLMSettings:
    base_url: str | None
    model: str | None
    api_key: str | None
    timeout: float = 60.0
    max_wait: float = 30.0
    retries: int = 3


def llm_settings(
    cfg: dict[str, Any] | None = None, base_url: str | None = None, model: str | None = None
) -> LLMSettings:
    cfg = load_config() if cfg is None else cfg
    section = cfg.get("llm", {}) if isinstance(cfg.get("llm"), dict) else {}
    env = os.environ
    url = (
        base_url
        or env.get("AUTODEPLOY_LLM_BASE_URL")
        or section.get("base_url")
        or env.get("OPENAI_BASE_URL")
    )
    mdl = model or env.get("AUTODEPLOY_LLM_MODEL") or section.get("model")
    key = env.get("AUTODEPLOY_LLM_API_KEY") or section.get("api_key") or env.get("OPENAI_API_KEY")
    try:
        timeout = float(env.get("AUTODEPLOY_LLM_TIMEOUT") or section.get("timeout", 60))
        max_wait = float(section.get("max_wait", 30))
        retries = int(section.get("retries", 3))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad [llm] setting in {config_path()}: {exc}") from exc
    return LLMSettings(url, mdl, key, timeout, max_wait, retries)


def history() -> list[dict[str, Any]]:
    """Past generated deployments; none when there is no file. A file that cannot be read or is
    not a JSON list is a ConfigError: it is reported, never silently replaced by a new one."""
    path = state_dir() / "history.json"
    if not os.path.lexists(path):
        return []
    try:
        data = json.loads(read_text(path))
    except UnreadableFile as exc:
        raise ConfigError(f"cannot read {path}: {exc.reason}") from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{path} is corrupt ({exc}); fix it or move it away") from None
    if not isinstance(data, list):
        raise ConfigError(f"{path} is corrupt (not a JSON list); fix it or move it away")
    return [d for d in data if isinstance(d, dict)]


def remember(entry: dict[str, Any]) -> str | None:
    """Append a generated deployment to the history; returns a warning instead of failing."""
    try:
        items = history() + [entry]
        write_atomic(
            state_dir() / "history.json", json.dumps(items[-_HISTORY_MAX:], indent=2, sort_keys=True) + "\n"
        )
    except ConfigError as exc:
        return f"history not saved: {exc}"
    except FileError as exc:
        return f"history not saved: {exc.diagnostic.message}"
    return None
