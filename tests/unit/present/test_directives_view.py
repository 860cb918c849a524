"""The leaders' directives in words (lib.present.directives_view): states, cells, the open ones of a
cell (overdue first), the filters, the short line, the download's columns; and the brief's lines,
typed text escaped."""
from datetime import date

import pandas as pd

from conftest import html_tags_and_text
from test_brief import render, scored  # noqa: F401  (fixture)

from lib.core import catalogue as cat
from lib.present import directives_view as view

CATALOGUE = cat.Catalogue(areas={1: ("Cải cách thể chế", "Institutional reform"), 3: ("Thủ tục", "Procedures")},
                          indicators=[])
BASE = {"area": 3, "indicator": "3.4", "unit_id": 5.0, "unit_code": "00376", "unit_name": "Xã A", "responsible_id": 5,
        "responsible_code": "00376", "responsible_name": "Xã A", "text": "Đôn đốc", "deadline": date(2026, 12, 15),
        "state": "open", "created_by": "ld", "created_at": pd.Timestamp("2026-12-01T01:00Z"), "closed_by": None,
        "closed_at": None, "closing_note": None, "notes": 0, "last_note": "", "last_note_at": None,
        "shown_state": "open"}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**BASE, "id": i + 1, **row} for i, row in enumerate(rows)])


def test_states_and_cells_in_words():
    assert [view.state_name(s) for s in ("open", "overdue", "done")] == ["Đang thực hiện", "Quá hạn", "Đã hoàn thành"]
    assert view.state_name("overdue", "en") == "Overdue"
    rows = frame({}, {"unit_id": None, "unit_name": None}, {"indicator": None, "unit_id": None, "unit_name": None,
                                                           "area": 1})
    cells = [view.cell_text(r, CATALOGUE, "toàn huyện") for _, r in rows.iterrows()]
    assert cells == ["3.4 · Xã A", "3.4 · toàn huyện", "Lĩnh vực 1: Cải cách thể chế"]


def test_the_open_ones_of_a_cell_overdue_first():
    rows = frame({"deadline": date(2026, 12, 20)},
                 {"deadline": date(2026, 12, 30), "shown_state": "overdue"},
                 {"shown_state": "done", "state": "done"},
                 {"unit_id": None, "unit_name": None},
                 {"indicator": None, "unit_id": None, "unit_name": None})
    assert view.open_ones(rows)["id"].tolist() == [2, 4, 5, 1]  # then by deadline
    assert view.open_ones(rows, "3.4", 5)["id"].tolist() == [2, 1]
    assert view.open_ones(rows, "3.4")["id"].tolist() == [4]  # the whole's cell
    assert view.open_ones(rows, area=3)["id"].tolist() == [5]  # the area's cell
    assert view.open_ones(rows, unit_id=5)["id"].tolist() == [2, 1]
    assert view.counts(rows) == {"open": 4, "overdue": 1}
    assert view.counts_text(rows) == "Ý kiến chỉ đạo: 4 đang mở, 1 quá hạn."


def test_filters_by_unit_area_and_state():
    rows = frame({}, {"responsible_id": 6, "area": 1}, {"shown_state": "overdue"})
    assert view.filtered(rows, [], [], [])["id"].tolist() == [1, 2, 3]
    assert view.filtered(rows, [6], [], [])["id"].tolist() == [2]
    assert view.filtered(rows, [], [3], ["overdue"])["id"].tolist() == [3]


def test_a_short_line_cuts_a_long_text():
    row = frame({"text": "x" * 300, "shown_state": "overdue"}).iloc[0]
    line = view.short_line(row, CATALOGUE, "toàn huyện")
    assert line.startswith("Quá hạn · hạn 15/12/2026 · 3.4 · Xã A · Xã A: ")
    assert line.endswith("…") and len(line.split(": ", 1)[1]) == view.SHORT


def test_the_download_has_its_columns_in_the_language():
    out = view.download_frame(frame({}), CATALOGUE, "toàn huyện")
    assert list(out.columns)[:4] == ["Số", "Lĩnh vực", "Mã", "Gắn với"]
    assert out.iloc[0]["Hạn xử lý"] == date(2026, 12, 15) and out.iloc[0]["Trạng thái"] == "Đang thực hiện"
    assert out.iloc[0]["Thời điểm"] == "08:00 01/12/2026"  # in Vietnam's time
    english = view.download_frame(frame({}), CATALOGUE, "the district", "en")
    assert "Deadline" in english.columns


def test_the_brief_carries_the_directives_as_text(scored):  # noqa: F811
    hostile = "Đang thực hiện · hạn 15/12/2026 · 3.4 · Xã A: <script>alert(1)</script>"
    page = render(scored, directives=("Ý kiến chỉ đạo: 1 đang mở, 0 quá hạn.", hostile))
    tags, text = html_tags_and_text(page)
    assert "script" not in tags and hostile in text and "Ý kiến chỉ đạo: 1 đang mở, 0 quá hạn." in text
    assert 'class="directives"' not in render(scored)  # nothing open: nothing added
