"""The one message catalogue: every string the dashboard, the command line, the files' reports and
the brief and slides show, in Vietnamese (the default) and English (numbers, percentages and targets
are written by lib.present.format). Each text is stored once; a topic's own keys carry its prefix
(rank., brief., slides., auth., targets., cli., backup., boundaries., import.), and an error keeps
its key and params, the words being made here (tests/unit/present/test_messages.py checks every key used).

`t(key, lang, **params)` looks a string up and fills its `{placeholders}`. Status labels and
symbols stay in lib.core.status; indicator, area, level and unit-kind names in lib.core.catalogue.
"""
from __future__ import annotations

from lib.core.errors import Refused

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # the app and its navigation
    "app_title": ("Theo dõi cải cách hành chính", "Administrative reform tracker"),
    "page_overview": ("Tổng quan", "Overview"),
    "brief_download": ("Tóm tắt một trang (in / lưu PDF)", "One-page brief (print / save as PDF)"),
    "brief_help": ("Trang HTML in vừa một tờ A4: mở tệp rồi in hoặc lưu thành PDF từ trình duyệt.",
                   "An HTML page that prints on one A4 sheet: open it, then print or save as PDF from the browser."),
    "page_ranking": ("Xếp hạng thi đua", "Emulation ranking"),
    "page_commune": ("Từng xã, thị trấn", "Each commune"),
    "section_data": ("Cập nhật số liệu", "Keeping data current"),
    "page_entry": ("Nhập số liệu", "Data entry"),
    "page_upload": ("Tải tệp lên", "Upload a file"),
    "page_completeness": ("Tình hình báo cáo", "Reporting"),
    "page_targets": ("Chỉ tiêu giao", "Targets"),
    "page_audit": ("Nhật ký thay đổi", "Change log"),
    "page_users": ("Tài khoản", "Accounts"),
    "page_boundaries": ("Ranh giới xã", "Commune boundaries"),
    "boundaries_intro": ("Nạp ranh giới các xã, thị trấn từ tệp GeoJSON hoặc TopoJSON (GADM, OpenStreetMap, Sở "
                         "TN&MT...). Các vùng được khớp với xã theo mã, nếu không có mã thì theo tên; sau khi nạp, "
                         "mọi bản đồ vẽ ranh giới thật thay cho các ô.",
                         "Load the communes' boundaries from a GeoJSON or TopoJSON file (GADM, OpenStreetMap, a "
                         "provincial GIS office...). Features are matched to communes by code, else by name; once "
                         "loaded, every map draws the real shapes instead of tiles."),
    "boundaries_pick": ("Chọn tệp ranh giới (.geojson, .json, .topojson)",
                        "Choose a boundary file (.geojson, .json, .topojson)"),
    "boundaries_load": ("Nạp ranh giới", "Load the boundaries"),
    "boundaries_loaded": ("Đã lưu ranh giới của {count} xã, thị trấn.", "Stored the boundaries of {count} communes."),
    "boundaries_pair_title": ("Ghép thủ công các vùng chưa khớp", "Pair the unmatched features by hand"),
    "boundaries_nothing_to_pair": ("Không có vùng nào đang chờ ghép.", "No feature is waiting to be paired."),
    "boundaries_feature": ("Vùng trong tệp", "Feature in the file"),
    "boundaries_commune": ("Xã, thị trấn", "Commune"),
    "boundaries_pair": ("Ghép", "Pair"),
    "boundaries_paired": ("Đã ghép {feature} với {commune}.", "Paired {feature} with {commune}."),
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
    "cookie_key_placeholder": ("Khóa ký cookie đăng nhập đang là chuỗi mẫu của secrets.toml.example: ai cũng biết "
                               "chuỗi này nên có thể giả cookie đăng nhập. Tạo một khóa ngẫu nhiên bằng lệnh dưới "
                               "đây và đặt vào CCHC_COOKIE_KEY hoặc .streamlit/secrets.toml:",
                               "The login cookie key is the placeholder of secrets.toml.example: anyone knows it and "
                               "could forge a login cookie. Make a random key with the command below and put it in "
                               "CCHC_COOKIE_KEY or .streamlit/secrets.toml:"),
    "cookie_key_weak": ("Khóa ký cookie đăng nhập quá dễ đoán: cần ít nhất {length} ký tự ngẫu nhiên, gồm ít nhất "
                        "{distinct} ký tự khác nhau. Tạo một khóa bằng lệnh dưới đây và đặt vào CCHC_COOKIE_KEY "
                        "hoặc .streamlit/secrets.toml:",
                        "The login cookie key is too easy to guess: it needs at least {length} random characters, "
                        "with at least {distinct} different ones. Make one with the command below and put it in "
                        "CCHC_COOKIE_KEY or .streamlit/secrets.toml:"),
    "demo_over": ("Chế độ demo đã kết thúc lúc {at}: cơ sở dữ liệu đã có số liệu thật, nên các tài khoản mẫu và "
                  "khóa cookie mẫu không còn dùng được.",
                  "Demo mode ended at {at}: the database now holds real figures, so the sample accounts and the "
                  "sample cookie key no longer work."),
    "no_accounts": ("Chưa có tài khoản nào. Phòng Nội vụ tạo tài khoản đầu tiên trên máy chủ bằng lệnh:",
                    "There is no account yet. The secretariat creates the first one on the server with:"),
    "no_permission": ("Tài khoản của bạn không có quyền mở trang này.", "Your account may not open this page."),
    # sidebar
    "sidebar_scope": ("Phạm vi", "Scope"),
    "sidebar_year": ("Năm", "Year"),
    "sidebar_as_of": ("Số liệu đến hết tháng", "Figures up to the end of"),
    "sidebar_lang": ("Ngôn ngữ", "Language"),
    "sidebar_counting": ("Số liệu được tính", "Figures counted"),
    # the stamp on every page
    "stamp": ("Số liệu đến hết tháng {month:02d}/{year}", "Figures up to the end of {month:02d}/{year}"),
    "stamp_counting": ("tính {counting}", "counting {counting}"),
    "sample_marker": ("DỮ LIỆU MẪU", "SAMPLE DATA"),
    "sample_note": ("số liệu minh họa, không phải số liệu thật", "synthetic figures, not real data"),
    # overview
    "overview_title": ("Kết quả cải cách hành chính năm {year}", "Administrative reform results {year}"),
    "overview_glance": ("Bảy lĩnh vực (kết quả {whole}, theo số chỉ tiêu)",
                        "The seven areas ({whole}, number of indicators)"),
    "overview_indicators": ("Kết quả {whole} theo từng chỉ tiêu", "Every indicator: {whole}"),
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
    "province_whole": ("Toàn tỉnh", "Whole province"),
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
    "trend_units_band": ("80% đơn vị ở giữa (từ 10% đến 90%)", "the middle 80% of units (10th to 90th percentile)"),
    "trend_empty": ("Chưa có số liệu để vẽ diễn biến.", "No figures to draw a trend yet."),
    "grain": ("Diễn biến theo", "Trend by"),
    "grain_month": ("Tháng", "Month"),
    "grain_quarter": ("Quý", "Quarter"),
    "grain_year": ("Năm", "Year"),
    "download_csv": ("Tải CSV", "CSV"),
    "download_xlsx": ("Tải Excel", "Excel"),
    "download_which": ("Tệp Excel để đọc và in; tệp CSV dành cho phần mềm khác.",
                       "The Excel file is for reading and printing; the CSV is for other programs."),
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
    "commune_search": ("Tìm theo tên (gõ có dấu hay không dấu)", "Search by name (with or without diacritics)"),
    "commune_search_none": ("Không tìm thấy tên nào; đang liệt kê tất cả.", "No name matches; all are listed."),
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
    "gap_whole_short": ("{n} {what}", "{what}: {n} more"),
    "gap_whole_on_track": ("{n} {what} (đúng tiến độ)", "{what}: {n} more (on track)"),
    "gap_not_done": ("chưa thực hiện", "not done yet"),
    "gap_no_data": ("chưa có số liệu", "no data yet"),
    "gap_not_applicable": ("không áp dụng", "does not apply"),
    "gap_not_applicable_dbkk": ("không áp dụng (xã vùng DTTS, ĐBKK)",
                                "does not apply (ethnic-minority / extremely difficult commune)"),
    "why_met": ("đạt {target}", "meets {target}"),
    "why_on_pace": ("đúng tiến độ: cần {pace} đến tháng {month}", "on pace: {pace} needed by month {month}"),
    "why_behind_pace": ("chậm tiến độ: cần {pace} đến tháng {month}", "behind pace: {pace} needed by month {month}"),
    "why_close_band": ("trong ngưỡng gần đạt ({band})", "within the close band ({band})"),
    "why_outside_band": ("ngoài ngưỡng gần đạt ({band})", "outside the close band ({band})"),
    "why_short": ("chưa đạt {target}", "short of {target}"),
    "why_not_partly_self_financed": ("không áp dụng (đơn vị không tự bảo đảm một phần chi thường xuyên)",
                                     "does not apply (not a partly self-financed unit)"),
    "col_why": ("Vì sao", "Why"),
    "attention_title": ("Cần chú ý", "Needs attention"),
    "attention_none": ("Mọi chỉ tiêu có số liệu của lĩnh vực đều đạt.", "Every indicator of the area with figures is met."),
    "attention_units": ("Đơn vị chưa đạt, gần đạt: {units}", "Units not met, close: {units}"),
    "own_row": ("{name} (riêng cấp huyện, không phải toàn huyện)", "{name} (the district level alone, not the whole)"),
    "trend_pace": ("Tiến độ cần đạt: {bound}", "Pace needed: {bound}"),
    "trend_pace_legend": ("Tiến độ cần đạt (chỉ tiêu × số tháng / 12)", "Pace needed (target × months / 12)"),
    "why_levels": ("xét từng cấp: cấp kém nhất quyết định (bảng dưới)",
                   "judged level by level: the weakest level decides (table below)"),
    "gap_nothing": ("không phát sinh trong kỳ", "nothing to count in the period"),
    # what would lift the whole to target (lib.present.lift_text)
    "lift.units": ("Để {whole} đạt, cần {n} đơn vị đạt chỉ tiêu của mình: {steps} (tổng cộng {total} {what}).",
                   "To lift the {whole} to target, {n} units must reach their own target: {steps} ({total} {what} "
                   "in all)."),
    "lift.units_one": ("Để {whole} đạt, cần 1 đơn vị đạt chỉ tiêu của mình: {steps} {what}.",
                       "To lift the {whole} to target, 1 unit must reach its own target: {steps} {what}."),
    "lift.step": ("{unit} thêm {n}", "{unit} with {n} more"),
    "lift.units_done": ("Để {whole} đạt, cần thêm {n} đơn vị đạt: {units}.",
                        "To lift the {whole} to target, {n} more units must meet it: {units}."),
    "lift.units_done_one": ("Để {whole} đạt, cần thêm 1 đơn vị đạt: {units}.",
                            "To lift the {whole} to target, 1 more unit must meet it: {units}."),
    "lift.even_all": ("Dù mọi đơn vị đều đạt chỉ tiêu của mình, {whole} vẫn chưa đạt.",
                      "Even with every unit at its own target, the {whole} would still fall short."),
    "lift.upper_bound": ("Chỉ tiêu là mức tối đa: không có nhóm đơn vị nào giúp {whole} đạt bằng cách làm thêm.",
                         "The target is an upper bound: no set of units lifts the {whole} to it by doing more."),
    "lift.level_no_data": ("{level} chưa có số liệu nên chưa tính được nhóm đơn vị giúp {whole} đạt.",
                           "{level}: no figures yet, so no set of units lifting the {whole} can be worked out."),
    "lift.too_large": ("Quá nhiều đơn vị để tính chính xác nhóm đơn vị giúp {whole} đạt.",
                       "Too many units to work out exactly which would lift the {whole} to target."),
    "lift.no_data": ("Chưa tính {n} đơn vị chưa có số liệu (chưa có mẫu số): {units}.",
                     "{n} units without figures are left out (they have no denominator): {units}."),
    "lift.no_data_one": ("Chưa tính 1 đơn vị chưa có số liệu (chưa có mẫu số): {units}.",
                         "1 unit without figures is left out (it has no denominator): {units}."),
    "lift.short": ("Để đạt: {n} đơn vị ({steps})", "To meet: {n} units ({steps})"),
    "lift.short_one": ("Để đạt: 1 đơn vị ({steps})", "To meet: 1 unit ({steps})"),
    "units_more": ("và {n} đơn vị khác", "and {n} more"),  # the lift's and the attention list's
    "lift.short_none": ("Không có nhóm đơn vị nào đủ để đạt", "No set of units lifts it to target"),
    # the database on start
    "db_unreachable": ("Không kết nối được cơ sở dữ liệu. Số liệu không bị ảnh hưởng; trang sẽ tự mở lại khi cơ sở "
                       "dữ liệu trả lời (thử lại sau mỗi {seconds} giây). Nếu kéo dài, báo người quản trị máy chủ.",
                       "The database cannot be reached. No data is affected; the page comes back by itself once "
                       "the database answers (tried every {seconds} seconds). If it lasts, tell the server's "
                       "administrator."),
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


def say(error: Refused, lang: str = "vi") -> str:
    """The sentence for a refusal (lib.core.errors.Refused); refusals among its parameters are said
    too, several joined by "; "."""
    params = {}
    for name, value in error.params.items():
        if isinstance(value, Refused):
            value = say(value, lang)
        elif isinstance(value, list) and value and all(isinstance(v, Refused) for v in value):
            value = "; ".join(say(v, lang) for v in value)
        params[name] = value
    return t(error.message_key, lang, **params)


def whole(kind: str, lang: str = "vi") -> str:
    """The name of the whole (Toàn huyện, Toàn tỉnh) for the kind of the root unit."""
    return t("province_whole" if kind == "tinh" else "district_whole", lang)


