"""The one-stop portal's saved mappings and pairings (lib.store.portal): kept in the meta table,
each change audited with the old and the new value, a save that changes nothing not audited; and
the units a portal file's names are matched against."""
import json

from sqlalchemy import select

from lib.store import portal
from lib.store.models import AuditEntry

MAPPING = {"unit": "tên đơn vị", "month": None, "sums": {"3.4/tu_so": ["trước hạn", "đúng hạn"]}}


def audit(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.old_value,
                                   AuditEntry.new_value, AuditEntry.source).order_by(AuditEntry.id)).all()
    return [(u, a, e, o and json.loads(o), n and json.loads(n), s) for u, a, e, o, n, s in rows]


def test_a_mapping_is_saved_per_headers_and_audited(small_district):
    assert portal.mapping_for(small_district, "a|b") is None
    assert portal.save_mapping(small_district, "a|b", MAPPING, "noivu", "cong.csv")
    assert not portal.save_mapping(small_district, "a|b", MAPPING, "noivu", "cong.csv")  # unchanged
    changed = MAPPING | {"month": "tháng"}
    assert portal.save_mapping(small_district, "a|b", changed, "noivu2")
    assert portal.mapping_for(small_district, "a|b") == changed
    assert portal.mapping_for(small_district, "a|c") is None
    assert audit(small_district) == [("noivu", "portal.mapping", "a|b", None, MAPPING, "cong.csv"),
                                     ("noivu2", "portal.mapping", "a|b", MAPPING, changed, "")]


def test_pairings_are_saved_and_each_change_audited(small_district):
    assert portal.save_pairs(small_district, {"Hai": "99902", "Tổng cộng": ""}, "noivu") == 2
    assert portal.save_pairs(small_district, {"Hai": "99903", "Tổng cộng": ""}, "noivu") == 1
    assert portal.pairs(small_district) == {"Hai": "99903", "Tổng cộng": ""}
    assert [(a, e, o, n) for _u, a, e, o, n, _s in audit(small_district)] == [
        ("portal.pair", "Hai", None, "99902"), ("portal.pair", "Tổng cộng", None, ""),
        ("portal.pair", "Hai", "99902", "99903")]


def test_names_are_matched_against_the_district_and_its_communes(small_district):
    assert portal.reporting_units(small_district) == [
        ("999", "Huyện Thử Nghiệm"), ("99901", "Thị trấn Một"), ("99902", "Xã Hai"), ("99903", "Xã Ba")]
