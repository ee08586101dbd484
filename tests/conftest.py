"""Shared test configuration: run from the repository root so spans and goldens are stable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _repo_root_cwd() -> None:
    os.chdir(ROOT)


def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"
