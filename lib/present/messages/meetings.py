"""The ranking, the one-page brief and the meeting-room slides."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- the ranking (lib.core.ranking, pages/ranking.py)
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
    "rank.col_attainment_short": ("Mức đạt TB (%)", "Attainment (%)"),
    "rank.count_help": ("Số chỉ tiêu {status}", "Indicators {status}"),
    "rank.previous_help": ("Hạng năm {year}, trong ngoặc: lên (↑) hay xuống (↓) mấy bậc đến nay",
                           "The rank in {year}; in brackets: how many places up (↑) or down (↓) since"),
    "rank.columns_note": ("Các cột {counts}: số chỉ tiêu ở trạng thái đó. Cột Hạng {year}: hạng năm đó, "
                          "trong ngoặc lên (↑) hay xuống (↓) mấy bậc đến nay.",
                          "Columns {counts}: the indicators in that status. Rank {year}: that year's rank; in "
                          "brackets how many places up (↑) or down (↓) since."),
    "rank.col_previous_short": ("Hạng {year}", "Rank {year}"),
    "rank.rank_tied": ("{rank} (đồng hạng)", "{rank} (tied)"),
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
    # --- the one-page brief (lib.present.brief, templates/brief.html.j2)
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
    # --- the meeting-room slides (lib.web.presentation, templates/slides.html.j2)
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
}
