"""Execute notebooks/*.ipynb as JupyterLab does: a Python kernel with matplotlib's default inline
backend (no MPLBACKEND forced), so each figure is displayed into its cell's outputs — which is what
the test checks. Any cell error fails the test.

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
# figures each notebook draws (one per plotting cell)
FIGURES = {"cost_breakdown.ipynb": 2, "forecast_vs_actual.ipynb": 2, "compliance_costs.ipynb": 2}


@pytest.fixture(scope="module")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "data" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    # no "env": the kernel picks matplotlib's backend as it does under JupyterLab (inline)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "AutoDeploy venv", "language": "python",
    }), encoding="utf-8")
    return home


def test_the_notebooks() -> None:
    assert set(FIGURES) == set(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_does_not_depend_on_a_headless_backend(name: str) -> None:
    text = (ROOT / "notebooks" / name).read_text(encoding="utf-8")
    assert "get_fignums" not in text and "MPLBACKEND" not in text and "matplotlib.use(" not in text


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_inline_and_shows_its_figures(
    name: str, jupyter_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_env / "data"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(jupyter_env / "data"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(jupyter_env / "config"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(jupyter_env / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(jupyter_env / "ipython"))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # as a desktop JupyterLab session has it
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import matplotlib\nprint(matplotlib.get_backend())"))
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()  # raises CellExecutionError on any failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    backend = "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()
    assert "inline" in backend, backend
    # the inline backend displays each figure as a PNG in the cell that drew it
    pngs = [o for o in outputs if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})]
    assert len(pngs) == FIGURES[name], [c.source[:40] for c in nb.cells if c.cell_type == "code"]
