"""Helpers of the browser tests: Debian's Chromium, screen sizes, signing in, opening pages."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = [(1920, 1080), (1280, 720)]
from lib.login import COOKIE_NAME as COOKIE  # noqa: E402



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(browser, server: str, username: str, password: str, url: str = ""):
    """A new browser context signed in through the login form (the login cookie is set)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}{url}")
    page.get_by_text("demo-noivu").first.wait_for(timeout=30_000)  # demo mode lists its accounts
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đang đăng nhập").first.wait_for(timeout=30_000)
    for _ in range(100):  # the cookie is written by a small component, asynchronously
        if any(c["name"] == COOKIE for c in context.cookies()):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the login cookie was never set")
    if page.locator("[data-testid='stException']").count():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "login_exception.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
    return context


def open_page(context, url: str, width: int = 1920, height: int = 1080, nav: str | None = None):
    """A new tab (signed in by the cookie) at `url`, then, if given, the sidebar link `nav`."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    if nav:
        page.get_by_role("link", name=nav).first.click()
    return page



