#!/usr/bin/env python3
"""Try the explorer as a user would: JupyterLab on localhost, opened in headless Chromium.

For each window width (1280 and 400 px by default) it opens a copy of
`notebooks/explore-corpus.ipynb` in JupyterLab, runs all cells from the Run menu, and then uses the
explorer: pages through the units and shows them all, tries each filter (outlet, part, voice,
rhetoric category, actor, frame item, hand code), searches (a word printed with a curly apostrophe,
typed with a straight one; markup such as `<i>` that must come back as text; word beginnings;
keyword in context) and exports a selection to CSV, checking each count the browser shows against
`framing.explore.select` on the same tables. Then it opens the last run's executed
`build/notebooks/03-score-sentiment.ipynb` and checks that each figure shown is the saved PNG at its
full resolution. Screenshots go to `build/browser/`; it exits non-zero if a step fails.

It leaves nothing behind: JupyterLab's settings, workspace and runtime files, IPython's history,
the browser profile, the notebook copy and the exports all live in one temporary folder that is
deleted at the end (the news pop-up is switched off in those settings and dismissed if it shows).
The committed notebook is never opened, so it is not autosaved with outputs.

Needs Debian's `chromium` and `chromium-driver` and `pip install -r requirements-browser.txt`
(selenium); nothing is fetched from the network.

Usage: python scripts/browser_check.py [--processed DIR] [--widths 1280 400] [--explorer-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import explore, figures, paths  # noqa: E402

OUT = ROOT / "build" / "browser"
NOTEBOOK = ROOT / "notebooks" / "explore-corpus.ipynb"
EXECUTED = ROOT / "build" / "notebooks" / "03-score-sentiment.ipynb"  # written by run_all.py
WIDTHS = (1280, 400)
HEIGHT = 1300
NARROW = 800  # px: below this the check closes JupyterLab's left sidebar, as a user would
WAIT = 120  # seconds for any one thing to appear
WHOLE_RUN_LIMIT = 1800  # seconds: the check stops (and cleans up) rather than hang
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]
LAB_SETTINGS = {  # written into the temporary user-settings folder
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
FILTERS = ("outlet", "part", "voice", "category", "actor_group", "frame", "hand_code")


class CheckFailed(RuntimeError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# ----------------------------------------------------------------------------- JupyterLab


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lab_folder(scratch: Path, processed: Path, executed: Path | None) -> Path:
    """The folder JupyterLab serves: a copy of the explorer with its parameters pointed at
    ``processed`` and at a scratch export folder, and a copy of the executed notebook 03."""
    served = scratch / "lab"
    served.mkdir()
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    source = "".join(cell["source"])
    for name, value in (("PROCESSED_DIR", processed), ("EXPORT_DIR", scratch / "exports")):
        source, n = re.subn(rf"^{name} = .*$", f"{name} = {json.dumps(str(value))}", source, flags=re.M)
        expect(n == 1, f"{NOTEBOOK.name}: no `{name} = ...` line in the parameters cell")
    cell["source"] = source
    (served / NOTEBOOK.name).write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    if executed is not None:
        shutil.copy(executed, served / executed.name)
    return served


def start_lab(scratch: Path, served: Path, port: int, token: str) -> subprocess.Popen:
    settings = scratch / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(scratch / "config"),
        JUPYTER_DATA_DIR=str(scratch / "data"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
        IPYTHONDIR=str(scratch / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        MPLCONFIGDIR=str(scratch / "matplotlib"),
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={served}",
        "--allow-root",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
    ]
    log = OUT / "jupyterlab.log"
    lab = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("w"), env=env, cwd=served)
    deadline = time.time() + 60
    while time.time() < deadline:
        if lab.poll() is not None:
            raise CheckFailed(f"JupyterLab exited at once (see {log})")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return lab
        except OSError:
            time.sleep(0.5)
    stop_lab(lab)
    raise CheckFailed(f"JupyterLab did not start within 60 s (see {log})")


def stop_lab(lab: subprocess.Popen) -> None:
    lab.terminate()
    try:
        lab.wait(timeout=30)
    except subprocess.TimeoutExpired:
        lab.kill()
        lab.wait(timeout=10)


def api(port: int, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/{path}?token={token}", method=method)
    with urllib.request.urlopen(request, timeout=10) as reply:
        body = reply.read()
    return json.loads(body) if body else None


def shut_down_kernels(port: int, token: str) -> None:
    for session in api(port, token, "sessions"):
        api(port, token, f"sessions/{session['id']}", "DELETE")


# ----------------------------------------------------------------------------- the browser


def browser(profile: Path, width: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [*CHROMIUM_FLAGS, f"--window-size={width},{HEIGHT}", f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def dismiss_news(driver) -> int:
    """Close JupyterLab's news question and any other toast, so screenshots show the page."""
    closed = 0
    for button in driver.find_elements(By.XPATH, "//div[contains(@class,'Toastify__toast')]//button"):
        label = (button.text or button.get_attribute("title") or "").strip().lower()
        if label in ("no", "dismiss", "close", "") and button.is_displayed():
            try:
                button.click()
                closed += 1
            except WebDriverException:
                pass
    return closed


