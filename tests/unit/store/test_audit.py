"""Reading the audit trail: filters, old and new values in words, the download's headers."""
import json

from lib.io import sheets
from lib.present import audit_view
from lib.store import audit
from lib.store.transaction import writing


def test_filters_by_user_kind_of_change_and_text_in_the_entity(engine):
    with writing(engine, "noivu") as write:
        write.audit("observation.insert", "00376/3.4/2022-07", None, {"tu_so": 5, "mau_so": 10}, username="xa1")
        write.audit("observation.update", "00379/3.4/2022-07", {"tu_so": 4}, {"tu_so": 5})
        write.audit("target.update", "3.4/2023/all", {"op": ">"}, {"op": ">="})
        write.audit("user.add", "a_b", None, {"name": "A"})
    assert audit.usernames(engine) == ["noivu", "xa1"]
    assert audit.entries(engine, username="xa1")["entity"].tolist() == ["00376/3.4/2022-07"]
    assert audit.entries(engine, action_prefix="observation.")["username"].tolist() == ["noivu", "xa1"]
    assert audit.entries(engine, entity_contains="00379")["action"].tolist() == ["observation.update"]
    assert len(audit.entries(engine, entity_contains="3.4")) == 3
    assert audit.entries(engine, entity_contains="A_B")["entity"].tolist() == ["a_b"]  # any case
    assert audit.entries(engine, entity_contains="%").empty  # a wildcard is just a character


def test_values_read_in_words():
    assert audit_view.readable(json.dumps({"tu_so": 95, "mau_so": 100, "ghi_chu": None})) == \
        "tử số: 95; mẫu số: 100; ghi chú: —"
    assert audit_view.readable(json.dumps({"active": False}), "en") == "active: no"
    assert audit_view.readable(json.dumps("(đã đổi)")) == "(đã đổi)"
    assert audit_view.readable(None) == ""
    assert audit_view.readable(json.dumps({"other": 1})) == "other: 1"
    assert audit_view.readable(json.dumps({"role": "don_vi"})) == "vai trò: Cán bộ đơn vị"
    assert audit_view.readable(json.dumps({"role": "don_vi"}), "en") == "role: Unit officer"


def test_the_readable_frame_and_its_download(engine):
    with writing(engine, "noivu") as write:
        write.audit("target.update", "3.4/2023/all", {"op": ">", "value": "98"}, {"op": ">="}, source="trang")
        write.audit("something.new", "x")
    frame = audit_view.readable_frame(audit.entries(engine))
    assert frame["action_name"].tolist() == ["something.new", "Sửa chỉ tiêu"]
    row = frame.iloc[1]
    assert (row["old"], row["new"], row["source"]) == ("toán tử: >; giá trị: 98", "toán tử: >=", "trang")
    assert len(row["at"]) == len("27/11/2026 10:00")
    download = audit_view.download_frame(frame, "en")
    assert list(download.columns) == ["When", "User", "Change", "What", "Old value", "New value", "Source"]
    # the time itself, in Vietnam (ISO 8601 in the CSV, a date in the XLSX: lib.io.sheets)
    assert download["When"].iloc[0].utcoffset().total_seconds() == 7 * 3600
    assert sheets.csv_bytes(download).decode("utf-8-sig").splitlines()[1][:25].endswith("+07:00")
