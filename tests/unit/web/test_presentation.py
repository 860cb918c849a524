"""The meeting-room slides as HTML (lib.web.presentation), without a browser: what each slide says,
the status never carried by colour alone, and which commune indicator an area slide maps."""
from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import HOSTILE_NAMES, html_tags_and_text

from lib.core import status as st
from lib.core.scoring import Scores
from lib.present import views
from lib.web import presentation


def parses(text: str) -> str:
    """The text of the HTML (it must parse)."""
    parts = []

    class Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    Text().feed(text)
    return " ".join(parts)


def scores_of(rows: list[tuple[str, str, str, str]]) -> Scores:
    """Scores whose units are (indicator, unit code, level, status) rows."""
    units = pd.DataFrame(rows, columns=["indicator", "unit_code", "level", "status"])
    return Scores(year=2026, month=10, units=units, levels=pd.DataFrame(), district=pd.DataFrame())


def test_the_walk_is_the_overview_then_each_area():
    assert presentation.slides({3: "", 1: "", 2: ""}) == [presentation.OVERVIEW, 1, 2, 3]


def test_the_overview_slide_names_every_area_the_whole_and_the_worst_communes():
    glance = pd.DataFrame([{"area": 1, "name": "Chỉ đạo, điều hành", "indicators": 4, st.MET: 2, st.CLOSE: 1,
                            st.NOT_MET: 1, st.NO_DATA: 0, st.NOT_APPLICABLE: 0},
                           {"area": 2, "name": "Thể chế <mới>", "indicators": 1, st.MET: 0, st.CLOSE: 0,
                            st.NOT_MET: 0, st.NO_DATA: 1, st.NOT_APPLICABLE: 0}])
    worst = pd.DataFrame([{"unit_code": "00379", "unit": "Xã Bắc Sơn", "not_met": 3, "close": 1, "no_data": 0,
                           "unmet": "1.1"}])
    page = presentation.overview_html(glance, worst, "Toàn huyện", 2026)
    text = parses(page)
    assert "1. Chỉ đạo, điều hành" in text and "2. Thể chế <mới>" in text and "<mới>" not in page
    assert "Toàn huyện" in text and "5 chỉ tiêu" in text  # the whole: 4 + 1 indicators
    for code in views.GLANCE:  # symbol and word with every count
        assert st.badge(code) in text
    assert "✔ Đạt: 2" in text and "✖ Chưa đạt: 1" in text and "? Chưa có số liệu: 1" in text
    assert "Xã Bắc Sơn: 3 chưa đạt" in text
    english = parses(presentation.overview_html(glance, worst.iloc[0:0], "Whole district", 2026, "en"))
    assert "No commune misses a target." in english and "✔ Met: 2" in english


def test_the_area_slide_gives_each_indicator_its_figure_target_status_and_units():
    frame = pd.DataFrame([
        {"area": 3, "code": "3.1b", "indicator": "Tỷ lệ hồ sơ trực tuyến", "value": "38,34", "numerator": "",
         "denominator": "", "target": ">30%", "status": st.MET, "status_text": st.badge(st.MET)},
        {"area": 3, "code": "3.3", "indicator": "Số hóa kết quả", "value": "", "numerator": "", "denominator": "",
         "target": "≥20%", "status": st.NO_DATA, "status_text": st.badge(st.NO_DATA)}])
    counts = {"3.1b": {st.MET: 24, st.CLOSE: 2, st.NOT_MET: 1, st.NO_DATA: 0}, "3.3": {}}
    text = parses(presentation.area_html(frame, counts, "Toàn huyện"))
    assert "Kết quả (Toàn huyện)" in text
    assert "3.1b" in text and "38,34%" in text and ">30%" in text and "✔ Đạt" in text
    assert "✔ 24" in text and "◐ 2" in text and "✖ 1" in text and "? 0" not in text  # no empty counts
    assert "? Chưa có số liệu" in text and "—" in text  # no figure: a dash, never an empty cell


def test_the_area_slide_says_what_would_lift_an_indicator_the_whole_misses():
    frame = pd.DataFrame([
        {"area": 3, "code": "3.2a", "indicator": "TTHC được công bố", "value": "99,33", "numerator": "",
         "denominator": "", "target": "≥100%", "status": st.CLOSE, "status_text": st.badge(st.CLOSE)},
        {"area": 3, "code": "3.4", "indicator": "Hồ sơ đúng hạn", "value": "98,52", "numerator": "",
         "denominator": "", "target": ">98%", "status": st.MET, "status_text": st.badge(st.MET)}])
    lifts = {"3.2a": "Để đạt: 2 đơn vị (Xã Tân Hưng +9, Xã Kim Lũ +4)", "3.4": ""}
    page = presentation.area_html(frame, {}, "Toàn huyện", lifts=lifts)
    assert "TTHC được công bố Để đạt: 2 đơn vị (Xã Tân Hưng +9, Xã Kim Lũ +4)" in parses(page)
    assert page.count("present-lift") == 1  # only under the indicator the whole misses
    assert "present-lift" not in presentation.area_html(frame, {}, "Toàn huyện")


