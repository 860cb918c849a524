"""Provenance beside the figures (lib.store.provenance read, lib.present.provenance words): a figure
typed in the entry form and one imported from a file, each with how it arrived, who entered it and
when (Vietnam's time), its workflow state and its evidence documents."""
from datetime import datetime, timezone

from test_workflow_store import PERIOD, people, type_figures  # noqa: F401  (fixture)

from lib.core import clock
from lib.io.importer import import_observations
from lib.present import provenance as words
from lib.store import evidence, provenance

PDF = b"%PDF-1.7\n%%EOF\n"


def test_an_entered_and_an_imported_figure_say_where_they_came_from(people, monkeypatch):
    engine, acc, unit_id = people
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 4, 2, 1, 30, tzinfo=timezone.utc))
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10)})
    csv = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n99901,3.2b,2022-Q1,5,10,\n".encode()
    import_observations(engine, csv, filename="so-lieu-quy-1.csv", user="noivu", account=acc["noivu"])
    evidence.add(engine, acc["xa1"], unit_id, "3.2a", PERIOD, "quyet-dinh.pdf", PDF)

    with engine.connect() as conn:
        figures = provenance.figures(conn, [unit_id], ["3.2a", "3.2b"], 2022, 3)
        documents = provenance.documents(conn, [unit_id], ["3.2a", "3.2b"], 2022, 3)
        assert provenance.figures(conn, [unit_id], ["3.2a"], 2022, 2).empty  # the quarter ends in March
        assert provenance.figures(conn, [unit_id + 1], ["3.2a"], 2022, 3).empty  # another unit's
    assert figures[["indicator", "period", "source", "updated_by", "state", "documents"]].values.tolist() == [
        ["3.2a", PERIOD, "Nhập trực tiếp", "xa1", "draft", 1],
        ["3.2b", PERIOD, "so-lieu-quy-1.csv", "noivu", "submitted", 0]]
    assert documents[["indicator", "period", "file_name", "mime", "size"]].values.tolist() == [
        ["3.2a", PERIOD, "quyet-dinh.pdf", "application/pdf", len(PDF)]]

    shown = words.frame(figures, "vi")
    assert shown[list(words.COLUMNS)].values.tolist() == [
        ["Thị trấn Một", "3.2a", PERIOD, "Nhập trên biểu mẫu", "Xã Một", "08:30 02/04/2022", "Nháp", 1],
        ["Thị trấn Một", "3.2b", PERIOD, "Tệp so-lieu-quy-1.csv", "Nội vụ", "08:30 02/04/2022", "Đã gửi, chờ thẩm định",
         0]]  # who: the person's name where the username is an account's
    english = words.frame(figures, "en")
    assert english["arrival"].tolist() == ["Typed in the entry form", "File so-lieu-quy-1.csv"]
    assert english["state_text"].tolist() == ["Draft", "Submitted, awaiting appraisal"]
    assert words.intro(2, "vi").startswith("2 số liệu của năm đến tháng đang xem")
    document = documents.iloc[0].to_dict()
    assert words.document_label(document, "vi") == "Thị trấn Một · 3.2a · 2022-Q1 · quyet-dinh.pdf (1 KB)"
    assert words.document_label({**document, "unit_name": ""}) == "3.2a · 2022-Q1 · quyet-dinh.pdf (1 KB)"
    assert words.arrival_text("seed-demo", "vi") == "Dữ liệu mẫu"
