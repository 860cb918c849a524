"""The one-stop portal's saved mappings and pairings (lib.store.portal): kept in the meta table,
each change audited with the old and the new value, a save that changes nothing not audited, two
secretariat users saving at once both kept; and the units a portal file's names are matched against."""
import json
import threading

import pytest
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


SAVES = {  # (save of one user, of the other, what must be stored after both)
    "mappings": (lambda e: portal.save_mapping(e, "a|b", MAPPING, "noivu"),
                 lambda e: portal.save_mapping(e, "c|d", MAPPING | {"month": "tháng"}, "noivu2"),
                 lambda e: (portal.mapping_for(e, "a|b"), portal.mapping_for(e, "c|d")),
                 (MAPPING, MAPPING | {"month": "tháng"})),
    "pairings": (lambda e: portal.save_pairs(e, {"Hai": "99902"}, "noivu"),
                 lambda e: portal.save_pairs(e, {"Tổng cộng": ""}, "noivu2"),
                 portal.pairs, {"Hai": "99902", "Tổng cộng": ""}),
}


@pytest.mark.parametrize("what", list(SAVES))
def test_two_users_saving_at_once_both_keep_what_they_saved(small_district, monkeypatch, what):
    """The first save is held between its read of the stored value and its write while the second
    runs on its own connection: the second must wait for the first (and read what it wrote), not
    write back the value it read before (which lost the first user's save)."""
    first_save, second_save, stored_now, expected = SAVES[what]
    first_has_read, second_started = threading.Event(), threading.Event()
    read = portal._read

    def held_read(conn, key):
        value = read(conn, key)
        if threading.current_thread().name == "first":
            first_has_read.set()
            second_started.wait(10)
            threading.Event().wait(0.8)  # the second save reads (or waits for the lock) meanwhile
        return value

    monkeypatch.setattr(portal, "_read", held_read)
    errors = []

    def run(save):
        try:
            save(small_district)
        except Exception as error:  # noqa: BLE001 - said by the assertion below
            errors.append(error)

    first = threading.Thread(target=run, args=(first_save,), name="first")
    first.start()
    assert first_has_read.wait(10)
    second = threading.Thread(target=run, args=(second_save,), name="second")
    second.start()
    second_started.set()
    first.join(30)
    second.join(30)
    assert not errors and not first.is_alive() and not second.is_alive()
    assert stored_now(small_district) == expected
    assert len(audit(small_district)) == 2
