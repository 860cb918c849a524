"""Every string the dashboard shows, in Vietnamese (the default) and English, and number formats.

`t(key, lang, **params)` looks a string up and fills its `{placeholders}`. Status labels and
symbols stay in lib.status; indicator, area, level and unit-kind names stay in the catalogue.
"""
from __future__ import annotations

import re

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # the app and its navigation
    "app_title": ("Theo dõi cải cách hành chính", "Administrative reform tracker"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_commune": ("Từng xã, thị trấn", "Each commune"),
    "section_main": ("Toàn huyện", "District"),
    "section_data": ("Cập nhật số liệu", "Keeping data current"),
    "page_entry": ("Nhập số liệu", "Data entry"),
    "page_upload": ("Tải tệp lên", "Upload a file"),
    "page_completeness": ("Tình hình báo cáo", "Reporting"),
    "page_targets": ("Chỉ tiêu giao", "Targets"),
    "page_audit": ("Nhật ký thay đổi", "Change log"),
    "page_users": ("Tài khoản", "Accounts"),
    "section_areas": ("Lĩnh vực", "Reform areas"),
    "section_communes": ("Xã, thị trấn", "Communes"),
    "area_nav": ("{n}. {name}", "{n}. {name}"),
    "area_title": ("Lĩnh vực {n}: {name}", "Area {n}: {name}"),
    # login and roles
    "login_title": ("Đăng nhập", "Sign in"),
    "login_username": ("Tên đăng nhập", "Username"),
    "login_password": ("Mật khẩu", "Password"),
    "login_button": ("Đăng nhập", "Sign in"),
    "login_wrong": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."),
    "login_locked": ("Tài khoản tạm khóa {minutes} phút vì đăng nhập sai nhiều lần (mở lại lúc {until}).",
                     "The account is locked for {minutes} minutes after repeated failed sign-ins (until {until})."),
    "logout": ("Đăng xuất", "Sign out"),
    "signed_in_as": ("Đang đăng nhập: **{name}** ({role})", "Signed in: **{name}** ({role})"),
    "demo_accounts_intro": ("Chế độ DỮ LIỆU MẪU: dùng một trong các tài khoản mẫu dưới đây để thử.",
                            "SAMPLE DATA mode: sign in with one of the sample accounts below."),
    "demo_accounts_role": ("Vai trò", "Role"),
    "no_cookie_key": ("Chưa có khóa ký cookie đăng nhập, nên ứng dụng chưa thể chạy. Đặt biến môi trường "
                      "CCHC_COOKIE_KEY, hoặc thêm vào .streamlit/secrets.toml (xem secrets.toml.example):",
                      "There is no key to sign the login cookie, so the app cannot start. Set the environment "
                      "variable CCHC_COOKIE_KEY, or add it to .streamlit/secrets.toml (see secrets.toml.example):"),
    "no_accounts": ("Chưa có tài khoản nào. Phòng Nội vụ tạo tài khoản đầu tiên trên máy chủ bằng lệnh:",
                    "There is no account yet. The secretariat creates the first one on the server with:"),
    "no_permission": ("Tài khoản của bạn không có quyền mở trang này.", "Your account may not open this page."),
    # sidebar
    "sidebar_year": ("Năm", "Year"),
    "sidebar_as_of": ("Số liệu đến hết tháng", "Figures up to the end of"),
    "sidebar_lang": ("Ngôn ngữ", "Language"),
    # the stamp on every page
    "stamp": ("Số liệu đến hết tháng {month:02d}/{year}", "Figures up to the end of {month:02d}/{year}"),
    "sample_marker": ("DỮ LIỆU MẪU", "SAMPLE DATA"),
    "sample_note": ("số liệu minh họa, không phải số liệu thật", "synthetic figures, not real data"),
    # overview
    "overview_title": ("Kết quả cải cách hành chính năm {year}", "Administrative reform results {year}"),
    "overview_glance": ("Bảy lĩnh vực (kết quả toàn huyện, theo số chỉ tiêu)",
                        "The seven areas (district results, number of indicators)"),
    "overview_indicators": ("Kết quả toàn huyện theo từng chỉ tiêu", "The district's figure for every indicator"),
    "overview_communes": ("Các xã, thị trấn có nhiều chỉ tiêu chưa đạt nhất",
                          "Communes with the most unmet targets"),
    "overview_no_unmet": ("Không có xã, thị trấn nào có chỉ tiêu chưa đạt.", "No commune has an unmet target."),
    "open_area": ("Xem chi tiết", "Details"),
    "indicator_count": ("{n} chỉ tiêu", "{n} indicators"),
    "indicator_count_one": ("{n} chỉ tiêu", "{n} indicator"),
    # column headers
    "col_area": ("Lĩnh vực", "Area"),
    "col_code": ("Mã", "Code"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_kind": ("Loại", "Type"),
    "col_level": ("Cấp", "Level"),
    "col_value": ("Giá trị (%)", "Value (%)"),
    "col_numerator": ("Tử số", "Numerator"),
    "col_denominator": ("Mẫu số", "Denominator"),
    "col_target": ("Chỉ tiêu giao", "Target"),
    "col_status": ("Trạng thái", "Status"),
    "col_not_met": ("Chưa đạt", "Not met"),
    "col_close": ("Gần đạt", "Close"),
    "col_no_data": ("Chưa có số liệu", "No data"),
    "col_unmet_list": ("Các chỉ tiêu chưa đạt", "Unmet indicators"),
    "col_gap": ("Khoảng cách đến chỉ tiêu", "Distance to the target"),
    "col_trend": ("Diễn biến từ đầu năm", "Year-to-date trend"),
    # area page
    "district_whole": ("Toàn huyện", "Whole district"),
    "figure_line": ("{value} ({numerator}/{denominator} {what})", "{value} ({numerator}/{denominator} {what})"),
    "no_figure": ("chưa có số liệu", "no data"),
    "target_line": ("Chỉ tiêu giao: {target}", "Target: {target}"),
    "levels_title": ("Theo từng cấp", "By level"),
    "units_title": ("Kết quả từng đơn vị", "Each unit"),
    "units_none": ("Huyện chưa có đơn vị nào thuộc cấp này.", "The district has no unit at this level yet."),
    "map_title": ("Theo xã, thị trấn", "By commune"),
    "map_hint": ("Bấm vào một ô để xem diễn biến của xã đó; bấm đúp để bỏ chọn.",
                 "Click a tile to see that commune's trend; double-click to clear."),
    "trend_title": ("Diễn biến lũy kế từ đầu năm", "Year-to-date trend"),
    "trend_other_units": ("từng đơn vị", "each unit"),
    "trend_empty": ("Chưa có số liệu để vẽ diễn biến.", "No figures to draw a trend yet."),
    "grain": ("Diễn biến theo", "Trend by"),
    "grain_month": ("Tháng", "Month"),
    "grain_quarter": ("Quý", "Quarter"),
    "grain_year": ("Năm", "Year"),
    "download_csv": ("Tải CSV", "CSV"),
    "download_xlsx": ("Tải Excel", "Excel"),
    "download_help": ("Bảng kết quả của lĩnh vực (mọi chỉ tiêu, mọi đơn vị) cho kỳ đang xem",
                      "The area's results (every indicator and unit) for the period shown"),
    "area_summary": ("Tình hình các chỉ tiêu của lĩnh vực", "The area's indicators"),
    # period labels of the trend
    "period_month": ("T{month}", "{month_short}"),
    "period_quarter": ("Quý {q}", "Q{q}"),
    "period_quarter_partial": ("Quý {q} (đến T{month})", "Q{q} (to {month_short})"),
    "period_year": ("{year}", "{year}"),
    "period_year_partial": ("{year} (đến T{month})", "{year} (to {month_short})"),
    # chart titles
    "axis_period": ("Kỳ", "Period"),
    "axis_value": ("Giá trị lũy kế (%)", "Year-to-date value (%)"),
    "axis_count": ("Số chỉ tiêu", "Indicators"),
    "legend_status": ("Trạng thái", "Status"),
    "target_rule": ("Chỉ tiêu {target}", "Target {target}"),
    # commune page
    "commune_pick": ("Chọn xã, thị trấn", "Choose a commune"),
    "commune_none": ("Huyện chưa có xã, thị trấn nào.", "The district has no commune yet."),
    "commune_dbkk": ("Xã thuộc vùng dân tộc thiểu số, đặc biệt khó khăn (không tính chỉ tiêu 5.2).",
                     "An ethnic-minority / extremely difficult commune (indicator 5.2 does not apply)."),
    "commune_summary": ("Các chỉ tiêu của xã", "The commune's indicators"),
    "commune_trend_hint": ("Giá trị lũy kế từ đầu năm theo tháng (%); nét đứt: chỉ tiêu giao cho cấp xã.",
                           "Year-to-date value by month (%); dashed: the target for communes."),
    # distance to target, in words
    "gap_met": ("đã đạt", "met"),
    "gap_short": ("còn thiếu {n} {what} để đạt {target}", "{n} more {what} needed to reach {target}"),
    "gap_on_track": ("đúng tiến độ; còn thiếu {n} {what} để đạt {target} cuối năm",
                     "on track; {n} more {what} needed to reach {target} by year end"),
    "gap_not_done": ("chưa thực hiện", "not done yet"),
    "gap_no_data": ("chưa có số liệu", "no data yet"),
    "gap_not_applicable": ("không áp dụng", "does not apply"),
    "gap_not_applicable_dbkk": ("không áp dụng (xã vùng DTTS, ĐBKK)",
                                "does not apply (ethnic-minority / extremely difficult commune)"),
    "gap_nothing": ("không phát sinh trong kỳ", "nothing to count in the period"),
    # the database on start
    "db_error": ("Không kết nối được cơ sở dữ liệu: {error}", "Cannot reach the database: {error}"),
    "db_no_schema": ("Cơ sở dữ liệu chưa được khởi tạo hoặc cần nâng cấp. Chạy lệnh sau rồi tải lại trang:",
                     "The database has no schema yet, or an older one. Run this command, then reload the page:"),
    "db_no_district": ("Cơ sở dữ liệu chưa có huyện nào. Chạy các lệnh sau rồi tải lại trang "
                       "(hoặc `python -m lib.cli seed-demo` để xem dữ liệu mẫu):",
                       "The database holds no district yet. Run these commands, then reload the page "
                       "(or `python -m lib.cli seed-demo` for sample data):"),
}

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def t(key: str, lang: str = "vi", **params) -> str:
    """The string `key` in `lang` (vi or en) with its placeholders filled."""
    text = STRINGS[key][1 if lang == "en" else 0]
    if "month" in params and "month_short" not in params:
        params["month_short"] = MONTHS_EN[int(params["month"]) - 1]
    return text.format(**params) if params else text


def t_count(key: str, n: int, lang: str = "vi") -> str:
    """`t(key)` for a count n, using `key_one` for exactly one where it exists (English plurals)."""
    return t(f"{key}_one" if n == 1 and f"{key}_one" in STRINGS else key, lang, n=n)


def count(n, lang: str = "vi") -> str:
    """A count with the thousands separator of the language: 1.234 (vi), 1,234 (en)."""
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang != "en" else text


def decimal(text: str, lang: str = "vi") -> str:
    """A decimal written with a dot (`98.04`) in the language's form: `98,04` in Vietnamese."""
    return text.replace(".", ",") if lang != "en" else text


_TARGET = re.compile(r"(>=|<=|>|<)\s*(\d+(?:\.\d+)?)")
_OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


# the level words lib.scoring writes into a per-level target (`>=40 cơ quan; >=30 xã`)
_LEVEL_WORDS_EN = {"cấp huyện": "district", "cơ quan": "agencies", "xã": "communes", "ĐVSN": "service units"}


def target(text: str, lang: str = "vi") -> str:
    """A target as written in the export (`>=20`, `>98`, `>=40 cơ quan; >=30 xã`) for reading:
    `≥20%`, `>98%`, `≥40% cơ quan; ≥30% xã`."""
    if not isinstance(text, str):
        return ""
    text = _TARGET.sub(lambda m: f"{_OPS[m[1]]}{decimal(m[2], lang)}%", text)
    if lang == "en":
        for vi, en in _LEVEL_WORDS_EN.items():
            text = re.sub(rf"(?<=% ){re.escape(vi)}\b", en, text)
    return text
