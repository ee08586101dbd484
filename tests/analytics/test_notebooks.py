"""Execute notebooks/*.ipynb headless with the venv's Python kernel; any cell error fails the test.

The kernel spec is written into a temporary Jupyter directory (JUPYTER_PATH / JUPYTER_DATA_DIR /
JUPYTER_CONFIG_DIR / IPYTHONDIR), so nothing lands in the user's ~/.jupyter or ~/.local."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "autodeploy-venv"


@pytest.fixture(scope="module")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "data" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "AutoDeploy venv", "language": "python",
        "env": {"MPLBACKEND": "Agg", "IPYTHONDIR": str(home / "ipython")},
    }), encoding="utf-8")
    return home


def test_at_least_two_notebooks() -> None:
    assert {"cost_breakdown.ipynb", "forecast_vs_actual.ipynb"} <= set(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name: str, jupyter_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_env / "data"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(jupyter_env / "data"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(jupyter_env / "config"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(jupyter_env / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(jupyter_env / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()  # raises CellExecutionError on any failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any(o.get("output_type") == "error" for o in outputs) is False
    # under Agg nothing is displayed; each notebook's last cell asserts its matplotlib figures exist
    assert "plt.get_fignums()" in nb.cells[-1].source
