"""The page frames of lib.present.views (and the trends read by lib.store.results, the
strings of lib.present.i18n, the database check of lib.store.startup): built from the small district of conftest,
no Streamlit."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from conftest import add_figures, add_units

from lib.core import applies
from lib.core import status as st
from lib.core import trends
from lib.core.scoring import WHOLE_CODES
from lib.io import official
from lib.io.exporter import export_frame
from lib.present import i18n, reasons, views
from lib.store import definitions
from lib.store import startup
from lib.store.results import district_scores, trend_scores, trend_values

DISTRICT_CODE = WHOLE_CODES["huyen"]


@pytest.fixture
def district(sqlite_engine):
    """The small district with a few figures for 2022, scored as of June."""
    add_units(sqlite_engine)
    add_figures(sqlite_engine, [
        # 3.1b: district 109/400 (27.25%, 12 online dossiers short of >30%), communes
        ("999", "3.1b", "2022-01", 109, 400),
        ("99901", "3.1b", "2022-01", 40, 100),
        ("99902", "3.1b", "2022-02", 10, 100),
        # 3.4: just under 98% (close) in the district
        ("999", "3.4", "2022-03", 98, 100),
        # 5.2: the flagged commune 99903 is out of scope
        ("99901", "5.2", "2022-Q2", 9, 10),
        ("99902", "5.2", "2022-Q2", 5, 10),
        ("99903", "5.2", "2022-Q2", 1, 10),
        # 1.1 yes/no: one commune done
        ("99901", "1.1", "2022-Q1", 1, 1),
        ("99902", "1.1", "2022-Q1", 0, 1),
        # 7.2 per level: agencies 45% (>=40 met), communes 20% (<30)
        ("999-NV", "7.2", "2022-Q1", 45, 100),
        ("99901", "7.2", "2022-Q1", 20, 100),
        # 3.2a completion, on track by June (96% >= 50%)
        ("99901", "3.2a", "2022-Q1", 96, 100),
    ])
    with sqlite_engine.begin() as conn:
        from sqlalchemy import update

        from lib.store.models import Unit
        conn.execute(update(Unit).where(Unit.code == "99903").values(dbkk=True))
    with sqlite_engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        scores = district_scores(conn, 2022, 6, catalogue=catalogue)
    return sqlite_engine, catalogue, scores


# --- the overview ------------------------------------------------------------------------------

def test_area_glance_counts_every_indicator_once(district):
    _, catalogue, scores = district
    glance = views.area_glance(catalogue, scores)
    assert glance["area"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert (glance[list(st.CODES)].sum(axis=1) == glance["indicators"]).all()
    assert glance["indicators"].sum() == len(catalogue.indicators)
    area3 = glance.set_index("area").loc[3]
    assert area3[st.CLOSE] >= 1  # 3.4


def test_glance_items_carry_symbol_word_and_count(district):
    _, catalogue, scores = district
    row = views.area_glance(catalogue, scores).iloc[0].to_dict()
    items = views.glance_items(row)
    assert [code for code, _, _ in items][:4] == [st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA]
    for code, text, quiet in items:
        assert text == f"{st.get(code).symbol} {st.label(code)}: {row[code]}"
        assert quiet == (row[code] == 0)  # a zero is drawn quietly, never in its status's colour
    total = views.glance_total(views.area_glance(catalogue, scores))
    assert total["indicators"] == len(catalogue.indicators)


def test_indicator_frame_writes_the_export_figures_in_the_readers_format(district):
    _, catalogue, scores = district
    frame = views.indicator_frame(catalogue, scores).set_index("code")
    export = export_frame(catalogue, scores)
    whole = export[export["Mã đơn vị"] == DISTRICT_CODE].set_index("Mã chỉ tiêu")
    for code, row in frame.iterrows():
        assert row["value"].replace(",", ".") == whole.loc[code, "Giá trị (%)"]
        assert row["numerator"].replace(".", "") == whole.loc[code, "Tử số"]
        assert row["status_text"] == st.badge(row["status"])
    assert frame.loc["3.4", "value"] == "98,00" and frame.loc["3.4", "target"] == ">98%"
    english = views.indicator_frame(catalogue, scores, "en").set_index("code")
    assert english.loc["3.4", "value"] == "98.00" and english.loc["3.4", "status_text"] == "◐ Close"


def test_worst_communes_lists_those_with_unmet_targets_most_first(district):
    _, _, scores = district
    worst = views.worst_communes(scores)
    assert not worst.empty and (worst["not_met"] > 0).all()
    assert worst["not_met"].is_monotonic_decreasing
    assert "3.1b" in worst.set_index("unit_code").loc["99902", "unmet"]


# --- an area -----------------------------------------------------------------------------------

def test_unit_frame_has_every_unit_of_the_levels_even_without_data(district):
    _, catalogue, scores = district
    units = views.unit_frame(catalogue, scores, "3.1b").set_index("unit_code")
    assert set(units.index) == {"999", "99901", "99902", "99903"}
    assert units.loc["99903", "status"] == st.NO_DATA and units.loc["99903", "value"] == ""
    assert units.loc["999", "value"] == "27,25" and units.loc["999", "target"] == ">30%"
    assert units.loc["99901", "kind"] == "Thị trấn"


def test_level_frame_for_per_level_targets(district):
    _, catalogue, scores = district
    ind = catalogue.by_code["7.2"]
    assert views.shows_levels(ind) and views.shows_levels(catalogue.by_code["3.3"])
    assert not views.shows_levels(catalogue.by_code["3.4"])
    levels = views.level_frame(catalogue, scores, "7.2").set_index("level")
    assert levels.loc["agency", "status"] == st.MET and levels.loc["agency", "target"] == "≥40%"
    assert levels.loc["commune", "status"] == st.NOT_MET and levels.loc["commune", "target"] == "≥30%"
    assert views.district_figure(catalogue, scores, "7.2")["status"] == st.NOT_MET


def test_map_frame_is_the_communes_with_symbol_and_value(district):
    _, _, scores = district
    frame = views.map_frame(scores, "3.1b")
    assert frame["unit_code"].tolist() == ["99901", "99902", "99903"]
    assert frame.set_index("unit_code").loc["99901", "short"] == "TT. Một"
    assert frame.set_index("unit_code").loc["99901", "value"] == "40,00%"
    assert set(frame["symbol"]) <= {s.symbol for s in st.STATUSES.values()}
    assert views.map_frame(scores, "3.1a").empty  # the district alone reports it


def test_area_view_holds_every_indicator_of_the_area(district):
    engine, catalogue, scores = district
    with engine.connect() as conn:
        history = trend_scores(conn, catalogue, trends.points(2022, 6, "quarter"),
                               indicators=[i.code for i in catalogue.of_area(7)])
    area = views.area_view(catalogue, scores, history, 7)
    assert [v.code for v in area] == ["7.1", "7.2"]
    assert area[1].levels is not None and area[0].levels is None
    assert not area[1].communes.empty and area[0].communes.empty
    assert (area[0].trend["series"] == "district").all()  # 7.1: no repeated unit line


# --- trends ------------------------------------------------------------------------------------

def test_trend_ends_at_the_figures_the_page_shows(district):
    engine, catalogue, scores = district
    with engine.connect() as conn:
        history = trend_scores(conn, catalogue, trends.points(2022, 6, "month"), indicators=["3.1b"])
    frame = views.trend_frame(history, "3.1b")
    last = frame[frame["order"] == frame["order"].max()].set_index("unit_code")["value"]
    shown = scores.units[scores.units["indicator"] == "3.1b"].set_index("unit_code")["value"].dropna()
    assert last.drop(DISTRICT_CODE).to_dict() == pytest.approx(shown.to_dict())
    d = scores.district.set_index("indicator").loc["3.1b", "value"]
    assert last[DISTRICT_CODE] == pytest.approx(d)
    # 99902 first reported in February: no January point for it
    jan = frame[frame["period"] == "T1"]
    assert "99902" not in jan["unit_code"].tolist()


def test_a_trend_of_some_indicators_reads_only_them_and_scores_them_as_all_do(district):
    """The trend of an area's indicators reads only their rows; its scores are those of every
    indicator's trend, for the units and the whole, at every point."""
    engine, catalogue, _ = district
    points = trends.points(2022, 6, "month")
    with engine.connect() as conn:
        every = trend_scores(conn, catalogue, points)
        for area in catalogue.areas:
            codes = [i.code for i in catalogue.of_area(area)]
            some = trend_scores(conn, catalogue, points, indicators=codes)
            for (_, all_of_them), (_, these) in zip(every, some):
                for part in ("units", "district"):
                    expected = getattr(all_of_them, part)
                    expected = expected[expected["indicator"].isin(codes)].reset_index(drop=True)
                    pd.testing.assert_frame_equal(getattr(these, part).reset_index(drop=True), expected)


