"""The emulation ranking (lib.core.ranking): scores, ties, weights, last year's rank, the downloads."""
from __future__ import annotations

import io
import json
from fractions import Fraction

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from lib.store import db
from lib.core import ranking
from lib.io import sheets
from lib.core import status as st
from lib.store.models import AuditEntry
from lib.store.results import district_scores
from lib.core.scoring import Scores

from tests.conftest import add_figures
from lib.store import definitions

M, C, N, D, A = st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE


def scores(units: dict[str, list[str]], level: str = "commune", year: int = 2023,
           indicators: list[str] | None = None) -> Scores:
    """Scores whose unit rows give each unit (by name) one status per indicator, in order."""
    rows = []
    for i, (name, statuses) in enumerate(units.items()):
        codes = indicators or [f"i{k}" for k in range(len(statuses))]
        for code, status in zip(codes, statuses):
            rows.append({"indicator": code, "unit_id": i, "unit_code": f"U{i:02d}", "unit_name": name,
                         "kind": "xa" if level == "commune" else "co_quan", "level": level,
                         "applicable": status != A, "status": status})
    return Scores(year=year, month=12, units=pd.DataFrame(rows), levels=pd.DataFrame(), district=pd.DataFrame())


def listed(frame: pd.DataFrame) -> list[tuple]:
    return [(None if pd.isna(r) else int(r), t, n) for r, t, n in zip(frame["rank"], frame["tied"], frame["unit_name"])]


# --- ranks and ties -----------------------------------------------------------------------------

def test_ties_share_a_rank_the_next_skips_and_a_tie_goes_by_name():
    frame = ranking.rank(scores({
        "Xã Đông": [M, N, M],  # 2/3, tied with Xã Bình: by name (Đ as D), Bình first
        "Xã Cao": [M, M, M],
        "Xã Bình": [M, M, N],
        "Xã Lâm": [M, N, N],
    }), "commune")
    assert listed(frame) == [(1, False, "Xã Cao"), (2, True, "Xã Bình"), (2, True, "Xã Đông"),
                             (4, False, "Xã Lâm")]
    assert frame["percent"].tolist() == [100.0, 66.67, 66.67, 33.33]
    assert ranking.view_frame(frame)["tie"].tolist() == ["", "đồng hạng", "đồng hạng", ""]
    assert ranking.view_frame(frame, "en")["tie"].tolist() == ["", "tied", "tied", ""]


def test_scores_equal_as_fractions_tie_where_float_sums_would_not():
    assert 0.1 + 0.2 != 0.3  # what a float score would get wrong
    weights = {"i0": Fraction("0.1"), "i1": Fraction("0.2"), "i2": Fraction("0.3")}
    frame = ranking.rank(scores({"Xã A": [M, M, N], "Xã B": [N, N, M]}), "commune", weights)
    assert listed(frame) == [(1, True, "Xã A"), (1, True, "Xã B")]
    assert frame["score"].tolist() == [Fraction(1, 2), Fraction(1, 2)]


def test_scores_that_round_alike_are_still_ranked_apart():
    # 2/3 = 66.6667% and 2.0001/3.0001 = 66.6678%: both show 66.67, but they are not equal
    weights = {"i0": Fraction(1), "i1": Fraction(1), "i2": Fraction(1), "i3": Fraction("2.0001")}
    frame = ranking.rank(scores({"Xã A": [M, M, N, A], "Xã B": [A, A, N, M]}), "commune", weights)
    assert listed(frame) == [(1, False, "Xã B"), (2, False, "Xã A")]
    assert frame["percent"].tolist() == [66.67, 66.67]


# --- what counts --------------------------------------------------------------------------------

def test_no_data_counts_as_not_met_and_has_its_own_column():
    frame = ranking.rank(scores({"Xã Im Lặng": [M, M, D, D], "Xã Báo Cáo": [M, M, M, N]}), "commune")
    assert listed(frame) == [(1, False, "Xã Báo Cáo"), (2, False, "Xã Im Lặng")]
    silent = frame.iloc[1]
    assert (silent["applicable"], silent["met"], silent["not_met"], silent["no_data"]) == (4, 2, 0, 2)
    assert silent["score"] == Fraction(1, 2)
    assert ranking.view_frame(frame).iloc[1][["met_of", "not_met", "no_data"]].tolist() == ["2/4", "0", "2"]


def test_not_applicable_indicators_are_left_out():
    frame = ranking.rank(scores({"Xã DTTS": [M, M, A, A], "Xã Khác": [M, M, M, C]}), "commune")
    assert listed(frame) == [(1, False, "Xã DTTS"), (2, False, "Xã Khác")]
    assert frame.iloc[0][["applicable", "met"]].tolist() == [2, 2]
    assert frame.iloc[1][["applicable", "met", "close"]].tolist() == [4, 3, 1]


