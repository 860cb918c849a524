from conftest import add_figures

from lib.core import status as st
from lib.store.results import district_scores


def test_small_district_scores(small_district):
    add_figures(small_district, [
        ("999", "3.4", "2022-01", 99, 100),
        ("99901", "3.4", "2022-01", 97, 100),
    ])
    with small_district.connect() as conn:
        scores = district_scores(conn, 2022, 12)
    d = scores.district.set_index("indicator")
    assert d.loc["3.4", "numerator"] == 196 and d.loc["3.4", "denominator"] == 200
    assert d.loc["3.4", "status"] == st.CLOSE
    u = scores.units[scores.units.indicator == "3.4"].set_index("unit_code")
    assert u.loc["99901", "status"] == st.CLOSE
    assert u.loc["999", "status"] == st.MET
    assert u.loc["99902", "status"] == st.NO_DATA
