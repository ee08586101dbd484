"""Shared test configuration: run from the repository root so spans and goldens are stable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# one folder per case (named for its input): every stage's golden output side by side
CASES = ROOT / "tests" / "cases"


@pytest.fixture(autouse=True, scope="session")
def _repo_root_cwd() -> None:
    os.chdir(ROOT)


@pytest.fixture(autouse=True, scope="session")
def _bundle_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # prebuilt policy bundles (policies/bundle.py) go to a cache of the session, not the user's
    os.environ["AUTODEPLOY_CACHE_DIR"] = str(tmp_path_factory.mktemp("autodeploy-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite every golden file from the current output (then review the diff)")


class Golden:
    """The one golden compare: byte for byte, rewritten only with `pytest --update-golden`
    (UPDATE_GOLDEN=1 still works, for old habits)."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, path: Path, actual: str) -> None:
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden {path}; run pytest --update-golden to create it"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{path} differs from the output; run pytest --update-golden if intended"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")) or os.environ.get("UPDATE_GOLDEN") == "1")
