"""Shared by the browser tests: a Streamlit server on a seeded demo database, headless Chromium
(Debian's, never a downloaded one), and browser contexts signed in through the login form."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from browser_kit import ARGS, CHROMIUM, ROOT, free_port, sign_in
from lib import db, demo


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason="no Chromium at /usr/bin/chromium"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    url = f"sqlite:///{path}"
    demo.seed_demo(db.get_engine(url))
    db.get_engine(url).dispose()
    port = free_port()
    log = open(path.parent / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": "browser-test-key-0123456789abcdef-xyz"},
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("streamlit did not start: " + (path.parent / "streamlit.log").read_text())
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


COOKIE = "cchc_dang_nhap"


@pytest.fixture(scope="module")
def signed_in(server, browser):
    """Signed in as the demo secretariat, first from a deep link straight after the start."""
    context = sign_in(browser, server, "noivu", "demo-noivu", url="/area_3")
    yield context
    context.close()
