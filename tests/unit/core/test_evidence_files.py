"""Evidence documents judged by their content (lib.core.evidence_files): the accepted kinds, and the
refusals: a PDF renamed .xlsx, an HTML page named .pdf, a zip bomb named .docx, a file over the
size limit, a zip that is no Office document; the safe stored name."""
from __future__ import annotations

import io
import zipfile

import pytest

from lib.core import evidence_files as ef

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def office(kind: str, extra: dict[str, bytes] | None = None) -> bytes:
    main, content_type = ef.OFFICE_PARTS[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(ef.CONTENT_TYPES, b'<Types><Override PartName="/x" ContentType="application/'
                         b'vnd.openxmlformats-officedocument.' + content_type + b'"/></Types>')
        archive.writestr(main, b"<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, kind", [
    (PDF, "Quyết định 123.pdf", "pdf"), (PNG, "anh.PNG", "png"), (JPEG, "anh.jpeg", "jpeg"), (JPEG, "a.jpg", "jpeg"),
    (office("docx"), "bao-cao.docx", "docx"), (office("xlsx"), "so-lieu.xlsx", "xlsx"),
])
def test_the_accepted_kinds_by_their_content(data, name, kind):
    checked = ef.check(data, name)
    assert (checked.kind, checked.mime) == (kind, ef.KINDS[kind][1])


def refusal(data: bytes, name: str, **kwargs) -> ef.EvidenceError:
    with pytest.raises(ef.EvidenceError) as refused:
        ef.check(data, name, **kwargs)
    return refused.value


def test_a_pdf_renamed_xlsx_is_refused():
    error = refusal(PDF, "so-lieu.xlsx")
    assert (error.key, error.params) == ("type_mismatch", {"name": "so-lieu.xlsx", "ending": ".pdf"})


def test_an_html_page_named_pdf_is_refused():
    assert refusal(HTML, "quyet-dinh.pdf").key == "type_unknown"


def test_a_zip_bomb_named_docx_is_refused_without_unpacking_it():
    bomb = office("docx", {"word/media/zeros.bin": b"\x00" * (3 << 20)})  # 3 MB of zeros, a few KB packed
    assert len(bomb) < 50_000
    error = refusal(bomb, "bao-cao.docx", max_unpacked=1 << 20)
    assert (error.key, error.params) == ("zip_too_big", {"limit": 1})


def test_too_many_parts_are_refused():
    parts = {f"word/p{i}.xml": b"" for i in range(ef.MAX_PARTS + 1)}
    assert refusal(office("docx", parts), "a.docx").key == "zip_too_big"


def test_an_oversized_file_is_refused(monkeypatch):
    monkeypatch.setenv("CCHC_MAX_EVIDENCE_MB", "1")
    error = refusal(PDF + b"0" * (1 << 20), "lon.pdf")
    assert (error.key, error.params) == ("too_big", {"name": "lon.pdf", "limit": 1})
    assert ef.check(PDF, "nho.pdf").kind == "pdf"


def test_an_empty_file_a_plain_zip_and_a_macro_workbook_are_refused():
    assert refusal(b"", "a.pdf").key == "empty"
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("x.txt", b"x")
    assert refusal(plain.getvalue(), "a.docx").key == "type_unknown"
    assert refusal(office("xlsx", {"xl/vbaProject.bin": b"x"}), "a.xlsx").key == "type_unknown"
    assert refusal(office("xlsx"), "a.docx").key == "type_mismatch"  # a workbook named as a Word file


def test_the_stored_name_is_safe():
    assert ef.check(PDF, "C:\\Users\\a\\Quyết định <số 5>.pdf").name == "Quyết định _số 5.pdf"
    assert ef.safe_name("../../etc/passwd.pdf", "pdf") == "passwd.pdf"
    assert ef.safe_name("...pdf", "pdf") == "tai-lieu.pdf"
    assert ef.safe_name("x" * 300 + ".pdf", "pdf") == "x" * ef.NAME_CHARS + ".pdf"
    assert ef.safe_name('a"b\r\nc.jpeg', "jpeg") == "a_b c.jpg"
