"""Provenance and evidence on the pages under AppTest, on a copy of the demo district: area 3 shows,
beside a unit's figure, how it arrived (typed in the form, or the sample data), who entered it and
when, its state and its evidence, with the document's download offered only to those who may read it;
the commune page shows the same for one commune."""
from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import select

from conftest import unescaped
from app_kit import OFFICER_UNIT, database, ok, opened, page, seeded, writable  # noqa: F401  (fixtures)

from lib.core.provenance import SAMPLE_SOURCE
from lib.io import entry
from lib.present import format as fmt
from lib.store import auth, evidence, queries
from lib.store.models import Observation, Unit

PDF = b"%PDF-1.7\n%%EOF\n"
PROVENANCE_KEYS = [f"area3_provenance_{code}" for code in ("3.1a", "3.1b", "3.2a", "3.2b", "3.3", "3.4")]


def shown_period(engine) -> tuple[str, int]:
    """A month of 3.4 the officer's unit reported in the year the pages show by default, and that year."""
    with engine.connect() as conn:
        year = max(queries.years_with_data(conn))
        month = queries.default_as_of(conn, year)
        period = conn.execute(select(Observation.period).join(Unit, Unit.id == Observation.unit_id).where(
            Unit.code == OFFICER_UNIT, Observation.indicator == "3.4", Observation.year == year,
            Observation.month_to <= month, Observation.granularity == "M")
            .order_by(Observation.month_to)).scalars().first()
    return period, year


def provenance_table(at) -> pd.DataFrame:
    expander = next(e for e in at.expander if e.label == "Nguồn gốc số liệu")
    [frame] = [d.value for d in expander.dataframe]
    return frame


def test_area_3_shows_where_each_figure_came_from_and_its_evidence(writable):
    open_page, engine = writable
    period, _ = shown_period(engine)
    officer = auth.account(engine, "xa_test")
    entry.save(engine, officer, OFFICER_UNIT, period,
               pd.DataFrame([{"ma_chi_tieu": "3.4", "tu_so": 40, "mau_so": 50, "ghi_chu": ""}]), confirm_overwrite=True)
    unit_id = int(officer.unit_id)
    evidence.add(engine, officer, unit_id, "3.4", period, "Báo cáo một cửa.pdf", PDF)

    at = open_page("area_3", "ld_test")  # a leader reads every unit's evidence
    labels = [e.label for e in at.expander]
    assert labels.count("Nguồn gốc số liệu") == 6  # one under each indicator's table
    assert not [e for e in at.expander if e.label == "Nguồn gốc số liệu" and e.dataframe]  # read once opened
    at = opened(at, *PROVENANCE_KEYS)
    tables = [d.value for e in at.expander if e.label == "Nguồn gốc số liệu" for d in e.dataframe]
    assert len(tables) == 6
    frame = next(f for f in tables if (f["arrival"] == "Nhập trên biểu mẫu").any())
    typed = frame[(frame["unit"] == "Thị trấn Sóc Sơn") & (frame["period"] == period)].iloc[0]
    assert (typed["arrival"], typed["updated_by"], typed["state_text"], typed["documents"]) == (
        "Nhập trên biểu mẫu", "Cán bộ Thị trấn Sóc Sơn (kiểm thử)", "Nháp", 1)  # the officer's name
    with engine.connect() as conn:
        entered_at = conn.execute(select(Observation.updated_at).where(
            Observation.unit_id == unit_id, Observation.indicator == "3.4", Observation.period == period)).scalar_one()
    assert typed["updated_at_text"] == fmt.datetime_text(entered_at)  # in Vietnam's time, to the minute
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", typed["updated_at_text"])
    sample = frame[(frame["unit"] != "Thị trấn Sóc Sơn")].iloc[0]
    assert (sample["arrival"], sample["updated_by"], sample["documents"]) == ("Dữ liệu mẫu", SAMPLE_SOURCE, 0)
    label = f"Thị trấn Sóc Sơn · 3.4 · {period} · Báo cáo một cửa.pdf (1 KB)"
    downloads = [unescaped(b.proto.label) for b in at.get("download_button")]
    assert label in downloads

    mine = opened(open_page("area_3", "xa_test"), *PROVENANCE_KEYS)  # the unit's own officer too
    assert label in [unescaped(b.proto.label) for b in mine.get("download_button")]
    other = opened(open_page("area_3", "xa_khac"), *PROVENANCE_KEYS)  # another unit's officer: not the document
    assert label not in [unescaped(b.proto.label) for b in other.get("download_button")]


def test_the_commune_page_shows_the_communes_provenance(writable):
    open_page, engine = writable
    at = open_page("commune", "nv_test")
    ok(at.selectbox(key="commune_code").set_value(OFFICER_UNIT).run())
    frame = provenance_table(opened(at, "commune_provenance"))
    assert set(frame["unit"]) == {"Thị trấn Sóc Sơn"} and len(frame) > 0
    assert set(frame["arrival"]) == {"Dữ liệu mẫu"}
    assert len(set(frame["indicator"])) > 1  # every indicator of the commune
