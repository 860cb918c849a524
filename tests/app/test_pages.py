"""Every page of the dashboard under Streamlit's AppTest, on the demo district (seeded once).

The database is a temporary SQLite file named by DATABASE_URL, as the shared PostgreSQL would
be: the app must not create or seed it, only read it.
"""
from __future__ import annotations

import html
import json
import shutil

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from conftest import unescaped

from lib.core import lift
from lib.core import status as st
from lib.io import exporter, sheets
from lib.present import lift_text
from lib.store import db, queries
from lib.store import definitions
from lib.store.results import district_scores

APP = "../../app.py"  # AppTest resolves it from this file
AREAS = range(1, 8)
LABELS = {s.badge(): s.label_vi for s in st.STATUSES.values()}


@pytest.fixture(scope="session")
def demo_url(databases, tmp_path_factory):
    return databases.sqlite("demo", tmp_path_factory.mktemp("app") / "demo.db")


@pytest.fixture
def use_db(monkeypatch, router_mode):
    def use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        db.get_engine.cache_clear()
    return use


@pytest.fixture
def app(demo_url, use_db, monkeypatch):
    use_db(demo_url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")

    def open_page(page: str | None = None, **state) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        # signed in as the demo secretariat (AppTest has no cookies: seed what the login sets)
        state = {"authentication_status": True, "username": "noivu", **state}
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        if page:
            at.switch_page(page)
            at.run()
            assert not at.exception, [e.message for e in at.exception]
        return at
    return open_page


@pytest.fixture(scope="session")
def expected(demo_url):
    """What the pages should show: the scores and the export as lib computes them."""
    engine = db.get_engine(demo_url)
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        year = max(queries.years_with_data(conn))
        month = queries.default_as_of(conn, year)
        scores = district_scores(conn, year, month, catalogue=catalogue)
    return {"catalogue": catalogue, "year": year, "month": month, "scores": scores}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.header] + [s.value for s in at.subheader]
    return unescaped("\n".join(parts))


def static_table(at: AppTest, index: int = 0):
    """An st.table as a reader sees it (its cells are escaped Markdown)."""
    return at.table[index].value.map(unescaped)


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def stamp_and_marker(at: AppTest, expected: dict) -> None:
    shown = texts(at)
    assert f"Số liệu đến hết tháng {expected['month']:02d}/{expected['year']}" in shown
    assert "DỮ LIỆU MẪU" in "\n".join(w.value for w in at.warning)


# --- every page -----------------------------------------------------------------------------------

def test_overview(app, expected):
    at = app()
    assert at.title[0].value == f"Kết quả cải cách hành chính năm {expected['year']}"
    stamp_and_marker(at, expected)
    shown = texts(at)
    for area in AREAS:
        assert f"**{area}. {expected['catalogue'].area_name(area)}**" in shown
    assert "✔ Đạt:" in shown and "◐ Gần đạt:" in shown and "✖ Chưa đạt:" in shown and "? Chưa có số liệu:" in shown
    indicators = static_table(at)
    assert indicators["Mã"].tolist() == [i.code for i in expected["catalogue"].indicators]
    assert list(indicators.columns) == ["Mã", "Chỉ tiêu", "Giá trị (%)", "Tử số", "Mẫu số", "Chỉ tiêu giao",
                                        "Trạng thái", "Vì sao"]
    assert len(at.dataframe) == 1  # the communes with the most unmet targets
    assert specs(at)[0]["layer"][0]["encoding"]["color"]["scale"]["domain"][0] == "✔ Đạt"
    assert len(at.sidebar.selectbox) == 2 and at.sidebar.radio[0].value == "vi"


