"""The ranking's weights as stored (lib.store.weights): JSON in the meta table, one audited write that
moves the data version, nothing stored when refused; and the ranking read with them."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest
from conftest import add_figures
from conftest import ranks as listed
from sqlalchemy import func, select

from lib.core import ranking
from lib.store import db, definitions, weights
from lib.store.models import AuditEntry
from lib.store.results import district_scores


def audit_count(engine, action: str = "ranking.weights") -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)).scalar()


def test_weights_are_stored_as_json_bump_the_version_and_are_audited(engine):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        assert weights.read_weights(conn) == {}
    version = db.data_version(engine)
    assert weights.save_weights(engine, catalogue, {"3.4": 2.5, "1.1": "0", "5.1": 1}, actor="nv")
    with engine.connect() as conn:
        assert weights.read_weights(conn) == {"3.4": Fraction(5, 2), "1.1": Fraction(0)}
        assert json.loads(db.get_meta(conn, weights.WEIGHTS_KEY)) == {"1.1": "0", "3.4": "2.5"}
        entry = conn.execute(select(AuditEntry.username, AuditEntry.entity, AuditEntry.old_value,
                                    AuditEntry.new_value).where(AuditEntry.action == "ranking.weights")).one()
    assert db.data_version(engine) == version + 1
    assert entry[:2] == ("nv", weights.WEIGHTS_KEY)
    assert json.loads(entry[2]) == {"1.1": "1", "3.4": "1"} and json.loads(entry[3]) == {"1.1": "0", "3.4": "2.5"}
    # the same weights again: nothing written
    assert not weights.save_weights(engine, catalogue, {"3.4": "2,5"}, actor="nv")
    assert db.data_version(engine) == version + 1 and audit_count(engine) == 1


@pytest.mark.parametrize("bad", [-1, "abc", None])
def test_refused_weights_store_nothing(engine, bad):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
    weights.save_weights(engine, catalogue, {"3.4": 3}, actor="nv")
    version = db.data_version(engine)
    with pytest.raises(ranking.WeightsError):
        weights.save_weights(engine, catalogue, {"1.1": 2, "3.4": 4, "5.1": bad}, actor="nv")
    with pytest.raises(ranking.WeightsError):
        weights.save_weights(engine, catalogue, {"6.2": 2, "9.9": 1}, actor="nv")
    with engine.connect() as conn:
        assert weights.read_weights(conn) == {"3.4": Fraction(3)}
    assert db.data_version(engine) == version and audit_count(engine) == 1


def test_ranking_scored_from_the_database_with_stored_weights(small_district):
    engine = small_district
    add_figures(engine, [("99901", "3.4", "2023", 99, 100), ("99902", "3.4", "2023", 90, 100),
                         ("99901", "5.2", "2023", 5, 10), ("999-NV", "4.1", "2023", 1, 1)])
    with engine.connect() as conn:
        now = district_scores(conn, 2023, 12)
        catalogue = definitions.load_catalogue(conn)
    communes = ranking.rank(now, "commune")
    # Thị trấn Một meets 3.4 of its 14; Xã Hai (3.4 reported, not met) and Xã Ba (no figures; 5.2 does
    # not apply to it) both score 0, and the one that reported ranks above the one that did not
    assert listed(communes) == [(1, False, "Thị trấn Một"), (2, False, "Xã Hai"), (3, False, "Xã Ba")]
    assert communes[["applicable", "met", "not_met", "no_data"]].values.tolist() == [
        [14, 1, 1, 12], [14, 0, 1, 13], [13, 0, 0, 13]]
    assert listed(ranking.rank(now, "agency")) == [(1, False, "Phòng Nội vụ"), (2, False, "Phòng Tư pháp")]
    weights.save_weights(engine, catalogue, {"3.4": 0}, actor="nv")
    with engine.connect() as conn:
        stored = weights.read_weights(conn)
    # without 3.4 nobody meets anything: Thị trấn Một attains part of 5.2 (50% of >80%); the two
    # others have no figure on any of their applicable indicators and still share a rank
    assert listed(ranking.rank(now, "commune", stored)) == [(1, False, "Thị trấn Một"), (2, True, "Xã Ba"),
                                                             (2, True, "Xã Hai")]


def test_the_tie_break_is_stored_audited_and_moves_the_data_version(engine):
    with engine.connect() as conn:
        assert weights.read_tie_break(conn) == ranking.DEFAULT_TIE_BREAK == "attainment"
    version, entries = db.data_version(engine), audit_count(engine, "ranking.ties")
    assert weights.save_tie_break(engine, "reporting", actor="nv") is True
    assert weights.save_tie_break(engine, "reporting", actor="nv") is False  # unchanged: nothing written
    with engine.connect() as conn:
        assert weights.read_tie_break(conn) == "reporting"
    assert db.data_version(engine) == version + 1 and audit_count(engine, "ranking.ties") == entries + 1
    with pytest.raises(ValueError):
        weights.save_tie_break(engine, "by_name", actor="nv")
