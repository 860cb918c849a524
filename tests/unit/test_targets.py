"""The secretariat edits targets per year, indicator and level; a new year starts from the previous."""
import json

import pytest

from lib import audit, catalogue, targets


def test_start_a_year_from_the_previous_one_then_edit(engine):
    with engine.begin() as conn:
        copied = targets.start_year(conn, 2023, actor="noivu")
        targets.set_target(conn, "3.4", 2023, "all", ">=", "97,5", "2", actor="noivu")
    assert copied == 21
    with engine.connect() as conn:
        cat = catalogue.load(conn)
        log = audit.entries(conn, action_prefix="target.update")
    assert cat.target("3.4", 2023, "all").text == ">=97.5"
    assert cat.target("3.4", 2023, "all").tolerance == 2
    assert cat.target("3.4", 2022, "all").text == ">98"  # 2022 untouched
    assert cat.target("3.4", 2025, "all").text == ">=97.5"  # later years follow 2023
    assert len(log) == 1
    with engine.begin() as conn:  # the same values again: no change, no entry
        targets.set_target(conn, "3.4", 2023, "all", ">=", "97.50", "2.0", actor="noivu")
    with engine.connect() as conn:
        assert len(audit.entries(conn, action_prefix="target.update")) == 1
    assert json.loads(log.iloc[0]["old_value"]) == {"op": ">", "value": "98", "tolerance": "5"}
    assert json.loads(log.iloc[0]["new_value"]) == {"op": ">=", "value": "97.5", "tolerance": "2"}


def test_a_year_cannot_be_started_twice(engine):
    with engine.begin() as conn:
        targets.start_year(conn, 2023, actor="noivu")
    with pytest.raises(targets.TargetError) as error:
        with engine.begin() as conn:
            targets.start_year(conn, 2023, actor="noivu")
    assert error.value.key == "year_exists"


@pytest.mark.parametrize("indicator,level,op,value,tolerance,key", [
    ("9.9", "all", ">=", "1", "5", "unknown_indicator"),
    ("7.2", "psu", ">=", "40", "5", "bad_level"),
    ("3.4", "all", "=>", "98", "5", "bad_op"),
    ("3.4", "all", ">", "101", "5", "bad_value"),
    ("3.4", "all", ">", "abc", "5", "bad_value"),
    ("3.4", "all", ">", "98.123", "5", "bad_value"),
    ("3.4", "all", ">", "98", "-1", "bad_tolerance"),
])
def test_refused_targets_change_nothing(engine, indicator, level, op, value, tolerance, key):
    with pytest.raises(targets.TargetError) as error:
        with engine.begin() as conn:
            targets.set_target(conn, indicator, 2022, level, op, value, tolerance, actor="noivu")
    assert error.value.key == key
    assert targets.message(error.value)  # a Vietnamese sentence exists for every refusal
    with engine.connect() as conn:
        assert catalogue.load(conn).target("3.4", 2022, "all").text == ">98"
        assert audit.entries(conn).empty
