"""The command line (lib/cli.py) and backup and restore."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- the command line (lib/cli.py; CliError keys)
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
    # --- backup and restore (lib.store.backup, lib.store.backup_check: BackupError keys, schema problems, Done notes)
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
}
