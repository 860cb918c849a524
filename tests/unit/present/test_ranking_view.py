"""The emulation ranking as people read it (lib.present.ranking): the page's table, the refusal of
weights in words, the weights' editor, the downloads."""
from __future__ import annotations

import io
from fractions import Fraction

import pandas as pd
import pytest
from conftest import statuses_scores as scores
from openpyxl import load_workbook

from lib.core import ranking
from lib.core import status as st
from lib.io import sheets
from lib.present import i18n
from lib.present import ranking as ranking_view
from lib.store import definitions

M, C, N, D, A = st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE


# --- the page's table ---------------------------------------------------------------------------

def test_ties_read_tied_in_the_language():
    frame = ranking.rank(scores({"Xã Đông": [M, N, M], "Xã Cao": [M, M, M], "Xã Bình": [M, M, N],
                                 "Xã Lâm": [M, N, N]}), "commune")
    assert ranking_view.view_frame(frame)["rank"].tolist() == ["1", "2 (đồng hạng)", "2 (đồng hạng)", "4"]
    assert ranking_view.view_frame(frame, "en")["rank"].tolist() == ["1", "2 (tied)", "2 (tied)", "4"]
    assert ranking_view.view_frame(frame)["score"].tolist() == ["100,00", "66,67", "66,67", "33,33"]


def test_counts_read_met_of_applicable():
    frame = ranking.rank(scores({"Xã Im Lặng": [M, M, D, D], "Xã Báo Cáo": [M, M, M, N]}), "commune")
    assert ranking_view.view_frame(frame).iloc[1][["met_of", "not_met", "no_data"]].tolist() == ["2/4", "0", "2"]


def test_a_unit_not_ranked_reads_a_dash():
    frame = ranking.rank(scores({"Xã Trống": [A, A], "Xã Có": [N, N]}), "commune")
    assert ranking_view.view_frame(frame)["rank"].tolist() == ["1", "—"]


def test_last_years_rank_and_the_change_read_in_the_table():
    now = scores({"Xã A": [M, M], "Xã B": [M, N], "Xã C": [N, N], "Xã Mới": [M, N]})
    then = scores({"Xã A": [N, N], "Xã B": [M, N], "Xã C": [M, M]}, year=2022)
    # the codes follow the units' names, as the database's would
    codes = {"Xã A": "A", "Xã B": "B", "Xã C": "C", "Xã Mới": "MOI"}
    for s in (now, then):
        s.units["unit_code"] = s.units["unit_name"].map(codes)
    shown = ranking_view.view_frame(ranking.rank(now, "commune", previous=then)).set_index("unit")
    # last year's rank, and in brackets the places gained or lost since
    assert shown.loc["Xã A", ["rank", "previous"]].tolist() == ["1", "3 (↑2)"]
    assert shown.loc["Xã B", ["rank", "previous"]].tolist() == ["2 (đồng hạng)", "2 (±0)"]
    assert shown.loc["Xã C", ["rank", "previous"]].tolist() == ["4", "1 (↓3)"]
    assert shown.loc["Xã Mới", ["rank", "previous"]].tolist() == ["2 (đồng hạng)", ""]
    # an unchanged rank is no formula's start: the CSV needs no apostrophe before it
    frame = ranking.rank(now, "commune", previous=then)
    assert "'" not in sheets.csv_bytes(ranking_view.export_frame(frame, 2022)).decode("utf-8-sig")
    assert list(ranking_view.view_headers(2022)) == ranking_view.VIEW_COLUMNS
    assert ranking_view.view_headers(2022)["previous"] == "Hạng 2022"


def test_the_short_headers_are_worded_in_their_tooltips_and_under_the_table():
    headers, helps = ranking_view.view_headers(2022), ranking_view.view_help(2022)
    assert [headers[c] for c in ("close", "not_met", "no_data")] == ["◐", "✖", "?"]
    assert [helps[c] for c in ("close", "not_met", "no_data")] == [
        "Số chỉ tiêu ◐ Gần đạt", "Số chỉ tiêu ✖ Chưa đạt", "Số chỉ tiêu ? Chưa có số liệu"]
    assert ranking_view.columns_note(2022).startswith("Các cột ◐ Gần đạt, ✖ Chưa đạt, ? Chưa có số liệu: số chỉ tiêu")
    assert "Indicators ✖ Not met" == ranking_view.view_help(2022, "en")["not_met"]
    assert set(ranking_view.VIEW_WIDTHS) == set(ranking_view.VIEW_COLUMNS)


