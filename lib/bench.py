"""The benchmark of the issue "Speed and scale": `python -m lib.bench` prints one table.

    python -m lib.bench [--sizes district,province,country|none] [--backends sqlite,postgresql]
                        [--quick] [--no-pages] [--users N] [--pg-admin URL]
    python -m lib.bench --browser [--runs 3]

`--browser` runs only lib.web.browser_times: the demo district in Chromium beside a bare page.

Three sizes (lib.io.synthetic: the demo district 016, province 01, all 63 provinces), each built
from the official pre-2025 unit list into a fresh database (lib.store.scratch).

Per size and backend (SQLite: a temporary file; PostgreSQL: a fresh database created and dropped
on 127.0.0.1:5432): the number of units and figures; import rows/s through
lib.io.importer.import_observations of a CONTRACT.md CSV file; scoring of the full year
(lib.store.results.district_scores for the root; for the country lib.store.results.scores_of_roots over every
province); the export (lib.io.exporter.export_frame + lib.io.sheets.csv_bytes, all areas); and the page times
under AppTest (lib.web.page_times: a fresh process per size, the overview and area 3, cold = empty
data caches, warm = median of 7), with the same elements drawn by a bare Streamlit script as the
framework's floor. A second table sets the import and the scoring beside their floors measured in
the same run (lib.store.scratch: the same rows written raw; one GROUP BY summing the same figures),
as ratios, with the machine's load. A third measures many users at once (lib.web.many_users: real
servers on the demo district, N Chromium sessions opening area 3 together, on one server and on two
behind the README's proxy) against one session alone. This module runs them and prints the tables
and the goals.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from lib.core import settings
from lib.core.settings import ROOT
from lib.io import exporter, official, sheets
from lib.io.importer import import_observations
from lib.io.synthetic import BENCH_YEAR, FLOOR_COLUMNS, QUICK_MONTHS, SIZES, figures_file, floor_rows, setup_units
from lib.store import db, definitions, queries, results
from lib.store.demo import DEMO_DISTRICT, seed_demo
from lib.store.scratch import (PG_ADMIN_URL, Database, analyze, next_audit_id, one_query, postgres_reachable,
                               raw_write, take_out)
from lib.store.setup import init_db
from lib.web.many_users import Timing, measure_users
from lib.web.page_times import bench_account, capture, measure_pages, pages_in_this_process

BACKENDS = ("sqlite", "postgresql")


# --- one size on one backend ---------------------------------------------------------------------

@dataclass
class Result:
    size: str
    backend: str
    units: int = 0
    rows: int = 0
    what: str = ""
    import_s: float = float("nan")
    raw_s: float = float("nan")  # the import's floor: the same rows and audit entries written raw
    scoring_s: float = float("nan")
    query_s: float = float("nan")  # the scoring's floor: one GROUP BY summing the same figures
    export_s: float = float("nan")
    analyze_s: float = float("nan")  # PostgreSQL: VACUUM (ANALYZE) after the import (autovacuum's job)
    pages: dict = field(default_factory=dict)  # name -> seconds (overview cold/warm, area cold/warm, floors)
    note: str = ""

    @property
    def rate(self) -> float:
        return self.rows / self.import_s if self.import_s else float("nan")

    @property
    def raw_rate(self) -> float:
        return self.rows / self.raw_s if self.raw_s else float("nan")

    @property
    def import_ratio(self) -> float:
        """The import's rows/s over the raw write's (1 = as fast as the floor)."""
        return self.raw_s / self.import_s if self.import_s else float("nan")

    @property
    def scoring_ratio(self) -> float:
        """The scoring's time over its floor's (1 = as fast as one query)."""
        return self.scoring_s / self.query_s if self.query_s else float("nan")


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def score_full_year(conn, size: str, year: int):
    """The scores of the full `year` (as of December): the root, or for the country every province."""
    catalogue = definitions.load_catalogue(conn)
    if size == "country":
        roots = [r["id"] for r in queries.top_units(conn)]
        return catalogue, results.scores_of_roots(conn, year, 12, roots, catalogue=catalogue)
    return catalogue, results.district_scores(conn, year, 12, catalogue=catalogue)


def import_floor(engine, path: Path) -> float:
    """Seconds to write the file's rows and one audit entry each raw (lib.store.scratch.raw_write),
    taken out again before the import is timed."""
    observations, audit_rows = floor_rows(engine, path)
    first = next_audit_id(engine)
    seconds = raw_write(engine, observations, audit_rows, FLOOR_COLUMNS)
    take_out(engine, first)
    return seconds


def file_limits(path: Path, rows: int) -> settings.Limits:
    """The settings' limits, raised to let the benchmark's file in: the country's (2 million figures,
    ~60 MB) is over the defaults, which an office would raise the same way (CCHC_MAX_ROWS...)."""
    limits = settings.limits()
    return replace(limits, max_file_bytes=max(limits.max_file_bytes, path.stat().st_size),
                   max_rows=max(limits.max_rows, rows))


def run_one(size: str, backend: str, folder: Path, quick: bool = False, pages: bool = True,
            admin_url: str = PG_ADMIN_URL, log=print) -> Result:
    """Build, import, score, export (and time the pages of) one size on one backend."""
    result = Result(size, backend)
    database = Database(backend, folder, admin_url)
    try:
        engine = db.get_engine(database.url)
        init_db(engine)
        setup_units(engine, size)
        path, result.rows, result.what = figures_file(engine, size, quick, folder)
        with engine.connect() as conn:
            result.units = len(queries.all_units(conn))
        log(f"  [{size}/{backend}] {result.units:,} units, importing {result.rows:,} figures ...")
        result.raw_s = import_floor(engine, path)
        log(f"  [{size}/{backend}] raw write {result.raw_s:.1f} s ({result.raw_rate:,.0f} rows/s)")
        limits = file_limits(path, result.rows)
        summary, result.import_s = _timed(lambda: import_observations(engine, path, filename=path.name,
                                                                      limits=limits))
        assert summary.inserted == result.rows, summary.text()
        log(f"  [{size}/{backend}] import {result.import_s:.1f} s ({result.rate:,.0f} rows/s)")
        if backend == "postgresql":
            _, result.analyze_s = _timed(lambda: analyze(engine))
        year = BENCH_YEAR
        with engine.connect() as conn:
            _, result.query_s = _timed(lambda: one_query(conn, year, 12))
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


def run_users(backend: str, folder: Path, users: int, admin_url: str = PG_ADMIN_URL,
              log=print) -> list[Timing]:
    """Many users at once (lib.web.many_users) on a fresh demo district of one backend."""
    database = Database(backend, folder, admin_url)
    try:
        engine = db.get_engine(database.url)
        seed_demo(engine, official.find_district(DEMO_DISTRICT))
        engine.dispose()
        timings = measure_users(database.url, users=users, log=log)
    finally:
        database.close()
    for t in timings:
        t.backend = backend
    return timings


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


def load() -> str:
    """The machine's load now (figures move with it): the 1, 5 and 15 minutes' averages."""
    try:
        return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "load average ?"


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


def floors(results: list[Result]) -> str:
    """The table of each measure beside its floor, measured in the same run."""
    head = ["size", "backend", "import rows/s", "raw write rows/s (floor)", "import ÷ raw", "scoring s",
            "one query s (floor)", "scoring ÷ query"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        lines.append("| " + " | ".join([r.size, r.backend, f"{r.rate:,.0f}", f"{r.raw_rate:,.0f}", _s(r.import_ratio),
                                         _s(r.scoring_s), _s(r.query_s), _s(r.scoring_ratio)]) + " |")
    return "\n".join(lines)


def page_cpu(results: list[Result]) -> str:
    """The pages beside their floors by the CPU time of the script's thread (lib.web.page_times),
    which the machine's load moves far less than the wall clock."""
    head = ["size", "backend", "overview cold / warm s", "area 3 cold / warm s", "floor warm s (overview / area)",
            "page ÷ floor (warm)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        p = r.pages
        if not p or "area_3_warm_cpu" not in p:
            continue
        lines.append("| " + " | ".join([
            r.size, r.backend, f"{_s(p['overview_cold_cpu'])} / {_s(p['overview_warm_cpu'])}",
            f"{_s(p['area_3_cold_cpu'])} / {_s(p['area_3_warm_cpu'])}",
            f"{_s(p['overview_floor_warm_cpu'])} / {_s(p['area_3_floor_warm_cpu'])}",
            f"{p['overview_warm_cpu'] / p['overview_floor_warm_cpu']:.2f} / "
            f"{p['area_3_warm_cpu'] / p['area_3_floor_warm_cpu']:.2f}"]) + " |")
    return "\n".join(lines)


def users_table(timings: list[Timing]) -> str:
    """Many users at once beside one session alone (its median), measured in the same run."""
    head = ["backend", "set-up", "sessions", "servers", "p50 s", "p95 s", "p95 ÷ alone (p50)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    alone = {t.backend: t.p50 for t in timings if t.setup == "alone"}
    for t in timings:
        lines.append("| " + " | ".join([t.backend, t.setup, str(t.sessions), str(t.servers), _s(t.p50), _s(t.p95),
                                         _s(t.p95 / alone.get(t.backend, float("nan")))]) + " |")
    return "\n".join(lines)


def users_goals(timings: list[Timing]) -> list[str]:
    """The many-users goal: N sessions at once on one server, p95 at most USERS_GOAL × one alone."""
    alone = {t.backend: t.p50 for t in timings if t.setup == "alone"}
    lines = []
    for t in timings:
        if t.setup != "alone" and t.backend in alone:
            ratio = t.p95 / alone[t.backend]
            verdict = "met" if ratio <= USERS_GOAL else "MISSED"
            goal = f" <= {USERS_GOAL} {verdict}" if t.setup == "one server" else ""
            lines.append(f"{t.sessions} users at once on {t.setup} ({t.backend}): p95 {t.p95:.2f} s ÷ one alone "
                         f"{alone[t.backend]:.2f} s = {ratio:.2f}{goal}")
    return lines


USERS_GOAL = 3.0  # N sessions at once on one server: p95 ÷ one session alone, at most
IMPORT_GOALS = {"sqlite": 0.5, "postgresql": 0.7}  # import ÷ raw write, at least
COLD_AREA_GOALS = {"district": 0.5, "province": 1.0}  # seconds, at most: area 3's first run after a data change
PAGE_GOAL = 1.3  # a warm page ÷ its floor, at most
SCORING_GOAL = 1.3  # national scoring ÷ one query, at most


def _judged(wall: float, cpu: float) -> float:
    """What a page's goal is judged on: the script thread's CPU time where it was measured (the wall
    clock moves with the machine's load), else the wall clock."""
    return wall if cpu != cpu else cpu


def goals(results: list[Result]) -> list[str]:
    """The issue's goals, each met or missed, from the measured rows."""
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    for r in results:
        if r.size != "district" and r.backend in IMPORT_GOALS:
            goal = IMPORT_GOALS[r.backend]
            lines.append(f"{r.size} import ({r.backend}): import ÷ raw write {r.import_ratio:.2f} >= {goal} "
                         f"{verdict(r.import_ratio >= goal)}")
        p = r.pages
        if p and r.size in COLD_AREA_GOALS:
            goal, cpu = COLD_AREA_GOALS[r.size], p.get("area_3_cold_cpu", float("nan"))
            lines.append(f"{r.size} area 3 cold ({r.backend}): {p['area_3_cold']:.2f} s, CPU {cpu:.2f} s <= {goal} s "
                         f"{verdict(_judged(p['area_3_cold'], cpu) <= goal)}")
        if r.size == "country":
            lines.append(f"national scoring of a full year ({r.backend}): {r.scoring_s:.2f} s < 3 s "
                         f"{verdict(r.scoring_s < 3)}; ÷ one query {r.scoring_ratio:.2f} <= {SCORING_GOAL} "
                         f"{verdict(r.scoring_ratio <= SCORING_GOAL)}")
            if r.backend == "postgresql":
                lines.append(f"national import on PostgreSQL: {r.rate:,.0f} rows/s >= 50,000 {verdict(r.rate >= 50000)}")
        if p:
            for name in ("overview", "area_3"):
                wall = p[f"{name}_warm"] / p[f"{name}_floor_warm"]
                cpu = p.get(f"{name}_warm_cpu", float("nan")) / p.get(f"{name}_floor_warm_cpu", float("nan"))
                lines.append(f"{r.size} {name} ({r.backend}): page ÷ floor (warm) {wall:.2f}, CPU {cpu:.2f} "
                             f"<= {PAGE_GOAL} {verdict(_judged(wall, cpu) <= PAGE_GOAL)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--quick", action="store_true", help=f"country: {QUICK_MONTHS} months instead of 12")
    parser.add_argument("--no-pages", action="store_true", help="skip the page times and the many users")
    parser.add_argument("--users", type=int, default=10,
                        help="sessions opening area 3 at once in Chromium (0: skip; 'none' as sizes: only this)")
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, help="an existing database to create the bench one from")
    parser.add_argument("--browser", action="store_true",
                        help="only the times in Chromium (lib.web.browser_times): the demo district beside a bare page")
    parser.add_argument("--runs", type=int, default=3, help="--browser: rounds (the median is printed)")
    parser.add_argument("--pages", help=argparse.SUPPRESS)  # internal: time the pages of this URL here
    parser.add_argument("--elements", help=argparse.SUPPRESS)  # internal: the pages' elements of this URL
    parser.add_argument("--user", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.browser:
        from lib.web import browser_times

        print(browser_times.run(args.runs, load), flush=True)
        return 0
    if args.elements:
        capture(args.user, Path(args.out))
        return 0
    if args.pages:
        bench_account(args.pages)
        pages_in_this_process(Path(args.out))
        return 0
    sizes = [s for s in args.sizes.split(",") if s and s != "none"]
    backends = [b for b in args.backends.split(",") if b]
    pg_version = postgres_reachable(args.pg_admin) if "postgresql" in backends else None
    notes = []
    if "postgresql" in backends and pg_version is None:
        notes.append(f"PostgreSQL skipped: nothing answers at {args.pg_admin}")
        backends.remove("postgresql")
    info = machine(pg_version)
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; Python {info['python']}, "
          f"SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}; {load()}", flush=True)
    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for backend in backends:
                results.append(run_one(size, backend, Path(tmp), quick=args.quick, pages=not args.no_pages,
                                       admin_url=args.pg_admin, log=lambda m: print(m, flush=True)))
        timings = []
        if args.users and not args.no_pages:
            for backend in backends:
                timings += run_users(backend, Path(tmp), args.users, admin_url=args.pg_admin,
                                     log=lambda m: print(m, flush=True))
    if results:
        print()
        print(table(results))
        print()
        print(page_cpu(results))
        print()
        print(floors(results))
    if timings:
        print()
        print(users_table(timings))
        print(f"- {next(t.how for t in timings if t.how)}; {load()}")
    for r in results:
        extra = f"; VACUUM (ANALYZE) after the import {r.analyze_s:.1f} s" if r.analyze_s == r.analyze_s else ""
        note = f"; {r.note}" if r.note else ""
        print(f"- {r.size}/{r.backend}: {r.what}{extra}{note}")
    for note in notes:
        print(f"- {note}")
    print()
    for line in goals(results) + users_goals(timings):
        print(f"goal: {line}")
    print(f"- total {time.perf_counter() - started:.0f} s; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