def test_value_history_equals_scoring_at_every_month(district):
    engine, catalogue, _ = district
    points = trends.points(2022, 6, "month")
    with engine.connect() as conn:
        from lib.store import queries
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        values = trend_values(conn, catalogue, points, units)
        for point in points:
            scored = district_scores(conn, point.year, point.month, catalogue=catalogue).units
            expected = scored.dropna(subset=["value"]).set_index(["indicator", "unit_code"])["value"]
            got = values[values["order"] == point.order].set_index(["indicator", "unit_code"])["value"]
            assert got.sort_index().to_dict() == pytest.approx(expected.sort_index().to_dict())


# --- one commune -------------------------------------------------------------------------------

def test_gap_text_in_words(district):
    _, catalogue, _ = district
    rule = catalogue.target("3.1b", 2022, "district")
    ind = catalogue.by_code["3.1b"]
    assert reasons.gap_text(ind, rule, 109, 400, st.NOT_MET, 6) == "còn thiếu 12 hồ sơ trực tuyến để đạt >30%"
    assert reasons.gap_text(ind, rule, 109, 400, st.NOT_MET, 6, "en") == "12 more online dossiers needed to reach >30%"
    assert reasons.gap_text(ind, rule, 121, 400, st.MET, 6) == "đã đạt"
    assert reasons.gap_text(ind, rule, None, None, st.NO_DATA, 6) == "chưa có số liệu"
    ind52 = catalogue.by_code["5.2"]
    assert reasons.gap_text(ind52, rule, 1, 10, st.NOT_APPLICABLE, 6, reason=applies.DBKK) == "không áp dụng (xã vùng DTTS, ĐBKK)"
    ind11 = catalogue.by_code["1.1"]
    assert reasons.gap_text(ind11, catalogue.target("1.1", 2022, "commune"), 0, 1, st.NOT_MET, 6) == "chưa thực hiện"
    ind32 = catalogue.by_code["3.2a"]
    text = reasons.gap_text(ind32, catalogue.target("3.2a", 2022, "commune"), 96, 100, st.CLOSE, 6)
    assert text == "đúng tiến độ; còn thiếu 4 thủ tục đã công khai để đạt ≥100% cuối năm"


