"""The targets editor in words (the targets page): each target's level named, and the refused rows'
sentences. The targets and the refusals come from lib.store.targets."""
from __future__ import annotations

import pandas as pd

from lib.core import catalogue
from lib.present import format as fmt
from lib.present import i18n


def level_text(level: str, lang: str = "vi") -> str:
    """A target's level: one of lib.core.catalogue.LEVELS, or `all` (every level)."""
    return i18n.t("level_all", lang) if level == "all" else catalogue.level_name(level, lang)


def editor_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """lib.store.targets.frame with a `level_name` column after `level`, the value and the tolerance
    written in the language's number form (`97,5`; lib.store.targets reads either form back)."""
    out = frame.copy()
    for column in ("value", "tolerance"):
        out[column] = ["" if pd.isna(v) else fmt.decimal(catalogue.number_text(v), lang) for v in out[column]]
    out.insert(out.columns.get_loc("level") + 1, "level_name", [level_text(lv, lang) for lv in out["level"]])
    return out


def refused_by_row(refused, lang: str = "vi") -> dict[int, str]:
    """The sentence of each refused row of a save (lib.store.targets.TargetsRefused), by the editor's row."""
    return {change["row"]: i18n.say(error, lang) for change, error in refused.errors}
