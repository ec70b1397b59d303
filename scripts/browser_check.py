#!/usr/bin/env python3
"""Try the explorer as a user would: JupyterLab on localhost, opened in headless Chromium.

Starts JupyterLab on 127.0.0.1 with a random token, opens `notebooks/explore-corpus.ipynb`,
runs all cells from the Run menu, waits for the widgets and the highlighted sentences, picks
another outlet in the dropdown, and saves screenshots to `build/browser/`. Then opens the last
run's executed `build/notebooks/03-score-sentiment.ipynb` and checks that each figure shown is
the saved PNG at its full resolution. Exits non-zero if a step fails. Needs Debian's `chromium` and `chromium-driver` and `pip install -r
requirements-browser.txt` (selenium); nothing is fetched from the network.

Usage: python scripts/browser_check.py
"""

from __future__ import annotations

import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import figures  # noqa: E402
OUT = ROOT / "build" / "browser"
NOTEBOOK = "notebooks/explore-corpus.ipynb"
EXECUTED = "build/notebooks/03-score-sentiment.ipynb"  # written by run_all.py
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1400,1600"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lab(port: int, token: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
               "--LabApp.news_url=", "--allow-root", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    lab = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=(OUT / "jupyterlab.log").open("w"))
    if lab.poll() is not None:
        raise RuntimeError("JupyterLab exited at once (see build/browser/jupyterlab.log)")
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return lab
        except OSError:
            time.sleep(0.5)
    lab.terminate()
    raise RuntimeError("JupyterLab did not start within 60 s (see build/browser/jupyterlab.log)")


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={OUT / 'profile'}")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def click_menu(driver, menu: str, item: str) -> None:
    wait = WebDriverWait(driver, 30)
    wait.until(ready.element_to_be_clickable((By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{menu}']"))).click()
    wait.until(ready.element_to_be_clickable((By.XPATH, f"//div[contains(@class,'lm-Menu-itemLabel') and text()='{item}']"))).click()


def check(driver, port: int, token: str) -> None:
    wait = WebDriverWait(driver, 120)
    driver.get(f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK}?token={token}")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook")))
    wait.until(ready.presence_of_element_located((By.XPATH, "//*[contains(@class,'jp-Notebook-ExecutionIndicator') or contains(@class,'jp-KernelStatus')]")))
    time.sleep(3)  # let the kernel come up
    click_menu(driver, "Run", "Run All Cells")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".widget-dropdown select")))
    wait.until(ready.presence_of_element_located((By.XPATH, "//mark[contains(@title,'blame:')]")))
    driver.save_screenshot(str(OUT / "explorer-default.png"))
    outlet = Select(driver.find_elements(By.CSS_SELECTOR, ".widget-dropdown select")[0])
    outlet.select_by_visible_text("Newsweek")
    wait.until(ready.presence_of_element_located((By.XPATH, "//div[contains(@class,'widget-output')]//li[contains(., 'Newsweek')]")))
    marks = driver.find_elements(By.XPATH, "//div[contains(@class,'widget-output')]//mark")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", driver.find_elements(By.CSS_SELECTOR, ".widget-dropdown")[0])
    driver.save_screenshot(str(OUT / "explorer-newsweek.png"))
    print(f"explorer ran in JupyterLab; outlet switched to Newsweek; {len(marks)} highlighted term(s) in the live view")


def check_saved_figures(driver, port: int, token: str) -> None:
    """The executed notebook shows each saved figure at the PNG's own pixel size."""
    if not (ROOT / EXECUTED).is_file():
        raise RuntimeError(f"{EXECUTED} is missing: run run_all.py first")
    expected = sorted(figures.png_size(p.read_bytes()) for p in (ROOT / "figures").glob("03_*.png"))
    driver.get(f"http://127.0.0.1:{port}/lab/tree/{EXECUTED}?token={token}")
    wait = WebDriverWait(driver, 120)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".jp-RenderedImage img")) >= len(expected))
    images = driver.find_elements(By.CSS_SELECTOR, ".jp-RenderedImage img")
    wait.until(lambda d: all(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", i) for i in images))
    shown = sorted(tuple(driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", i)) for i in images)
    if shown != expected:
        raise RuntimeError(f"{EXECUTED}: images of {shown} px, expected the saved PNGs' {expected}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", images[0])
    driver.save_screenshot(str(OUT / "executed-03-figure.png"))
    print(f"{EXECUTED}: {len(images)} figure(s) shown, each the saved PNG's size")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    lab = start_lab(port, token)
    driver = None
    try:
        driver = browser()
        check(driver, port, token)
        check_saved_figures(driver, port, token)
    finally:
        if driver is not None:
            driver.quit()
        lab.terminate()
        lab.wait(timeout=30)
    print(f"screenshots: {', '.join(str(OUT / n) for n in ('explorer-default.png', 'explorer-newsweek.png', 'executed-03-figure.png'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