def test_a_unit_with_nothing_applicable_is_listed_last_without_a_rank():
    frame = ranking.rank(scores({"Xã Trống": [A, A], "Xã Có": [N, N]}), "commune")
    assert listed(frame) == [(1, False, "Xã Có"), (None, False, "Xã Trống")]
    assert ranking.view_frame(frame)["rank"].tolist() == ["1", "—"]


def test_only_the_level_asked_is_ranked():
    both = scores({"Xã Một": [M]}, "commune")
    agencies = scores({"Phòng Nội vụ": [N]}, "agency")
    both.units = pd.concat([both.units, agencies.units.assign(unit_code="P01")], ignore_index=True)
    assert ranking.rank(both, "commune")["unit_name"].tolist() == ["Xã Một"]
    assert ranking.rank(both, "agency")["unit_name"].tolist() == ["Phòng Nội vụ"]


# --- weights ------------------------------------------------------------------------------------

def test_weights_change_the_order():
    units = scores({"Xã A": [M, N, N], "Xã B": [N, M, M]})
    assert listed(ranking.rank(units, "commune")) == [(1, False, "Xã B"), (2, False, "Xã A")]
    weighted = ranking.rank(units, "commune", {"i0": Fraction(5)})
    assert listed(weighted) == [(1, False, "Xã A"), (2, False, "Xã B")]
    assert weighted["score"].tolist() == [Fraction(5, 7), Fraction(2, 7)]


def test_weight_zero_leaves_an_indicator_out_of_the_score_and_the_counts():
    frame = ranking.rank(scores({"Xã A": [M, D, N], "Xã B": [M, M, N]}), "commune", {"i1": Fraction(0)})
    assert listed(frame) == [(1, True, "Xã A"), (1, True, "Xã B")]
    assert frame[["applicable", "met", "not_met", "no_data"]].values.tolist() == [[2, 1, 1, 0], [2, 1, 1, 0]]


# --- last year ----------------------------------------------------------------------------------

def test_last_years_rank_and_the_change_are_shown():
    now = scores({"Xã A": [M, M], "Xã B": [M, N], "Xã C": [N, N], "Xã Mới": [M, N]})
    then = scores({"Xã A": [N, N], "Xã B": [M, N], "Xã C": [M, M]}, year=2022)
    # the codes follow the units' names, as the database's would
    codes = {"Xã A": "A", "Xã B": "B", "Xã C": "C", "Xã Mới": "MOI"}
    for s in (now, then):
        s.units["unit_code"] = s.units["unit_name"].map(codes)
    frame = ranking.rank(now, "commune", previous=then)
    shown = ranking.view_frame(frame).set_index("unit")
    assert shown.loc["Xã A", ["rank", "previous", "change"]].tolist() == ["1", "3", "↑2"]
    assert shown.loc["Xã B", ["rank", "previous", "change"]].tolist() == ["2", "2", "±0"]
    assert shown.loc["Xã C", ["rank", "previous", "change"]].tolist() == ["4", "1", "↓3"]
    assert shown.loc["Xã Mới", ["rank", "previous", "change"]].tolist() == ["2", "", ""]
    # an unchanged rank is no formula's start: the CSV needs no apostrophe before it
    assert "'" not in sheets.csv_bytes(ranking.export_frame(frame, 2022)).decode("utf-8-sig")
    assert ranking.rank(now, "commune")["previous_rank"].isna().all()


# --- stored weights (SQLite and PostgreSQL) -----------------------------------------------------

def audit_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.action == "ranking.weights")).scalar()


def test_weights_are_stored_as_json_bump_the_version_and_are_audited(engine):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        assert ranking.read_weights(conn) == {}
    version = db.data_version(engine)
    assert ranking.save_weights(engine, catalogue, {"3.4": 2.5, "1.1": "0", "5.1": 1}, actor="nv")
    with engine.connect() as conn:
        assert ranking.read_weights(conn) == {"3.4": Fraction(5, 2), "1.1": Fraction(0)}
        assert json.loads(db.get_meta(conn, ranking.WEIGHTS_KEY)) == {"1.1": "0", "3.4": "2.5"}
        entry = conn.execute(select(AuditEntry.username, AuditEntry.entity, AuditEntry.old_value,
                                    AuditEntry.new_value).where(AuditEntry.action == "ranking.weights")).one()
    assert db.data_version(engine) == version + 1
    assert entry[:2] == ("nv", ranking.WEIGHTS_KEY)
    assert json.loads(entry[2]) == {"1.1": "1", "3.4": "1"} and json.loads(entry[3]) == {"1.1": "0", "3.4": "2.5"}
    # the same weights again: nothing written
    assert not ranking.save_weights(engine, catalogue, {"3.4": "2,5"}, actor="nv")
    assert db.data_version(engine) == version + 1 and audit_count(engine) == 1


