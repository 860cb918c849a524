"""Time the dashboard's pages under AppTest on the demo district (not a test: it prints numbers).

    python tools/measure_pages.py            # seeds a temporary demo database first

Cold: the first run of a page in a fresh process (empty Streamlit caches; the app's own imports
included for the very first run). Warm: the median of later runs of the same page.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.message for e in at.exception]
    return elapsed


def measure(first_page: str) -> None:
    """In this (fresh) process: the first page cold, then warm, then the other page."""
    import logging

    logging.disable(logging.WARNING)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["authentication_status"] = True  # signed in as the demo leader
    at.session_state["username"] = "lanhdao"
    pages = {"overview": "pages/overview.py", "area_3": "pages/area_3.py"}
    order = [first_page] + [p for p in pages if p != first_page]
    results = {}
    for i, name in enumerate(order):
        at.switch_page(pages[name])  # (before the first run too: a deep link)
        label = " (first run of the process)" if i == 0 else ""
        results[f"{name} cold{label}"] = timed(at)
        results[f"{name} warm (median of 5)"] = statistics.median(timed(at) for _ in range(5))
    at.switch_page(pages["area_3"])
    timed(at)
    at.session_state["area3_map_3.1b"] = {"selection": {"commune": [{"unit_code": "00379"}]}}
    results["area_3 after a tile click"] = timed(at)
    at.radio(key="area3_grain_vi").set_value("quarter")
    results["area_3 switched to quarters"] = timed(at)
    for name, seconds in results.items():
        if seconds is not None:
            print(f"{name:45s} {seconds * 1000:8.0f} ms")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--in-process":
        measure(sys.argv[2])
        return
    from lib import db, demo

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        start = time.perf_counter()
        demo.seed_demo(db.get_engine(url))
        print(f"{'seed-demo':45s} {(time.perf_counter() - start) * 1000:8.0f} ms")
        for first in ("overview", "area_3"):
            print(f"-- a fresh process, starting on {first}")
            subprocess.run([sys.executable, __file__, "--in-process", first], check=True,
                           env={**os.environ, "DATABASE_URL": url})


if __name__ == "__main__":
    main()