@pytest.mark.parametrize("area", AREAS)
def test_area_page(app, expected, area):
    at = app(f"pages/area_{area}.py")
    catalogue = expected["catalogue"]
    assert at.title[0].value == f"Lĩnh vực {area}: {catalogue.area_name(area)}"
    stamp_and_marker(at, expected)
    headers = [s.value for s in at.subheader]
    indicators = catalogue.of_area(area)
    assert headers == [f"{ind.code} · {ind.name_vi}" for ind in indicators]
    assert len(at.dataframe) >= len(indicators)  # a unit table each (plus level tables)
    charts = specs(at)
    no_trend = sum("Chưa có số liệu để vẽ diễn biến" in info.value for info in at.info)
    assert len(charts) >= len(indicators) - no_trend >= 1  # a trend each where there are figures, and maps
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Tải Excel", "Tải CSV"]
    assert "tệp CSV dành cho phần mềm khác" in texts(at)  # the XLSX for people, the CSV for programs
    commune_level = [ind for ind in indicators if "commune" in ind.levels]
    maps = [c for c in charts if c.get("params")]
    assert len(maps) == len(commune_level)


def test_commune_page(app, expected):
    at = app("pages/commune.py")
    stamp_and_marker(at, expected)
    assert at.title[0].value == "Thị trấn Sóc Sơn"
    assert at.header[0].value == "Các chỉ tiêu của thị trấn"  # named for the unit's kind
    frame = static_table(at)
    assert set(frame["Mã"]) == {i.code for i in expected["catalogue"].indicators if "commune" in i.levels}
    assert frame["Khoảng cách đến chỉ tiêu"].str.len().min() > 0
    assert specs(at)[0]["facet"]["field"] == "label"
    # a flagged commune: 5.2 does not apply, and the page says why
    at.selectbox(key="commune_code").set_value("00379").run()
    assert not at.exception
    assert at.title[0].value == "Xã Bắc Sơn"
    assert at.header[0].value == "Các chỉ tiêu của xã"
    gaps = static_table(at).set_index("Mã")["Khoảng cách đến chỉ tiêu"]
    assert gaps["5.2"] == "không áp dụng (xã vùng DTTS, ĐBKK)"
    assert "5.2" in at.info[0].value


# --- what the area page shows is the export -----------------------------------------------------

def as_export(cell: str) -> str:
    # the page writes 23.435 and 40,01 (Vietnamese); the export 23435 and 40.01
    return cell.replace(".", "").replace(",", ".")


@pytest.mark.parametrize("area", [3, 7])
def test_area_page_numbers_equal_the_export(app, expected, area):
    at = app(f"pages/area_{area}.py")
    catalogue, scores = expected["catalogue"], expected["scores"]
    export = exporter.export_frame(catalogue, scores, area=area)
    unit_tables = [df.value for df in at.dataframe if "unit_code" in df.value.columns]
    assert len(unit_tables) == len(catalogue.of_area(area))
    for ind, shown in zip(catalogue.of_area(area), unit_tables):
        rows = export[(export["Mã chỉ tiêu"] == ind.code) & (export["Mã đơn vị"] != "TOAN_HUYEN")]
        assert shown["unit_code"].tolist() == rows["Mã đơn vị"].tolist()
        for (_, page), (_, file) in zip(shown.iterrows(), rows.iterrows()):
            assert as_export(page["value"]) == file["Giá trị (%)"], (ind.code, page["unit_code"])
            assert as_export(page["numerator"]) == file["Tử số"]
            assert as_export(page["denominator"]) == file["Mẫu số"]
            (label,) = page["status_text"]  # one coloured label (widgets.status_labels)
            assert LABELS[label] == file["Trạng thái"]
            assert page["target"].replace("≥", ">=").rstrip("%") == file["Chỉ tiêu giao"]
        whole = export[(export["Mã chỉ tiêu"] == ind.code) & (export["Mã đơn vị"] == "TOAN_HUYEN")].iloc[0]
        line = f"{whole['Giá trị (%)'].replace('.', ',')}%" if whole["Giá trị (%)"] else "chưa có số liệu"
        assert line in texts(at)


