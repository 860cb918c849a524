"""The benchmark of the issue "Speed and scale": `python -m lib.bench` prints one table.

    python -m lib.bench [--sizes district,province,country] [--backends sqlite,postgresql]
                        [--quick] [--no-pages] [--pg-admin URL]

Three sizes, each built from the official pre-2025 unit list (lib.io.official) into a fresh database:

- district: the demo district 016 (Sóc Sơn, Hà Nội) with the demo's synthetic figures (lib.store.demo)
  from 01/2022 to the last full month;
- province: every pre-2025 district of province 01 (Hà Nội: 30 districts, 579 communes) over one
  year (2025), every indicator of every unit monthly;
- country: all 63 provinces (lib.store.units.setup_province: 696 districts, 10,051 communes) over one
  year (2025), every indicator of every unit monthly. `--quick` uses the first 3 months only.

Per size and backend (SQLite: a temporary file; PostgreSQL: a fresh database created and dropped
on 127.0.0.1:5432): the number of units and figures; import rows/s through
lib.io.importer.import_observations of a CONTRACT.md CSV file; scoring of the full year
(lib.store.results.district_scores for the root; for the country lib.store.results.scores_of_roots over every
province); the export (lib.io.exporter.export_frame + lib.io.sheets.csv_bytes, all areas); and the page times
under AppTest (a fresh process per size: the overview and area 3, cold = empty data caches, warm =
median of 7), with the same elements drawn by a bare Streamlit script as the framework's floor.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from lib.core import settings

ROOT = Path(__file__).resolve().parent.parent
SIZES = ("district", "province", "country")
BACKENDS = ("sqlite", "postgresql")
PROVINCE = "01"  # Hà Nội: 30 districts, 579 communes
BENCH_YEAR = 2025  # the one year of the province and country sizes
QUICK_MONTHS = 3
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/postgres")
PAGES = {"overview": "pages/overview.py", "area_3": "pages/area_3.py"}
WARM_RUNS = 7

# Monthly synthetic figures per level: indicator -> (measure, typical denominator, share met).
COMMUNE_FIGURES = {
    "1.1": ("yes_no", 1, 0.9), "1.2a": ("yes_no", 1, 0.7), "1.2b": ("ratio", 3, 0.8), "1.3": ("yes_no", 1, 0.8),
    "2.1": ("ratio", 1, 0.9), "3.1b": ("ratio", 180, 0.3), "3.2a": ("ratio", 120, 0.97),
    "3.2b": ("ratio", 120, 0.95), "3.3": ("ratio", 400, 0.22), "3.4": ("ratio", 180, 0.97),
    "5.1": ("ratio", 11, 0.85), "5.2": ("ratio", 12, 0.8), "6.1": ("yes_no", 1, 0.9), "7.2": ("ratio", 220, 0.35),
}
DISTRICT_FIGURES = {
    "2.1": ("ratio", 4, 0.9), "3.1a": ("ratio", 180, 0.8), "3.1b": ("ratio", 900, 0.3),
    "3.2a": ("ratio", 310, 0.97), "3.2b": ("ratio", 310, 0.95), "3.3": ("ratio", 2500, 0.22),
    "3.4": ("ratio", 900, 0.97), "6.2": ("yes_no", 1, 0.8), "7.1": ("ratio", 42, 0.55),
}
AGENCY_FIGURES = {"4.1": ("yes_no", 1, 0.85), "6.1": ("yes_no", 1, 0.9), "7.2": ("ratio", 380, 0.42)}
FIGURES_BY_KIND = {"xa": COMMUNE_FIGURES, "thi_tran": COMMUNE_FIGURES, "phuong": COMMUNE_FIGURES,
                   "huyen": DISTRICT_FIGURES, "co_quan": AGENCY_FIGURES}
REPORTING = 0.97  # share of due figures that arrive


# --- building the data ----------------------------------------------------------------------------

def setup_units(engine, size: str) -> None:
    """The size's units from the official list (province and country: lib.store.units.setup_province)."""
    from lib.io import official
    from lib.store.units import setup_province

    if size == "district":
        _setup_demo_district(engine)
    elif size == "province":
        setup_province(engine, official.find_province(PROVINCE))
    elif size == "country":
        codes = sorted({f"{p['code']:02d}" for p in official._provinces()})
        for code in codes:
            setup_province(engine, official.find_province(code))
    else:
        raise ValueError(size)


