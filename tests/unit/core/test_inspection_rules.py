"""The inspection register's figures (lib.core.inspections.register_rows), worked by hand and
pooled by lib.core.year_to_date as stored figures are: 1.2a done from the month of the first
inspection; 1.2b issues fixed over issues found, by month; no issue found: 0 of 0, not applicable."""
from datetime import date

import pandas as pd
import pytest

from lib.core import inspections as rules
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU
from lib.core.year_to_date import as_of_months
from test_year_to_date import catalogue as read_catalogue

INSPECTIONS = pd.DataFrame([(1, date(2025, 3, 10)), (1, date(2025, 9, 5)), (2, date(2025, 5, 1)),
                            (3, date(2024, 11, 20))], columns=["unit_id", "day"])
ISSUES = pd.DataFrame([
    (1, date(2025, 3, 10), date(2025, 4, 2)),
    (1, date(2025, 3, 10), date(2025, 6, 30)),
    (1, date(2025, 3, 10), None),  # still open
    (1, date(2025, 9, 5), date(2025, 9, 20)),
    (3, date(2024, 11, 20), date(2025, 1, 15)),  # last year's inspection: not this year's figure
], columns=["unit_id", "found", "fixed"])


def test_the_rows_the_register_stands_for():
    rows = rules.register_rows(INSPECTIONS, ISSUES, 2025)
    assert [tuple(r) for r in rows.itertuples(index=False)] == [
        (1, "1.2a", 3, 1, 1),
        (1, "1.2b", 3, 0, 3), (1, "1.2b", 4, 1, 0), (1, "1.2b", 6, 1, 0), (1, "1.2b", 9, 1, 1),
        (2, "1.2a", 5, 1, 1), (2, "1.2b", 5, 0, 0),
    ]


def test_year_to_date_from_the_register():
    catalogue = read_catalogue()
    rows = rules.register_rows(INSPECTIONS, ISSUES, 2025)
    months = as_of_months(rows, catalogue, [2, 3, 6, 8, 9, 12])
    figures = {m: {(u, i): (n, d) for u, i, n, d in frame.itertuples(index=False)} for m, frame in months.items()}
    assert figures[2] == {}  # nothing before the first inspection: no data
    assert figures[3] == {(1, "1.2a"): (1, 1), (1, "1.2b"): (0, 3)}
    assert figures[6] == {(1, "1.2a"): (1, 1), (1, "1.2b"): (2, 3), (2, "1.2a"): (1, 1), (2, "1.2b"): (0, 0)}
    assert figures[8][(1, "1.2b")] == (2, 3)
    assert figures[9][(1, "1.2b")] == (3, 4) and figures[12][(1, "1.2b")] == (3, 4)
    assert figures[12][(2, "1.2b")] == (0, 0)  # no issue found: not applicable (denominator 0)
    assert (3, "1.2a") not in figures[12]


def test_a_fix_dated_before_its_inspection_month_counts_in_that_month():
    rows = rules.register_rows(pd.DataFrame([(1, date(2025, 5, 31))], columns=["unit_id", "day"]),
                               pd.DataFrame([(1, date(2025, 5, 31), date(2025, 5, 31))],
                                            columns=["unit_id", "found", "fixed"]), 2025)
    assert rows[rows["indicator"] == "1.2b"][["month_to", "numerator", "denominator"]].values.tolist() == [[5, 1, 1]]


def test_who_records_what():
    rules.check_role(rules.INSPECTION, NOI_VU)
    rules.check_role(rules.FIX, DON_VI, 7, 7)
    for record, role in [(rules.INSPECTION, DON_VI), (rules.ISSUE, LANH_DAO), (rules.FIX, LANH_DAO)]:
        with pytest.raises(rules.InspectionError, match="role"):
            rules.check_role(record, role, 7, 7)
    with pytest.raises(rules.InspectionError, match="not_found"):
        rules.check_role(rules.FIX, DON_VI, 8, 7)
    with pytest.raises(rules.InspectionError, match="typed_figures"):
        rules.check_one_source(True)