def click_menu(driver, menu: str, item: str) -> None:
    wait = WebDriverWait(driver, 30)
    wait.until(
        ready.element_to_be_clickable((By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{menu}']"))
    ).click()
    wait.until(
        ready.element_to_be_clickable((By.XPATH, f"//div[contains(@class,'lm-Menu-itemLabel') and text()='{item}']"))
    ).click()


def run_all_cells(driver) -> str:
    """Run all cells from the Run menu; in a window too narrow for the menu bar, by the same
    command through JupyterLab's command registry. Returns how."""
    bars = [
        b
        for b in driver.find_elements(By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']")
        if b.is_displayed()
    ]
    if bars:
        click_menu(driver, "Run", "Run All Cells")
        return "Run menu"
    driver.execute_script("return window.jupyterapp.commands.execute('notebook:run-all-cells')")
    return "command notebook:run-all-cells (no menu bar at this width)"


def kernel_idle(port: int, token: str) -> bool:
    kernels = [s["kernel"] for s in api(port, token, "sessions")]
    return bool(kernels) and all(k["execution_state"] == "idle" for k in kernels)


class Page:
    """The explorer's widgets in the page, found by the classes ``framing.explore`` gives them."""

    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,))

    def find(self, css: str):
        return self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, css)))

    def position(self) -> str:
        return self.find(".framing-explorer .fx-position").text.strip()

    def units(self) -> list:
        return self.driver.find_elements(By.CSS_SELECTOR, ".framing-explorer .fx-view li.fx-unit")

    def total(self) -> int:
        """The count the view states ('N unit(s) ...' or 'N hit(s) ...')."""
        return int(re.match(r"(\d+)", self.find(".framing-explorer .fx-view .fx-count").text).group(1))

    def hits(self) -> int:
        """The search hits the view states ('N unit(s), M search hit(s) ...')."""
        return int(re.search(r"(\d+) search hit", self.find(".framing-explorer .fx-view .fx-count").text).group(1))

    def render(self) -> str:
        """The view's draw counter (``Explorer.renders``): it changes each time the kernel redraws."""
        return self.driver.execute_script(
            "const m = document.querySelector('.framing-explorer .fx-render'); return m ? m.dataset.render : null;"
        )

    def act(self, action) -> None:
        """Do ``action`` and wait until the kernel has redrawn the view."""
        before = self.render()
        action()
        self.wait.until(lambda d: self.render() != before)

    def dropdown(self, name: str) -> Select:
        return Select(self.find(f".framing-explorer .fx-control-{name} select"))

    def choose(self, name: str, value_text: str) -> None:
        select = self.dropdown(name)
        if select.first_selected_option.text == value_text:
            return
        self.act(lambda: select.select_by_visible_text(value_text))

    def search(self, text: str) -> None:
        box = self.find(".framing-explorer .fx-control-query input")

        def type_it():
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
            box.send_keys(text, Keys.ENTER)

        self.act(type_it)

    def tick(self, css: str) -> None:
        self.act(lambda: self.find(f".framing-explorer {css} input[type=checkbox]").click())

    def click(self, css: str) -> None:
        self.act(lambda: self.find(f".framing-explorer {css}").click())

    def shoot(self, path: Path, css: str = ".framing-explorer") -> None:
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", self.find(css))
        dismiss_news(self.driver)
        time.sleep(0.3)
        self.driver.save_screenshot(str(path))


