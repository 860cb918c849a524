"""The emulation ranking (lib.core.ranking): scores, ties, weights and their rule, last year's rank.
The stored weights are in tests/unit/store/test_weights.py, the table's words and the downloads in
tests/unit/present/test_ranking_view.py."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from conftest import ranks as listed
from conftest import statuses_scores as scores

from lib.core import ranking
from lib.core import status as st
from lib.store import definitions

M, C, N, D, A = st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE


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


def test_not_applicable_indicators_are_left_out():
    frame = ranking.rank(scores({"Xã DTTS": [M, M, A, A], "Xã Khác": [M, M, M, C]}), "commune")
    assert listed(frame) == [(1, False, "Xã DTTS"), (2, False, "Xã Khác")]
    assert frame.iloc[0][["applicable", "met"]].tolist() == [2, 2]
    assert frame.iloc[1][["applicable", "met", "close"]].tolist() == [4, 3, 1]


def test_a_unit_with_nothing_applicable_is_listed_last_without_a_rank():
    frame = ranking.rank(scores({"Xã Trống": [A, A], "Xã Có": [N, N]}), "commune")
    assert listed(frame) == [(1, False, "Xã Có"), (None, False, "Xã Trống")]


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
    frame = ranking.rank(now, "commune", previous=then).set_index("unit_name")
    assert frame.loc["Xã A", ["rank", "previous_rank", "change"]].tolist() == [1, 3, "↑2"]
    assert frame.loc["Xã B", ["rank", "previous_rank", "change"]].tolist() == [2, 2, "±0"]
    assert frame.loc["Xã C", ["rank", "previous_rank", "change"]].tolist() == [4, 1, "↓3"]
    assert frame.loc["Xã Mới", ["rank", "change"]].tolist() == [2, ""]
    assert pd.isna(frame.loc["Xã Mới", "previous_rank"])
    assert ranking.rank(now, "commune")["previous_rank"].isna().all()


# --- the weights' rule ----------------------------------------------------------------------------

@pytest.fixture
def catalogue(sqlite_engine):
    with sqlite_engine.connect() as conn:
        return definitions.load_catalogue(conn)


def test_typed_weights_are_read_as_decimals(catalogue):
    parsed = ranking.parse_weights(catalogue, {"3.4": "2,5", "1.1": "0", "5.1": 1, "7.2": "-0"})
    assert parsed == {"3.4": Decimal("2.5"), "1.1": Decimal(0), "5.1": Decimal(1), "7.2": Decimal(0)}


@pytest.mark.parametrize("bad", [-1, 10.5, "abc", None, float("nan"), float("inf"), True])
def test_a_bad_weight_is_refused_naming_the_indicator(catalogue, bad):
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.parse_weights(catalogue, {"1.1": 2, "3.4": 4, "5.1": bad})
    assert refused.value.key == "weights_refused"
    [problem] = refused.value.params["problems"]
    assert problem.key == "bad_weight"
    assert {k: problem.params[k] for k in ("code", "max")} == {"code": "5.1", "max": ranking.MAX_WEIGHT}


def test_every_unknown_indicator_is_refused(catalogue):
    with pytest.raises(ranking.WeightsError) as refused:
        ranking.parse_weights(catalogue, {"6.2": 2, "9.9": 1, "3.4": 2})  # 6.2: district only
    assert [(p.key, p.params) for p in refused.value.params["problems"]] == [
        ("unknown_indicator", {"code": "6.2"}), ("unknown_indicator", {"code": "9.9"})]


# --- tie-breaks ---------------------------------------------------------------------------------

def figures_scores(units: dict[str, list[tuple]]):
    """Scores whose unit rows carry figures: each unit (by name) one (status, numerator, denominator,
    target) per indicator."""
    from lib.core.scoring import Scores, Target

    rows = []
    for i, (name, figures) in enumerate(units.items()):
        for k, (status, numerator, denominator, (op, value)) in enumerate(figures):
            rows.append({"indicator": f"i{k}", "unit_id": i, "unit_code": f"U{i:02d}", "unit_name": name,
                         "kind": "xa", "level": "commune", "applicable": status != A, "status": status,
                         "numerator": numerator, "denominator": denominator, "target": Target(op, Fraction(value))})
    return Scores(year=2023, month=12, units=pd.DataFrame(rows), levels=pd.DataFrame(), district=pd.DataFrame())


def test_attainment_of_a_figure_is_capped_and_follows_the_operator():
    from lib.core.scoring import Target

    assert ranking.attainment(N, 88, 100, Target(">=", Fraction(100))) == Fraction(88, 100)
    assert ranking.attainment(N, 98, 100, Target(">", Fraction(98))) == 1  # exactly the strict target: 1, not more
    assert ranking.attainment(M, 120, 100, Target(">=", Fraction(100))) == 1
    assert ranking.attainment(N, 10, 100, Target("<", Fraction(5))) == Fraction(1, 2)
    assert ranking.attainment(D, None, None, Target(">=", Fraction(100))) == 0
    assert ranking.attainment(N, 0, 0, Target(">=", Fraction(100))) == 0


def test_equal_scores_are_told_apart_by_mean_attainment_then_by_reporting():
    done, missed_near, missed_far = (M, 1, 1, (">=", 100)), (N, 88, 100, (">=", 100)), (N, 50, 100, (">=", 100))
    scores = figures_scores({"Xã Xa": [done, missed_far], "Xã Gần": [done, missed_near]})
    frame = ranking.rank(scores, "commune")
    # both meet 1 of 2 (50%); Xã Gần attains (1 + 0.88) / 2 = 94%, Xã Xa (1 + 0.5) / 2 = 75%
    assert listed(frame) == [(1, False, "Xã Gần"), (2, False, "Xã Xa")]
    assert frame["attainment_percent"].tolist() == [94.0, 75.0]
    # with the reporting tie-break only, both reported everything: they share the rank, by name
    assert listed(ranking.rank(scores, "commune", tie_break="reporting")) == [(1, True, "Xã Gần"), (1, True, "Xã Xa")]


def test_no_data_ranks_below_a_reported_miss_and_what_stays_equal_shares_a_rank():
    not_done, nothing = (N, 0, 1, (">=", 100)), (D, None, None, (">=", 100))
    scores = figures_scores({"Xã Im Lặng": [nothing, nothing], "Xã Báo Cáo": [not_done, not_done],
                             "Xã Cũng Im": [nothing, nothing]})
    for tie_break in ranking.TIE_BREAKS:
        frame = ranking.rank(scores, "commune", tie_break=tie_break)
        # every score 0 and every attainment 0: the unit that reported ranks above the silent ones, which tie
        assert listed(frame) == [(1, False, "Xã Báo Cáo"), (2, True, "Xã Cũng Im"), (2, True, "Xã Im Lặng")]


def test_a_weighted_tie_break_uses_the_same_weights():
    scores = figures_scores({"Xã A": [(M, 1, 1, (">=", 100)), (N, 20, 100, (">=", 100)), (N, 90, 100, (">=", 100))],
                             "Xã B": [(M, 1, 1, (">=", 100)), (N, 90, 100, (">=", 100)), (N, 20, 100, (">=", 100))]})
    assert listed(ranking.rank(scores, "commune")) == [(1, True, "Xã A"), (1, True, "Xã B")]
    heavier = {"i1": Fraction(2)}  # i1 weighs double: Xã B's 90% there counts more
    frame = ranking.rank(scores, "commune", heavier)
    assert listed(frame) == [(1, False, "Xã B"), (2, False, "Xã A")]
    assert frame["attainment"].tolist() == [Fraction(1 + 2 * Fraction(9, 10) + Fraction(2, 10), 4),
                                           Fraction(1 + 2 * Fraction(2, 10) + Fraction(9, 10), 4)]
