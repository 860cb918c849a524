"""Import and export figures of the spine on the demo district (not a test: it prints numbers).

    python tools/bench_spine.py [--postgres postgresql+psycopg://127.0.0.1:5432/test]

Import: the demo district's figures written out as a CSV file (CONTRACT.md columns) and
imported into a fresh database (first import, then the same file again). Export: the CSV of
`export --area all` for a full past year and for the current year as of its latest month.
"""
from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from lib import catalogue, db, exporter, queries  # noqa: E402
from lib.exporter import raw_files as files_from  # noqa: E402
from lib.demo import seed_demo  # noqa: E402
from lib.importer import import_observations, import_units  # noqa: E402
from lib.results import district_scores  # noqa: E402
from lib.setup import init_db  # noqa: E402


def timed(label: str, function, per: int | None = None):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    rate = f"  ({per / seconds:,.0f} rows/s)" if per else ""
    print(f"  {label:48s} {seconds * 1000:9.0f} ms{rate}")
    return result


def run(url: str, units_csv: bytes, figures_csv: bytes, rows: int) -> None:
    engine = db.get_engine(url)
    init_db(engine)
    import_units(engine, units_csv, filename="don_vi.csv")
    timed("import (first time)", lambda: import_observations(engine, figures_csv, filename="so_lieu.csv"), rows)
    timed("import (same file again)", lambda: import_observations(engine, figures_csv, filename="so_lieu.csv"), rows)
    with engine.connect() as conn:
        cat = catalogue.load(conn)
        years = queries.years_with_data(conn)

        def export(year):
            scores = district_scores(conn, year, None, catalogue=cat)
            return exporter.to_csv_bytes(exporter.export_frame(cat, scores))

        for year in (years[0], years[-1]):
            timed(f"export --area all --year {year}", lambda: export(year))
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = db.get_engine(f"sqlite:///{tmp}/demo.db")
        seed_demo(source)
        units_csv, figures_csv = files_from(source)
        rows = figures_csv.count(b"\n") - 1
        print(f"demo district: {rows} figures")
        print("SQLite")
        run(f"sqlite:///{tmp}/bench.db", units_csv, figures_csv, rows)
    if "--postgres" in sys.argv:
        admin_url = sys.argv[sys.argv.index("--postgres") + 1]
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        name = f"cchc_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            print("PostgreSQL")
            run(f"{admin_url.rsplit('/', 1)[0]}/{name}", units_csv, figures_csv, rows)
        finally:
            db.get_engine.cache_clear()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