# Words that follow the unit tree's layout (lib.core.catalogue.LAYOUTS): the plain key words a
# district; `key.province` a province (before 2025 or two-tier); `key.province_2025` a two-tier
# province (communes and wards, no district level) where it differs from `key.province`.
STRINGS.update({
    "browser_title": ("Cải cách hành chính huyện", "District administrative reform"),
    "browser_title.province": ("Cải cách hành chính tỉnh", "Provincial administrative reform"),
    "section_communes.province": ("Xã, phường, thị trấn", "Communes, wards and townships"),
    "section_communes.province_2025": ("Xã, phường", "Communes and wards"),
    "rank.tab_commune.province": ("Xã, phường, thị trấn", "Communes, wards, townships"),
    "rank.tab_commune.province_2025": ("Xã, phường", "Communes, wards"),
    "boundaries_commune.province": ("Xã, phường, thị trấn", "Commune or ward"),
    "boundaries_commune.province_2025": ("Xã, phường", "Commune or ward"),
    "area_absent": ("Không áp dụng ở {whole} vì không có đơn vị nào thuộc cấp báo cáo: {indicators}.",
                    "Does not apply to {whole}, which has no unit at the level that reports it: {indicators}."),
    "page_commune.province": ("Từng xã, phường, thị trấn", "Each commune or ward"),
    "page_commune.province_2025": ("Từng xã, phường", "Each commune or ward"),
    "commune_pick.province": ("Chọn xã, phường, thị trấn", "Choose a commune or ward"),
    "commune_pick.province_2025": ("Chọn xã, phường", "Choose a commune or ward"),
    "overview_communes.province": ("Các xã, phường, thị trấn có nhiều chỉ tiêu chưa đạt nhất",
                                   "Communes and wards with the most unmet targets"),
    "overview_communes.province_2025": ("Các xã, phường có nhiều chỉ tiêu chưa đạt nhất",
                                        "Communes and wards with the most unmet targets"),
    "overview_no_unmet.province": ("Không có xã, phường, thị trấn nào có chỉ tiêu chưa đạt.",
                                   "No commune or ward has an unmet target."),
    "overview_no_unmet.province_2025": ("Không có xã, phường nào có chỉ tiêu chưa đạt.",
                                        "No commune or ward has an unmet target."),
    "map_title.province": ("Theo xã, phường, thị trấn", "By commune or ward"),
    "map_title.province_2025": ("Theo xã, phường", "By commune or ward"),
    "slides.worst.province": ("Xã, phường, thị trấn nhiều chỉ tiêu chưa đạt nhất",
                              "Communes and wards with the most targets not met"),
    "slides.worst.province_2025": ("Xã, phường nhiều chỉ tiêu chưa đạt nhất", "Communes and wards with the most targets not met"),
    "slides.worst_none.province": ("Không có xã, phường, thị trấn nào có chỉ tiêu chưa đạt.",
                                   "No commune or ward misses a target."),
    "slides.worst_none.province_2025": ("Không có xã, phường nào có chỉ tiêu chưa đạt.", "No commune or ward misses a target."),
    "slides.map_title.province": ("Bản đồ xã, phường, thị trấn: chỉ tiêu {code}", "Communes and wards: indicator {code}"),
    "slides.map_title.province_2025": ("Bản đồ xã, phường: chỉ tiêu {code}", "Communes and wards: indicator {code}"),
    "units_none.province": ("Tỉnh chưa có đơn vị nào thuộc cấp này.", "The province has no unit at this level yet."),
    "commune_none.province": ("Tỉnh chưa có xã, phường nào.", "The province has no commune or ward yet."),
    "all_areas.province": ("Cả tỉnh", "All areas"),
})


def t_layout(key: str, layout: str, lang: str = "vi", **params) -> str:
    """`t(key)` worded for the unit tree's layout: `key.province_2025`, then `key.province` for
    either province, then the district's `key`."""
    chosen = key
    for own in (f"{key}.province", f"{key}.{layout}"):
        if layout != "district" and own in STRINGS:
            chosen = own
    return t(chosen, lang, **params)


def t_count(key: str, n: int, lang: str = "vi") -> str:
    """`t(key)` for a count n, using `key_one` for exactly one where it exists (English plurals)."""
    return t(f"{key}_one" if n == 1 and f"{key}_one" in STRINGS else key, lang, n=n)


