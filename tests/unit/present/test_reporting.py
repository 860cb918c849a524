"""The chase list and the reporting rate as people read them (lib.present.reporting)."""
import pandas as pd
import pytest

from lib.core import completeness
from lib.present import reporting
from lib.store import definitions


@pytest.fixture
def cat(sqlite_engine):
    with sqlite_engine.connect() as conn:
        return definitions.load_catalogue(conn)


def chase_rows(rows) -> pd.DataFrame:
    """A chase list (lib.core.completeness.CHASE_COLUMNS) of (unit_code, level, granularity, last, due) for 3.4."""
    return pd.DataFrame([{"area": 3, "indicator": "3.4", "indicator_name": "?", "unit_code": code,
                          "unit_name": f"Đơn vị {code}", "level": level, "granularity": granularity,
                          "last_month": last, "due_month": due} for code, level, granularity, last, due in rows],
                        columns=completeness.CHASE_COLUMNS)


def test_the_chase_list_reads_in_words(cat):
    missing = chase_rows([("999", "district", "M", 5, 6), ("99902", "commune", "Q", 3, 6),
                          ("99903", "commune", "M", 0, 6)])
    frame = reporting.chase_frame(missing, cat, 2022)
    rows = frame.set_index("unit_code")
    assert rows.loc["999", ["last_text", "due_text", "granularity_name", "level_name"]].tolist() == [
        "tháng 05/2022", "tháng 06/2022", "theo tháng", "cấp huyện"]
    assert rows.loc["99902", ["last_text", "due_text"]].tolist() == ["quý 1/2022", "quý 2/2022"]
    assert rows.loc["99903", "last_text"] == "chưa báo cáo"
    assert rows.loc["999", "indicator_name"] == cat.by_code["3.4"].name_vi
    english = reporting.chase_frame(missing, cat, 2022, "en").set_index("unit_code")
    assert english.loc["99903", "last_text"] == "not reported"
    assert english.loc["999", "indicator_name"] == cat.by_code["3.4"].name_en
    download = reporting.chase_download(frame)
    assert list(download.columns) == ["Lĩnh vực", "Mã", "Chỉ tiêu", "Mã đơn vị", "Đơn vị", "Cấp", "Kỳ báo cáo",
                                      "Đã báo cáo đến", "Cần báo cáo đến"]


def test_rates_read_with_a_label_and_a_total(cat):
    rates = pd.DataFrame({"area": sorted(cat.areas), "due": [0, 0, 8, 0, 0, 0, 0], "received": [0] * 7,
                          "rate": [float("nan"), float("nan"), 0.0, *[float("nan")] * 4]})
    frame = reporting.rate_frame(rates, cat).set_index("area")
    assert frame.loc[3, "name"] == f"3. {cat.area_name(3)}"
    assert frame.loc[3, "rate_text"] == "0,0% (0/8)"
    assert frame.loc[1, "rate_text"] == "chưa có báo cáo đến hạn"
    assert frame.loc[0, "name"] == "Cả huyện" and frame.loc[0, "due"] == rates["due"].sum()
    assert reporting.rate_text(190, 200, "en") == "95.0% (190/200)"
    assert reporting.rate_text(1999, 2000) == "99,9% (1.999/2.000)"  # never 100% with one missing
    assert reporting.rate_text(2, 3) == "66,6% (2/3)"
    assert reporting.rate_frame(rates.assign(due=200, received=190), cat).loc[0, "rate"] == 95.0