def _setup_demo_district(engine) -> None:
    from lib.io import official
    from lib.store import demo
    from lib.store.models import Unit
    from lib.store.units import setup_district, write_units

    setup_district(engine, official.find_district(demo.DEMO_DISTRICT))
    with engine.begin() as conn:
        write_units(conn, [{"code": f"{demo.DEMO_DISTRICT}-{suffix}", "name": name, "kind": "dvsn",
                            "parent_code": demo.DEMO_DISTRICT, "partly_self_financed": partly}
                           for suffix, name, partly in demo.DEMO_PSUS])
        conn.execute(Unit.__table__.update().where(Unit.code.in_(demo.DEMO_DBKK)).values(dbkk=True))


def _all_units(conn) -> pd.DataFrame:
    from sqlalchemy import select

    from lib.store.models import Unit

    return pd.DataFrame(conn.execute(select(Unit.code, Unit.kind, Unit.partly_self_financed)
                                     .order_by(Unit.code)).all(), columns=["code", "kind", "partly_self_financed"])


def months_of(size: str, quick: bool) -> int:
    return QUICK_MONTHS if quick and size == "country" else 12


def estimate_rows(units: pd.DataFrame, months: int) -> int:
    """Figures before the reporting gaps: units x their level's indicators x months."""
    per_kind = units["kind"].map({k: len(v) for k, v in FIGURES_BY_KIND.items()}).fillna(0)
    return int(per_kind.sum() * months)


def monthly_figures(units: pd.DataFrame, year: int, months: int, seed: int = 2025) -> pd.DataFrame:
    """Every indicator of every unit of the levels that report it, monthly (a few gaps), in the
    import format of CONTRACT.md: ma_don_vi, ma_chi_tieu, ky, tu_so, mau_so, ghi_chu."""
    rng = np.random.default_rng(seed)
    frames = []
    periods = np.array([f"{year}-{m:02d}" for m in range(1, months + 1)])
    for kind, figures in FIGURES_BY_KIND.items():
        codes = units.loc[units["kind"] == kind, "code"].to_numpy()
        if not len(codes):
            continue
        quality = rng.uniform(0.85, 1.1, len(codes))
        for indicator, (measure, typical, share) in figures.items():
            unit = np.repeat(codes, months)
            q = np.repeat(quality, months)
            period = np.tile(periods, len(codes))
            n = len(unit)
            if measure == "yes_no":
                den = np.ones(n, dtype=np.int64)
                num = (rng.random(n) < np.clip(share * q, 0, 1)).astype(np.int64)
            else:
                den = np.maximum(0, rng.normal(typical, max(1.0, typical * 0.25), n).round()).astype(np.int64)
                p = np.clip(share * q + rng.normal(0, 0.02, n), 0, 1)
                num = np.minimum(den, (den * p).round().astype(np.int64))
            keep = rng.random(n) < REPORTING
            frames.append(pd.DataFrame({"ma_don_vi": unit[keep], "ma_chi_tieu": indicator, "ky": period[keep],
                                        "tu_so": num[keep], "mau_so": den[keep], "ghi_chu": ""}))
    return pd.concat(frames, ignore_index=True)


def demo_figures(units: pd.DataFrame) -> pd.DataFrame:
    """The demo district's figures (lib.store.demo.generate) in the import format."""
    from lib.store import demo
    from lib.core.periods import last_full_month

    rows = demo.generate(units.to_dict("records"), last_full_month())
    return pd.DataFrame(rows, columns=["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so"]).assign(ghi_chu="")


def _demo_span() -> str:
    from lib.store.demo import FIRST_YEAR
    from lib.core.periods import last_full_month

    year, month = last_full_month()
    return f"demo figures (monthly, quarterly, yearly) 01/{FIRST_YEAR}-{month:02d}/{year}"


def figures_file(engine, size: str, quick: bool, folder: Path) -> tuple[Path, int, str]:
    """Write the size's figures file; returns (path, rows, what it holds)."""
    with engine.connect() as conn:
        units = _all_units(conn)
    if size == "district":
        frame = demo_figures(units)
        what = _demo_span()
    else:
        months = months_of(size, quick)
        print(f"  [{size}] estimated {estimate_rows(units, months):,} figures "
              f"({len(units):,} units x indicators x {months} months), before {100 - REPORTING * 100:.0f}% gaps",
              flush=True)
        frame = monthly_figures(units, BENCH_YEAR, months)
        what = f"{BENCH_YEAR}-01..{BENCH_YEAR}-{months:02d} monthly"
    path = folder / f"so_lieu_{size}.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    return path, len(frame), what