def typographic_word(data: explore.ExplorerData) -> tuple[str, str] | None:
    """A word the texts print with a curly apostrophe, and how a user types it (straight)."""
    for text in data.sentences["text"]:
        found = re.search(r"\b\w+\u2019\w+\b", text)
        if found:
            return found.group(0), found.group(0).replace("\u2019", "'")
    return None


def prefix_query(data: explore.ExplorerData) -> str | None:
    """A word of the texts that begins other, longer words of the texts ('Russia': 'Russian')."""
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{5,}", " ".join(data.sentences["text"]))))
    return next((w for w in words if any(o != w and o.startswith(w) for o in words)), None)


def check_explorer(driver, port: int, token: str, data: explore.ExplorerData, width: int, exports: Path, note) -> None:
    """Everything a user does in the explorer, checked against ``explore.select``; ``note`` reports what was seen."""
    page = Page(driver)
    driver.get(f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK.name}?token={token}&reset")
    page.find(".jp-Notebook")
    WebDriverWait(driver, WAIT).until(lambda d: kernel_idle(port, token))
    time.sleep(1)
    note(f"news pop-ups dismissed: {dismiss_news(driver)}")
    if width < NARROW:
        current = [
            t
            for t in driver.find_elements(By.CSS_SELECTOR, ".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
            if t.is_displayed()
        ]
        for tab in current:  # a user in a narrow window closes the file browser to make room
            tab.click()
        note(f"narrow window: left sidebar {'collapsed' if current else 'already closed'}")
    note(f"ran all cells by {run_all_cells(driver)}")
    page.find(".framing-explorer .fx-view li.fx-unit")
    n = len(data.sentences)
    expect(page.total() == n, f"default view states {page.total()} units, the tables have {n}")
    views = driver.find_elements(By.CSS_SELECTOR, ".fx-view")
    expect(len(views) == 1, f"{len(views)} explorer views on the page: the view must be drawn once")
    page.shoot(OUT / f"explorer-{width}-default.png")
    first_page = len(page.units())
    expect(first_page == min(n, explore.PAGE_SIZE), f"first page lists {first_page} units")
    if n > explore.PAGE_SIZE:
        page.click(".fx-next")
        expect(
            page.position().startswith(f"{explore.PAGE_SIZE + 1}\u2013"),
            f"after 'next' the position reads {page.position()!r}",
        )
    page.tick(".fx-show-all")
    expect(len(page.units()) == n, f"'show all' lists {len(page.units())} of {n} units")
    note(f"default: {n} units, {first_page} on page 1, all {n} after 'show all'")
    page.tick(".fx-show-all")

    for name in FILTERS:
        options = data.options().get(name, [])
        if not options:
            note(f"{name}: no options in these tables (not shown)")
            continue
        shown, value = options[-1] if name == "outlet" else options[0]
        page.choose(name, shown)
        expected = explore.select(data, **{name: value})
        expect(
            page.total() == len(expected),
            f"{name} = {shown!r}: the view states {page.total()} units, select() finds {len(expected)}",
        )
        page.tick(".fx-show-all")
        items = page.units()
        expect(len(items) == len(expected), f"{name} = {shown!r}: {len(items)} units listed, {len(expected)} expected")
        detail = ""
        if name == "outlet":
            expect(
                all(i.find_element(By.CSS_SELECTOR, ".fx-meta b").text == shown for i in items),
                f"a unit of another outlet under outlet = {shown!r}",
            )
        elif name in ("category", "frame", "actor_group"):
            kind = {"category": "rhetoric", "frame": "frame", "actor_group": "actor"}[name]
            marks = driver.find_elements(By.CSS_SELECTOR, f".fx-view mark.fx-{kind}")
            expect(marks, f"{name} = {shown!r}: nothing highlighted as {kind}")
            titles = [m.get_attribute("title") for m in marks]
            if name == "frame":
                expect(
                    all(shown in t and ("speaker" in t or "own narration" in t) for t in titles),
                    f"frame evidence without its item, voice or speaker: {titles[:3]}",
                )
                notes = driver.find_elements(By.CSS_SELECTOR, ".fx-view .fx-notes")
                expect(len(notes) == len(items), "not every unit lists its frame evidence")
                hand = driver.find_elements(By.CSS_SELECTOR, ".fx-view .fx-hand")
                detail = f", {len(marks)} evidence highlight(s); hand codes shown for {len(hand)} unit(s)"
                page.shoot(OUT / f"explorer-{width}-frame.png")
            if name == "category":
                expect(
                    not driver.find_elements(By.CSS_SELECTOR, ".fx-view mark.fx-frame"),
                    "frame marks under a category filter",
                )
                expect(
                    all(t.startswith(shown) for t in titles if "rhetoric" not in t), f"rhetoric titles: {titles[:3]}"
                )
                detail = f", {len(marks)} term(s) highlighted"
        note(f"{name} = {shown!r}: {len(items)} units{detail}")
        page.tick(".fx-show-all")
        page.choose(name, explore.ANY_LABEL)
        expect(page.total() == n, f"back to (any) for {name}: {page.total()} units")

    word = typographic_word(data)
    if word:
        printed, typed = word
        page.search(typed)
        expected = explore.select(data, query=typed)
        expect(
            page.total() == len(expected) > 0,
            f"search {typed!r}: the view states {page.total()}, select() finds {len(expected)}",
        )
        hits = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".fx-view mark.fx-search")]
        expect(
            hits and all(explore.fold(h).lower() == typed.lower() for h in hits),
            f"search {typed!r} highlighted {hits[:5]}",
        )
        note(f"search {typed!r} (printed {printed!r}): {len(expected)} unit(s), {len(hits)} hit(s) highlighted")
        page.shoot(OUT / f"explorer-{width}-search.png")
        page.click(".fx-control-mode button:nth-of-type(2)")
        rows = driver.find_elements(By.CSS_SELECTOR, ".fx-view .fx-kwic tr")
        expect(
            len(rows) == min(int(expected["hits"].sum()), explore.PAGE_SIZE), f"keyword in context: {len(rows)} rows"
        )
        note(f"keyword in context: {len(rows)} row(s)")
        page.click(".fx-control-mode button:nth-of-type(1)")
    for markup in ("<i>x</i>", "a<b"):
        page.search(markup)
        count = page.find(".fx-view .fx-count")
        expect(markup in count.text, f"the query {markup!r} is not shown as text: {count.text!r}")
        expect(not driver.find_elements(By.CSS_SELECTOR, ".fx-view .fx-count i"), f"the query {markup!r} became markup")
    note("queries <i>x</i> and a<b shown as text, not markup")
    stem = prefix_query(data)
    if stem:
        page.search(stem)
        whole, whole_hits = page.total(), page.hits()
        page.tick(".fx-control-prefix")
        expected = explore.select(data, query=stem, prefix=True)
        expect(
            page.total() == len(expected) >= whole > 0 and page.hits() == expected["hits"].sum() > whole_hits,
            f"word beginnings {stem!r}: {page.total()} units, {page.hits()} hits vs whole words {whole}, {whole_hits}",
        )
        note(
            f"{stem!r}: {whole} unit(s) / {whole_hits} hit(s) as a whole word, "
            f"{page.total()} / {page.hits()} as word beginnings"
        )
        page.tick(".fx-control-prefix")
    page.search("")

    outlet = data.options()["outlet"][0]
    page.choose("outlet", outlet[0])
    category = data.options().get("category", [("", "")])[0]
    if category[1]:
        page.choose("category", category[0])
    expected = explore.select(data, outlet=outlet[1], category=category[1])
    page.find(".framing-explorer .fx-export").click()
    status = WebDriverWait(driver, WAIT).until(ready.presence_of_element_located((By.CSS_SELECTOR, ".fx-exported")))
    path = Path(status.get_attribute("data-path"))
    expect(path.parent == exports, f"export went to {path}, not the scratch folder {exports}")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expect(
        len(rows) == len(expected) == int(status.get_attribute("data-rows")),
        f"export: {len(rows)} rows, {len(expected)} expected",
    )
    expect(
        [r["sentence_id"] for r in rows] == expected["sentence_id"].tolist(), "export: not the selected units in order"
    )
    expect(driver.find_elements(By.CSS_SELECTOR, ".fx-exported a[download]"), "export: no download link")
    note(f"export of outlet {outlet[0]!r} + {category[0]!r}: {len(rows)} rows in {path.name}, with a download link")
    page.shoot(OUT / f"explorer-{width}-export.png", ".framing-explorer .fx-export")