# --- the pages that keep the data current (issue 4): entry, upload, reporting, targets, log, accounts
STRINGS.update({
    # columns
    "col_unit_code": ("Mã đơn vị", "Unit code"),
    "col_period": ("Kỳ", "Period"),
    "col_note": ("Ghi chú", "Note"),
    "col_errors": ("Lỗi", "Problems"),
    "col_numerator_means": ("Tử số là", "Numerator counts"),
    "col_denominator_means": ("Mẫu số là", "Denominator counts"),
    "col_old": ("Số cũ", "Old"),
    "col_new": ("Số mới", "New"),
    "col_entered_by": ("Người nhập số cũ", "Old figure entered by"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_message": ("Nội dung", "Problem"),
    "col_reporting": ("Kỳ báo cáo", "Reports"),
    "col_last_reported": ("Đã báo cáo đến", "Reported up to"),
    "col_due": ("Cần báo cáo đến", "Due up to"),
    "col_due_count": ("Báo cáo đến hạn", "Reports due"),
    "col_received": ("Đã nhận", "Received"),
    "col_rate": ("Tỷ lệ báo cáo", "Reporting rate"),
    "col_op": ("Toán tử", "Operator"),
    "col_target_value": ("Giá trị (%)", "Value (%)"),
    "col_tolerance": ("Ngưỡng gần đạt (điểm %)", "Close within (points)"),
    "col_from_year": ("Năm giao", "Set in"),
    "col_at": ("Thời điểm", "When"),
    "col_user": ("Người thực hiện", "User"),
    "col_action": ("Thay đổi", "Change"),
    "col_entity": ("Đối tượng", "What"),
    "col_old_value": ("Giá trị cũ", "Old value"),
    "col_new_value": ("Giá trị mới", "New value"),
    "col_source": ("Nguồn", "Source"),
    "col_username": ("Tên đăng nhập", "Username"),
    "col_name": ("Họ tên", "Name"),
    "col_role": ("Vai trò", "Role"),
    "col_account_status": ("Tình trạng", "Status"),
    # periods
    "period_kind": ("Loại kỳ", "Kind of period"),
    "period_year_pick": ("Năm", "Year"),
    "kind_Y": ("Năm", "Year"),
    "kind_Q": ("Quý", "Quarter"),
    "kind_M": ("Tháng", "Month"),
    "granularity_Y": ("theo năm", "yearly"),
    "granularity_Q": ("theo quý", "quarterly"),
    "granularity_M": ("theo tháng", "monthly"),
    "reported_year": ("năm {year}", "year {year}"),
    "reported_quarter": ("quý {q}/{year}", "Q{q} {year}"),
    "reported_month": ("tháng {month:02d}/{year}", "{month_short} {year}"),
    "not_reported": ("chưa báo cáo", "not reported"),
    # overwrite confirmation (entry and upload)
    "overwrite_warning": ("Chưa ghi: {count} số liệu dưới đây do người khác nhập sẽ bị thay đổi. Kiểm tra rồi "
                          "xác nhận để ghi đè, hoặc hủy.",
                          "Not written yet: the {count} figure(s) below were entered by someone else and would "
                          "change. Check them, then confirm to overwrite, or cancel."),
    "overwrite_confirm": ("Xác nhận ghi đè và lưu", "Confirm: overwrite and save"),
    "overwrite_cancel": ("Hủy", "Cancel"),
    "overwrite_cancelled": ("Đã hủy; chưa ghi số liệu nào.", "Cancelled; nothing was written."),
    "changed_meanwhile": ("Trong lúc đó số liệu đã thay đổi; hãy kiểm tra lại danh sách ghi đè.",
                          "The figures changed meanwhile; check the list of overwrites again."),
    # entry page
    "entry_intro": ("Chọn đơn vị và kỳ báo cáo, điền tử số và mẫu số của từng chỉ tiêu rồi bấm **Lưu số liệu**. "
                    "Chỉ tiêu có/không: tử số 1 (đã thực hiện) hoặc 0, mẫu số 1. Dòng để trống cả hai ô được bỏ qua.",
                    "Choose the unit and the period, fill in each indicator's numerator and denominator, then "
                    "press **Save**. Yes/no indicators: numerator 1 (done) or 0, denominator 1. Rows with both "
                    "cells blank are skipped."),
    "entry_unit": ("Đơn vị", "Unit"),
    "entry_no_units": ("Tài khoản này chưa được gắn với đơn vị nào nên chưa thể nhập số liệu; liên hệ Phòng Nội vụ.",
                       "This account has no unit yet, so it cannot enter figures; ask the secretariat."),
    "entry_yes_no": ("1 = có, 0 = chưa", "1 = yes, 0 = no"),  # what a yes/no indicator's numerator counts
    "entry_no_indicators": ("Không có chỉ tiêu nào áp dụng cho đơn vị này.", "No indicator applies to this unit."),
    "entry_save": ("Lưu số liệu", "Save"),
    "entry_rejected": ("Chưa lưu: có {count} lỗi (xem cột Lỗi bên cạnh từng chỉ tiêu); chưa ghi số liệu nào.",
                       "Not saved: {count} problem(s) (see the Problems column next to each indicator); "
                       "nothing was written."),
    "entry_saved": ("Đã lưu số liệu của {unit}, kỳ {period}: thêm mới {inserted}, cập nhật {updated}, "
                    "không đổi {unchanged}.",
                    "Saved the figures of {unit}, period {period}: {inserted} inserted, {updated} updated, "
                    "{unchanged} unchanged."),
    # upload page
    "upload_intro": ("Tải lên tệp CSV hoặc Excel (.xlsx) có các cột ma_don_vi, ma_chi_tieu, ky, tu_so, mau_so, "
                     "ghi_chu. Tệp được kiểm tra trước khi ghi; chỉ tệp không có lỗi nào mới nhập được, và nhập "
                     "tất cả các dòng hoặc không dòng nào.",
                     "Upload a CSV or Excel (.xlsx) file with the columns ma_don_vi, ma_chi_tieu, ky, tu_so, "
                     "mau_so, ghi_chu. The file is checked before anything is written; only a file without "
                     "problems can be imported, and then all of its rows or none."),
    "upload_pick": ("Chọn tệp số liệu (CSV hoặc .xlsx)", "Choose a figures file (CSV or .xlsx)"),
    "upload_button": ("Chọn tệp", "Choose a file"),
    "upload_limits": ("Tối đa {mb} MB mỗi tệp · {types}", "Up to {mb} MB per file · {types}"),
    "upload_preview": ("Nội dung tệp ({rows} dòng)", "The file ({rows} rows)"),
    "upload_preview_more": ("Chỉ hiện {shown} dòng đầu.", "Only the first {shown} rows are shown."),
    "upload_problems": ("Tệp {file} có {count} lỗi nên chưa thể nhập; chưa ghi số liệu nào. Sửa các dòng dưới đây "
                        "rồi tải lên lại.",
                        "File {file} has {count} problem(s), so it cannot be imported; nothing was written. "
                        "Fix the rows below and upload it again."),
    "upload_ready": ("Tệp hợp lệ. Khi nhập sẽ thêm mới {inserted}, cập nhật {updated}, không đổi {unchanged} "
                     "số liệu.",
                     "The file is valid. Importing it will insert {inserted}, update {updated} and leave "
                     "{unchanged} figure(s) unchanged."),
    "upload_import": ("Nhập tệp", "Import the file"),
    "upload_import_overwrite": ("Xác nhận ghi đè và nhập tệp", "Confirm: overwrite and import"),
    "upload_nothing": ("Tệp không có số liệu mới hay thay đổi nào; không cần nhập.",
                       "The file holds no new or changed figure; nothing to import."),
    # the one-stop portal's statistics on the upload page (lib.web.portal_ui, lib.io.portal)
    "portal_title": ("Thống kê từ Cổng dịch vụ công", "Statistics from the one-stop portal"),
    "portal_intro": ("Tải lên nguyên tệp thống kê (CSV hoặc .xlsx) mà Cổng dịch vụ công của tỉnh xuất ra, mỗi dòng "
                     "một đơn vị (và một tháng). Lần đầu, chọn cột nào là tên đơn vị, tháng, và các cột cộng lại "
                     "thành tử số, mẫu số của chỉ tiêu 3.1b và 3.4; cách đọc được lưu và dùng lại cho tệp sau có "
                     "cùng các cột. Số liệu được kiểm tra như mọi tệp rồi nhập tất cả hoặc không gì cả.",
                     "Upload the statistics file (CSV or .xlsx) as the province's one-stop portal exports it, one "
                     "row per unit (and month). The first time, choose the column holding the unit's name, the "
                     "month, and the columns that add up to the numerator and denominator of indicators 3.1b and "
                     "3.4; the mapping is saved and reused for the next file with the same columns. The figures are "
                     "checked as in any file, then imported all or nothing."),
    "portal_pick": ("Chọn tệp thống kê của Cổng dịch vụ công (CSV hoặc .xlsx)",
                    "Choose the one-stop portal's statistics file (CSV or .xlsx)"),
    "portal_mapping_title": ("Cách đọc tệp", "How to read the file"),
    "portal_mapping_saved": ("Đang dùng cách đọc đã lưu cho tệp có các cột này.",
                             "Using the mapping saved for files with these columns."),
    "portal_mapping_new": ("Tệp có các cột chưa gặp: hãy chọn cách đọc rồi lưu.",
                           "A file with new columns: choose how to read it, then save."),
    "portal_unit_column": ("Cột tên (hoặc mã) đơn vị", "Column of the unit's name (or code)"),
    "portal_month_column": ("Cột tháng", "Column of the month"),
    "portal_no_month_column": ("(không có: một kỳ cho cả tệp)", "(none: one period for the whole file)"),
    "portal_period": ("Kỳ của cả tệp", "The whole file's period"),
    "portal_numerator": ("{code} – tử số ({what}): cộng các cột", "{code} – numerator ({what}): sum of the columns"),
    "portal_denominator": ("{code} – mẫu số ({what}): cộng các cột",
                           "{code} – denominator ({what}): sum of the columns"),
    "portal_minus": ("{code} – tử số: trừ đi các cột (nếu có)", "{code} – numerator: minus the columns (if any)"),
    "portal_save_mapping": ("Lưu cách đọc", "Save the mapping"),
    "portal_mapping_stored": ("Đã lưu cách đọc cho tệp có các cột này.", "Saved the mapping for files with these columns."),
    "portal_pair_title": ("Ghép tên đơn vị chưa khớp", "Pair the unmatched unit names"),
    "portal_pair_intro": ("Các tên dưới đây không khớp với đơn vị nào, hoặc khớp với nhiều đơn vị: chọn đơn vị cho "
                          "từng tên (hoặc bỏ qua các dòng đó, như dòng tổng cộng). Các cặp ghép được lưu cho lần sau.",
                          "The names below match no unit, or more than one: choose the unit of each name (or skip "
                          "its rows, as a total's). The pairings are saved for next time."),
    "portal_pair_skip": ("(bỏ qua các dòng này)", "(skip these rows)"),
    "portal_pair_save": ("Lưu các cặp ghép", "Save the pairings"),
    "portal_paired": ("Đã lưu {count} cặp ghép.", "Saved {count} pairing(s)."),
    "template_title": ("Mẫu nhập liệu (Excel)", "Entry template (Excel)"),
    "template_intro": ("Mẫu liệt kê sẵn các đơn vị của tài khoản, các chỉ tiêu áp dụng và kỳ đã chọn; chỉ cần điền "
                       "tu_so, mau_so rồi tải lên ở trên.",
                       "The template lists the account's units, the indicators that apply and the chosen period; "
                       "fill in tu_so and mau_so, then upload it above."),
    "template_download": ("Tải mẫu Excel", "Download the template"),
    # reporting (completeness) page and the overview's row
    "completeness_title": ("Tình hình báo cáo đến hết tháng {month:02d}/{year}",
                           "Reporting up to the end of {month:02d}/{year}"),
    "completeness_rule": ("Một đơn vị cần báo cáo đến kỳ gần nhất đã kết thúc theo loại kỳ nó thường dùng "
                          "(tháng, quý; báo cáo năm chỉ đến hạn vào tháng 12). Chỉ tiêu có/không đã đạt trong năm "
                          "thì không cần báo cáo lại; 1.2b chỉ đến hạn với xã đã được kiểm tra (1.2a) đến kỳ đó.",
                          "A unit is due up to the latest period that has ended, by the kind of period it "
                          "usually reports (month, quarter; a yearly report is due only in December). A yes/no "
                          "measure done this year is not due again; 1.2b is due only from a commune inspected "
                          "(1.2a) by that period."),
    "completeness_rate": ("Tỷ lệ báo cáo theo lĩnh vực", "Reporting rate by area"),
    "completeness_chase": ("Các báo cáo còn thiếu", "Reports still missing"),
    "completeness_count": ("{count} báo cáo còn thiếu (theo bộ lọc).", "{count} report(s) missing (as filtered)."),
    "completeness_all_done": ("Không còn báo cáo nào đến hạn mà chưa gửi.", "No report that is due is missing."),
    "all_areas": ("Cả huyện", "All areas"),
    "rate_line": ("{percent}% ({received}/{due})", "{percent}% ({received}/{due})"),
    "rate_none_due": ("chưa có báo cáo đến hạn", "no report due yet"),
    "overview_reporting": ("Tỷ lệ báo cáo: {rate}", "Reporting rate: {rate}"),
    "download_chase_help": ("Danh sách báo cáo còn thiếu theo bộ lọc đang chọn",
                            "The missing reports, as filtered"),
    "completeness_counting": ("Một báo cáo được coi là đã nhận theo cách tính đang chọn: {counting}. Cột Ai cần "
                              "làm cho biết đơn vị phải gửi hay sửa, hay Phòng Nội vụ phải thẩm định.",
                              "A report counts as received as the pages count now: {counting}. The column Who must "
                              "act says whether the unit must send or fix it, or the secretariat appraise it."),
    "completeness_states": ("Các báo cáo đến hạn theo trạng thái", "The due reports by state"),
    # the reporting workflow (lib.core.workflow): states, counting, the page
    "state_not_reported": ("Chưa báo cáo", "Not reported"),
    "state_draft": ("Nháp", "Draft"),
    "state_submitted": ("Đã gửi, chờ thẩm định", "Submitted, awaiting appraisal"),
    "state_returned": ("Bị trả lại", "Returned"),
    "state_approved": ("Đã duyệt (khóa)", "Approved (locked)"),
    "counting_all": ("mọi số liệu đã nhận (cả chưa duyệt)", "every figure received (approved or not)"),
    "counting_approved": ("chỉ số liệu đã duyệt", "approved figures only"),
    "page_workflow": ("Gửi và thẩm định", "Submit and appraise"),
    "workflow_intro": ("Số liệu cán bộ đơn vị nhập là **nháp** cho đến khi bấm **Gửi**. Phòng Nội vụ thẩm định "
                       "từng số liệu đã gửi: chấp nhận thì số liệu được **duyệt và khóa**, trả lại thì kèm nhận "
                       "xét để đơn vị sửa rồi gửi lại. Sửa số liệu đã duyệt cần Phòng Nội vụ mở khóa, nêu lý do. "
                       "Mọi bước đều được ghi vào nhật ký.",
                       "Figures a unit's officer enters are a **draft** until they press **Submit**. The "
                       "secretariat appraises each submitted figure: accepted, it is **approved and locked**; "
                       "returned, it carries a comment for the unit to fix it and submit again. Changing an "
                       "approved figure needs the secretariat to unlock it with a reason. Every step is logged."),
    "workflow_counting": ("Các trang đang tính: {counting}.", "The pages now count: {counting}."),
    "workflow_figures": ("Số liệu của đơn vị trong kỳ", "The unit's figures for the period"),
    "workflow_none": ("Đơn vị chưa có số liệu nào cho kỳ này.", "The unit has no figure for this period yet."),
    "workflow_submit": ("Gửi", "Submit"),
    "workflow_submit_help": ("Gửi các số liệu nháp và bị trả lại của đơn vị trong kỳ này để Phòng Nội vụ thẩm định.",
                             "Send the unit's draft and returned figures of this period to the secretariat for "
                             "appraisal."),
    "workflow_submitted": ("Đã gửi {count} số liệu của {unit}, kỳ {period}.",
                           "Submitted {count} figure(s) of {unit}, period {period}."),
    "workflow_appraise_title": ("Thẩm định", "Appraisal"),
    "workflow_appraise_intro": ("Chọn kết quả cho từng số liệu đang chờ; trả lại thì ghi nhận xét (đơn vị thấy "
                                "nhận xét bên cạnh ô số liệu).",
                                "Choose a decision for each waiting figure; a return needs a comment (the unit "
                                "sees it next to the field)."),
    "workflow_accept": ("Chấp nhận", "Accept"),
    "workflow_return": ("Trả lại", "Return"),
    "workflow_appraise_save": ("Lưu kết quả thẩm định", "Save the appraisal"),
    "workflow_appraised": ("Đã thẩm định {count} số liệu.", "Appraised {count} figure(s)."),
    "workflow_nothing_chosen": ("Chưa chọn kết quả cho số liệu nào.", "No decision was chosen."),
    "workflow_unlock_title": ("Mở khóa số liệu đã duyệt", "Unlock approved figures"),
    "workflow_unlock_pick": ("Chỉ tiêu cần mở khóa", "Indicators to unlock"),
    "workflow_unlock_reason": ("Lý do mở khóa", "Reason for unlocking"),
    "workflow_unlock": ("Mở khóa", "Unlock"),
    "workflow_unlocked": ("Đã mở khóa {count} số liệu; sau khi sửa, số liệu chờ thẩm định lại.",
                          "Unlocked {count} figure(s); once changed they await appraisal again."),
    "workflow_queue_title": ("Số liệu chờ thẩm định", "Figures awaiting appraisal"),
    "workflow_queue_empty": ("Không có số liệu nào chờ thẩm định.", "No figure awaits appraisal."),
    "workflow_close_title": ("Khóa sổ năm", "Close a year"),
    "workflow_close_intro": ("Khi khóa sổ một năm, bảng xếp hạng thi đua của năm đó chỉ tính số liệu đã duyệt, "
                             "dù các trang khác đang tính thế nào.",
                             "Once a year is closed, its emulation ranking counts approved figures only, whatever "
                             "the other pages count."),
    "workflow_close": ("Khóa sổ năm {year}", "Close {year}"),
    "workflow_reopen": ("Mở lại năm {year}", "Reopen {year}"),
    "workflow_closed": ("Đã khóa sổ năm {year}.", "Closed {year}."),
    "workflow_reopened": ("Đã mở lại năm {year}.", "Reopened {year}."),
    "workflow_setting_title": ("Cách tính mặc định của các trang", "What the pages count by default"),
    "workflow_setting_save": ("Lưu cách tính", "Save the setting"),
    "workflow_setting_saved": ("Đã lưu cách tính mặc định: {counting}.", "Saved what the pages count: {counting}."),
    "col_state": ("Trạng thái", "State"),
    "col_comment": ("Nhận xét thẩm định", "Appraisal comment"),
    "col_decision": ("Kết quả thẩm định", "Decision"),
    "col_acts": ("Ai cần làm", "Who must act"),
    "col_since": ("Chờ từ ngày", "Waiting since"),
    "col_waited": ("Số ngày chờ", "Days waited"),
    "col_state_by": ("Người chuyển trạng thái", "Moved by"),
    "col_state_at": ("Lúc chuyển", "Moved at"),
    "workflow.figure": ("Chỉ tiêu {indicator}, kỳ {period}: {reason}", "Indicator {indicator}, period {period}: {reason}"),
    "workflow.role": ("Tài khoản này không được làm bước này: gửi số liệu là việc của cán bộ đơn vị, thẩm định, "
                      "duyệt và mở khóa là việc của Phòng Nội vụ; không có gì thay đổi.",
                      "This account may not take this step: units' officers submit, the secretariat appraises, "
                      "approves and unlocks; nothing was changed."),
    "workflow.no_figure": ("chưa có số liệu", "there is no figure"),
    "workflow.not_open": ("chỉ gửi được số liệu nháp hoặc bị trả lại", "only draft or returned figures can be submitted"),
    "workflow.not_submitted": ("chỉ thẩm định được số liệu đã gửi, đang chờ thẩm định",
                               "only submitted figures awaiting appraisal can be appraised"),
    "workflow.not_approved": ("chỉ mở khóa được số liệu đã duyệt", "only approved figures can be unlocked"),
    "workflow.comment_needed": ("trả lại cần ghi nhận xét, mở khóa cần ghi lý do",
                                "a return needs a comment, an unlock a reason"),
    "workflow.not_your_unit": ("Tài khoản {user} không được thao tác trên số liệu của đơn vị này; không có gì thay đổi.",
                               "Account {user} may not act on this unit's figures; nothing was changed."),
    "workflow.nothing_to_submit": ("Không có số liệu nháp hoặc bị trả lại nào của kỳ {period} để gửi.",
                                   "There is no draft or returned figure of period {period} to submit."),
    "workflow.unit_unknown": ("Không có đơn vị {unit}.", "There is no unit {unit}."),
    "workflow.counting_unknown": ("Không có cách tính “{value}”.", "There is no such counting: “{value}”."),
    "workflow.evidence_missing": ("Chỉ tiêu {indicators} của kỳ {period} cần tài liệu kiểm chứng trước khi gửi: "
                                  "hãy đính kèm tài liệu rồi gửi lại; không có gì thay đổi.",
                                  "Indicator(s) {indicators} of period {period} need an evidence document before they "
                                  "can be submitted: attach one and submit again; nothing was changed."),
    # provenance beside the figures (lib.present.provenance)
    "prov_title": ("Nguồn gốc số liệu ({count} số liệu)", "Where the figures come from ({count} figures)"),
    "prov_intro": ("Mỗi số liệu của năm đến tháng đang xem: cách nhận, người nhập, lúc nhập, trạng thái duyệt và số "
                   "tài liệu kiểm chứng.",
                   "Each figure of the year up to the month shown: how it arrived, who entered it and when, its "
                   "workflow state and how many evidence documents it has."),
    "prov_none": ("Chưa có số liệu nào trong năm đến tháng này.", "No figure yet this year up to this month."),
    "prov_entry": ("Nhập trên biểu mẫu", "Typed in the entry form"),
    "prov_sample": ("Dữ liệu mẫu", "Sample data"),
    "prov_documents": ("Tải tài liệu kiểm chứng", "Download evidence documents"),
    "prov_document": ("{indicator} · {period} · {file} ({size} KB)", "{indicator} · {period} · {file} ({size} KB)"),
    "col_arrival": ("Cách nhận", "How it arrived"),
    "col_updated_by": ("Người nhập", "Entered by"),
    "col_updated_at": ("Lúc nhập", "Entered at"),
    "col_documents": ("Tài liệu", "Evidence"),
    # evidence documents on the page Gửi và thẩm định (lib.web.evidence_ui)
    "evidence_title": ("Tài liệu kiểm chứng của kỳ", "Evidence documents of the period"),
    "evidence_intro": ("Đính kèm quyết định, báo cáo, ảnh chụp... làm căn cứ cho số liệu (PDF, ảnh PNG hoặc JPEG, "
                       "Word .docx, Excel .xlsx). Chỉ tiêu có dấu * cần tài liệu trước khi gửi.",
                       "Attach the decisions, reports, photos... that prove the figures (PDF, PNG or JPEG images, "
                       "Word .docx, Excel .xlsx). Indicators marked * need a document before they can be submitted."),
    "evidence_none": ("Đơn vị chưa đính kèm tài liệu nào cho kỳ này.", "The unit has attached no document for this period."),
    "evidence_indicator": ("Chỉ tiêu của tài liệu", "The document's indicator"),
    "evidence_types": ("Tệp PDF, PNG, JPEG, DOCX hoặc XLSX, tối đa {mb} MB; tệp được kiểm tra theo nội dung, không "
                       "theo tên.",
                       "A PDF, PNG, JPEG, DOCX or XLSX file of at most {mb} MB, checked by its content, not its name."),
    "evidence_pick": ("Chọn tài liệu kiểm chứng", "Choose an evidence document"),
    "evidence_attach": ("Đính kèm", "Attach"),
    "evidence_attached": ("Đã đính kèm {file} cho chỉ tiêu {indicator}.", "Attached {file} to indicator {indicator}."),
    "evidence_delete": ("Xóa", "Delete"),
    "evidence_deleted": ("Đã xóa tài liệu {file}.", "Deleted the document {file}."),
    "evidence_required_title": ("Chỉ tiêu cần tài liệu kiểm chứng", "Indicators that need evidence"),
    "evidence_required_pick": ("Số liệu các chỉ tiêu này chỉ gửi được khi đã có tài liệu kiểm chứng",
                               "Figures of these indicators can be submitted only with an evidence document"),
    "evidence_required_save": ("Lưu danh sách", "Save the list"),
    "evidence_required_saved": ("Đã lưu các chỉ tiêu cần tài liệu kiểm chứng: {codes}.",
                                "Saved the indicators that need evidence: {codes}."),
    # evidence documents (lib.core.evidence_files, lib.store.evidence)
    "evidence.empty": ("Tệp {name} rỗng; không lưu gì.", "The file {name} is empty; nothing was stored."),
    "evidence.too_big": ("Tệp {name} lớn hơn {limit} MB, mức tối đa của một tài liệu kiểm chứng; không lưu gì.",
                         "The file {name} is larger than {limit} MB, the most an evidence document may be; "
                         "nothing was stored."),
    "evidence.type_unknown": ("Theo nội dung, tệp {name} không phải PDF, ảnh PNG hay JPEG, tệp Word (.docx) hay Excel "
                              "(.xlsx); không lưu gì.",
                              "By its content, the file {name} is not a PDF, a PNG or JPEG image, a Word (.docx) or "
                              "an Excel (.xlsx) file; nothing was stored."),
    "evidence.type_mismatch": ("Tên tệp {name} không khớp với nội dung của nó (tệp {ending}); hãy đặt lại đúng đuôi "
                               "rồi tải lên; không lưu gì.",
                               "The name {name} does not match the file's content (a {ending} file); rename it and "
                               "upload it again; nothing was stored."),
    "evidence.zip_too_big": ("Tệp Word hoặc Excel này giải nén ra hơn {limit} MB hoặc quá nhiều phần; không lưu gì.",
                             "This Word or Excel file unpacks to more than {limit} MB or too many parts; nothing was "
                             "stored."),
    "evidence.role": ("Tài khoản này không được đính kèm, xóa tài liệu kiểm chứng hay đổi chỉ tiêu cần tài liệu; "
                      "không có gì thay đổi.",
                      "This account may not attach or delete evidence documents, nor choose which indicators need "
                      "them; nothing was changed."),
    "evidence.not_your_unit": ("Tài khoản {user} không được xem hay thay đổi tài liệu kiểm chứng của đơn vị này.",
                               "Account {user} may not read or change this unit's evidence documents."),
    "evidence.not_found": ("Không có tài liệu kiểm chứng số {id}.", "There is no evidence document {id}."),
    "evidence.unit_unknown": ("Không có đơn vị {unit} để đính kèm tài liệu kiểm chứng.",
                              "There is no unit {unit} to attach evidence to."),
    "evidence.indicator_unknown": ("Không có chỉ tiêu {indicator}: chưa lưu tài liệu kiểm chứng nào.",
                                   "There is no indicator {indicator}: no evidence document was stored."),
    "evidence.locked": ("Số liệu chỉ tiêu {indicator}, kỳ {period} đã được duyệt và khóa: tài liệu kiểm chứng của nó "
                        "chỉ thay đổi được sau khi Phòng Nội vụ mở khóa.",
                        "The figure of indicator {indicator}, period {period} is approved and locked: its evidence "
                        "can change only after the secretariat unlocks it."),
    # the leaders' directives (lib.core.directives): the list page, the cells, the overview
    "page_directives": ("Ý kiến chỉ đạo", "Directives"),
    "directives_intro": ("Lãnh đạo giao ý kiến chỉ đạo gắn với một chỉ tiêu của một đơn vị, một chỉ tiêu của "
                         "{whole} hoặc một lĩnh vực, kèm đơn vị chủ trì và hạn xử lý. Cán bộ của đơn vị chủ trì "
                         "ghi nhận tiến độ; Phòng Nội vụ đóng ý kiến chỉ đạo khi đã hoàn thành.",
                         "Leaders give directives on an indicator of one unit, an indicator of {whole} or an "
                         "area, with the unit responsible and a deadline. The responsible unit's officer notes "
                         "the progress; the secretariat closes a directive once it is done."),
    "directive_state_open": ("Đang thực hiện", "Open"),
    "directive_state_overdue": ("Quá hạn", "Overdue"),
    "directive_state_done": ("Đã hoàn thành", "Done"),
    "directive_cell_unit": ("Một chỉ tiêu của một đơn vị", "An indicator of one unit"),
    "directive_cell_whole": ("Một chỉ tiêu của {whole}", "An indicator of {whole}"),
    "directive_cell_area": ("Một lĩnh vực", "An area"),
    "directive_counts": ("Ý kiến chỉ đạo: {open} đang mở, {overdue} quá hạn.",
                         "Directives: {open} open, {overdue} overdue."),
    "directive_line": ("{state} · hạn {deadline} · {cell} · {unit}: {text}",
                       "{state} · due {deadline} · {cell} · {unit}: {text}"),
    "directives_yours": ("Ý kiến chỉ đạo đơn vị cần thực hiện", "Directives your unit must act on"),
    "directives_open_page": ("Mở trang Ý kiến chỉ đạo", "Open the directives page"),
    "directives_beside": ("Ý kiến chỉ đạo đang mở", "Open directives"),
    "directives_filter_state": ("Tình trạng", "State"),
    "directives_count": ("{count} ý kiến chỉ đạo.", "{count} directive(s)."),
    "directives_none": ("Không có ý kiến chỉ đạo nào khớp bộ lọc.", "No directive matches the filters."),
    "directives_new_title": ("Giao ý kiến chỉ đạo", "Give a directive"),
    "directives_text": ("Nội dung chỉ đạo (tối đa {n} ký tự)", "The directive (at most {n} characters)"),
    "directives_create": ("Giao ý kiến chỉ đạo", "Give the directive"),
    "directives_created": ("Đã giao ý kiến chỉ đạo số {id}.", "Directive no. {id} given."),
    "directives_pick": ("Ý kiến chỉ đạo", "Directive"),
    "directives_notes_title": ("Tiến độ đã ghi nhận", "Progress noted"),
    "directives_no_notes": ("Chưa có ghi nhận tiến độ nào.", "No progress noted yet."),
    "directives_note": ("Tiến độ thực hiện (tối đa {n} ký tự)", "Progress (at most {n} characters)"),
    "directives_answer": ("Ghi nhận tiến độ", "Note the progress"),
    "directives_answered": ("Đã ghi nhận tiến độ của ý kiến chỉ đạo số {id}.", "Progress noted on directive no. {id}."),
    "directives_closing_note": ("Ghi chú khi đóng (không bắt buộc)", "Closing note (optional)"),
    "directives_close": ("Đóng: đã hoàn thành", "Close as done"),
    "directives_closed": ("Đã đóng ý kiến chỉ đạo số {id}.", "Directive no. {id} closed."),
    "col_directive_id": ("Số", "No."),
    "col_directive_cell": ("Gắn với", "Attached to"),
    "col_directive_unit": ("Đơn vị chủ trì", "Responsible unit"),
    "col_directive_text": ("Nội dung chỉ đạo", "Directive"),
    "col_directive_deadline": ("Hạn xử lý", "Deadline"),
    "col_directive_notes": ("Số lần ghi nhận tiến độ", "Progress notes"),
    "col_directive_last_note": ("Tiến độ mới nhất", "Latest progress"),
    "col_directive_by": ("Người giao", "Given by"),
    "col_directive_closed_by": ("Người đóng", "Closed by"),
    "col_directive_closed_at": ("Lúc đóng", "Closed at"),
    "col_directive_closing_note": ("Ghi chú khi đóng", "Closing note"),
    "directive.role": ("Tài khoản này không được làm bước này: chỉ lãnh đạo giao ý kiến chỉ đạo, chỉ cán bộ của "
                       "đơn vị chủ trì ghi nhận tiến độ, chỉ Phòng Nội vụ đóng ý kiến chỉ đạo; không có gì thay đổi.",
                       "This account may not take this step: only leaders give directives, only the responsible "
                       "unit's officer notes progress, only the secretariat closes a directive; nothing was changed."),
    "directive.no_cell": ("Chưa chọn chỉ tiêu hoặc lĩnh vực mà ý kiến chỉ đạo gắn với.",
                          "Choose the indicator or the area the directive is about."),
    "directive.text_empty": ("Chưa ghi nội dung chỉ đạo.", "The directive has no text."),
    "directive.note_empty": ("Chưa ghi nội dung tiến độ.", "The progress note is empty."),
    "directive.too_long": ("Nội dung dài quá {limit} ký tự; không có gì thay đổi.",
                           "The text is longer than {limit} characters; nothing was changed."),
    "directive.deadline_past": ("Hạn xử lý không được trước hôm nay.", "The deadline cannot be before today."),
    "directive.indicator_unknown": ("Không có chỉ tiêu {indicator} để giao ý kiến chỉ đạo.",
                                    "There is no indicator {indicator} to give a directive on."),
    "directive.area_unknown": ("Không có lĩnh vực {area}.", "There is no area {area}."),
    "directive.unit_unknown": ("Không có đơn vị này.", "There is no such unit."),
    "directive.not_found": ("Không có ý kiến chỉ đạo số {id} mà tài khoản này được xem; không có gì thay đổi.",
                            "There is no directive no. {id} that this account may see; nothing was changed."),
    "directive.closed": ("Ý kiến chỉ đạo này đã đóng; không có gì thay đổi.",
                         "This directive is already closed; nothing was changed."),
    # the inspection register (lib.core.inspections)
    "page_inspections": ("Sổ kiểm tra CCHC", "Inspection register"),
    "inspections_intro": ("Phòng Nội vụ ghi từng cuộc kiểm tra CCHC tại xã (ngày, đoàn) và từng vấn đề phát hiện "
                          "(nội dung, hạn khắc phục); cán bộ xã ghi việc khắc phục. Với xã dùng sổ trong năm {year}, "
                          "1.2a và 1.2b được tính từ sổ (1.2b = số vấn đề đã khắc phục / số vấn đề phát hiện; không "
                          "phát hiện vấn đề nào thì không áp dụng) và không nhập số liệu 1.2a, 1.2b nữa.",
                          "The secretariat records each inspection of a commune (date, team) and each issue found "
                          "(what, deadline to fix it); the commune's officer records each fix. For a commune that "
                          "uses the register in {year}, 1.2a and 1.2b are computed from it (1.2b = issues fixed / "
                          "issues found; no issue found: not applicable) and are no longer typed."),
    "inspections_none": ("Chưa có cuộc kiểm tra nào của xã trong năm {year} trong sổ.",
                         "No inspection of this commune in {year} in the register."),
    "inspections_used": ("Năm {year}, 1.2a và 1.2b của xã được tính từ sổ kiểm tra.",
                         "In {year}, this commune's 1.2a and 1.2b are computed from the register."),
    "inspections_add_title": ("Ghi cuộc kiểm tra", "Record an inspection"),
    "inspections_add": ("Ghi cuộc kiểm tra", "Record the inspection"),
    "inspections_added": ("Đã ghi cuộc kiểm tra.", "Inspection recorded."),
    "inspections_issue_title": ("Ghi vấn đề phát hiện", "Record an issue found"),
    "inspections_issue_add": ("Ghi vấn đề", "Record the issue"),
    "inspections_issue_added": ("Đã ghi vấn đề phát hiện.", "Issue recorded."),
    "inspections_fix_title": ("Ghi khắc phục", "Record a fix"),
    "inspections_fix": ("Ghi đã khắc phục", "Record the fix"),
    "inspections_fixed": ("Đã ghi việc khắc phục.", "Fix recorded."),
    "inspections_open_title": ("Vấn đề chưa khắc phục (sổ kiểm tra)", "Issues not fixed yet (inspection register)"),
    "issue_open": ("Chưa khắc phục", "Not fixed"),
    "issue_fixed": ("Đã khắc phục", "Fixed"),
    "issue_line": ("hạn {deadline}: {what}", "due {deadline}: {what}"),
    "col_inspection_day": ("Ngày kiểm tra", "Inspected on"),
    "col_inspection_team": ("Đoàn kiểm tra", "Team"),
    "col_issue": ("Vấn đề phát hiện", "Issue found"),
    "col_fix_day": ("Ngày khắc phục", "Fixed on"),
    "col_fix_note": ("Nội dung khắc phục", "How it was fixed"),
    "inspection.role": ("Tài khoản này không được ghi việc này vào sổ kiểm tra: Phòng Nội vụ ghi các cuộc kiểm tra "
                        "và vấn đề phát hiện, cán bộ xã ghi việc khắc phục; không có gì thay đổi.",
                        "This account may not record this in the inspection register: the secretariat records "
                        "inspections and the issues found, the commune's officer the fixes; nothing was changed."),
    "inspection.not_found": ("Không có mục này trong sổ kiểm tra mà tài khoản này được ghi; không có gì thay đổi.",
                             "There is no such entry of the inspection register this account may record on; "
                             "nothing was changed."),
    "inspection.too_long": ("Nội dung ghi sổ kiểm tra dài quá {limit} ký tự; không có gì thay đổi.",
                            "The register entry is longer than {limit} characters; nothing was changed."),
    "inspection.team_empty": ("Chưa ghi đoàn kiểm tra.", "The inspection team is missing."),
    "inspection.issue_empty": ("Chưa ghi nội dung vấn đề phát hiện.", "The issue found is not described."),
    "inspection.note_empty": ("Chưa ghi nội dung khắc phục.", "The fix is not described."),
    "inspection.typed_figures": ("Xã này đã có số liệu 1.2a hoặc 1.2b nhập tay hoặc nhập từ tệp trong năm này; mỗi năm "
                                 "một xã chỉ dùng một cách (sổ kiểm tra hoặc số liệu nhập). Không có gì thay đổi.",
                                 "This commune has 1.2a or 1.2b figures typed or imported for this year; a commune "
                                 "uses one way a year (the register or typed figures). Nothing was changed."),
    "inspection.future": ("Ngày kiểm tra không được sau hôm nay.", "The inspection cannot be dated after today."),
    "inspection.not_a_commune": ("Chỉ ghi sổ kiểm tra cho xã, phường, thị trấn.",
                                 "The inspection register is kept for communes, wards and townships only."),
    "inspection.deadline_before": ("Hạn khắc phục không được trước ngày kiểm tra.",
                                   "The deadline to fix cannot be before the inspection."),
    "inspection.fix_day": ("Ngày khắc phục phải từ ngày kiểm tra đến hôm nay.",
                           "The fix must be dated between the inspection and today."),
    "inspection.already_fixed": ("Vấn đề này đã được ghi khắc phục; không có gì thay đổi.",
                                 "This issue's fix is already recorded; nothing was changed."),
    # targets page
    "targets_title": ("Chỉ tiêu giao năm {year}", "Targets for {year}"),
    "targets_year": ("Năm áp dụng", "Year"),
    "targets_intro": ("Sửa toán tử, giá trị (%) và ngưỡng gần đạt (điểm phần trăm) rồi bấm **Lưu chỉ tiêu**. "
                      "Cột Năm giao cho biết chỉ tiêu được đặt từ năm nào; dòng đã sửa được đặt riêng cho năm này.",
                      "Change the operator, the value (%) and the tolerance (percentage points), then press "
                      "**Save targets**. 'Set in' tells the year a target comes from; a changed row is set for "
                      "this year."),
    "targets_inherited": ("Năm {year} chưa có chỉ tiêu giao riêng; đang áp dụng chỉ tiêu của các năm trước.",
                          "{year} has no targets of its own yet; the earlier years' targets apply."),
    "targets_start": ("Lập chỉ tiêu năm {year} từ năm trước", "Start {year} from the previous year"),
    "targets_started": ("Đã lập {count} chỉ tiêu giao cho năm {year}.", "{count} targets set for {year}."),
    "targets_save": ("Lưu chỉ tiêu", "Save targets"),
    "targets_saved": ("Đã lưu {count} chỉ tiêu giao.", "{count} target(s) saved."),
    "nothing_to_save": ("Chưa có thay đổi nào để lưu.", "Nothing has changed."),
    "targets_refused": ("Chưa lưu: {count} dòng không hợp lệ (xem cột Lỗi); chưa ghi chỉ tiêu nào.",
                        "Not saved: {count} row(s) are not valid (see the Problems column); nothing was written."),
    "level_all": ("mọi cấp", "all levels"),
    # audit page
    "audit_user": ("Người thực hiện", "User"),
    "audit_action": ("Loại thay đổi", "Kind of change"),
    "audit_entity": ("Tìm theo đối tượng (mã đơn vị, chỉ tiêu, kỳ, tài khoản)",
                     "Search what changed (unit code, indicator, period, account)"),
    "audit_all": ("Tất cả", "All"),
    "audit_count": ("{count} mục, mới nhất trước.", "{count} entries, newest first."),
    "audit_limited": ("Chỉ hiện {count} mục mới nhất; thu hẹp bộ lọc để xem mục cũ hơn.",
                      "Only the newest {count} entries are shown; narrow the filters to see older ones."),
    "audit_empty": ("Không có mục nào khớp bộ lọc.", "No entry matches the filters."),
    "action_group_observation.": ("Số liệu", "Figures"),
    "action_group_target.": ("Chỉ tiêu giao", "Targets"),
    "action_group_user.": ("Tài khoản", "Accounts"),
    "action_group_boundaries.": ("Ranh giới xã", "Commune boundaries"),
    "action_group_ranking.": ("Xếp hạng thi đua", "Emulation ranking"),
    "action_group_workflow.": ("Quy trình duyệt số liệu", "Reporting workflow"),
    "action_boundaries.import": ("Nạp ranh giới xã", "Boundaries loaded"),
    "action_boundaries.pair": ("Ghép ranh giới với xã", "Boundary paired"),
    "action_portal.mapping": ("Lưu cách đọc tệp Cổng dịch vụ công", "One-stop portal file mapping saved"),
    "action_portal.pair": ("Ghép tên đơn vị của Cổng dịch vụ công", "One-stop portal unit name paired"),
    "action_ranking.weights": ("Sửa trọng số xếp hạng", "Ranking weights changed"),
    "action_ranking.ties": ("Đổi cách xếp các đơn vị bằng điểm", "Ranking tie-break changed"),
    "action_observation.insert": ("Thêm số liệu", "Figure added"),
    "action_observation.update": ("Sửa số liệu", "Figure changed"),
    "action_workflow.submit": ("Gửi số liệu", "Figure submitted"),
    "action_workflow.accept": ("Duyệt số liệu", "Figure approved"),
    "action_workflow.return": ("Trả lại số liệu", "Figure returned"),
    "action_workflow.unlock": ("Mở khóa số liệu", "Figure unlocked"),
    "action_group_directive.": ("Ý kiến chỉ đạo", "Directives"),
    "action_directive.create": ("Giao ý kiến chỉ đạo", "Directive given"),
    "action_directive.answer": ("Ghi nhận tiến độ", "Progress noted"),
    "action_directive.close": ("Đóng ý kiến chỉ đạo", "Directive closed"),
    "action_group_inspection.": ("Sổ kiểm tra CCHC", "Inspection register"),
    "action_inspection.add": ("Ghi cuộc kiểm tra", "Inspection recorded"),
    "action_inspection.issue": ("Ghi vấn đề phát hiện", "Issue recorded"),
    "action_inspection.fix": ("Ghi khắc phục", "Fix recorded"),
    "action_setting.closed": ("Khóa sổ / mở lại năm", "Year closed or reopened"),
    "action_setting.counting": ("Đổi cách tính của các trang", "What the pages count changed"),
    "action_setting.evidence": ("Đổi chỉ tiêu cần tài liệu kiểm chứng", "Indicators needing evidence changed"),
    "action_evidence.add": ("Đính kèm tài liệu kiểm chứng", "Evidence attached"),
    "action_evidence.delete": ("Xóa tài liệu kiểm chứng", "Evidence deleted"),
    "action_group_evidence.": ("Tài liệu kiểm chứng", "Evidence documents"),
    "action_target.insert": ("Đặt chỉ tiêu", "Target set"),
    "action_target.update": ("Sửa chỉ tiêu", "Target changed"),
    "action_user.add": ("Thêm tài khoản", "Account added"),
    "action_user.password": ("Đặt lại mật khẩu", "Password reset"),
    "action_user.locked": ("Tạm khóa (đăng nhập sai nhiều lần)", "Locked (failed sign-ins)"),
    "action_user.deactivate": ("Ngừng tài khoản", "Account deactivated"),
    "action_user.activate": ("Mở lại tài khoản", "Account reactivated"),
    "field_tu_so": ("tử số", "numerator"),
    "field_mau_so": ("mẫu số", "denominator"),
    "field_ghi_chu": ("ghi chú", "note"),
    "field_nguoi_nhap": ("người nhập", "entered by"),
    "field_op": ("toán tử", "operator"),
    "field_value": ("giá trị", "value"),
    "field_tolerance": ("ngưỡng gần đạt", "tolerance"),
    "field_name": ("họ tên", "name"),
    "field_role": ("vai trò", "role"),
    "field_unit": ("đơn vị", "unit"),
    "field_active": ("đang dùng", "active"),
    "field_until": ("đến", "until"),
    "field_trang_thai": ("trạng thái", "state"),
    "field_nhan_xet": ("nhận xét", "comment"),
    "field_tep": ("tệp", "file"),
    "field_kich_thuoc": ("kích thước (byte)", "size (bytes)"),
    "field_linh_vuc": ("lĩnh vực", "area"),
    "field_chi_tieu": ("chỉ tiêu", "indicator"),
    "field_don_vi_chu_tri": ("đơn vị chủ trì", "responsible unit"),
    "field_noi_dung": ("nội dung", "text"),
    "field_han": ("hạn xử lý", "deadline"),
    "field_ghi_nhan": ("ghi nhận", "note"),
    "field_tinh_trang": ("tình trạng", "state"),
    "field_ngay": ("ngày", "date"),
    "field_doan": ("đoàn kiểm tra", "team"),
    "field_van_de": ("vấn đề", "issue"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    # accounts page
    "users_list": ("Danh sách tài khoản", "Accounts"),
    "users_add": ("Thêm tài khoản", "Add an account"),
    "users_reset": ("Đặt lại mật khẩu", "Reset a password"),
    "users_active": ("Ngừng / mở lại tài khoản", "Deactivate / reactivate"),
    "users_username_help": ("3–64 ký tự: chữ thường không dấu, chữ số, dấu . _ -",
                            "3–64 characters: lower-case letters without accents, digits, . _ -"),
    "users_unit": ("Đơn vị (chỉ cho Cán bộ đơn vị)", "Unit (unit officers only)"),
    "users_no_unit": ("(không)", "(none)"),
    "users_password": ("Mật khẩu (ít nhất {n} ký tự)", "Password (at least {n} characters)"),
    "users_password_again": ("Nhập lại mật khẩu", "The password again"),
    "users_pick": ("Tài khoản", "Account"),
    "users_added": ("Đã thêm tài khoản {username}.", "Account {username} added."),
    "users_reset_done": ("Đã đặt lại mật khẩu cho {username}.", "The password of {username} was reset."),
    "users_deactivate": ("Ngừng tài khoản", "Deactivate"),
    "users_reactivate": ("Mở lại tài khoản", "Reactivate"),
    "users_deactivated": ("Đã ngừng tài khoản {username}: không đăng nhập được nữa, lịch sử vẫn giữ.",
                          "Account {username} deactivated: it can no longer sign in; its history stays."),
    "users_reactivated": ("Đã mở lại tài khoản {username}.", "Account {username} reactivated."),
    "users_is_inactive": ("Tài khoản {username} đang ngừng.", "Account {username} is deactivated."),
    "users_is_active": ("Tài khoản {username} đang dùng.", "Account {username} is active."),
    "account_active": ("Đang dùng", "Active"),
    "account_inactive": ("Đã ngừng", "Deactivated"),
    "account_locked": ("tạm khóa đến {until}", "locked until {until}"),
    "account_demo": ("tài khoản mẫu", "sample account"),
})

# --- the ranking (lib.core.ranking, pages/ranking.py)
STRINGS.update({
    "rank.title": ("Xếp hạng thi đua cải cách hành chính năm {year}", "Administrative reform emulation ranking {year}"),
    "rank.closed_year": ("Năm {year} đã khóa sổ: bảng xếp hạng chỉ tính số liệu đã duyệt.",
                         "{year} is closed: the ranking counts approved figures only."),
    "rank.rule": ("Điểm = tổng trọng số các chỉ tiêu đạt / tổng trọng số các chỉ tiêu áp dụng. Chỉ tiêu chưa có số "
                  "liệu tính như chưa đạt; chỉ tiêu không áp dụng hoặc có trọng số 0 không tính. Các đơn vị bằng điểm "
                  "(so sánh chính xác, không làm tròn) xếp tiếp theo: {tie_break} Đơn vị vẫn bằng nhau được đồng "
                  "hạng và xếp theo tên; hạng tiếp theo bỏ qua số đơn vị đồng hạng (1, 2, 2, 4). Hạng năm trước "
                  "tính trên kết quả cả năm trước với cùng trọng số và cùng cách xếp.",
                  "Score = total weight of the indicators met / total weight of the applicable indicators. An "
                  "indicator with no data counts as not met; one that does not apply, or weighs 0, is left out. "
                  "Units with the same score (compared exactly, never rounded) are then ordered: {tie_break} Units "
                  "still equal share a rank and are listed by name; the next rank skips the tied places (1, 2, 2, "
                  "4). Last year's rank uses last year's year-end results with the same weights and tie-break."),
    "rank.tie_break_attainment": ("theo mức đạt bình quân các chỉ tiêu giao (mỗi chỉ tiêu tính tối đa 100%, chưa "
                                  "có số liệu tính 0), rồi đơn vị có ít chỉ tiêu chưa có số liệu hơn xếp trên.",
                                  "by the mean attainment of the targets (each capped at 100%, no data counting 0), "
                                  "then the unit with fewer indicators without data first."),
    "rank.tie_break_reporting": ("đơn vị có ít chỉ tiêu chưa có số liệu hơn xếp trên (đã báo cáo mà chưa đạt xếp "
                                 "trên chưa báo cáo).",
                                 "the unit with fewer indicators without data first (a reported miss ranks above "
                                 "no report)."),
    "rank.tie_break_title": ("Khi bằng điểm", "When scores are equal"),
    "rank.tie_break_saved": ("Đã lưu cách xếp các đơn vị bằng điểm.", "The tie-break was saved."),
    "rank.col_attainment": ("Mức đạt bình quân (%)", "Mean attainment (%)"),
    "rank.tab_commune": ("Xã, thị trấn", "Communes and townships"),
    "rank.tab_agency": ("Cơ quan chuyên môn", "District agencies"),
    "rank.no_units": ("Chưa có đơn vị nào ở cấp này.", "There is no unit at this level."),
    "rank.unranked_note": ("Đơn vị không có chỉ tiêu nào áp dụng (với trọng số lớn hơn 0) không được xếp hạng.",
                           "A unit with no applicable indicator (of weight above 0) is not ranked."),
    "rank.tied": ("đồng hạng", "tied"),
    "rank.col_rank": ("Hạng", "Rank"),
    "rank.col_tie": ("Đồng hạng", "Tied"),
    "rank.col_score": ("Điểm (%)", "Score (%)"),
    "rank.col_met_of": ("Đạt / áp dụng", "Met / applicable"),
    "rank.col_met": ("Số chỉ tiêu đạt", "Indicators met"),
    "rank.col_applicable": ("Số chỉ tiêu áp dụng", "Applicable indicators"),
    "rank.col_previous": ("Hạng năm {year}", "Rank in {year}"),
    "rank.col_levels": ("Áp dụng cho", "Applies to"),
    "rank.col_weight": ("Trọng số", "Weight"),
    "rank.level_commune": ("xã", "communes"),
    "rank.level_agency": ("cơ quan", "agencies"),
    "rank.weights_title": ("Trọng số chỉ tiêu (Phòng Nội vụ)", "Indicator weights (secretariat)"),
    "rank.weights_intro": ("Mỗi chỉ tiêu có trọng số mặc định 1. Nhập một số từ 0 đến {max}; trọng số 0 bỏ chỉ tiêu "
                           "khỏi bảng xếp hạng. Trọng số dùng chung cho xã và cơ quan.",
                           "Each indicator weighs 1 by default. Enter a number from 0 to {max}; weight 0 leaves the "
                           "indicator out of the ranking. The weights are shared by communes and agencies."),
    "rank.weights_save": ("Lưu trọng số", "Save the weights"),
    "rank.weights_saved": ("Đã lưu trọng số.", "The weights were saved."),
    "rank.weights_refused": ("Chưa lưu trọng số, không có gì thay đổi: {problems}.",
                             "The weights were not saved and nothing changed: {problems}."),
    "rank.bad_weight": ("trọng số của chỉ tiêu {code} ('{value}') không hợp lệ, cần một số từ 0 đến {max}",
                        "the weight of indicator {code} ('{value}') is not valid; it must be a number from 0 to {max}"),
    "rank.unknown_indicator": ("không có chỉ tiêu mã '{code}' trong bảng xếp hạng",
                               "there is no indicator '{code}' in the ranking"),
})

# --- the one-page brief (lib.present.brief, templates/brief.html.j2)
STRINGS.update({
    "brief.title": ("Tóm tắt kết quả cải cách hành chính năm {year}", "Administrative reform brief, {year}"),
    "brief.issued": ("Ngày lập: {day}", "Issued: {day}"),
    "brief.glance_indicators": ("Số chỉ tiêu", "Total"),
    "brief.chart_alt": ("Biểu đồ: số chỉ tiêu của từng lĩnh vực theo trạng thái",
                        "Chart: each area's indicators by status"),
    "brief.col_value": ("Giá trị", "Value"),
    "brief.col_value_target": ("Kết quả / chỉ tiêu", "Value / target"),
    "brief.gaps_title": ("Chỉ tiêu chưa đạt, gần đạt (thiếu nhiều nhất trước)",
                         "Targets not met or close (biggest shortfall first)"),
    "brief.gaps_none": ("Mọi chỉ tiêu có số liệu đều đã đạt.", "Every target with data is met."),
    "brief.col_gap": ("Còn thiếu", "Still needed"),
    "brief.gap_level": ("{level}: {gap}", "{level}: {gap}"),
    "brief.communes_title": ("Xã, thị trấn có nhiều chỉ tiêu chưa đạt nhất", "Communes with the most unmet targets"),
    "brief.col_commune": ("Xã, thị trấn", "Commune"),
    "brief.footer": ("Trạng thái tính trên số liệu lũy kế từ đầu năm; đơn vị chưa báo cáo không được tính. "
                     "Ký hiệu: {legend}.",
                     "Statuses are judged on the year-to-date figures; units that have not reported are left out. "
                     "Symbols: {legend}."),
})

# --- the meeting-room slides (lib.web.presentation, templates/slides.html.j2)
STRINGS.update({
    "slides.toggle": ("Chế độ trình chiếu", "Presentation mode"),
    "slides.toggle_help": ("Chữ lớn, không thanh bên, tự chuyển qua tổng quan và bảy lĩnh vực. "
                           "Địa chỉ có ?trinh_chieu=1 mở thẳng chế độ này.",
                           "Large type, no sidebar, walks through the overview and the seven areas. "
                           "An address with ?trinh_chieu=1 opens it directly."),
    "slides.previous": ("Trước", "Previous"),
    "slides.next": ("Tiếp", "Next"),
    "slides.pause": ("Tạm dừng", "Pause"),
    "slides.play": ("Tự chạy", "Play"),
    "slides.pace": ("Mỗi trang", "Each slide"),
    "slides.seconds": ("{n} giây", "{n} s"),
    "slides.position": ("Trang {n}/{total}", "Slide {n}/{total}"),
    "slides.paused": ("Đang dừng", "Paused"),
    "slides.running": ("Tự chuyển sau {n} giây", "Next slide in {n} s"),
    "slides.leave": ("Thoát trình chiếu", "Leave presentation"),
    "slides.overview_title": ("Tổng quan cải cách hành chính năm {year}", "Administrative reform overview {year}"),
    "slides.area_title": ("Lĩnh vực {n}. {name}", "Area {n}. {name}"),
    "slides.worst": ("Xã, thị trấn nhiều chỉ tiêu chưa đạt nhất", "Communes with the most targets not met"),
    "slides.worst_none": ("Không có xã, thị trấn nào có chỉ tiêu chưa đạt.", "No commune misses a target."),
    "slides.worst_item": ("{name}: {n} chưa đạt", "{name}: {n} not met"),
    "slides.col_value": ("Kết quả", "Result"),
    "slides.col_status": ("Đánh giá", "Status"),
    "slides.col_units": ("Các đơn vị", "Units"),
    "slides.no_units": ("—", "—"),
    "slides.map_title": ("Bản đồ xã, thị trấn: chỉ tiêu {code}", "Communes: indicator {code}"),
})

# --- account refusals (lib.store.auth.UserError keys)
STRINGS.update({
    "auth.bad_username": ("Tên đăng nhập '{username}' không hợp lệ: cần 3–64 ký tự, chỉ gồm chữ thường không dấu, "
                          "chữ số và các dấu . _ -.",
                          "Username '{username}' is not valid: 3–64 characters, only lower-case letters without "
                          "accents, digits and . _ -."),
    "auth.bad_role": ("Vai trò '{role}' không hợp lệ.", "Role '{role}' is not valid."),
    "auth.short_password": ("Mật khẩu quá ngắn: cần ít nhất {n} ký tự không phải dấu cách.",
                            "The password is too short: at least {n} characters that are not spaces."),
    "auth.long_password": ("Mật khẩu quá dài: tối đa {n} ký tự và {bytes} byte (chữ có dấu chiếm 2–3 byte).",
                           "The password is too long: at most {n} characters and {bytes} bytes (accented letters "
                           "take 2–3 bytes)."),
    "auth.password_mismatch": ("Hai lần nhập mật khẩu không khớp nhau.", "The two passwords do not match."),
    "auth.unit_required": ("Tài khoản Cán bộ đơn vị phải gắn với một đơn vị.", "A unit officer's account needs a unit."),
    "auth.unknown_unit": ("Không có đơn vị mã {unit}.", "There is no unit with code {unit}."),
    "auth.user_exists": ("Tên đăng nhập '{username}' đã có người dùng.", "Username '{username}' is already taken."),
    "auth.unknown_user": ("Không có tài khoản '{username}'.", "There is no account '{username}'."),
    "auth.self_deactivate": ("Không thể tự ngừng tài khoản của chính mình.", "You cannot deactivate your own account."),
})

# --- target refusals (lib.store.targets.TargetError keys)
STRINGS.update({
    "targets.bad_op": ("Toán tử '{op}' không hợp lệ; dùng >, >=, < hoặc <=.", "Operator '{op}' is not valid; use >, >=, < or <=."),
    "targets.bad_value": ("Giá trị chỉ tiêu '{value}' không hợp lệ; cần số từ 0 đến 100.",
                          "Target value '{value}' is not valid; it must be a number from 0 to 100."),
    "targets.bad_tolerance": ("Ngưỡng gần đạt '{value}' không hợp lệ; cần số từ 0 đến 100.",
                              "Tolerance '{value}' is not valid; it must be a number from 0 to 100."),
    "targets.bad_level": ("Cấp '{level}' không áp dụng cho chỉ tiêu {indicator}.",
                          "Level '{level}' does not apply to indicator {indicator}."),
    "targets.unknown_indicator": ("Không có chỉ tiêu mã {indicator}.", "No indicator {indicator}."),
    "targets.bad_year": ("Năm {year} không hợp lệ.", "Year {year} is not valid."),
    "targets.year_exists": ("Năm {year} đã có chỉ tiêu giao riêng.", "Year {year} already has its own targets."),
})

# --- the command line (lib/cli.py; CliError keys)
STRINGS.update({
    "cli.no_schema": ("Cơ sở dữ liệu chưa được khởi tạo hoặc cần nâng cấp. Hãy chạy: python -m lib.cli init-db",
                      "The database is not initialised or needs an upgrade. Run: python -m lib.cli init-db"),
    "cli.init_done": ("Đã khởi tạo cơ sở dữ liệu ({url}): {indicators} chỉ tiêu, chỉ tiêu giao năm {years}.",
                      "Database ready ({url}): {indicators} indicators, targets for {years}."),
    "cli.bad_district_code": ("Mã huyện '{code}' không hợp lệ: cần mã số của Tổng cục Thống kê, ví dụ 016.",
                              "District code '{code}' is not valid: give the GSO number, e.g. 016."),
    "cli.unknown_district": ("Không tìm thấy huyện có mã '{code}' trong danh mục đơn vị hành chính (trước 2025).",
                             "No district with code '{code}' in the official (pre-2025) list."),
    "cli.district_done": ("{name} ({province}), mã {code}: {communes} xã/thị trấn, {agencies} cơ quan chuyên môn. {changes}",
                          "{name} ({province}), code {code}: {communes} communes/townships, {agencies} agencies. {changes}"),
    "cli.setup_changes": ("Đã tạo {created}, cập nhật {updated}, giữ nguyên {unchanged} đơn vị.",
                          "Created {created}, updated {updated}, left {unchanged} unit(s) unchanged."),
    "cli.setup_unchanged": ("Không có gì thay đổi: cả {unchanged} đơn vị đã có đúng như danh mục.",
                            "Nothing changed: all {unchanged} units were already as listed."),
    "cli.bad_province_code": ("Mã tỉnh '{code}' không hợp lệ: cần mã số của Tổng cục Thống kê, ví dụ 01.",
                              "Province code '{code}' is not valid: give the GSO number, e.g. 01."),
    "cli.unknown_province": ("Không tìm thấy tỉnh có mã '{code}' trong danh mục {layout}.",
                             "No province with code '{code}' in the {layout} list."),
    "cli.retired_province": ("Mã tỉnh '{code}' ({old}) không còn trong danh mục 2025: tỉnh này đã hợp nhất vào {new} "
                             "(mã {new_code}). Thiết lập tỉnh mới: python -m lib.cli setup-province {new_code} "
                             "--list-2025 {file}",
                             "Province code '{code}' ({old}) is not in the 2025 list: it was merged into {new} "
                             "(code {new_code}). Set up the new province: python -m lib.cli setup-province {new_code} "
                             "--list-2025 {file}"),
    "cli.bad_list": ("Tệp {file}: không đọc được danh mục 2025 ({error}). Lấy tệp bằng: "
                     "python -m pip download vietnam-provinces --no-deps -d data/",
                     "File {file}: cannot read the 2025 list ({error}). Fetch it with: "
                     "python -m pip download vietnam-provinces --no-deps -d data/"),
    "cli.unit_moved": ("Không ghi gì: đơn vị {code} đã thuộc {old}, danh mục này lại đặt nó dưới {new}. Mỗi cơ sở dữ "
                       "liệu chỉ giữ một cách tổ chức (trước 2025 hoặc 2025).",
                       "Nothing written: unit {code} already belongs to {old}, and this list puts it under {new}. A "
                       "database keeps one layout (pre-2025 or 2025)."),
    "cli.province_done": ("{name}, mã {code}: {districts} huyện, {communes} xã/phường/thị trấn, {agencies} cơ quan "
                          "chuyên môn ({layout}). {changes}",
                          "{name}, code {code}: {districts} districts, {communes} communes/wards/townships, "
                          "{agencies} agencies ({layout}). {changes}"),
    "cli.province_2025_done": ("{name}, mã {code}: {communes} xã, phường và {agencies} sở, ban, ngành (danh mục 2025). "
                               "{changes} Danh sách sở, ban, ngành là danh sách mặc định: sửa, thêm hoặc đánh dấu xã "
                               "dbkk bằng export-units rồi import-units.",
                               "{name}, code {code}: {communes} communes and wards and {agencies} provincial departments "
                               "(2025 list). {changes} The departments are a default list: change or add them, or flag "
                               "dbkk communes, with export-units then import-units."),
    "cli.file_missing": ("Tệp {file}: không tìm thấy tệp.", "File {file}: not found."),
    "cli.bad_area": ("Tham số --area: '{area}' không hợp lệ; dùng số lĩnh vực từ 1 đến 7 hoặc 'all'.",
                     "Option --area: '{area}' is not valid; use an area number 1 to 7 or 'all'."),
    "cli.bad_as_of": ("Tham số --as-of: '{as_of}' không hợp lệ; dùng dạng YYYY-MM trong năm {year}.",
                      "Option --as-of: '{as_of}' is not valid; use YYYY-MM within {year}."),
    "cli.no_district": ("Chưa có huyện nào. Hãy chạy: python -m lib.cli setup-district MÃ_HUYỆN (hoặc seed-demo).",
                        "No district yet. Run: python -m lib.cli setup-district CODE (or seed-demo)."),
    "cli.export_done": ("Đã ghi {rows} dòng vào {out} (năm {year}, số liệu đến hết tháng {month}/{year}).",
                        "Wrote {rows} rows to {out} ({year}, figures to the end of {month}/{year})."),
    "cli.export_units_done": ("Đã ghi {count} đơn vị vào {out}. Sửa các cột dbkk, tu_chu_mot_phan (hoặc tên) rồi "
                              "nạp lại bằng import-units; có thể chỉ giữ cột ma_don_vi và các cột cần sửa.",
                              "Wrote {count} units to {out}. Change the dbkk and tu_chu_mot_phan columns (or names), "
                              "then load it back with import-units; you may keep only ma_don_vi and the columns you change."),
    "cli.cannot_write": ("Không ghi được tệp {out}: {error}", "Cannot write {out}: {error}"),
    "cli.db_unreachable": ("Không kết nối được cơ sở dữ liệu ({url}): {error}",
                           "Cannot reach the database ({url}): {error}"),
    "cli.user_added": ("Đã tạo tài khoản {username} (vai trò {role}).", "Account {username} created (role {role})."),
    "cli.password_set": ("Đã đổi mật khẩu của {username}.", "Password of {username} changed."),
    "cli.no_password": ("Chưa nhập mật khẩu (dùng --password-stdin hoặc nhập khi được hỏi).",
                        "No password given (use --password-stdin or type it when asked)."),
    "cli.demo_refused": ("Cơ sở dữ liệu đã có {n} số liệu thật: seed-demo không ghi dữ liệu mẫu vào đó.",
                         "The database already holds {n} real figures: seed-demo will not add sample data to it."),
    "cli.demo_done": ("Đã tạo DỮ LIỆU MẪU: {district}, {units} đơn vị, {observations} số liệu từ 01/2022 đến {month:02d}/{year}.",
                      "Created SAMPLE DATA: {district}, {units} units, {observations} figures from 01/2022 to {month:02d}/{year}."),
})

# --- backup and restore (lib.store.backup, lib.store.backup_check: BackupError keys, schema problems, Done notes)
STRINGS.update({
    "backup.postgres_backup": (
               "DATABASE_URL trỏ tới PostgreSQL ({url}): lệnh backup chỉ dành cho cơ sở dữ liệu SQLite nhúng. "
               "Sao lưu PostgreSQL bằng:\n    pg_dump -Fc -d \"{dsn}\" -f {file}",
               "DATABASE_URL points to PostgreSQL ({url}): the backup command is for the embedded SQLite database only. "
               "Back PostgreSQL up with:\n    pg_dump -Fc -d \"{dsn}\" -f {file}"),
    "backup.postgres_restore": (
               "DATABASE_URL trỏ tới PostgreSQL ({url}): lệnh restore chỉ dành cho cơ sở dữ liệu SQLite nhúng; chưa thay "
               "đổi gì. Khôi phục bản sao lưu pg_dump -Fc: dừng các máy chủ ứng dụng, chạy\n"
               "    pg_restore --clean --if-exists --no-owner -d \"{dsn}\" {file}\n"
               "    python -m lib.cli init-db\n"
               "rồi khởi động lại các máy chủ ứng dụng.",
               "DATABASE_URL points to PostgreSQL ({url}): the restore command is for the embedded SQLite database only; "
               "nothing was changed. To restore a pg_dump -Fc backup, stop the app servers, run\n"
               "    pg_restore --clean --if-exists --no-owner -d \"{dsn}\" {file}\n"
               "    python -m lib.cli init-db\n"
               "then start the app servers again."),
    "backup.no_database": ("Chưa có cơ sở dữ liệu {database} để sao lưu.", "There is no database {database} to back up."),
    "backup.file_missing": ("Tệp {file}: không tìm thấy tệp; chưa thay đổi gì.", "File {file}: not found; nothing was changed."),
    "backup.same_file": ("Tệp {file} chính là cơ sở dữ liệu đang dùng; hãy chọn một tệp khác.",
                         "File {file} is the database in use; choose another file."),
    "backup.cannot_write": ("Không ghi được tệp {file}: {error}", "Cannot write {file}: {error}"),
    "backup.not_sqlite": ("Tệp {file} không phải bản sao lưu hợp lệ: đây không phải tệp cơ sở dữ liệu SQLite. "
                          "Chưa thay đổi gì.",
                          "File {file} is not a valid backup: it is not an SQLite database file. Nothing was changed."),
    "backup.damaged": ("Tệp {file} không phải bản sao lưu hợp lệ: tệp SQLite bị hỏng ({error}). Chưa thay đổi gì.",
                       "File {file} is not a valid backup: the SQLite file is damaged ({error}). Nothing was changed."),
    "backup.not_this_app": ("Tệp {file} không phải bản sao lưu hợp lệ: đây là cơ sở dữ liệu SQLite nhưng không phải của "
                            "ứng dụng này (không có {missing}). Chưa thay đổi gì.",
                            "File {file} is not a valid backup: it is an SQLite database, but not one of this app "
                            "(no {missing}). Nothing was changed."),
    "backup.schema_mismatch": ("Tệp {file} không phải bản sao lưu hợp lệ: lược đồ của nó khác lược đồ của ứng dụng ở phiên "
                               "bản {revision} ({problems}). Chưa thay đổi gì.",
                               "File {file} is not a valid backup: its schema differs from the app's schema at version "
                               "{revision} ({problems}). Nothing was changed."),
    "backup.extra_object": ("có {kind} '{name}' không thuộc ứng dụng", "{kind} '{name}' is not part of the app"),
    "backup.missing_object": ("thiếu {kind} '{name}'", "{kind} '{name}' is missing"),
    "backup.kind_table": ("bảng", "table"),
    "backup.kind_index": ("chỉ mục", "index"),
    "backup.kind_view": ("view", "view"),
    "backup.kind_trigger": ("trigger", "trigger"),
    "backup.index_differs": ("chỉ mục '{name}' khác chỉ mục của ứng dụng", "index '{name}' differs from the app's"),
    "backup.column_missing": ("bảng {table_name}: cột {column} thiếu", "table {table_name}: column {column} is missing"),
    "backup.column_extra": ("bảng {table_name}: cột {column} không thuộc ứng dụng",
                            "table {table_name}: column {column} is not part of the app"),
    "backup.column_differs": ("bảng {table_name}: cột {column} là {found}, ứng dụng cần {wanted}",
                              "table {table_name}: column {column} is {found}, the app needs {wanted}"),
    "backup.column_order": ("bảng {table_name}: thứ tự các cột khác", "table {table_name}: the columns are in another order"),
    "backup.foreign_keys_differ": ("bảng {table_name}: khóa ngoại khác", "table {table_name}: the foreign keys differ"),
    "backup.more_problems": ("và {count} chỗ khác nữa", "and {count} more"),
    "backup.newer_schema": ("Tệp {file} có phiên bản lược đồ {revision}, mới hơn phiên bản ứng dụng này biết ({head}): "
                            "hãy cập nhật ứng dụng trước khi khôi phục. Chưa thay đổi gì.",
                            "File {file} has schema version {revision}, newer than this app knows ({head}): update the "
                            "app before restoring it. Nothing was changed."),
    "backup.upgrade_failed": ("Tệp {file}: không nâng cấp được lược đồ từ phiên bản {revision} ({error}). Chưa thay đổi gì.",
                              "File {file}: the schema could not be upgraded from version {revision} ({error}). "
                              "Nothing was changed."),
    "backup.source_not_app": ("Cơ sở dữ liệu {database} chưa được khởi tạo (không có {missing}); không có gì để sao lưu. "
                              "Hãy chạy: python -m lib.cli init-db",
                              "Database {database} is not initialised (no {missing}); there is nothing to back up. "
                              "Run: python -m lib.cli init-db"),
    "backup.source_mismatch": ("Cơ sở dữ liệu {file} có lược đồ khác lược đồ của ứng dụng ở phiên bản {revision} "
                               "({problems}): bản sao lưu của nó sẽ không khôi phục được, nên chưa sao lưu.",
                               "Database {file} has a schema that differs from the app's schema at version {revision} "
                               "({problems}): a backup of it could not be restored, so none was made."),
    "backup.backup_done": ("Đã sao lưu {database} vào {file}: {units} đơn vị, {observations} số liệu, phiên bản lược đồ "
                           "{revision}, {size}.",
                           "Backed {database} up to {file}: {units} units, {observations} figures, schema version "
                           "{revision}, {size}."),
    "backup.restore_done": ("Đã khôi phục {database} từ tệp {file}: {units} đơn vị, {observations} số liệu.",
                            "Restored {database} from {file}: {units} units, {observations} figures."),
    "backup.restore_kept": ("Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}.",
                            "The database as it was before the restore is kept in {kept}."),
    "backup.restore_upgraded": ("Lược đồ đã được nâng cấp từ phiên bản {old} lên {new}.",
                                "The schema was upgraded from version {old} to {new}."),
    "backup.restore_version": ("Phiên bản dữ liệu đặt thành {version} (cao hơn phiên bản trước khi khôi phục) để mọi máy chủ "
                               "ứng dụng hiển thị số liệu vừa khôi phục ở lần xem trang tới.",
                               "The data version is set to {version} (above the one before the restore), so every app "
                               "server shows the restored figures on its next page view."),
})

# --- boundary files (lib.io.boundaries; BoundaryError keys, the import's report)
STRINGS.update({
    "boundaries.not_json": ("Tệp {file}: không đọc được dưới dạng JSON ({error}). Cần tệp GeoJSON hoặc TopoJSON.",
                            "File {file}: cannot be read as JSON ({error}). A GeoJSON or TopoJSON file is needed."),
    "boundaries.too_big": ("Tệp {file}: tệp quá lớn (hơn {limit} MB). Hãy giản lược ranh giới hoặc chỉ giữ các xã của huyện.",
                           "File {file}: the file is too large (over {limit} MB). Simplify the boundaries or keep only the "
                           "district's communes."),
    "boundaries.too_deep": ("Tệp {file}: JSON lồng nhau quá sâu (hơn {limit} cấp); GeoJSON/TopoJSON chỉ cần vài cấp.",
                            "File {file}: the JSON is nested too deeply (over {limit} levels); GeoJSON/TopoJSON needs only a few."),
    "boundaries.not_finite": ("Tệp {file}, dòng {line}, cột {column}: '{value}' không phải là số hợp lệ trong JSON.",
                              "File {file}, line {line}, column {column}: '{value}' is not a valid JSON number."),
    "boundaries.not_geo": ("Tệp {file}: không phải GeoJSON (FeatureCollection) hay TopoJSON (Topology).",
                           "File {file}: not a GeoJSON FeatureCollection nor a TopoJSON Topology."),
    "boundaries.bad_topology": ("Tệp {file}: TopoJSON hỏng ({error}).", "File {file}: broken TopoJSON ({error})."),
    "boundaries.no_polygons": ("Tệp {file}: không có vùng ranh giới nào (Polygon/MultiPolygon).",
                               "File {file}: no boundary (Polygon/MultiPolygon) in it."),
    "boundaries.bad_geometry": ("Tệp {file}: đối tượng {feature} có tọa độ không hợp lệ ({error}).",
                                "File {file}: feature {feature} has invalid coordinates ({error})."),
    "boundaries.swapped": ("Tệp {file}: tọa độ đang ở thứ tự [vĩ độ, kinh độ] (điểm đầu tiên {point}). "
                           "GeoJSON cần [kinh độ, vĩ độ]: hãy xuất lại tệp theo WGS84 kinh độ trước.",
                           "File {file}: the coordinates are in [lat, lon] order (first point {point}). "
                           "GeoJSON needs [lon, lat]: export the file again as WGS84 with longitude first."),
    "boundaries.outside": ("Tệp {file}: tọa độ nằm ngoài lãnh thổ Việt Nam (kinh độ {lon}, vĩ độ {lat}). "
                           "Cần tọa độ WGS84 (kinh độ, vĩ độ theo độ), không phải VN-2000 hay hệ mét.",
                           "File {file}: the coordinates lie outside Vietnam (lon {lon}, lat {lat}). "
                           "WGS84 degrees (lon, lat) are needed, not VN-2000 or metres."),
    "boundaries.no_field": ("Tệp {file}: không có thuộc tính '{field}' trong các đối tượng.",
                            "File {file}: no property '{field}' in its features."),
    "boundaries.no_district": ("Chưa có huyện nào. Hãy chạy: python -m lib.cli setup-district MÃ_HUYỆN.",
                               "No district yet. Run: python -m lib.cli setup-district CODE."),
    "boundaries.nothing_matched": ("Tệp {file}: không đối tượng nào khớp với xã/thị trấn của {district} "
                                   "(theo {how}). Không thay đổi gì.",
                                   "File {file}: no feature matches a commune of {district} (by {how}). Nothing changed."),
    "boundaries.pair_not_commune": ("Ghép '{feature}' với '{unit}': không phải xã/thị trấn của huyện",
                                    "Pairing '{feature}' with '{unit}': not a commune of the district"),
    "boundaries.pair_not_stored": ("Ghép '{feature}' với '{unit}': không có đối tượng này trong ranh giới đã lưu",
                                   "Pairing '{feature}' with '{unit}': no such feature in the stored boundaries"),
    # the import's report
    "boundaries.stored": ("Đã lưu ranh giới của {count} xã/thị trấn của {district} từ tệp {file} (khớp theo {how}).",
                          "Stored the boundaries of {count} communes of {district} from {file} (matched by {how})."),
    "boundaries.by_code": ("mã ở '{field}'", "code in '{field}'"),
    "boundaries.by_name": ("tên ở '{field}'", "name in '{field}'"),
    "boundaries.unmatched": ("Đối tượng trong tệp không khớp xã/thị trấn nào ({count}):",
                             "Features that match no commune ({count}):"),
    "boundaries.without": ("Xã/thị trấn chưa có ranh giới ({count}):", "Communes without a boundary ({count}):"),
})

# --- data imports (lib.io.problems: Problem, CellError and TableError keys, the import's summary)
STRINGS.update({
    # where
    "import.where_file": ("Tệp {file}", "File {file}"),
    "import.where_row": ("dòng {row}", "row {row}"),
    "import.where_column": ("cột {column}", "column {column}"),
    # the whole file
    "import.file_empty": ("tệp rỗng, không có nội dung", "the file is empty"),
    "import.file_xls": ("tệp Excel cũ (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV",
                        "old Excel files (.xls) are not supported; save it as .xlsx or CSV"),
    "import.file_unreadable": ("không đọc được tệp: đây không phải tệp CSV hay Excel (.xlsx) hợp lệ",
                               "cannot read the file: it is neither a valid CSV nor an Excel (.xlsx) file"),
    "import.file_too_big": ("tệp quá lớn (hơn {limit} MB); hãy chia thành nhiều tệp nhỏ hơn",
                            "the file is too large (over {limit} MB); split it into smaller files"),
    "import.file_xlsx_too_big": ("tệp Excel khi giải nén lớn hơn {limit} MB, quá lớn hoặc bị nén bất thường; hãy chia "
                                 "thành nhiều tệp nhỏ hơn",
                                 "the Excel file unpacks to more than {limit} MB: too large or abnormally compressed; "
                                 "split it into smaller files"),
    "import.file_xml_doctype": ("tệp Excel có khai báo DOCTYPE/ENTITY (trong {part}), điều Excel không bao giờ ghi; tệp bị "
                                "từ chối vì lý do an toàn: hãy mở bằng Excel và lưu lại",
                                "the Excel file has a DOCTYPE/ENTITY declaration (in {part}), which Excel never writes; "
                                "it is refused for safety: open it in Excel and save it again"),
    "import.file_mixed_encoding": ("dòng này dùng bảng mã {other} trong khi các dòng trước dùng {encoding}, dữ liệu sẽ bị "
                                   "lỗi phông; hãy lưu lại cả tệp bằng một bảng mã (UTF-8)",
                                   "this row is in {other} while the rows before it are in {encoding}, so the text would "
                                   "be garbled; save the whole file in one encoding (UTF-8)"),
    "import.file_open_quote": ("dấu ngoặc kép (\") mở ở ô này không được đóng, phần còn lại của tệp sẽ bị gộp vào một ô; "
                               "hãy đóng hoặc bỏ dấu ngoặc kép",
                               "a double quote (\") opened in this cell is never closed, so the rest of the file would "
                               "run into this one cell; close or remove the quote"),
    "import.file_too_many_rows": ("tệp có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp nhỏ hơn",
                                  "the file has more than {limit} data rows; split it into smaller files"),
    "import.file_cell_too_long": ("ô quá dài ({length} ký tự, tối đa {limit})",
                                  "the cell is too long ({length} characters, at most {limit})"),
    "import.stopped": ("đã dừng kiểm tra từ dòng này sau {limit} lỗi; hãy sửa các lỗi đã nêu rồi gửi lại tệp",
                       "checking stopped at this row after {limit} problems; fix those listed and send the file again"),
    "import.no_rows": ("tệp không có dòng số liệu nào dưới dòng tiêu đề",
                       "the file has no data rows below the header"),
    "import.missing_column": ("thiếu cột bắt buộc; dòng tiêu đề cần có các cột: {required}",
                              "a required column is missing; the header needs the columns: {required}"),
    # cells
    "import.empty": ("ô trống, cần nhập giá trị", "the cell is empty; a value is needed"),
    "import.too_long": ("quá dài ({length} ký tự, tối đa {limit})", "too long ({length} characters, at most {limit})"),
    "import.count_not_number": ("'{value}' không phải là số", "'{value}' is not a number"),
    "import.count_negative": ("số âm ({value}) không hợp lệ; cần số đếm từ 0 trở lên",
                              "a negative number ({value}) is not allowed; counts are 0 or more"),
    "import.count_fractional": ("'{value}' không phải số nguyên; tử số và mẫu số là số đếm",
                                "'{value}' is not a whole number; numerators and denominators are counts"),
    "import.count_too_large": ("số {value} quá lớn", "the number {value} is too large"),
    # observations
    "import.unit_unknown": ("không có đơn vị mã {code} trong danh sách đơn vị",
                            "there is no unit with code {code} in the list of units"),
    "import.indicator_unknown": ("không có chỉ tiêu mã {code}; dùng mã như 1.1, 3.4, 7.2",
                                 "there is no indicator with code {code}; use codes such as 1.1, 3.4, 7.2"),
    "import.wrong_level": ("chỉ tiêu {indicator} không áp dụng cho {unit} ({kind}); chỉ tiêu này do {levels} báo cáo",
                           "indicator {indicator} does not apply to {unit} ({kind}); it is reported by {levels}"),
    "import.period_format": ("kỳ '{value}' không đúng định dạng; dùng 2022 (năm), 2022-Q3 (quý) hoặc 2022-07 (tháng)",
                             "period '{value}' is not understood; use 2022 (year), 2022-Q3 (quarter) or 2022-07 (month)"),
    "import.period_year": ("năm của kỳ '{value}' không hợp lệ (từ {first} đến {last})",
                           "the year of period '{value}' is not valid (from {first} to {last})"),
    "import.period_quarter": ("quý của kỳ '{value}' không hợp lệ (chỉ có quý 1 đến quý 4)",
                              "the quarter of period '{value}' is not valid (quarters are 1 to 4)"),
    "import.period_month": ("tháng của kỳ '{value}' không hợp lệ (chỉ có tháng 1 đến tháng 12)",
                            "the month of period '{value}' is not valid (months are 1 to 12)"),
    "import.period_future": ("kỳ '{value}' chưa đến, chưa thể có số liệu",
                             "period '{value}' is in the future, so it cannot have figures yet"),
    "import.numerator_above": ("tử số ({numerator}) lớn hơn mẫu số ({denominator})",
                               "the numerator ({numerator}) is greater than the denominator ({denominator})"),
    "import.yes_no_denominator": ("chỉ tiêu {indicator} là chỉ tiêu có/không: mẫu số phải là 1 (đang là {value})",
                                  "indicator {indicator} is a yes/no measure: the denominator must be 1 (it is {value})"),
    "import.yes_no_numerator": ("chỉ tiêu {indicator} là chỉ tiêu có/không: tử số phải là 1 (có) hoặc 0 (không), "
                                "đang là {value}",
                                "indicator {indicator} is a yes/no measure: the numerator must be 1 (yes) or 0 (no); "
                                "it is {value}"),
    "import.uses_register": ("đơn vị {unit} dùng sổ kiểm tra CCHC năm {year}: chỉ tiêu {indicator} được tính từ sổ, "
                             "không nhập số liệu",
                             "unit {unit} uses the inspection register in {year}: {indicator} is computed from it, "
                             "not typed"),
    "import.no_permission": ("tài khoản {user} không có quyền ghi số liệu của đơn vị {unit}",
                             "account {user} may not write figures of unit {unit}"),
    "import.locked": ("số liệu chỉ tiêu {indicator} kỳ {period} của đơn vị {unit} đã được duyệt và khóa; Phòng Nội vụ "
                      "cần mở khóa (nêu lý do) trước khi sửa (dòng lệnh: import TỆP --unlock \"lý do\")",
                      "the figure of indicator {indicator}, period {period}, unit {unit} is approved and locked; the "
                      "secretariat must unlock it (with a reason) before it can change (command line: import FILE "
                      "--unlock \"reason\")"),
    "import.duplicate_key": ("trùng đơn vị, chỉ tiêu và kỳ với dòng {other} nhưng số liệu khác nhau",
                             "same unit, indicator and period as row {other}, but with different figures"),
    "import.mixed_in_file": ("đơn vị {unit}, chỉ tiêu {indicator}, năm {year}: kỳ {period} theo {granularity} nhưng dòng "
                             "{other} (kỳ {other_period}) theo {other_granularity}; mỗi năm chỉ báo cáo theo một loại kỳ",
                             "unit {unit}, indicator {indicator}, year {year}: period {period} is by {granularity} but row "
                             "{other} (period {other_period}) is by {other_granularity}; report one kind of period per year"),
    "import.mixed_in_db": ("đơn vị {unit}, chỉ tiêu {indicator}, năm {year} đã có số liệu theo {other_granularity} "
                           "(ví dụ kỳ {other_period}); không thể nhập kỳ {period} theo {granularity}",
                           "unit {unit}, indicator {indicator}, year {year} already has figures by {other_granularity} "
                           "(e.g. period {other_period}); period {period} by {granularity} cannot be added"),
    # units
    "import.kind_unknown": ("loại đơn vị '{value}' không hợp lệ; dùng một trong: {allowed}",
                            "unit type '{value}' is not valid; use one of: {allowed}"),
    "import.parent_unknown": ("không tìm thấy đơn vị cha mã {code} trong cơ sở dữ liệu hay trong tệp",
                              "parent unit {code} is neither in the database nor in the file"),
    "import.own_parent": ("đơn vị {code} không thể là đơn vị cha của chính nó",
                          "unit {code} cannot be its own parent"),
    "import.parent_cycle": ("mã đơn vị cha tạo thành vòng lặp: {chain}", "the parent codes form a loop: {chain}"),
    "import.flag_invalid": ("giá trị '{value}' không hợp lệ; dùng 1 (có) hoặc 0 (không), để trống là 0",
                            "'{value}' is not valid; use 1 (yes) or 0 (no); blank means 0"),
    "import.unit_new_needs": ("đơn vị {code} chưa có trong danh sách đơn vị; đơn vị mới cần đủ các cột {columns}",
                              "unit {code} is not in the unit list yet; a new unit needs the columns {columns}"),
    "import.duplicate_unit": ("mã đơn vị {code} đã có ở dòng {other} với thông tin khác",
                              "unit code {code} is already on row {other} with different details"),
    "import.portal_missing_column": ("cách đọc đã chọn cần cột này nhưng tệp không có; các cột của tệp: {columns}",
                                     "the chosen mapping needs this column but the file has none; the file's "
                                     "columns: {columns}"),
    "import.portal_no_period": ("tệp không có cột tháng: cần chọn kỳ cho cả tệp",
                                "the file has no month column: choose the period of the whole file"),
    "import.portal_unit_unmatched": ("tên '{name}' không khớp với đơn vị nào; hãy ghép tên này với một đơn vị "
                                     "(hoặc bỏ qua các dòng của nó)",
                                     "the name '{name}' matches no unit; pair it with a unit (or skip its rows)"),
    "import.portal_unit_ambiguous": ("tên '{name}' khớp với nhiều đơn vị, không thể tự chọn; hãy ghép tên này với "
                                     "một đơn vị",
                                     "the name '{name}' matches more than one unit and is not guessed; pair it "
                                     "with a unit"),
    # outcome
    # the upload template (lib.io.template), written in Vietnamese
    "template.yes_no_numerator": ("1 = đã thực hiện, 0 = chưa", "1 = done, 0 = not yet"),
    "template.yes_no_denominator": ("điền 1", "enter 1"),
    "template.note_figures": ("Điền tu_so (tử số) và mau_so (mẫu số) cho từng dòng; dòng để trống cả hai ô sẽ được "
                              "bỏ qua.", "Fill in tu_so (numerator) and mau_so (denominator) on each row; a row "
                              "with both cells blank is skipped."),
    "template.note_yes_no": ("Chỉ tiêu có/không: tu_so = 1 nếu đã thực hiện, 0 nếu chưa; mau_so luôn là 1.",
                             "Yes/no indicators: tu_so = 1 if done, 0 if not; mau_so is always 1."),
    "template.note_period": ("Kỳ (ky): 2022 (năm), 2022-Q3 (quý) hoặc 2022-07 (tháng); mỗi năm chỉ báo cáo theo một "
                             "loại kỳ.", "Period (ky): 2022 (year), 2022-Q3 (quarter) or 2022-07 (month); one kind "
                             "of period per year."),
    "template.note_grey": ("Các cột màu xám chỉ để tham khảo, không cần sửa.",
                           "The grey columns are for reference only; leave them as they are."),
    "import.rejected": ("Không nhập tệp {file}: có {count} lỗi; chưa ghi dữ liệu nào.",
                        "File {file} was not imported: {count} problem(s) found; nothing was written."),
    "import.more": ("... và {count} lỗi khác.", "... and {count} more problem(s)."),
    "import.summary": ("Đã nhập tệp {file}: đọc {rows_read} dòng; thêm mới {inserted}, cập nhật {updated}, "
                       "không đổi {unchanged}.",
                       "Imported {file}: {rows_read} rows read; {inserted} inserted, {updated} updated, "
                       "{unchanged} unchanged."),
    "import.skipped": ("Bỏ qua {count} dòng chưa điền tử số và mẫu số.", "Skipped {count} row(s) with no numerator and denominator."),
    "import.padded": ("Đã khôi phục số 0 đầu mã đơn vị (bị mất khi mở bằng Excel): {pairs}.",
                      "Restored leading zeros of unit codes (lost in Excel): {pairs}."),
    "import.demo_ended": ("Đây là số liệu thật đầu tiên: chế độ demo đã kết thúc. Các tài khoản mẫu không còn đăng "
                          "nhập được; ứng dụng cần khóa cookie riêng (CCHC_COOKIE_KEY) và tài khoản thật "
                          "(python -m lib.cli users add ...). Số liệu mẫu vẫn còn trong cơ sở dữ liệu.",
                          "These are the first real figures: demo mode has ended. The sample accounts no longer sign "
                          "in; the app needs its own cookie key (CCHC_COOKIE_KEY) and real accounts "
                          "(python -m lib.cli users add ...). The sample figures are still in the database."),
    # words used inside messages
    "import.granularity_Y": ("năm", "year"),
    "import.granularity_Q": ("quý", "quarter"),
    "import.granularity_M": ("tháng", "month"),
})