def test_area_3_says_which_units_would_lift_the_district(app, expected):
    """Beside each indicator the district misses, the fewest units whose reaching their own target would
    make it meet (lib.core.lift on the demo's scores); nothing beside those it meets."""
    catalogue, scores = expected["catalogue"], expected["scores"]
    at = app("pages/area_3.py")
    shown = texts(at)
    missed = [ind.code for ind in catalogue.of_area(3) if lift.lift(catalogue, scores, ind.code) is not None]
    assert missed  # the demo district misses some of area 3 (3.2a and 3.2b, close to 100%)
    for code in missed:
        line = lift_text.page_line(catalogue, scores, code)
        assert line.startswith("Để toàn huyện đạt, cần ") and line in shown
        for step in lift.lift(catalogue, scores, code).steps:
            assert f"{step.unit_name} thêm {step.add}" in line
    assert shown.count("Để toàn huyện đạt") == len(missed)
    # and on area 3's slide, under each of them
    at.sidebar.toggle[0].set_value(True).run()
    for _ in range(3):
        at.button(key="present_next").click().run()
    slide = "\n".join(m.value for m in at.markdown)
    assert "Lĩnh vực 3. Cải cách thủ tục hành chính" in slide
    for code in missed:
        assert html.escape(lift_text.slide_line(catalogue, scores, code), quote=False) in slide


def test_the_download_is_the_export(demo_url, expected, use_db):
    from lib.web import cached

    use_db(demo_url)
    src = cached.Source(demo_url, db.data_version(db.get_engine(demo_url)), None)
    csv_bytes = cached.export_bytes(src, expected["year"], expected["month"], 3, "csv")
    frame = exporter.export_frame(expected["catalogue"], expected["scores"], area=3)
    assert csv_bytes == sheets.csv_bytes(frame)
    assert csv_bytes.startswith("\ufeff".encode("utf-8"))
    assert cached.export_bytes(src, expected["year"], expected["month"], 3, "xlsx")[:2] == b"PK"