def check_saved_figures(driver, port: int, token: str, executed: Path, figures_dir: Path) -> str:
    """The executed notebook shows each saved figure at the PNG's own pixel size."""
    expected = sorted(figures.png_size(p.read_bytes()) for p in figures_dir.glob("03_*.png"))
    driver.get(f"http://127.0.0.1:{port}/lab/tree/{executed.name}?token={token}&reset")
    wait = WebDriverWait(driver, WAIT)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".jp-RenderedImage img")) >= len(expected))
    images = driver.find_elements(By.CSS_SELECTOR, ".jp-RenderedImage img")
    wait.until(
        lambda d: all(
            d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", i) for i in images
        )
    )
    shown = sorted(
        tuple(driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", i))
        for i in images
    )
    expect(shown == expected, f"{executed.name}: images of {shown} px, expected the saved PNGs' {expected}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", images[0])
    dismiss_news(driver)
    driver.save_screenshot(str(OUT / "executed-03-figure.png"))
    return f"{executed.name}: {len(images)} figure(s) shown, each the saved PNG's size"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--processed", type=Path, default=paths.PROCESSED_DIR, help="tables the explorer reads (default data/processed)"
    )
    parser.add_argument(
        "--widths", type=int, nargs="+", default=list(WIDTHS), help="window widths in px (default 1280 400)"
    )
    parser.add_argument(
        "--executed", type=Path, default=EXECUTED, help="executed notebook 03 (default build/notebooks/...)"
    )
    parser.add_argument(
        "--figures", type=Path, default=paths.FIGURES_DIR, help="saved figures to compare with (default figures/)"
    )
    parser.add_argument("--explorer-only", action="store_true", help="skip the executed-notebook figure check")
    args = parser.parse_args(argv)
    executed = None if args.explorer_only else args.executed.resolve()
    if executed is not None and not executed.is_file():
        print(f"{executed} is missing: run run_all.py first, or pass --explorer-only", file=sys.stderr)
        return 1
    processed = args.processed.resolve()
    data = explore.load(processed)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    scratch = Path(tempfile.mkdtemp(prefix="framing-browser-check-"))
    signal.signal(
        signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError(f"browser check ran over {WHOLE_RUN_LIMIT} s"))
    )
    signal.alarm(WHOLE_RUN_LIMIT)
    lab = driver = None
    port, token = free_port(), secrets.token_hex(16)
    report = []
    try:
        served = lab_folder(scratch, processed, executed)
        (scratch / "exports").mkdir()
        lab = start_lab(scratch, served, port, token)
        for width in args.widths:
            driver = browser(scratch / f"profile-{width}", width)

            def note(line: str, width: int = width) -> None:
                report.append(f"[{width} px] {line}")
                print(report[-1], flush=True)

            check_explorer(driver, port, token, data, width, scratch / "exports", note)
            shut_down_kernels(port, token)
            if executed is not None and width == args.widths[0]:
                note(check_saved_figures(driver, port, token, executed, args.figures.resolve()))
            driver.quit()
            driver = None
    except (CheckFailed, TimeoutException, TimeoutError) as failure:
        if driver is not None:
            driver.save_screenshot(str(OUT / "failure.png"))
        traceback.print_exc()
        print(f"FAILED: {type(failure).__name__}: {failure} (screenshot: {OUT / 'failure.png'})", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        if driver is not None:
            driver.quit()
        if lab is not None:
            try:
                shut_down_kernels(port, token)
            except OSError:
                pass
            stop_lab(lab)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"screenshots: {', '.join(sorted(p.name for p in OUT.glob('*.png')))} in {OUT}")
    print(f"left behind: nothing ({scratch} with the lab settings, workspace, profile and exports removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