@pytest.mark.parametrize("bad", [-1, 10.5, "abc", None, float("nan"), float("inf"), True])
def test_a_bad_weight_is_refused_naming_the_indicator_and_nothing_is_stored(engine, bad):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
    ranking.save_weights(engine, catalogue, {"3.4": 3}, actor="nv")
    version = db.data_version(engine)
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.save_weights(engine, catalogue, {"1.1": 2, "3.4": 4, "5.1": bad}, actor="nv")
    text = ranking.message(refused.value)
    assert text.startswith("Chưa lưu trọng số, không có gì thay đổi: trọng số của chỉ tiêu 5.1")
    assert "cần một số từ 0 đến 10" in text and "3.4" not in text
    assert "indicator 5.1" in ranking.message(refused.value, "en")
    with engine.connect() as conn:
        assert ranking.read_weights(conn) == {"3.4": Fraction(3)}
    assert db.data_version(engine) == version and audit_count(engine) == 1


def test_an_unknown_indicator_is_refused(engine):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.save_weights(engine, catalogue, {"6.2": 2, "9.9": 1}, actor="nv")  # 6.2: district only
    text = ranking.message(refused.value)
    assert "'6.2'" in text and "'9.9'" in text
    assert audit_count(engine) == 0


def test_ranking_scored_from_the_database_with_stored_weights(small_district):
    engine = small_district
    add_figures(engine, [("99901", "3.4", "2023", 99, 100), ("99902", "3.4", "2023", 90, 100),
                         ("99901", "5.2", "2023", 5, 10), ("999-NV", "4.1", "2023", 1, 1)])
    with engine.connect() as conn:
        now = district_scores(conn, 2023, 12)
        catalogue = definitions.load_catalogue(conn)
    communes = ranking.rank(now, "commune")
    # Thị trấn Một meets 3.4 of its 14; Xã Hai (3.4 not met) and Xã Ba (no figures; 5.2 does not apply
    # to it) both score 0: tied, by name
    assert listed(communes) == [(1, False, "Thị trấn Một"), (2, True, "Xã Ba"), (2, True, "Xã Hai")]
    assert communes[["applicable", "met", "not_met", "no_data"]].values.tolist() == [
        [14, 1, 1, 12], [13, 0, 0, 13], [14, 0, 1, 13]]
    assert listed(ranking.rank(now, "agency")) == [(1, False, "Phòng Nội vụ"), (2, False, "Phòng Tư pháp")]
    ranking.save_weights(engine, catalogue, {"3.4": 0}, actor="nv")
    with engine.connect() as conn:
        weights = ranking.read_weights(conn)
    assert listed(ranking.rank(now, "commune", weights)) == [(1, True, "Thị trấn Một"), (1, True, "Xã Ba"),
                                                              (1, True, "Xã Hai")]


# --- downloads ----------------------------------------------------------------------------------

def sample_frame() -> pd.DataFrame:
    now = scores({"Xã Đông Xuân": [M, M, D], "=Xã Lạ": [M, N, D], "Xã Trống": [A, A, A]})
    then = scores({"Xã Đông Xuân": [N, N, N], "=Xã Lạ": [M, M, M]}, year=2022)
    return ranking.rank(now, "commune", previous=then)


def test_the_csv_has_a_bom_vietnamese_headers_and_safe_cells():
    data = sheets.csv_bytes(ranking.export_frame(sample_frame(), 2022))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ("Hạng,Đồng hạng,Mã đơn vị,Đơn vị,Điểm (%),Số chỉ tiêu đạt,Số chỉ tiêu áp dụng,"
                        "Gần đạt,Chưa đạt,Chưa có số liệu,Hạng năm 2022,Thay đổi")
    assert lines[1] == "1,,U00,Xã Đông Xuân,66.67,2,3,0,0,1,2,↑1"
    assert lines[2] == "2,,U01,'=Xã Lạ,33.33,1,3,0,1,1,1,↓1"
    assert lines[3] == ",,U02,Xã Trống,,0,0,0,0,0,,"
    english = sheets.csv_bytes(ranking.export_frame(sample_frame(), 2022, "en")).decode("utf-8-sig")
    assert english.splitlines()[0] == ("Rank,Tied,Unit code,Unit,Score (%),Indicators met,Applicable indicators,"
                                       "Close,Not met,No data,Rank in 2022,Change")


def test_the_xlsx_opens_with_headers_and_numbers():
    sheet = load_workbook(io.BytesIO(sheets.xlsx_bytes(ranking.export_frame(sample_frame(), 2022)))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Hạng", "Đồng hạng", "Mã đơn vị", "Đơn vị", "Điểm (%)")
    assert rows[1] == (1, None, "U00", "Xã Đông Xuân", 66.67, 2, 3, 0, 0, 1, 2, "↑1")
    assert rows[3][0] is None and rows[3][3] == "Xã Trống"
    # a name like a formula is its exact text in a string cell, never a formula
    assert sheet["D3"].value == "=Xã Lạ" and sheet["D3"].data_type == "s"
