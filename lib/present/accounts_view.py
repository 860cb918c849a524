"""The accounts list in words (the accounts page): each account's role and unit named, and its
state (active or not, locked until when, a sample account). The accounts come from lib.store.auth.users."""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from lib.core import clock
from lib.core.roles import role_name
from lib.present import format as fmt
from lib.present import i18n


def users_view(frame: pd.DataFrame, lang: str = "vi", now: datetime | None = None) -> pd.DataFrame:
    """lib.store.auth.users for reading: the role and unit named, and the account's state in words."""
    now = clock.utc(now) if now else clock.now()
    states = []
    for active, demo, until in zip(frame["active"], frame["is_demo"], frame["locked_until"]):
        words = [i18n.t("account_active" if active else "account_inactive", lang)]
        until = None if until is None or pd.isna(until) else clock.utc(pd.Timestamp(until).to_pydatetime())
        if until and until > now:
            words.append(i18n.t("account_locked", lang, until=fmt.datetime_text(until)))
        if demo:
            words.append(i18n.t("account_demo", lang))
        states.append("; ".join(words))
    units = ["" if code is None or pd.isna(code) else f"{name} ({code})"
             for code, name in zip(frame["unit_code"], frame["unit_name"])]
    return pd.DataFrame({"username": frame["username"], "name": frame["name"],
                         "role": [role_name(r, lang) for r in frame["role"]],
                         "unit": units, "state": states, "active": frame["active"]})
