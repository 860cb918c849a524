"""Approved figures are locked (lib.io.locks): the entry form, an upload (its preview and its
import) and the command line's import refuse to change one, naming the file, row and column; the
secretariat's import unlocks them when told to with a reason (`import FILE --unlock REASON`), an
officer's never does. Unchanged rows of a locked figure pass."""
import pandas as pd
import pytest
from sqlalchemy import select, text

from conftest import add_units, run_cli

from lib.core import workflow as wf
from lib.io import entry, importer, problems
from lib.store import auth, db, workflow
from lib.store.models import AuditEntry, Observation

PERIOD = "2022-Q1"


def form(figures: dict[str, tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"ma_chi_tieu": c, "tu_so": n, "mau_so": d, "ghi_chu": ""} for c, (n, d) in figures.items()])


def approve(engine, officer, secretariat, unit_id, codes):
    workflow.submit(engine, officer, unit_id, PERIOD)
    workflow.appraise(engine, secretariat, unit_id, PERIOD, {c: (wf.ACCEPT, "") for c in codes})


@pytest.fixture
def locked(small_district):
    """Officer xa1's 3.2a of 2022-Q1 approved (9/10), 3.2b still a draft."""
    engine = small_district
    auth.add_user(engine, "xa1", "Xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901")
    auth.add_user(engine, "noivu", "Nội vụ", auth.NOI_VU, "mat-khau-noi-vu")
    officer, secretariat = auth.account(engine, "xa1"), auth.account(engine, "noivu")
    with engine.connect() as conn:
        unit_id = conn.execute(text("SELECT id FROM units WHERE code = '99901'")).scalar()
    entry.save(engine, officer, "99901", PERIOD, form({"3.2a": (9, 10)}))
    approve(engine, officer, secretariat, unit_id, ["3.2a"])
    entry.save(engine, officer, "99901", PERIOD, form({"3.2b": (1, 2)}))
    return engine, officer, secretariat, unit_id


def stored(engine, indicator="3.2a"):
    with engine.connect() as conn:
        return tuple(conn.execute(select(Observation.numerator, Observation.denominator, Observation.state)
                                  .where(Observation.indicator == indicator)).one())


def test_the_entry_form_refuses_a_locked_figure_next_to_its_field(locked):
    engine, officer, secretariat, _ = locked
    edited = form({"3.2a": (10, 10), "3.2b": (2, 2)})
    for account in (officer, secretariat):  # the secretariat too must unlock first
        with pytest.raises(problems.ImportRejected) as rejected:
            entry.save(engine, account, "99901", PERIOD, edited, confirm_overwrite=True)
        [problem] = rejected.value.problems
        assert (problem.row, problem.column, problem.key) == (1, "tu_so", "locked")
        by_indicator = entry.problems_by_indicator(rejected.value, edited)
        assert list(by_indicator) == ["3.2a"] and "đã được duyệt và khóa" in by_indicator["3.2a"][0]
    assert stored(engine) == (9, 10, "approved") and stored(engine, "3.2b") == (1, 2, "draft")
    # the same figure again, with the other one changed: nothing locked changes, so it passes
    entry.save(engine, officer, "99901", PERIOD, form({"3.2a": (9, 10), "3.2b": (2, 2)}), confirm_overwrite=True)
    assert stored(engine) == (9, 10, "approved") and stored(engine, "3.2b") == (2, 2, "draft")


def test_an_upload_is_refused_in_its_preview_and_its_import(locked):
    engine, officer, _, _ = locked
    content = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n99901,3.2b,2022-Q1,1,2\n99901,3.2a,2022-Q1,9,12\n".encode()
    preview = importer.preview_observations(engine, content, "so_lieu.csv", account=officer)
    [problem] = preview.problems
    assert (problem.file, problem.row, problem.column, problem.key) == ("so_lieu.csv", 3, "mau_so", "locked")
    assert "so_lieu.csv" in problem.text() and "dòng 3" in problem.text() and "mau_so" in problem.text()
    with pytest.raises(problems.ImportRejected):
        importer.import_observations(engine, content, "so_lieu.csv", account=officer)
    # an officer's import is never told to unlock
    with pytest.raises(problems.ImportRejected):
        importer.import_observations(engine, content, "so_lieu.csv", account=officer, unlock="tự mở khóa")
    assert stored(engine) == (9, 10, "approved")


