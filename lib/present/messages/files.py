"""Files read in: boundary files and data imports (lib.io), the upload template."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- boundary files (lib.io.boundaries; BoundaryError keys, the import's report)
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
    # --- data imports (lib.io.problems: Problem, CellError and TableError keys, the import's summary)
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
}
