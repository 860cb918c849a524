"""The app as a server runs it, for the benchmark (python -m lib.bench --users) and the browser
tests: `streamlit run app.py` on a free port, the reverse proxy of the README's shared deployment
(nginx, sticky sessions on a cookie) in front of several of them, and Debian's headless Chromium
(never a downloaded one) with the arguments that work on this kind of machine."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lib.core.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1920, "height": 1080}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(base: str, what: str, log_path: Path) -> None:
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} at {base} did not start: " + log_path.read_text(errors="replace"))


TEST_COOKIE_KEY = "browser-test-key-0123456789abcdef-xyz"  # the browser tests' servers'


class Server:
    """`streamlit run SCRIPT` (the app unless told) on a free port of 127.0.0.1, on the database at
    `url` with a cookie key, `env` added; its log in `log_path`."""

    def __init__(self, url: str, log_path: Path, cookie_key: str = TEST_COOKIE_KEY,
                 script: Path | str = "app.py", env: dict[str, str] | None = None):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.base = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", self.base.rsplit(":", 1)[1], "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": cookie_key, **(env or {})},
            stdout=self.log, stderr=subprocess.STDOUT)

    def wait_healthy(self) -> None:
        """Waits (up to a minute) for the server to answer; RuntimeError with its log if it does not."""
        _wait_healthy(self.base, "streamlit", self.log_path)

    def stop(self) -> None:
        _stop(self.process)
        self.log.close()


@contextlib.contextmanager
def serving(url: str, log_path: Path, cookie_key: str = TEST_COOKIE_KEY, script: Path | str = "app.py",
            env: dict[str, str] | None = None):
    """A running Server's address, while the block runs."""
    server = Server(url, log_path, cookie_key, script, env)
    try:
        server.wait_healthy()
        yield server.base
    finally:
        server.stop()


def sign_in(browser, base: str, username: str, password: str, url: str = "", shot: Path | None = None):
    """A new browser context (1920x1080) signed in through the login form, once its cookie is set.
    Raises RuntimeError when the cookie never comes or the page shows an error (screenshot to `shot`)."""
    from lib.web.login import COOKIE_NAME  # (imports Streamlit: not in the benchmark's own process)

    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}{url}")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đang đăng nhập").first.wait_for(timeout=60_000)
    for _ in range(100):  # the cookie is written by a small component, asynchronously
        if any(c["name"] == COOKIE_NAME for c in context.cookies()):
            break
        page.wait_for_timeout(100)
    else:
        context.close()
        raise RuntimeError("the login cookie was never set")
    if page.locator("[data-testid='stException']").count():
        if shot is not None:
            page.screenshot(path=shot, full_page=True)
        context.close()
        raise RuntimeError("the page shows an error after the sign-in")
    page.close()
    return context


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The README's proxy (section "Triển khai dùng chung"), without TLS, on a local port: each browser
# is sent to one server by a cookie the proxy sets on its first answer (nginx's `hash` on it), and
# the WebSocket upgrade is passed through.
NGINX_CONF = """\
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx_error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;

    map $cookie_cchc_server $cchc_server {{
        ""      $request_id;
        default $cookie_cchc_server;
    }}
    upstream cchc {{
        hash $cchc_server consistent;
{servers}
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    server {{
        listen 127.0.0.1:{port};
        add_header Set-Cookie "cchc_server=$cchc_server; Path=/; HttpOnly; SameSite=Lax";
        location / {{
            proxy_pass http://cchc;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
        }}
        location /_stcore/stream {{
            proxy_pass http://cchc;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400s;
        }}
    }}
}}
"""
STICKY_COOKIE = "cchc_server"


def nginx() -> str | None:
    """The nginx program, or None where it is not installed."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


class Proxy:
    """nginx in front of `bases` (addresses of running servers) with sticky sessions, on a free port."""

    def __init__(self, bases: list[str], folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        servers = "\n".join(f"        server {b.split('//', 1)[1]};" for b in bases)
        conf = folder / "nginx.conf"
        conf.write_text(NGINX_CONF.format(folder=folder, port=port, servers=servers))
        self.log_path = folder / "nginx_error.log"
        self.log_path.touch()
        self.process = subprocess.Popen([nginx(), "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait_healthy(self.base, "nginx", self.log_path)

    def stop(self) -> None:
        _stop(self.process)
