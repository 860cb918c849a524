"""The app as a server runs it, for the benchmark (python -m lib.bench --users) and the browser
tests: `streamlit run app.py` on a free port, the reverse proxy of the README's shared deployment
(nginx, sticky sessions on a cookie) in front of several of them, and Debian's headless Chromium
(never a downloaded one) with the arguments that work on this kind of machine."""
from __future__ import annotations

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


class Server:
    """`streamlit run app.py` on a free port with DATABASE_URL and a cookie key; its log in `log_path`."""

    def __init__(self, url: str, log_path: Path, cookie_key: str = "browser-test-key-0123456789abcdef-xyz"):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.base = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", self.base.rsplit(":", 1)[1], "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": cookie_key},
            stdout=self.log, stderr=subprocess.STDOUT)

    def wait_healthy(self) -> None:
        _wait_healthy(self.base, "streamlit", self.log_path)

    def stop(self) -> None:
        _stop(self.process)
        self.log.close()


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
