"""The benchmark's synthetic monthly figures (lib.io.synthetic) imported as a user would."""
from __future__ import annotations

from lib.io import synthetic
from lib.io.importer import import_observations
from lib.store import db, queries


def test_monthly_figures_are_a_valid_import_file(databases, tmp_path):
    engine = db.get_engine(databases.sqlite("migrated", tmp_path / "b.db"))
    synthetic.setup_units(engine, "district")
    with engine.connect() as conn:
        units = queries.all_units(conn)
    frame = synthetic.monthly_figures(units, synthetic.BENCH_YEAR, 2)
    assert len(frame) <= synthetic.estimate_rows(units, 2)
    assert len(frame) > 0.9 * synthetic.estimate_rows(units, 2)
    assert list(frame.columns) == ["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so", "ghi_chu"]
    assert (frame["tu_so"] <= frame["mau_so"]).all()
    path = tmp_path / "so_lieu.csv"
    frame.to_csv(path, index=False)
    summary = import_observations(engine, path)
    assert summary.inserted == len(frame)
    engine.dispose()