@pytest.fixture
def cli_locked(cli_db, capsys, tmp_path):
    """A district on the command line's database with 99901's 3.2a of 2022-Q1 imported and approved."""
    assert run_cli(capsys, "init-db")[0] == 0
    engine = db.get_engine()
    add_units(engine)
    first = tmp_path / "quy1.csv"
    first.write_text("ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n99901,3.2a,2022-Q1,9,10\n", encoding="utf-8")
    assert run_cli(capsys, "import", str(first))[0] == 0
    auth.add_user(engine, "noivu", "Nội vụ", auth.NOI_VU, "mat-khau-noi-vu")
    secretariat = auth.account(engine, "noivu")
    with engine.connect() as conn:
        unit_id = conn.execute(text("SELECT id FROM units WHERE code = '99901'")).scalar()
    assert stored(engine) == (9, 10, "submitted")  # the command line's figures arrive submitted
    workflow.appraise(engine, secretariat, unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")})
    changed = tmp_path / "sua_quy1.csv"
    changed.write_text("ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n99901,3.2a,2022-Q1,10,10\n", encoding="utf-8")
    return engine, changed


def test_the_command_line_refuses_a_locked_figure_naming_file_row_and_column(cli_locked, capsys):
    engine, changed = cli_locked
    code, _, err = run_cli(capsys, "import", str(changed))
    assert code != 0
    assert "sua_quy1.csv" in err and "dòng 2" in err and "tu_so" in err and "--unlock" in err
    code, _, err = run_cli(capsys, "import", str(changed), "--unlock", "  ")  # a blank reason is no reason
    assert code != 0 and "đã được duyệt và khóa" in err
    assert stored(engine) == (9, 10, "approved")


def test_the_command_line_unlocks_with_a_reason_and_audits_it(cli_locked, capsys):
    engine, changed = cli_locked
    code, out, _ = run_cli(capsys, "import", str(changed), "--unlock", "Sửa theo công văn 12/UBND")
    assert code == 0, out
    assert stored(engine) == (10, 10, "submitted")  # changed, and waiting for appraisal again
    with engine.connect() as conn:
        steps = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.new_value)
                             .where(AuditEntry.action.in_(["workflow.unlock", "observation.update"]))
                             .order_by(AuditEntry.id)).all()
    assert [(u, a) for u, a, _ in steps] == [("cli", "workflow.unlock"), ("cli", "observation.update")]
    assert "Sửa theo công văn 12/UBND" in steps[0][2]


def test_the_command_lines_export_counts_as_the_secretariat_set(cli_locked, capsys, tmp_path):
    import csv
    import io

    engine, _ = cli_locked
    other = tmp_path / "3_2b.csv"
    other.write_text("ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n99901,3.2b,2022-Q1,5,10\n", encoding="utf-8")
    assert run_cli(capsys, "import", str(other))[0] == 0  # submitted, not approved

    def exported() -> dict[str, str]:
        out = tmp_path / "ket_qua.csv"
        code, _, _ = run_cli(capsys, "export", "--area", "3", "--year", "2022", "--as-of", "2022-03", "--out", str(out))
        assert code == 0
        rows = csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")))
        return {r["Mã chỉ tiêu"]: r["Tử số"] for r in rows if r["Mã đơn vị"] == "99901"}

    assert exported()["3.2a"] == "9" and exported()["3.2b"] == "5"
    workflow.set_counting(engine, auth.account(engine, "noivu"), wf.COUNT_APPROVED)
    assert exported()["3.2a"] == "9" and exported()["3.2b"] == ""
