"""Refused account and target changes (lib.store.auth.UserError, lib.store.targets.TargetError)."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- account refusals (lib.store.auth.UserError keys)
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
    # --- target refusals (lib.store.targets.TargetError keys)
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
}
