"""Real-browser fixtures: `streamlit run app.py` on a free port, driven by Playwright with Debian's Chromium.

Like Streamlit's own e2e_playwright conftest: start the app, then wait for the script to
finish (`data-test-script-state='notRunning'`) before looking at the page.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("KPI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(db_path: Path, app_dir: Path = ROOT, extra_env: dict | None = None):
    """Start the dashboard; returns (process, base_url). The caller stops it.

    STREAMLIT_SERVER_BASE_URL_PATH in `extra_env` serves it under that path, which base_url then ends with."""
    port = free_port()
    env = dict(os.environ, KPI_DB=str(db_path), **(extra_env or {}))
    log_path = Path(db_path).parent / f"server-{port}.log"
    log = open(log_path, "wb")  # noqa: SIM115 (handed to the server process)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=app_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the server holds its own copy; a pipe nobody read could fill and stop the server
    proc.log_path = log_path  # what it printed, for a test to read
    base = (extra_env or {}).get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    output = log_path.read_text(errors="replace")
    raise RuntimeError(f"streamlit did not start:\n{output[-3000:]}")


def stop_app(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def start_secured_app(folder: Path, db_template: Path, users: dict[str, tuple[str, str]]):
    """The app run from a copy of the project whose .streamlit/secrets.toml lists `users` (name -> (password,
    role)), on its own copy of the demo database. Returns (process, base_url, database); the caller stops it."""
    from kpi.auth import hash_password

    app_dir = folder / "app"
    shutil.copytree(
        ROOT,
        app_dir,
        ignore=shutil.ignore_patterns(
            ".git",
            "__pycache__",
            "tests",
            "*.duckdb",
            "*.duckdb.wal",
            "backups",
            "test-results",
            "screenshots",
            ".venv",
        ),
    )
    (app_dir / ".streamlit" / "secrets.toml").write_text(
        "".join(
            f'[users.{name}]\npassword_hash = "{hash_password(pw, n=2**12)}"\nrole = "{role}"\n\n'
            for name, (pw, role) in users.items()
        )
    )
    db = app_dir / "kpi.duckdb"
    shutil.copy(db_template, db)
    proc, url = start_app(db, app_dir=app_dir)
    return proc, url, db


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}; the README's test command installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_url(demo_db_template, tmp_path_factory):
    """The dashboard on its own copy of the demo database, for one test module."""
    db = tmp_path_factory.mktemp("e2e") / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    proc, url = start_app(db)
    yield url
    stop_app(proc)


@pytest.fixture(scope="module")
def shipped_url(demo_db_template, tmp_path_factory):
    """The dashboard on the demo as shipped: Kent's school-based indicators linked to the built-in snapshot."""
    from kpi.demo import load_school_demo
    from kpi.store import Store

    db = tmp_path_factory.mktemp("e2e-shipped") / "kpi.duckdb"
    shutil.copy(demo_db_template, db)
    store = Store(db)
    load_school_demo(store)
    store.close()
    proc, url = start_app(db)
    yield url
    stop_app(proc)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def wait_idle(page, timeout: int = 90000) -> None:
    """Wait until Streamlit has finished running the script for this page.

    A module's first page on a freshly started server also fills the caches (every indicator's series and
    forecast): seconds on a quiet machine, far longer on a busy one, hence the generous limit."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


def browser_sign_in(page, url: str, name: str, password: str) -> None:
    """Sign in through the Sign in page's form, as a person would, and wait for the page that follows."""
    page.goto(url + "/signin")
    wait_idle(page)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"You are signed in as {name}").wait_for(timeout=30000)
    wait_idle(page)


def wait_drawn(page, timeout: int = 120000) -> None:
    """wait_idle, then until every chart on the page has drawn its SVG text (axes, legend)."""
    wait_idle(page, timeout=timeout)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .every(c => c.querySelector('svg text, canvas'))""",
        timeout=30000,
    )
    page.wait_for_timeout(300)
    wait_idle(page, timeout=timeout)


def menu_links(page) -> dict[str, list[str]]:
    """The menu as a person sees it: each section of the top bar opened in turn, its links' names listed."""
    menu = {}
    nav = page.get_by_test_id("stTopNav")
    nav.wait_for(timeout=30000)
    for section in nav.get_by_test_id("stTopNavSection").all():
        section.click()
        popover = page.get_by_test_id("stTopNavPopover")
        popover.wait_for(timeout=10000)
        menu[section.inner_text().strip()] = [
            link.inner_text().split("\n")[-1].strip() for link in popover.get_by_test_id("stTopNavDropdownLink").all()
        ]
        page.keyboard.press("Escape")
        popover.wait_for(state="hidden", timeout=10000)
    return menu


def download_from(page, button: str, timeout: int = 60000):
    """Press a download button and return Playwright's Download, as a person does: press again if nothing came.

    A button whose file is made on the click (Streamlit's deferred download) once in about seventy presses
    gave no file and no error on this machine, and once in CI; the cause lies in Streamlit and was not
    found. A person presses again, so this does too, once, and says so as a warning with what the page
    sent and got; two misses in a row fail the test."""
    from playwright.sync_api import TimeoutError

    seen: list[str] = []

    def note(response):
        if "/media/" in response.url:
            seen.append(f"{response.status} {response.url}")

    page.on("response", note)
    target = page.get_by_role("button", name=button)
    target.wait_for(timeout=timeout)
    try:
        try:
            with page.expect_download(timeout=timeout) as got:
                target.click()
            return got.value
        except TimeoutError:
            warnings.warn(f"no file came from the first press of {button!r}; media responses: {seen}", stacklevel=2)
        wait_idle(page)
        with page.expect_download(timeout=timeout) as got:
            target.click()
        return got.value
    finally:
        page.remove_listener("response", note)


def open_from_menu(page, section: str, title: str) -> None:
    """Open a page the way a person does: its section's menu in the top bar, then its link."""
    page.get_by_test_id("stTopNavSection").filter(has_text=section).click()
    page.get_by_test_id("stTopNavPopover").get_by_test_id("stTopNavDropdownLink").filter(has_text=title).click()
    wait_idle(page)
