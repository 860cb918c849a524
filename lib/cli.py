"""The command line of CONTRACT.md: `python -m lib.cli <command>`.

Every command exits 0 on success and non-zero on any error, with a message (Vietnamese by
default, `--lang en` or CCHC_LANG=en for English) that names the file, row and column at fault.
A failed command changes nothing in the database. A refusal (lib.core.errors.Refused: the
command's own CliError, or one of the store's or the files') is said by lib.present.i18n.say.
"""
from __future__ import annotations

import argparse
import functools
import re
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError

from lib.core import settings
from lib.core.errors import Refused
from lib.present import i18n
from lib.store import db


class CliError(Refused):
    """A command refused with a cli.* message: printed, and the command exits 2."""
    topic = "cli"


class Said(Exception):
    """A refusal already in words (an import's problems, row by row): printed, and the command exits 2."""


def _engine(check_schema: bool = True):
    engine = db.get_engine()
    if check_schema:
        try:
            current = db.schema_is_current(engine)
        except Exception:
            current = False
        if not current:
            raise CliError("no_schema")
    return engine


def cmd_init_db(args) -> str:
    from lib.store.setup import init_db

    engine = _engine(check_schema=False)
    cat = init_db(engine)
    years = sorted({y for by_year in cat.targets.values() for y in by_year})
    return i18n.t("cli.init_done", args.lang, url=engine.url.render_as_string(hide_password=True),
                  indicators=len(cat.indicators), years=", ".join(map(str, years)))


def cmd_setup_district(args) -> str:
    from lib.io import official
    from lib.store.units import setup_district

    try:
        official.normalise_district_code(args.code)
    except ValueError:
        raise CliError("bad_district_code", code=args.code)
    engine = _engine()
    district = official.find_district(args.code)
    if district is None:
        raise CliError("unknown_district", code=args.code)
    result = setup_district(engine, district)
    d = result.district
    return i18n.t("cli.district_done", args.lang, name=d.name, province=d.province, code=d.code,
                  communes=result.communes, agencies=result.agencies, changes=_changes_text(result.changes, args.lang))


def _changes_text(changes, lang: str) -> str:
    if changes.created or changes.updated:
        return i18n.t("cli.setup_changes", lang, created=changes.created, updated=changes.updated,
                      unchanged=changes.unchanged)
    return i18n.t("cli.setup_unchanged", lang, unchanged=changes.unchanged)


def cmd_setup_province(args) -> str:
    from lib.io import official
    from lib.store.units import setup_province

    try:
        official.normalise_province_code(args.code)
    except ValueError:
        raise CliError("bad_province_code", code=args.code)
    layout = "2025" if args.list_2025 else ("trước 2025" if args.lang != "en" else "pre-2025")
    if args.list_2025 and not Path(args.list_2025).is_file():
        raise CliError("file_missing", file=args.list_2025)
    engine = _engine()
    if args.list_2025:
        try:
            listed = official.read_2025_list(args.list_2025)
        except ValueError as error:
            raise CliError("bad_list", file=args.list_2025, error=error)
        province = official.find_province_2025(args.code, listed)
        merged = official.merged_into_2025(args.code, listed) if province is None else None
        if merged:
            old, code, name = merged
            raise CliError("retired_province", code=args.code, old=old, new_code=code, new=name, file=args.list_2025)
    else:
        province = official.find_province(args.code)
    if province is None:
        raise CliError("unknown_province", code=args.code, layout=layout)
    result = setup_province(engine, province)  # refused (UnitMoved) if a unit has another parent already
    p = result.province
    return i18n.t("cli.province_2025_done" if args.list_2025 else "cli.province_done", args.lang, name=p.name,
                  code=p.code, districts=result.districts, communes=result.communes, agencies=result.agencies,
                  layout=layout, changes=_changes_text(result.changes, args.lang))


def _import(args, function) -> str:
    from lib.io.problems import ImportRejected

    path = Path(args.file)
    if not path.is_file():
        raise CliError("file_missing", file=args.file)
    engine = _engine()
    try:
        summary = function(engine, path, filename=path.name, user="cli", lang=args.lang)
    except ImportRejected as rejected:
        raise Said(rejected.text(args.lang)) from rejected
    return summary.text(args.lang)


