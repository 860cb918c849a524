"""The accounts' roles: their codes and their names in both languages.

`lanh_dao` reads and downloads everything; `noi_vu` (the secretariat) does everything, including
users, targets and imports, and appraises, approves and unlocks figures; `don_vi` is an officer
bound to one commune or agency who reads everything and writes and submits only their own unit's
figures (lib.store.auth.Account.can_write; the workflow's steps by role: lib.core.workflow)."""
from __future__ import annotations

LANH_DAO, NOI_VU, DON_VI = "lanh_dao", "noi_vu", "don_vi"
ROLES = {
    LANH_DAO: ("Lãnh đạo", "Leader"),
    NOI_VU: ("Phòng Nội vụ", "Secretariat"),
    DON_VI: ("Cán bộ đơn vị", "Unit officer"),
}


def role_name(role: str, lang: str = "vi") -> str:
    """The role's name in the language (an unknown code as it is)."""
    return ROLES[role][lang == "en"] if role in ROLES else str(role)
