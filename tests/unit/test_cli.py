"""The command line of CONTRACT.md, run in-process (and once as a real process)."""
import csv
import io
import os
import subprocess
import sys

from sqlalchemy import func, select

from conftest import ROOT, run_cli
from lib.io.exporter import COLUMNS
from lib.store import db
from lib.store.models import Observation, Target, Unit


def read_csv(path):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "the export starts with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_commands_before_init_fail_clearly(cli_db, capsys, tmp_path):
    code, _, err = run_cli(capsys, "export", "--area", "1", "--year", "2022", "--out", str(tmp_path / "x.csv"))
    assert code != 0
    assert "init-db" in err
    assert not (tmp_path / "x.csv").exists()


def test_init_db_is_idempotent_and_keeps_edited_targets(cli_db, capsys):
    assert run_cli(capsys, "init-db")[0] == 0
    engine = db.get_engine()
    with engine.begin() as conn:
        conn.execute(Target.__table__.update().where(Target.indicator == "3.4").values(value=97))
    code, out, _ = run_cli(capsys, "init-db")
    assert code == 0 and "19 chỉ tiêu" in out
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Target)).scalar() == 21
        assert float(conn.execute(select(Target.value).where(Target.indicator == "3.4")).scalar()) == 97


def test_setup_district_errors_and_success(cli_db, capsys):
    run_cli(capsys, "init-db")
    code, _, err = run_cli(capsys, "setup-district", "12x")
    assert code != 0 and "12x" in err
    code, _, err = run_cli(capsys, "setup-district", "998")
    assert code != 0 and "998" in err
    with db.get_engine().connect() as conn:
        assert conn.execute(select(func.count()).select_from(Unit)).scalar() == 0
    code, out, _ = run_cli(capsys, "setup-district", "62")
    assert code == 0 and "Huyện Ngân Sơn" in out and "10 xã/thị trấn" in out


def test_export_argument_errors(cli_db, capsys, tmp_path):
    run_cli(capsys, "init-db")
    run_cli(capsys, "setup-district", "016")
    out = str(tmp_path / "x.csv")
    assert run_cli(capsys, "export", "--area", "8", "--year", "2022", "--out", out)[0] != 0
    assert run_cli(capsys, "export", "--area", "1", "--year", "2022", "--as-of", "2022-13", "--out", out)[0] != 0
    assert run_cli(capsys, "export", "--area", "1", "--year", "2022", "--as-of", "2021-05", "--out", out)[0] != 0
    assert not os.path.exists(out)


def test_seed_demo_and_export_all(cli_db, capsys, tmp_path):
    code, out, _ = run_cli(capsys, "seed-demo")
    assert code == 0 and "DỮ LIỆU MẪU" in out
    target = tmp_path / "all.csv"
    assert run_cli(capsys, "export", "--area", "all", "--year", "2022", "--out", str(target))[0] == 0
    rows = read_csv(target)
    assert list(rows[0].keys()) == COLUMNS
    by_indicator = {}
    for row in rows:
        by_indicator.setdefault(row["Mã chỉ tiêu"], []).append(row)
    assert len(by_indicator) == 19
    # one district row per indicator, plus one row per unit of the indicator's levels
    assert all(sum(r["Mã đơn vị"] == "TOAN_HUYEN" for r in rs) == 1 for rs in by_indicator.values())
    assert len(by_indicator["1.1"]) == 1 + 26
    assert len(by_indicator["6.1"]) == 1 + 26 + 12
    assert len(by_indicator["3.4"]) == 1 + 1 + 26
    assert {r["Kỳ"] for r in rows} == {"2022"}
    assert {r["Trạng thái"] for r in rows} <= {"Đạt", "Gần đạt", "Chưa đạt", "Chưa có số liệu", "Không áp dụng"}
    five_two = {r["Mã đơn vị"]: r for r in by_indicator["5.2"]}
    assert five_two["00379"]["Trạng thái"] == "Không áp dụng"  # a flagged demo commune
    area3 = tmp_path / "a3.csv"
    assert run_cli(capsys, "export", "--area", "3", "--year", "2022", "--as-of", "2022-06", "--out", str(area3))[0] == 0
    rows3 = read_csv(area3)
    assert {r["Mã chỉ tiêu"] for r in rows3} == {"3.1a", "3.1b", "3.2a", "3.2b", "3.3", "3.4"}
    assert {r["Kỳ"] for r in rows3} == {"2022-01..2022-06"}


def test_seed_demo_refuses_a_database_with_real_figures(cli_db, capsys):
    from conftest import add_figures, add_units

    run_cli(capsys, "init-db")
    engine = db.get_engine()
    add_units(engine)
    add_figures(engine, [("99902", "3.4", "2022-01", 90, 100)], source="so_lieu.csv")
    code, _, err = run_cli(capsys, "seed-demo")
    assert code != 0 and "seed-demo" in err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Observation)).scalar() == 1


def test_real_process_exit_codes(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    ok = subprocess.run([sys.executable, "-m", "lib.cli", "init-db"], cwd=ROOT, env=env,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "lib.cli", "import", str(tmp_path / "missing.csv")],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "missing.csv" in bad.stderr


def test_users_add_reads_the_password_from_stdin_and_refuses_bad_input(cli_db, capsys, monkeypatch):
    run_cli(capsys, "init-db")
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    code, _, err = run_cli(capsys, "users", "add", "noivu", "--role", "noi_vu", "--password-stdin")
    assert code != 0 and "ít nhất 8 ký tự" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-dai-du\n"))
    code, out, _ = run_cli(capsys, "users", "add", "noivu", "--role", "noi_vu", "--name", "Phòng Nội vụ", "--password-stdin")
    assert code == 0 and "noivu" in out
    code, out, _ = run_cli(capsys, "users", "list")
    assert out.splitlines() == ["noivu\tPhòng Nội vụ\tnoi_vu\t\t"]
    from lib.store import auth

    assert auth.verify(db.get_engine(), "noivu", "mat-khau-dai-du")[0].role == "noi_vu"
