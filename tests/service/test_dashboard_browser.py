"""The dashboard in a real browser: Debian's chromium driven headless by Selenium through
chromedriver, against a live server on 127.0.0.1. Each page is saved as a screenshot (a CI
artifact, build/screenshots/ or $AUTODEPLOY_SCREENSHOTS) and the assertions are on what a
person sees: the text, the graph's nodes, and the colour of the pixels where a resource
with findings is drawn.

A machine without chromium and chromedriver FAILS these tests, unless
AUTODEPLOY_ALLOW_MISSING_TOOLS=1 (then they are skipped); .ci/run installs both with apt-get."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import ROOT, Live, config, example_files, live_server

SCREENSHOTS = Path(os.environ.get("AUTODEPLOY_SCREENSHOTS") or ROOT / "build" / "screenshots")

INSECURE = """deployment clinic_records {
  cloud      = aws
  region     = "us-east-1"
  compliance = [hipaa]
  budget     = 500 usd/month
}

network core { cidr = "10.1.0.0/16" }

bucket scans {
  public     = true
  encryption = false
  size       = 100 GB
}

database patients : postgres {
  network = core
}
"""


def _tool(*names: str) -> str | None:
    for n in names:
        candidates = (f"/usr/bin/{n}", f"/usr/lib/chromium/{n}")
        found = shutil.which(n) or next((p for p in candidates if os.access(p, os.X_OK)), None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium, driver = _tool("chromium", "chromium-browser"), _tool("chromedriver")
    if chromium is None or driver is None:
        msg = ("the dashboard's browser tests need Debian's chromium and chromium-driver "
               "(apt-get install -y chromium chromium-driver; .ci/run installs them)")
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--force-device-scale-factor=1", "--hide-scrollbars"):
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(driver), options=opts)
    d.set_page_load_timeout(20)
    try:
        yield d
    finally:
        d.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    yield from live_server(config(tmp_path_factory.mktemp("dash")))


@pytest.fixture(scope="module")
def runs(server: Live) -> dict[str, Any]:
    """A build of the insecure clinic, a check of the PCI checkout, and the patient portal priced
    three times with growing usage (its cost over time)."""
    def post(op: str, body: dict[str, Any]) -> dict[str, Any]:
        r = httpx.post(f"{server.url}/v1/{op}", json=body, timeout=60)
        assert r.status_code == 200, r.text
        doc: dict[str, Any] = r.json()
        return doc

    portal = example_files("patient-portal.adl")
    out = {"clinic": post("build", {"source": INSECURE, "filename": "clinic.adl"}),
           "checkout": post("check", example_files("pci-checkout.adl"))}
    for gb in (0, 5000, 20000):
        out[f"portal{gb}"] = post("cost", {**portal, "usage": f"resources:\n  core: {{nat_data_gb: {gb}}}\n"})
        assert out[f"portal{gb}"]["exit_code"] == 0
    return out


def out_ok(doc: dict[str, Any]) -> bool:
    return bool(doc["exit_code"] == 0)


def show(browser: Any, url: str, name: str) -> None:
    """Open `url` and save a full-page screenshot as <name>.png."""
    browser.set_window_size(1400, 600)  # measured from a short window: the page's height, not the last one's
    browser.get(url)
    chrome = 600 - int(browser.execute_script("return window.innerHeight"))  # the window's own bars
    height = int(browser.execute_script("return document.documentElement.scrollHeight"))
    browser.set_window_size(1400, min(height + chrome + 8, 6000))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def colour_seen(element: Any) -> tuple[int, int, int]:
    """The most common colour of the pixels the browser painted for `element`."""
    from PIL import Image

    img = Image.open(io.BytesIO(element.screenshot_as_png)).convert("RGB")
    counts = img.getcolors(img.width * img.height) or []
    rgb: tuple[int, int, int] = max(counts)[1]
    return rgb


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def test_runs_page(browser: Any, server: Live, runs: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    show(browser, f"{server.url}/", "runs")
    rows = browser.find_elements(By.CSS_SELECTOR, "table#runs tr.run")
    assert len(rows) == 5
    text = {r.text for r in rows}
    assert any("clinic_records" in t and "build" in t and "FAIL" in t for t in text)
    assert any("checkout" in t and "check" in t and ("PASS" if out_ok(runs["checkout"]) else "FAIL") in t
               for t in text)
    assert sum("patient_portal" in t for t in text) == 3
    portal_costs = [r["cost"]["total_monthly"] for k, r in runs.items() if k.startswith("portal")]
    assert portal_costs == sorted(portal_costs) and portal_costs[0] < portal_costs[-1]
    assert any(f"${portal_costs[-1]:,.2f}" in t for t in text)  # the cost a person reads is the estimate's
    # cost over time: one chart per priced deployment, one point per run
    trend = browser.find_element(By.CSS_SELECTOR, '.trend[data-deployment="patient_portal"]')
    assert "3 run(s)" in trend.text and f"latest ${portal_costs[-1]:,.2f}" in trend.text
    assert len(trend.find_elements(By.CSS_SELECTOR, "svg circle.point")) == 3
    assert not browser.find_elements(By.CSS_SELECTOR, 'script[src^="http"]')  # nothing from a CDN


def test_run_page_graph_costs_findings_artifacts(browser: Any, server: Live, runs: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    from autodeploy.service.svg import SEVERITY_COLOURS

    clinic = runs["clinic"]
    show(browser, f"{server.url}/runs/{clinic['run_id']}", "run-clinic")
    assert browser.find_element(By.ID, "verdict").text == "FAIL"
    # the graph: one node per resource, coloured by its worst finding, as painted on screen
    nodes = {n.get_attribute("data-resource"): n for n in browser.find_elements(By.CSS_SELECTOR, "svg.graph a.node")}
    assert set(nodes) == {"core", "scans", "patients"}
    expected = {"scans": "critical", "patients": "medium", "core": "none"}
    for name, sev in expected.items():
        rect = nodes[name].find_element(By.TAG_NAME, "rect")
        assert colour_seen(rect) == rgb(SEVERITY_COLOURS[sev]), name
        assert name in nodes[name].text
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.graph line.edge")) == 1  # patients uses core
    # clicking a node goes to the resource's row
    nodes["scans"].click()
    assert browser.current_url.endswith("#res-scans")
    assert "critical" in browser.find_element(By.ID, "res-scans").text
    # the cost breakdown: a bar per resource and the components' table
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.cost-chart g.bar")
    assert {b.get_attribute("data-resource") for b in bars} == {"core", "scans", "patients"}
    total = browser.find_element(By.ID, "cost-total").text
    assert f"${clinic['cost']['total_monthly']:,.2f}/month" in total
    cost_rows = browser.find_elements(By.CSS_SELECTOR, "table#cost-table tr")[1:]
    assert len(cost_rows) == sum(len(r["components"]) for r in clinic["cost"]["resources"])
    # findings grouped by framework and control, each with its .adl line
    hipaa = browser.find_element(By.CSS_SELECTOR, 'section.framework[data-framework="hipaa"]')
    assert "hipaa 164.312(a)(2)(iv)" in hipaa.text and "hipaa 164.312(a)(1)" in hipaa.text
    assert "clinic.adl:11:3" in hipaa.text and "public     = true" in hipaa.text
    assert "ADLP-017" in hipaa.text and "ADLP-001" in hipaa.text
    # artifacts: what a person downloads is what the build wrote; a failed build wrote nothing
    # deployable (docs/backends.md, "What a build writes"), only the reports that explain it
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#artifacts a")}
    assert set(links) == set(clinic["artifacts"]) == {"cost.json", "findings.sarif"}
    got = httpx.get(links["findings.sarif"], timeout=10)
    assert got.status_code == 200 and got.text == clinic["artifacts"]["findings.sarif"]


def test_run_page_of_a_passing_check(browser: Any, server: Live, runs: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    checkout = runs["checkout"]
    show(browser, f"{server.url}/runs/{checkout['run_id']}", "run-checkout")
    verdict = "PASS" if checkout["exit_code"] == 0 else "FAIL"
    assert browser.find_element(By.ID, "verdict").text == verdict
    summary = browser.find_element(By.ID, "check-summary").text
    assert f"{checkout['check']['rules']} rules" in summary
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.graph a.node")
    assert len(nodes) == len(checkout["graph"]["nodes"])
    assert "This run emitted no files" in browser.find_element(By.TAG_NAME, "main").text


def test_login_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from autodeploy.service.tokens import create

    tmp = tmp_path_factory.mktemp("dash-login")
    token, entry = create(str(tmp / "tokens.json"), "viewer", "browser test")
    for live in live_server(config(tmp)):
        show(browser, f"{live.url}/", "login")
        wait = WebDriverWait(browser, 15)
        wait.until(lambda b: "/login" in b.current_url and b.find_elements(By.ID, "token"))
        assert "requires a token" in browser.find_element(By.TAG_NAME, "main").text
        browser.find_element(By.ID, "token").send_keys("adl_wrong")
        browser.find_element(By.ID, "sign-in").click()
        # the answer is a new page: read #problem from it, not from the page being replaced (stale); while
        # Chrome swaps documents an element can also fail as "Node ... does not belong to the document"
        # (a plain WebDriverException): retry until the new page answers or the wait times out
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

        fresh = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException))
        problem = fresh.until(lambda b: [e.text for e in b.find_elements(By.ID, "problem") if "not valid" in e.text])
        assert "not valid" in problem[0]
        browser.find_element(By.ID, "token").send_keys(token)
        browser.find_element(By.ID, "sign-in").click()
        fresh.until(lambda b: [h.text for h in b.find_elements(By.TAG_NAME, "h1")] == ["Runs"])
        show(browser, browser.current_url, "runs-signed-in")
        assert f"{entry.token_id} (viewer)" in browser.find_element(By.TAG_NAME, "header").text
        browser.delete_all_cookies()
