"""The page times of the benchmark (python -m lib.bench): the overview and area 3 under Streamlit's
AppTest, through the router and signed in, in a fresh process per size (cold = empty data caches,
warm = median of 7), and the framework's floor: a bare Streamlit script drawing the same elements
(markdown, alerts, data frames, tables, Vega-Lite specs with their data, the sidebar's widgets)."""
from __future__ import annotations

import json
import os
import pickle
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from lib.core.settings import ROOT
from lib.store import auth, db

PAGES = {"overview": "pages/overview.py", "area_3": "pages/area_3.py"}
WARM_RUNS = 7


def measure_pages(url: str, folder: Path) -> dict:
    """The page times, measured in a fresh process (`python -m lib.bench --pages URL`)."""
    out = folder / f"pages_{uuid.uuid4().hex[:6]}.json"
    env = {**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": "bench-cookie-key-0123456789abcdef-0123456789"}
    subprocess.run([sys.executable, "-m", "lib.bench", "--pages", url, "--out", str(out)], check=True, env=env,
                   cwd=ROOT)
    return json.loads(out.read_text())


_CPU: list[float] = []  # the script thread's CPU seconds of each run (`_thread_cpu`)


def _thread_cpu() -> None:
    """Note the CPU time of the thread that runs each script (time.thread_time): unlike the wall
    clock, it hardly moves with the machine's load (other processes on the 2 cores)."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def timed(self, *args, **kwargs):
        start = time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            _CPU.append(time.thread_time() - start)

    script_runner.ScriptRunner._run_script = timed


def _run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.message for e in at.exception]
    return elapsed


def _timed(at, runs: int = 1) -> tuple[float, float]:
    """The median wall and script-thread CPU seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = len(_CPU)
        walls.append(_run(at))
        cpus.append(sum(_CPU[before:]) if len(_CPU) > before else float("nan"))
    return statistics.median(walls), statistics.median(cpus)


def _router_mode() -> None:
    """As tests/conftest.py `router_mode`: run through the router as the server does after its first run."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.pages_manager import PagesManager

    class RouterMode(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = RouterMode


def _server_script_cache() -> None:
    """AppTest compiles the scripts again on every run (a new ScriptCache per run); a running server
    compiles each script once. Share one cache, as the server does (for the pages and the floor alike)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


TABLES = ("dataframe", "table")  # AppTest's element types of st.dataframe and st.table


def _elements(block) -> list[tuple[str, object]]:
    """What a page drew, in order, as (kind, payload) for the floor script."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    out = []
    for node in getattr(block, "children", {}).values():
        kind = getattr(node, "type", None)
        proto = getattr(node, "proto", None)
        if kind in ("markdown", "title", "header", "subheader", "caption"):
            out.append(("markdown", proto.body))
        elif kind in ("warning", "info", "error", "success"):
            out.append((kind, proto.body))
        elif kind in TABLES:
            out.append((kind, node.value))
        elif kind == "vega_lite_chart":
            spec = json.loads(proto.spec)
            datasets = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records")
                        for d in proto.datasets}
            if datasets:
                spec["datasets"] = {**spec.get("datasets", {}), **datasets}
            if proto.HasField("data") and proto.data.data:
                spec["data"] = {"values": convert_arrow_bytes_to_pandas_df(proto.data.data).to_dict("records")}
            if proto.selection_mode:  # a map: a click on it reruns
                out.append(("map", (spec, list(proto.selection_mode))))
            else:
                out.append(("chart", spec))
        elif kind in ("radio", "selectbox"):
            out.append((kind, (node.label, list(node.options))))
        elif kind == "download_button":
            out.append(("download", node.proto.label))
        if hasattr(node, "children") and kind not in TABLES:
            out += _elements(node)
    return out


FLOOR_SCRIPT = '''\
import pickle
import streamlit as st
from lib.web.page_times import draw_floor
st.set_page_config(layout="wide")
with open({path!r}, "rb") as f:
    draw_floor(pickle.load(f))
'''


def draw_floor(elements: list, prefix: str = "") -> None:
    """Draws `elements` (as `_elements` lists them) plainly, one after the other: the floor."""
    import streamlit as st

    for i, (kind, payload) in enumerate(elements):
        key = f"{prefix}{kind}{i}"
        if kind == "markdown":
            st.markdown(payload, unsafe_allow_html=True)
        elif kind in ("warning", "info", "error", "success"):
            getattr(st, kind)(payload)
        elif kind == "dataframe":
            st.dataframe(payload, hide_index=True, key=key)
        elif kind == "table":
            st.table(payload, hide_index=True)
        elif kind == "chart":
            st.vega_lite_chart(payload, key=key)
        elif kind == "map":
            st.vega_lite_chart(payload[0], key=key, on_select="rerun", selection_mode=payload[1])
        elif kind == "radio":
            st.radio(payload[0], payload[1], key=key)
        elif kind == "selectbox":
            st.selectbox(payload[0], payload[1], key=key)
        elif kind == "download":
            st.download_button(payload, b"x", key=key, on_click="ignore")


def write_floor(elements: list, folder: Path, name: str) -> Path:
    """The floor script drawing `elements` (its data pickled beside it)."""
    data = folder / f"floor_{name}.pkl"
    data.write_bytes(pickle.dumps(elements))
    script = folder / f"floor_{name}.py"
    script.write_text(FLOOR_SCRIPT.format(path=str(data)), encoding="utf-8")
    return script


def _floor(elements: list, folder: Path, name: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """(cold, warm) of a bare script drawing `elements`, the framework's floor, each (wall, CPU)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(write_floor(elements, folder, name)), default_timeout=120)
    return _timed(at), _timed(at, WARM_RUNS)


def _data_changed() -> None:
    """What a write does to the pages' caches: the data version moves (lib.store.db), so every
    loader keyed on it misses (st.cache_data and st.cache_resource alike); st.cache_data is
    cleared too."""
    import streamlit as st

    from lib.core import settings

    st.cache_data.clear()
    with db.get_engine(settings.load().database_url).begin() as conn:
        db.bump_data_version(conn)


def _signed_in_app(username: str):
    """The app under AppTest, through the router, signed in as `username` (AppTest has no cookies:
    the session is seeded as the login leaves it); Streamlit's warnings silenced."""
    import logging

    logging.disable(logging.WARNING)
    from streamlit.testing.v1 import AppTest

    _router_mode()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    return at


def pages_in_this_process(out: Path) -> None:
    """Time the overview and area 3, then the floor of each. Cold: the page's first run after a
    data change in a running server (the data version moved and every st.cache_data cleared:
    `_data_changed`; modules imported and the process's first run done before, as `first_run`);
    warm: the median of 7 later runs. Each is timed by the wall clock and by the CPU time of the
    script's thread (`..._cpu`), which the machine's load moves far less."""
    at = _signed_in_app("bench")
    # imported before timing: a running server has them loaded
    import lib.web.area_page  # noqa: F401  (pyflakes: used for its import)

    _server_script_cache()
    _thread_cpu()
    times: dict = {"notes": []}
    folder = out.parent
    # the process's very first run (Streamlit's and Altair's lazy set-up) is kept apart from "cold"
    at.switch_page(PAGES["overview"])
    try:
        times["first_run"] = _run(at)
    except AssertionError:
        times["first_run"] = float("nan")
    for name, page in PAGES.items():
        at.switch_page(page)
        _data_changed()
        times[f"{name}_cold"], times[f"{name}_cold_cpu"] = _timed(at)
        times[f"{name}_warm"], times[f"{name}_warm_cpu"] = _timed(at, WARM_RUNS)
        elements = _elements(at.sidebar) + _elements(at.main)
        cold, warm = _floor(elements, folder, name)
        (times[f"{name}_floor_cold"], times[f"{name}_floor_cold_cpu"]), \
            (times[f"{name}_floor_warm"], times[f"{name}_floor_warm_cpu"]) = cold, warm
    out.write_text(json.dumps(times))


def capture(username: str, out: Path) -> None:
    """The elements (`_elements`) of the overview and area 3 as `username` sees them, pickled to
    `out` as {page: {"sidebar": [...], "main": [...]}} (for lib.web.browser_times' bare app)."""
    at = _signed_in_app(username)
    captured = {}
    for name, page in PAGES.items():
        at.switch_page(page)
        _run(at)
        captured[name] = {"sidebar": _elements(at.sidebar), "main": _elements(at.main)}
    out.write_bytes(pickle.dumps(captured))


def bench_account(url: str) -> None:
    """The account the timed pages are signed in as (when the database has none)."""
    engine = db.get_engine(url)
    if auth.count_users(engine) == 0:
        auth.add_user(engine, "bench", "Benchmark", auth.LANH_DAO, "bench-password-0123", actor="bench")