def test_the_overview_offers_the_one_page_brief(app, demo_url, expected):
    from lib.web import cached

    at = app("pages/overview.py")
    assert any(b.label.startswith("Tóm tắt một trang") for b in at.get("download_button"))
    src = cached.Source(demo_url, db.data_version(db.get_engine(demo_url)), None)
    page = cached.brief_bytes(src, expected["year"], expected["month"], "vi").decode("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Sóc Sơn" in page and f"{expected['month']:02d}/{expected['year']}" in page


# --- interactions -------------------------------------------------------------------------------

def test_a_click_on_a_tile_selects_the_commune_in_the_trend(app):
    at = app("pages/area_3.py")
    at.session_state["area3_map_3.1b"] = {"selection": {"commune": [{"unit_code": "00379"}]}}
    at.run()
    assert not at.exception
    def line_names(spec):
        for layer in spec.get("layer", []):
            color = layer.get("encoding", {}).get("color") or {}
            yield from (color.get("scale") or {}).get("domain") or []

    trend = [s for s in specs(at) if "Xã Bắc Sơn" in line_names(s)]
    assert len(trend) == 1
    assert "Xã Bắc Sơn</span>" in texts(at)  # the legend beside the trend


def test_trend_by_quarter_and_year(app):
    at = app("pages/area_3.py")
    at.radio(key="area3_grain_vi").set_value("quarter").run()
    assert not at.exception
    periods = {p for s in specs(at) for layer in s.get("layer", [])
               for p in (layer.get("encoding", {}).get("x") or {}).get("sort") or []}
    assert {"Quý 1", "Quý 2", "Quý 3"} <= periods
    at.radio(key="area3_grain_vi").set_value("year").run()
    assert not at.exception
    periods = {p for s in specs(at) for layer in s.get("layer", [])
               for p in (layer.get("encoding", {}).get("x") or {}).get("sort") or []}
    assert {"2022", "2023"} <= periods


def test_english(app):
    at = app(sidebar_lang="en")
    assert at.title[0].value.startswith("Administrative reform results")
    assert "SAMPLE DATA" in at.warning[0].value
    at.switch_page("pages/area_3.py").run()
    assert not at.exception
    assert at.title[0].value == "Area 3: Administrative procedures"


def test_switching_language_keeps_the_choices_working(app):
    at = app("pages/area_3.py")
    at.radio(key="area3_grain_vi").set_value("quarter").run()
    at.sidebar.selectbox(key="sidebar_as_of").set_value(6).run()
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Area 3: Administrative procedures"
    assert "Figures up to the end of 06/" in texts(at)
    assert at.radio(key="area3_grain_en").value == "month"
    at.sidebar.radio(key="sidebar_lang").set_value("vi").run()
    assert not at.exception
    assert "Số liệu đến hết tháng 06/" in texts(at)


def test_the_language_is_kept_in_the_address(app, demo_url):
    # a reload, a new tab or a shared link opens in the address's language...
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "noivu"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("Administrative reform results")
    # ...and it stays there from page to page, until the reader switches back
    at.switch_page("pages/area_3.py").run()
    assert at.title[0].value == "Area 3: Administrative procedures"
    assert at.query_params["lang"] in ("en", ["en"])
    at.sidebar.radio(key="sidebar_lang").set_value("vi").run()
    assert at.title[0].value.startswith("Lĩnh vực 3")
    assert "lang" not in at.query_params  # Vietnamese, the default, leaves the address bare


def test_an_earlier_year_is_shown_at_its_end(app):
    at = app()
    at.sidebar.selectbox(key="sidebar_year").set_value(2024).run()
    assert not at.exception
    assert "Số liệu đến hết tháng 12/2024" in texts(at)
    assert at.title[0].value == "Kết quả cải cách hành chính năm 2024"


# --- data changes and missing databases ----------------------------------------------------------

def test_an_import_shows_on_the_next_run(demo_url, tmp_path, use_db, expected, monkeypatch):
    url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(demo_url.split("///", 1)[1], tmp_path / "copy.db")
    use_db(url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "lanhdao"
    at.run()
    before = static_table(at).set_index("Mã").loc["3.4", "Giá trị (%)"]
    engine = db.get_engine(url)
    with engine.begin() as conn:  # what an import does: change figures, bump the data version
        conn.execute(text("UPDATE observations SET numerator = 0 WHERE indicator = '3.4'"))
        db.bump_data_version(conn)
    at.run()
    after = static_table(at).set_index("Mã").loc["3.4", "Giá trị (%)"]
    assert before != after and after == "0,00"
    engine.dispose()


def test_a_server_database_without_schema_or_district_says_what_to_run(tmp_path, use_db):
    from lib.store.setup import init_db

    url = f"sqlite:///{tmp_path / 'server.db'}"
    use_db(url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "init-db" in at.code[0].value
    init_db(db.get_engine(url))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "chưa có huyện nào" in at.error[0].value
    assert "setup-district" in at.code[0].value


# --- the meeting-room view ------------------------------------------------------------------------

def test_the_presentation_mode_replaces_the_pages_and_the_sidebar(app, expected):
    at = app()
    assert at.sidebar.toggle[0].label == "Chế độ trình chiếu" and at.sidebar.toggle[0].value is False
    at.sidebar.toggle[0].set_value(True).run()
    assert not at.exception
    assert at.query_params["trinh_chieu"] in ("1", ["1"])
    shown = "\n".join(m.value for m in at.markdown)
    assert f"Tổng quan cải cách hành chính năm {expected['year']}" in shown
    assert f"Số liệu đến hết tháng {expected['month']:02d}/{expected['year']}" in shown and "DỮ LIỆU MẪU" in shown
    assert len(at.sidebar.selectbox) == 0 and len(at.sidebar.toggle) == 0
    # step to area 3: its table and the map of the commune indicator most communes miss
    for _ in range(3):
        at.button(key="present_next").click().run()
    shown = "\n".join(m.value for m in at.markdown)
    assert "Lĩnh vực 3. Cải cách thủ tục hành chính" in shown and "3.1b" in shown
    assert len(at.get("vega_lite_chart")) == 1
    at.button(key="present_leave").click().run()
    assert "trinh_chieu" not in at.query_params and len(at.sidebar.selectbox) == 2


def test_the_presentation_url_opens_at_the_default_period(app, expected, demo_url, use_db, monkeypatch):
    use_db(demo_url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "lanhdao"
    at.query_params["trinh_chieu"] = "1"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # no sidebar was ever drawn: the period is still the default one, not December
    shown = "\n".join(m.value for m in at.markdown)
    assert f"Số liệu đến hết tháng {expected['month']:02d}/{expected['year']}" in shown