# --- databases -------------------------------------------------------------------------------------

class Database:
    """A fresh database of one backend, dropped on close (SQLite: a file in `folder`)."""

    def __init__(self, backend: str, folder: Path, admin_url: str = PG_ADMIN_URL):
        from sqlalchemy import create_engine, text

        self.backend, self.admin, self.name = backend, None, None
        if backend == "sqlite":
            self.url = f"sqlite:///{folder / f'bench_{uuid.uuid4().hex[:8]}.db'}"
            return
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        self.name = f"cchc_bench_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = f"{admin_url.rsplit('/', 1)[0]}/{self.name}"

    def close(self) -> None:
        from sqlalchemy import text

        from lib.store import db

        db.get_engine(self.url).dispose()
        db.get_engine.cache_clear()
        if self.admin is not None:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()


def postgres_reachable(admin_url: str = PG_ADMIN_URL) -> str | None:
    """The server's version, or None when nothing answers."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
        engine.dispose()
        return version
    except Exception:
        return None


# --- one size on one backend ---------------------------------------------------------------------

@dataclass
class Result:
    size: str
    backend: str
    units: int = 0
    rows: int = 0
    what: str = ""
    import_s: float = float("nan")
    scoring_s: float = float("nan")
    export_s: float = float("nan")
    analyze_s: float = float("nan")  # PostgreSQL: VACUUM (ANALYZE) after the import (autovacuum's job)
    pages: dict = field(default_factory=dict)  # name -> seconds (overview cold/warm, area cold/warm, floors)
    note: str = ""

    @property
    def rate(self) -> float:
        return self.rows / self.import_s if self.import_s else float("nan")


def analyze(engine) -> None:
    """What the server does on its own shortly after a bulk import (autovacuum on PostgreSQL; SQLite
    has no such thing and is left as it is): refresh the planner's statistics and the visibility map
    that index-only scans need. Timed apart from the import."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) observations")


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def score_full_year(conn, size: str, year: int):
    """The scores of the full `year` (as of December): the root, or for the country every province."""
    from lib.store import definitions
    from lib.store import queries, results

    catalogue = definitions.load_catalogue(conn)
    if size == "country":
        roots = [r["id"] for r in queries.top_units(conn)]
        return catalogue, results.scores_of_roots(conn, year, 12, roots, catalogue=catalogue)
    return catalogue, results.district_scores(conn, year, 12, catalogue=catalogue)


def file_limits(path: Path, rows: int) -> settings.Limits:
    """The settings' limits, raised to let the benchmark's file in: the country's (2 million figures,
    ~60 MB) is over the defaults, which an office would raise the same way (CCHC_MAX_ROWS...)."""
    limits = settings.limits()
    return replace(limits, max_file_bytes=max(limits.max_file_bytes, path.stat().st_size),
                   max_rows=max(limits.max_rows, rows))


def run_one(size: str, backend: str, folder: Path, quick: bool = False, pages: bool = True,
            admin_url: str = PG_ADMIN_URL, log=print) -> Result:
    """Build, import, score, export (and time the pages of) one size on one backend."""
    from lib.store import db
    from lib.io import exporter, sheets
    from lib.io.importer import import_observations
    from lib.store.setup import init_db

    result = Result(size, backend)
    database = Database(backend, folder, admin_url)
    try:
        engine = db.get_engine(database.url)
        init_db(engine)
        setup_units(engine, size)
        path, result.rows, result.what = figures_file(engine, size, quick, folder)
        with engine.connect() as conn:
            result.units = len(_all_units(conn))
        log(f"  [{size}/{backend}] {result.units:,} units, importing {result.rows:,} figures ...")
        limits = file_limits(path, result.rows)
        summary, result.import_s = _timed(lambda: import_observations(engine, path, filename=path.name,
                                                                      limits=limits))
        assert summary.inserted == result.rows, summary.text()
        log(f"  [{size}/{backend}] import {result.import_s:.1f} s ({result.rate:,.0f} rows/s)")
        if backend == "postgresql":
            _, result.analyze_s = _timed(lambda: analyze(engine))
        year = BENCH_YEAR
        with engine.connect() as conn:
            (catalogue, scores), result.scoring_s = _timed(lambda: score_full_year(conn, size, year))
        _, result.export_s = _timed(lambda: sheets.csv_bytes(exporter.export_frame(catalogue, scores)))
        log(f"  [{size}/{backend}] scoring {result.scoring_s:.2f} s, export {result.export_s:.2f} s")
        if pages:
            result.pages = measure_pages(database.url, folder)
            result.note = "; ".join([f"first run of the page process {result.pages.pop('first_run'):.2f} s",
                                     *result.pages.pop("notes", [])])
            log(f"  [{size}/{backend}] pages {json.dumps({k: round(v, 3) for k, v in result.pages.items()})}")
        engine.dispose()
    finally:
        database.close()
    return result


