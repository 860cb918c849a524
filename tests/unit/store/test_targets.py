"""The secretariat edits targets per year, indicator and level; a new year starts from the previous."""
import json

import pytest

from lib.present import format as fmt
from lib.present import i18n, targets_view
from lib.store import audit, targets
from lib.store import definitions
from lib.store.transaction import writing


def test_start_a_year_from_the_previous_one_then_edit(engine):
    copied = targets.start_year(engine, 2023, actor="noivu")
    with writing(engine, "noivu") as write:
        targets.set_target(write, "3.4", 2023, "all", ">=", "97,5", "2")
    assert copied == 21
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        log = audit.entries(engine, action_prefix="target.update")
    assert fmt.target_export(cat.target("3.4", 2023, "all")) == ">=97.5"
    assert cat.target("3.4", 2023, "all").tolerance == 2
    assert fmt.target_export(cat.target("3.4", 2022, "all")) == ">98"  # 2022 untouched
    assert fmt.target_export(cat.target("3.4", 2025, "all")) == ">=97.5"  # later years follow 2023
    assert len(log) == 1
    with writing(engine, "noivu") as write:  # the same values again: no change, no entry
        targets.set_target(write, "3.4", 2023, "all", ">=", "97.50", "2.0")
    assert len(audit.entries(engine, action_prefix="target.update")) == 1
    assert json.loads(log.iloc[0]["old_value"]) == {"op": ">", "value": "98", "tolerance": "5"}
    assert json.loads(log.iloc[0]["new_value"]) == {"op": ">=", "value": "97.5", "tolerance": "2"}


def test_a_year_cannot_be_started_twice(engine):
    targets.start_year(engine, 2023, actor="noivu")
    with pytest.raises(targets.TargetError) as error:
        targets.start_year(engine, 2023, actor="noivu")
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
        with writing(engine, "noivu") as write:
            targets.set_target(write, indicator, 2022, level, op, value, tolerance)
    assert error.value.key == key
    assert i18n.say(error.value)  # a Vietnamese sentence exists for every refusal
    with engine.connect() as conn:
        assert fmt.target_export(definitions.load_catalogue(conn).target("3.4", 2022, "all")) == ">98"
        assert audit.entries(engine).empty


# --- the targets page: an editor saved all or nothing -------------------------------------------

def editor(engine, year, lang="vi"):
    return targets_view.editor_frame(targets.frame(targets.table(engine, year, lang)), lang)


def test_the_editor_lists_each_indicator_and_level_in_force(engine):
    before = editor(engine, 2023)
    assert list(before.columns) == ["indicator", "name", "level", "level_name", "op", "value", "tolerance", "from_year"]
    row = before[(before["indicator"] == "7.2") & (before["level"] == "agency")].iloc[0]
    assert (row["level_name"], row["op"], row["value"], row["from_year"]) == ("cơ quan chuyên môn", ">=", "40", 2022)
    # numbers in the reader's form (lib.present.format)
    assert before.set_index(["indicator", "level"]).loc[("3.2a", "all"), "value"] in ("97,5", "98", "100")
    assert editor(engine, 2023, "en").set_index(["indicator", "level"]).loc[("3.4", "all"), "level_name"] == "all levels"
    assert targets.has_own(engine, 2022) and not targets.has_own(engine, 2023)


def test_only_changed_rows_are_saved_in_one_transaction(engine):
    before = editor(engine, 2023)
    after = before.copy()
    i = before.index[(before["indicator"] == "3.4")][0]
    after.loc[i, "value"] = "97,5"
    j = before.index[(before["indicator"] == "1.1")][0]
    after.loc[j, "tolerance"] = "5,00"  # the same number: no change
    changed = targets.changes(before, after)
    assert changed == [{"row": i, "indicator": "3.4", "level": "all", "op": ">", "value": "97,5", "tolerance": "5"}]
    assert targets.set_targets(engine, 2023, changed, actor="noivu") == 1
    with engine.connect() as conn:
        assert fmt.target_export(definitions.load_catalogue(conn).target("3.4", 2023, "all")) == ">97.5"
        assert targets.has_own(engine, 2023)
        assert audit.entries(engine, action_prefix="target.")["entity"].tolist() == ["3.4/2023/all"]


def test_a_refused_row_refuses_them_all_with_a_message_each(engine):
    before = editor(engine, 2023)
    after = before.copy()
    i = before.index[before["indicator"] == "3.4"][0]
    j = before.index[before["indicator"] == "5.1"][0]
    k = before.index[before["indicator"] == "1.1"][0]
    after.loc[i, "value"] = "97"  # valid on its own
    after.loc[j, "value"] = "101"
    after.loc[k, "op"] = None
    with pytest.raises(targets.TargetsRefused) as refused:
        targets.set_targets(engine, 2023, targets.changes(before, after), actor="noivu")
    assert targets_view.refused_by_row(refused.value) == {
        j: "Giá trị chỉ tiêu '101' không hợp lệ; cần số từ 0 đến 100.",
        k: "Toán tử '' không hợp lệ; dùng >, >=, < hoặc <=."}
    assert "Operator" in targets_view.refused_by_row(refused.value, "en")[k]
    with engine.connect() as conn:
        assert fmt.target_export(definitions.load_catalogue(conn).target("3.4", 2023, "all")) == ">98"  # the valid row was not kept
        assert audit.entries(engine).empty
        assert not targets.has_own(engine, 2023)