def cmd_import_units(args) -> str:
    from lib.io.unit_import import import_units

    return _import(args, import_units)


def cmd_import(args) -> str:
    from lib.io.importer import import_observations

    return _import(args, functools.partial(import_observations, unlock=args.unlock))


def cmd_export(args) -> str:
    from lib.io import exporter, sheets
    from lib.store.results import default_district_scores

    area = None
    if args.area != "all":
        if not re.fullmatch(r"[1-7]", args.area):
            raise CliError("bad_area", area=args.area)
        area = int(args.area)
    month = None
    if args.as_of:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", args.as_of)
        if not match or int(match[1]) != args.year or not 1 <= int(match[2]) <= 12:
            raise CliError("bad_as_of", as_of=args.as_of, year=args.year)
        month = int(match[2])
    found = default_district_scores(_engine(), args.year, month)
    if found is None:
        raise CliError("no_district")
    cat, scores = found
    frame = exporter.export_frame(cat, scores, area=area)
    out = Path(args.out)
    try:
        out.write_bytes(sheets.csv_bytes(frame))
    except OSError as error:
        raise CliError("cannot_write", out=args.out, error=error.strerror or error)
    return i18n.t("cli.export_done", args.lang, rows=len(frame), out=args.out, year=args.year, month=scores.month)


def cmd_export_units(args) -> str:
    from lib.io.unit_export import units_file

    data, count = units_file(_engine(), xlsx=args.file.lower().endswith(".xlsx"))
    try:
        Path(args.file).write_bytes(data)
    except OSError as error:
        raise CliError("cannot_write", {"out": args.file, "error": error.strerror or error})
    return i18n.t("cli.export_units_done", args.lang, count=count, out=args.file)


def cmd_seed_demo(args) -> str:
    from lib.io import official
    from lib.store.demo import DEMO_DISTRICT, seed_demo

    result = seed_demo(_engine(check_schema=False), official.find_district(DEMO_DISTRICT))
    year, month = result["until"]
    return i18n.t("cli.demo_done", args.lang, district=result["district"].name, units=result["units"],
                  observations=result["observations"], year=year, month=month)


def cmd_import_boundaries(args) -> str:
    """Load commune boundaries (GeoJSON/TopoJSON); `--json` prints the matching report of CONTRACT.md."""
    import json

    from lib.io.boundaries import import_boundaries

    path = Path(args.file)
    if not path.is_file():
        raise CliError("file_missing", file=args.file)
    engine = _engine()
    result = import_boundaries(engine, path, filename=path.name, user="cli",
                               name_field=args.name_field, code_field=args.code_field)
    if args.json:
        return json.dumps(result.report(), ensure_ascii=False)
    return result.text(args.lang)


def _done_text(done, lang: str) -> str:
    """What a backup or a restore did (lib.store.backup.Done) in words: the outcome, then its notes."""
    return " ".join(i18n.t("backup." + key, lang, **params) for key, params in [(done.key, done.params), *done.notes])


def cmd_backup(args) -> str:
    """A copy of the embedded SQLite database, safe while the app runs (PostgreSQL: use pg_dump)."""
    from lib.store.backup import backup

    return _done_text(backup(settings.load().database_url, Path(args.file)), args.lang)


def cmd_restore(args) -> str:
    """Put a backup back, keeping the current database beside it (PostgreSQL: use pg_restore)."""
    from lib.store.backup import restore

    return _done_text(restore(settings.load().database_url, Path(args.file)), args.lang)


def _read_password(args) -> str:
    import getpass

    from lib.store import auth

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Mật khẩu / Password: ")
        auth.check_passwords(password, getpass.getpass("Nhập lại / Again: "))
    else:
        password = ""
    if not password:
        raise CliError("no_password")
    return password


