"""Import -> export round trip: the demo district built through files gives the same export as
the demo district written directly, and the export's figures are the pooled imported figures."""
import csv
import io

from sqlalchemy import select


from lib.io import exporter, sheets
from lib.io.exporter import raw_files as files_from
from lib.io.importer import import_observations
from lib.io.unit_import import import_units
from lib.store import db
from lib.store import definitions
from lib.store.models import Observation
from lib.store.results import district_scores


def export_text(engine, year, month):
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        scores = district_scores(conn, year, month, catalogue=cat)
    return sheets.csv_bytes(exporter.export_frame(cat, scores)).decode("utf-8-sig")


def test_demo_through_files_exports_the_same(engine, databases, tmp_path):
    direct = db.get_engine(databases.sqlite("demo", tmp_path / "direct.db"))
    units_csv, figures_csv = files_from(direct)

    imported = engine
    summary_units = import_units(imported, units_csv, filename="don_vi.csv")
    assert summary_units.inserted == 45
    summary = import_observations(imported, figures_csv, filename="so_lieu.csv")
    with direct.connect() as conn:
        n_figures = len(conn.execute(select(Observation.id)).all())
    assert summary.inserted == n_figures and summary.updated == 0

    for year, month in [(2022, 12), (2024, 6), (2025, 12)]:
        assert export_text(imported, year, month) == export_text(direct, year, month)

    again = import_observations(imported, figures_csv, filename="so_lieu.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, n_figures)
    with imported.connect() as conn:
        assert len(conn.execute(select(Observation.id)).all()) == n_figures


def test_export_figures_are_the_pooled_imported_rows(small_district):
    rows = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n" + "\n".join([
        "99901,3.1b,2022-01,10,40", "99901,3.1b,2022-02,20,60", "99901,3.1b,2022-03,99,100",
        "99902,3.1b,2022-Q1,31,100", "999,3.1b,2022-01,5,50",
    ])
    import_observations(small_district, rows.encode(), filename="so_lieu.csv")
    text = export_text(small_district, 2022, 2)
    table = {r["Mã đơn vị"]: r for r in csv.DictReader(io.StringIO(text)) if r["Mã chỉ tiêu"] == "3.1b"}
    assert (table["99901"]["Tử số"], table["99901"]["Mẫu số"], table["99901"]["Giá trị (%)"]) == ("30", "100", "30.00")
    assert table["99901"]["Trạng thái"] == "Gần đạt"  # 30% is not more than 30%
    assert table["99902"]["Trạng thái"] == "Chưa có số liệu"  # its Q1 row ends after February
    assert (table["TOAN_HUYEN"]["Tử số"], table["TOAN_HUYEN"]["Mẫu số"]) == ("35", "150")
    assert table["TOAN_HUYEN"]["Kỳ"] == "2022-01..2022-02"