# --- pages -----------------------------------------------------------------------------------------

def measure_pages(url: str, folder: Path) -> dict:
    """The page times, measured in a fresh process (`--pages URL`)."""
    out = folder / f"pages_{uuid.uuid4().hex[:6]}.json"
    env = {**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": "bench-cookie-key-0123456789abcdef-0123456789"}
    subprocess.run([sys.executable, "-m", "lib.bench", "--pages", url, "--out", str(out)], check=True, env=env,
                   cwd=ROOT)
    return json.loads(out.read_text())


def _run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.message for e in at.exception]
    return elapsed


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
        elif kind == "arrow_data_frame":
            out.append(("dataframe", node.value))
        elif kind == "arrow_table":
            out.append(("table", node.value))
        elif kind == "vega_lite_chart":
            spec = json.loads(proto.spec)
            datasets = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records")
                        for d in proto.datasets}
            if datasets:
                spec["datasets"] = {**spec.get("datasets", {}), **datasets}
            if proto.HasField("data") and proto.data.data:
                spec["data"] = {"values": convert_arrow_bytes_to_pandas_df(proto.data.data).to_dict("records")}
            out.append(("chart", spec))
        elif kind in ("radio", "selectbox"):
            out.append((kind, (node.label, list(node.options))))
        elif kind == "download_button":
            out.append(("download", node.proto.label))
        if hasattr(node, "children") and kind not in ("arrow_data_frame", "arrow_table"):
            out += _elements(node)
    return out


FLOOR_SCRIPT = '''\
import pickle
import streamlit as st
st.set_page_config(layout="wide")
with open({path!r}, "rb") as f:
    elements = pickle.load(f)
for i, (kind, payload) in enumerate(elements):
    if kind == "markdown":
        st.markdown(payload, unsafe_allow_html=True)
    elif kind in ("warning", "info", "error", "success"):
        getattr(st, kind)(payload)
    elif kind == "dataframe":
        st.dataframe(payload, hide_index=True, key=f"df{{i}}")
    elif kind == "table":
        st.table(payload)
    elif kind == "chart":
        st.vega_lite_chart(payload, key=f"chart{{i}}")
    elif kind == "radio":
        st.radio(payload[0], payload[1], key=f"radio{{i}}")
    elif kind == "selectbox":
        st.selectbox(payload[0], payload[1], key=f"select{{i}}")
    elif kind == "download":
        st.download_button(payload, b"x", key=f"download{{i}}", on_click="ignore")
'''


def _floor(elements: list, folder: Path, name: str) -> tuple[float, float]:
    """(cold, warm) of a bare script drawing `elements`: the framework's floor."""
    from streamlit.testing.v1 import AppTest

    data = folder / f"floor_{name}.pkl"
    data.write_bytes(pickle.dumps(elements))
    script = folder / f"floor_{name}.py"
    script.write_text(FLOOR_SCRIPT.format(path=str(data)), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=120)
    cold = _run(at)
    warm = statistics.median(_run(at) for _ in range(WARM_RUNS))
    return cold, warm


def pages_in_this_process(out: Path) -> None:
    """Time the overview and area 3, then the floor of each. Cold: the page's first run after a
    data change in a running server (every st.cache_data cleared; modules imported and the process's
    first run done before, as `first_run`); warm: the median of 7 later runs."""
    import logging

    logging.disable(logging.WARNING)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # imported before timing: a running server has them loaded
    import lib.web.area_page  # noqa: F401  (pyflakes: used for its import)

    _router_mode()
    _server_script_cache()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["authentication_status"] = True  # signed in (AppTest has no cookies)
    at.session_state["username"] = "bench"
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
        st.cache_data.clear()
        times[f"{name}_cold"] = _run(at)
        times[f"{name}_warm"] = statistics.median(_run(at) for _ in range(WARM_RUNS))
        elements = _elements(at.sidebar) + _elements(at.main)
        times[f"{name}_floor_cold"], times[f"{name}_floor_warm"] = _floor(elements, folder, name)
    out.write_text(json.dumps(times))