def cmd_users(args) -> str:
    from lib.store import auth

    engine = _engine()
    if args.action == "list":
        accounts = auth.users(engine)
        return "\n".join(f"{a.username}\t{a.name}\t{a.role}\t{a.unit_code or ''}\t{'' if a.active else '(ngừng)'}"
                         for a in accounts.itertuples())
    if not args.username:
        raise auth.UserError("bad_username", username="")
    password = _read_password(args)
    if args.action == "add":
        auth.add_user(engine, args.username, args.name or args.username, args.role, password,
                      unit_code=args.unit, actor="cli")
        return i18n.t("cli.user_added", args.lang, username=args.username.lower(), role=args.role)
    auth.set_password(engine, args.username, password, actor="cli")
    return i18n.t("cli.password_set", args.lang, username=args.username)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description="Bảng theo dõi CCHC cấp huyện")
    parser.add_argument("--lang", choices=["vi", "en"], default=None, help="ngôn ngữ thông báo (vi, en)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", help="tạo/nâng cấp cơ sở dữ liệu, nạp danh mục chỉ tiêu").set_defaults(run=cmd_init_db)
    p = sub.add_parser("setup-district", help="tạo huyện và các xã từ danh mục chính thức")
    p.add_argument("code")
    p.set_defaults(run=cmd_setup_district)
    p = sub.add_parser("setup-province", help="tạo tỉnh với mọi huyện, xã (trước 2025) hoặc các xã, phường (2025)")
    p.add_argument("code")
    p.add_argument("--list-2025", metavar="FILE", default=None,
                   help="danh mục 2025: tệp .whl hoặc nested-divisions.json của vietnam-provinces bản mới")
    p.set_defaults(run=cmd_setup_province)
    p = sub.add_parser("import-units", help="nhập danh sách đơn vị (CSV/XLSX)")
    p.add_argument("file")
    p.set_defaults(run=cmd_import_units)
    p = sub.add_parser("export-units", help="xuất danh sách đơn vị hiện có theo mẫu import-units (CSV, hoặc XLSX theo đuôi tệp)")
    p.add_argument("file")
    p.set_defaults(run=cmd_export_units)
    p = sub.add_parser("import", help="nhập số liệu (CSV/XLSX)")
    p.add_argument("file")
    p.add_argument("--unlock", metavar="LY_DO", default=None,
                   help="mở khóa, với lý do này, các số liệu đã duyệt mà tệp thay đổi (không có: tệp bị từ chối)")
    p.set_defaults(run=cmd_import)
    p = sub.add_parser("export", help="xuất bảng kết quả CSV")
    p.add_argument("--area", required=True)
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--as-of", dest="as_of")
    p.add_argument("--out", required=True)
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("import-boundaries", help="nạp ranh giới xã (GeoJSON/TopoJSON) và ghép với các xã")
    p.add_argument("file")
    p.add_argument("--name-field", dest="name_field", help="thuộc tính chứa tên xã (mặc định: tự tìm)")
    p.add_argument("--code-field", dest="code_field", help="thuộc tính chứa mã xã 5 chữ số (mặc định: tự tìm)")
    p.add_argument("--json", action="store_true", help="in kết quả ghép dạng JSON")
    p.set_defaults(run=cmd_import_boundaries)
    sub.add_parser("seed-demo", help="tạo huyện mẫu với dữ liệu mẫu").set_defaults(run=cmd_seed_demo)
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu SQLite nhúng vào một tệp (an toàn khi ứng dụng đang chạy)")
    p.add_argument("file")
    p.set_defaults(run=cmd_backup)
    p = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu SQLite nhúng từ một bản sao lưu")
    p.add_argument("file")
    p.set_defaults(run=cmd_restore)
    p = sub.add_parser("users", help="tài khoản: add, password, list")
    p.add_argument("action", choices=["add", "password", "list"])
    p.add_argument("username", nargs="?")
    p.add_argument("--role", default="noi_vu", help="lanh_dao, noi_vu hoặc don_vi")
    p.add_argument("--name", default="")
    p.add_argument("--unit", help="mã đơn vị (vai trò don_vi)")
    p.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn")
    p.set_defaults(run=cmd_users)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.lang = args.lang or settings.load().lang
    try:
        print(args.run(args))
        return 0
    except Refused as error:
        print(i18n.say(error, args.lang), file=sys.stderr)
        return 2
    except Said as said:
        print(said, file=sys.stderr)
        return 2
    except OperationalError as error:
        url = db.get_engine().url.render_as_string(hide_password=True)
        print(i18n.t("cli.db_unreachable", args.lang, url=url, error=str(error.orig).strip()), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