def test_unit_counts_count_each_status_of_the_indicator():
    scores = scores_of([("1.1", "a", "commune", st.MET), ("1.1", "b", "commune", st.NOT_MET),
                        ("1.1", "c", "commune", st.MET), ("1.3", "a", "commune", st.NO_DATA)])
    assert presentation.unit_counts(scores, "1.1") == {st.MET: 2, st.CLOSE: 0, st.NOT_MET: 1, st.NO_DATA: 0}


def test_the_map_shows_the_commune_indicator_most_communes_miss():
    scores = scores_of([
        ("3.1a", "-", "district", st.NOT_MET),  # the district's own: no map
        ("3.1b", "a", "commune", st.NOT_MET), ("3.1b", "b", "commune", st.MET),
        ("3.2a", "a", "commune", st.NOT_MET), ("3.2a", "b", "commune", st.CLOSE),
        ("3.3", "a", "commune", st.CLOSE), ("3.3", "b", "commune", st.CLOSE),
    ])
    # 3.1b and 3.2a tie on not met; 3.2a has more close
    assert presentation.map_code(scores, ["3.1a", "3.1b", "3.2a", "3.3"]) == "3.2a"
    assert presentation.map_code(scores, ["3.3", "3.1b"]) == "3.1b"  # not met counts before close
    assert presentation.map_code(scores, ["3.1a"]) is None  # communes report none of them
    # a tie all the way: the first in the catalogue's order
    quiet = scores_of([("6.1", "a", "commune", st.MET), ("7.2", "a", "commune", st.MET)])
    assert presentation.map_code(quiet, ["7.2", "6.1"]) == "7.2"
    assert presentation.map_code(quiet, ["6.1", "7.2"]) == "6.1"


def test_the_stamp_carries_the_place_the_period_and_the_sample_marker():
    text = parses(presentation.stamp_html("Huyện <A>", "Số liệu đến hết tháng 10/2026", "DỮ LIỆU MẪU"))
    assert text.split() == "Huyện <A> · Số liệu đến hết tháng 10/2026 DỮ LIỆU MẪU".split()
    assert "DỮ LIỆU MẪU" not in presentation.stamp_html("Huyện A", "Số liệu", None)


def test_a_name_with_html_markdown_and_blank_lines_shows_as_its_text():
    # Streamlit reads a slide as Markdown with HTML: a blank line inside a name would end the HTML
    # block and let the image after it be fetched
    name = "Xã <b>A</b>\n\n![x](http://x.example/a.png)"
    worst = pd.DataFrame([{"unit_code": "00379", "unit": name, "not_met": 3, "close": 0, "no_data": 0,
                           "unmet": "1.1"}])
    glance = pd.DataFrame([{"area": 1, "name": "Chỉ đạo, điều hành", "indicators": 1, st.MET: 1, st.CLOSE: 0,
                            st.NOT_MET: 0, st.NO_DATA: 0, st.NOT_APPLICABLE: 0}])
    for page in (presentation.overview_html(glance, worst, "Toàn huyện", 2026),
                 presentation.stamp_html(name, "Số liệu đến hết tháng 10/2026", None)):
        assert "<b>A</b>" not in page and "\n" not in page
        assert "Xã <b>A</b>\n\n![x](http://x.example/a.png)" in parses(page)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_every_slide_template_shows_a_hostile_name_as_text(name):
    glance = pd.DataFrame([{"area": 1, "name": name, "indicators": 1, st.MET: 1, st.CLOSE: 0, st.NOT_MET: 0,
                            st.NO_DATA: 0, st.NOT_APPLICABLE: 0}])
    worst = pd.DataFrame([{"unit_code": "00379", "unit": name, "not_met": 3, "close": 0, "no_data": 0,
                           "unmet": "1.1"}])
    frame = pd.DataFrame([{"area": 3, "code": "3.1b", "indicator": name, "value": "38,34", "numerator": "",
                           "denominator": "", "target": name, "status": st.MET, "status_text": name}])
    pieces = [presentation.overview_html(glance, worst, name, 2026),
              presentation.area_html(frame, {"3.1b": {st.MET: 1}}, name, lifts={"3.1b": name}),
              presentation.stamp_html(name, name, name), presentation.title_html(1, name, 2026)]
    for page in pieces:
        tags, text = html_tags_and_text(page)
        assert not tags & {"script", "img", "a"} and name in text
        assert "\n" not in page  # one line: no blank line can end Streamlit's HTML block