def _bench_account(url: str) -> None:
    from lib.store import auth, db

    engine = db.get_engine(url)
    if auth.count_users(engine) == 0:
        auth.add_user(engine, "bench", "Benchmark", auth.LANH_DAO, "bench-password-0123", actor="bench")


# --- the machine and the table ------------------------------------------------------------------

def machine(pg_version: str | None) -> dict:
    import sqlite3

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "postgresql": pg_version or "not reachable"}


def _s(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds:.2f}"


def table(results: list[Result]) -> str:
    """The one table (Markdown) of every size and backend."""
    head = ["size", "backend", "units", "figures", "import rows/s", "scoring (full year) s", "export s",
            "overview cold / warm s", "area 3 cold / warm s", "floor warm s (overview / area)",
            "page ÷ floor (warm)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        p = r.pages
        if p:
            ratio = f"{p['overview_warm'] / p['overview_floor_warm']:.2f} / {p['area_3_warm'] / p['area_3_floor_warm']:.2f}"
            pages = [f"{_s(p['overview_cold'])} / {_s(p['overview_warm'])}",
                     f"{_s(p['area_3_cold'])} / {_s(p['area_3_warm'])}",
                     f"{_s(p['overview_floor_warm'])} / {_s(p['area_3_floor_warm'])}", ratio]
        else:
            pages = ["–"] * 4
        lines.append("| " + " | ".join([r.size, r.backend, f"{r.units:,}", f"{r.rows:,}", f"{r.rate:,.0f}",
                                         _s(r.scoring_s), _s(r.export_s), *pages]) + " |")
    return "\n".join(lines)


def goals(results: list[Result]) -> list[str]:
    """The issue's goals, each met or missed, from the measured rows."""
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    for r in results:
        p = r.pages
        if r.size == "district" and p:
            warm = max(p["overview_warm"], p["area_3_warm"])
            cold = max(p["overview_cold"], p["area_3_cold"])
            lines.append(f"district pages ({r.backend}): warm {warm:.2f} s < 0.3 s {verdict(warm < 0.3)}; "
                         f"cold {cold:.2f} s < 1.5 s {verdict(cold < 1.5)}")
        if r.size == "country":
            lines.append(f"national scoring of a full year ({r.backend}): {r.scoring_s:.2f} s < 3 s "
                         f"{verdict(r.scoring_s < 3)}")
            if r.backend == "postgresql":
                lines.append(f"national import on PostgreSQL: {r.rate:,.0f} rows/s >= 50,000 {verdict(r.rate >= 50000)}")
        if p:
            worst = max(p["overview_warm"] / p["overview_floor_warm"], p["area_3_warm"] / p["area_3_floor_warm"])
            lines.append(f"{r.size} pages ({r.backend}): page / floor (warm) {worst:.1f} <= 1.3 {verdict(worst <= 1.3)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--quick", action="store_true", help=f"country: {QUICK_MONTHS} months instead of 12")
    parser.add_argument("--no-pages", action="store_true", help="skip the AppTest page times")
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, help="an existing database to create the bench one from")
    parser.add_argument("--pages", help=argparse.SUPPRESS)  # internal: time the pages of this URL here
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.pages:
        _bench_account(args.pages)
        pages_in_this_process(Path(args.out))
        return 0
    sizes = [s for s in args.sizes.split(",") if s]
    backends = [b for b in args.backends.split(",") if b]
    pg_version = postgres_reachable(args.pg_admin) if "postgresql" in backends else None
    notes = []
    if "postgresql" in backends and pg_version is None:
        notes.append(f"PostgreSQL skipped: nothing answers at {args.pg_admin}")
        backends.remove("postgresql")
    info = machine(pg_version)
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; Python {info['python']}, "
          f"SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}", flush=True)
    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for backend in backends:
                results.append(run_one(size, backend, Path(tmp), quick=args.quick, pages=not args.no_pages,
                                       admin_url=args.pg_admin, log=lambda m: print(m, flush=True)))
    print()
    print(table(results))
    for r in results:
        extra = f"; VACUUM (ANALYZE) after the import {r.analyze_s:.1f} s" if r.analyze_s == r.analyze_s else ""
        note = f"; {r.note}" if r.note else ""
        print(f"- {r.size}/{r.backend}: {r.what}{extra}{note}")
    for note in notes:
        print(f"- {note}")
    print()
    for line in goals(results):
        print(f"goal: {line}")
    print(f"- total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