def test_commune_frame_lists_the_communes_indicators(district):
    engine, catalogue, scores = district
    frame = views.commune_frame(catalogue, scores, "99903", dbkk=True).set_index("code")
    assert set(frame.index) == {i.code for i in catalogue.indicators if "commune" in i.levels}
    assert frame.loc["5.2", "status"] == st.NOT_APPLICABLE
    assert frame.loc["5.2", "gap"] == "không áp dụng (xã vùng DTTS, ĐBKK)"
    assert frame.loc["7.2", "target"] == "≥30%"  # the commune level's target
    points = trends.points(2022, 6, "month")
    with engine.connect() as conn:
        from lib.store import queries
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        values = trend_values(conn, catalogue, points, units)
    lines = views.commune_trend_frame(catalogue, values, points, "99901", 2022)
    assert set(lines["code"]) == {"3.1b", "5.2", "1.1", "7.2", "3.2a"}
    assert lines[lines["code"] == "7.2"]["target"].unique().tolist() == [30.0]
    assert lines[lines["code"] == "3.1b"]["period"].tolist() == ["T1", "T2", "T3", "T4", "T5", "T6"]


# --- the sidebar, the strings, the first start ---------------------------------------------------

def test_sidebar_choices():
    today = date(2026, 11, 27)
    assert views.default_year([2022, 2026], today) == 2026 and views.default_year([], today) == 2026
    assert views.month_options(2025, 12, today) == list(range(1, 13))
    assert views.month_options(2026, 10, today) == list(range(1, 11))
    assert views.month_options(2026, 3, today) == list(range(1, 11))