# --- the weights ----------------------------------------------------------------------------------

@pytest.fixture
def catalogue(sqlite_engine):
    with sqlite_engine.connect() as conn:
        return definitions.load_catalogue(conn)


@pytest.mark.parametrize("bad", [-1, 10.5, "abc", None, float("nan"), float("inf"), True])
def test_refused_weights_read_as_one_sentence_naming_each_indicator(catalogue, bad):
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.parse_weights(catalogue, {"1.1": 2, "3.4": 4, "5.1": bad})
    text = i18n.say(refused.value)
    assert text.startswith("Chưa lưu trọng số, không có gì thay đổi: trọng số của chỉ tiêu 5.1")
    assert text.endswith("cần một số từ 0 đến 10.") and "3.4" not in text
    assert "indicator 5.1" in i18n.say(refused.value, "en")


def test_several_refusals_are_joined_and_the_sentence_ends_once(catalogue):
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.parse_weights(catalogue, {"6.2": 2, "9.9": 1})  # 6.2: district only
    assert i18n.say(refused.value) == ("Chưa lưu trọng số, không có gì thay đổi: không có chỉ tiêu mã '6.2' trong "
                                       "bảng xếp hạng; không có chỉ tiêu mã '9.9' trong bảng xếp hạng.")
    assert i18n.say(refused.value, "en") == ("The weights were not saved and nothing changed: there is no indicator "
                                             "'6.2' in the ranking; there is no indicator '9.9' in the ranking.")


def test_the_weights_editor_lists_the_ranked_indicators_with_their_levels(catalogue):
    frame = ranking_view.weights_frame(catalogue, {"3.4": Fraction(5, 2)}).set_index("code")
    assert list(frame.index) == [ind.code for ind in ranking.ranked_indicators(catalogue)]
    assert frame.loc["3.4", "weight"] == 2.5 and frame.loc["1.1", "weight"] == 1.0
    assert "6.2" not in frame.index  # the district alone reports it
    assert frame.loc["7.2", "levels"] == "xã; cơ quan"


# --- downloads ----------------------------------------------------------------------------------

def sample_frame() -> pd.DataFrame:
    now = scores({"Xã Đông Xuân": [M, M, D], "=Xã Lạ": [M, N, D], "Xã Trống": [A, A, A]})
    then = scores({"Xã Đông Xuân": [N, N, N], "=Xã Lạ": [M, M, M]}, year=2022)
    return ranking.rank(now, "commune", previous=then)


def test_the_csv_has_a_bom_vietnamese_headers_and_safe_cells():
    data = sheets.csv_bytes(ranking_view.export_frame(sample_frame(), 2022))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ("Hạng,Đồng hạng,Mã đơn vị,Đơn vị,Điểm (%),Mức đạt bình quân (%),Số chỉ tiêu đạt,"
                        "Số chỉ tiêu áp dụng,Gần đạt,Chưa đạt,Chưa có số liệu,Hạng năm 2022,Thay đổi")
    assert lines[1] == "1,,U00,Xã Đông Xuân,66.67,66.67,2,3,0,0,1,2,↑1"
    assert lines[2] == "2,,U01,'=Xã Lạ,33.33,33.33,1,3,0,1,1,1,↓1"
    assert lines[3] == ",,U02,Xã Trống,,,0,0,0,0,0,,"
    english = sheets.csv_bytes(ranking_view.export_frame(sample_frame(), 2022, "en")).decode("utf-8-sig")
    assert english.splitlines()[0] == ("Rank,Tied,Unit code,Unit,Score (%),Mean attainment (%),Indicators met,"
                                       "Applicable indicators,Close,Not met,No data,Rank in 2022,Change")


def test_the_xlsx_opens_with_headers_and_numbers():
    sheet = load_workbook(io.BytesIO(sheets.xlsx_bytes(ranking_view.export_frame(sample_frame(), 2022)))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Hạng", "Đồng hạng", "Mã đơn vị", "Đơn vị", "Điểm (%)")
    assert rows[1] == (1, None, "U00", "Xã Đông Xuân", 66.67, 66.67, 2, 3, 0, 0, 1, 2, "↑1")
    assert rows[3][0] is None and rows[3][3] == "Xã Trống"
    # a name like a formula is its exact text in a string cell, never a formula
    assert sheet["D3"].value == "=Xã Lạ" and sheet["D3"].data_type == "s"