def test_every_string_exists_in_both_languages_with_the_same_placeholders():
    names = re.compile(r"{(\w+)")

    def placeholders(text):
        # month_short is made from month by i18n.t
        return {re.sub(r"^month_short$", "month", n) for n in names.findall(text)}

    for key, (vi, en) in i18n.STRINGS.items():
        assert vi and en, key
        assert placeholders(vi) == placeholders(en), key
    assert i18n.t("stamp", "vi", month=7, year=2022) == "Số liệu đến hết tháng 07/2022"
    assert i18n.t("sample_marker") == "DỮ LIỆU MẪU"


def test_startup_reports_what_a_server_database_lacks(tmp_path):
    from lib.store import db
    from lib.store.setup import init_db

    engine = db.get_engine(f"sqlite:///{tmp_path / 'server.db'}")
    assert startup.prepare(engine, embedded=False, find_district=official.find_district) == startup.NO_SCHEMA
    init_db(engine)
    assert startup.prepare(engine, embedded=False, find_district=official.find_district) == startup.NO_DISTRICT
    assert "setup-district" in "\n".join(startup.COMMANDS[startup.NO_DISTRICT])
    engine.dispose()


def test_startup_seeds_an_empty_embedded_database(tmp_path):
    from lib.store import db, queries

    engine = db.get_engine(f"sqlite:///{tmp_path / 'embedded.db'}")
    assert startup.prepare(engine, embedded=True, find_district=official.find_district) == startup.READY
    with engine.connect() as conn:
        assert queries.is_sample_data(conn)
    # and leaves it alone after
    assert startup.prepare(engine, embedded=True, find_district=official.find_district) == startup.READY
    engine.dispose()


def test_every_status_says_why():
    from fractions import Fraction
    from lib.core.catalogue import TargetRule
    from lib.present import reasons
    completion = type("Ind", (), {"kind": "completion", "scope": ""})()
    other = type("Ind", (), {"kind": "rate", "scope": "not_dbkk"})()
    full = TargetRule(">=", Fraction(100), Fraction(0), 2026)
    assert reasons.why(completion, full, st.CLOSE, 11) == "đúng tiến độ: cần ≥91,7% đến tháng 11"
    assert reasons.why(completion, full, st.NOT_MET, 6, "en") == "behind pace: ≥50% needed by month 6"
    assert reasons.why(completion, full, st.NOT_MET, 12) == "chưa đạt ≥100%"
    banded = TargetRule(">", Fraction(98), Fraction(2), 2026)
    assert reasons.why(other, banded, st.CLOSE, 6) == "trong ngưỡng gần đạt (>96%)"
    assert reasons.why(other, banded, st.NOT_MET, 6) == "ngoài ngưỡng gần đạt (>96%)"
    assert reasons.why(other, banded, st.MET, 6) == "đạt >98%"
    assert reasons.why(other, banded, st.NOT_APPLICABLE, 6) == "không áp dụng (xã vùng DTTS, ĐBKK)"
    assert reasons.why(other, banded, st.NOT_APPLICABLE, 6, denominator=0) == "không phát sinh trong kỳ"
    assert reasons.why(other, banded, st.NO_DATA, 6) == ""


def test_an_area_page_opens_with_what_needs_attention():
    import pandas as pd
    from lib.core.scoring import Scores
    from lib.present import attention
    units = pd.DataFrame({"indicator": ["3.4"] * 3, "unit_name": ["Xã A", "Xã B", "Xã C"],
                          "status": [st.MET, st.NOT_MET, st.CLOSE]})
    scores = Scores(2026, 11, units, pd.DataFrame(), pd.DataFrame())
    view = type("View", (), {"code": "3.4", "name": "Hồ sơ", "figure": {"status": st.CLOSE, "status_text": "◐ Gần đạt",
                                                                      "why": "trong ngưỡng gần đạt (>96%)"}})()
    met = type("View", (), {"code": "3.1a", "name": "x", "figure": {"status": st.MET}})()
    frame = attention.attention_frame([met, view], scores)
    assert frame["code"].tolist() == ["3.4"] and frame.loc[0, "anchor"] == "chi-tieu-3-4"
    assert frame.loc[0, "units"] == "✖ Xã B, ◐ Xã C"
