"""The one message catalogue: every string the dashboard, the command line, the files' reports and
the brief and slides show, in Vietnamese (the default) and English (numbers, percentages and targets
are written by lib.present.format). The texts live in lib/present/messages/, one module per topic;
this module joins them (a key stored twice is an error) and looks them up. Each text is stored once;
a topic's own keys carry its prefix (rank., brief., slides., auth., targets., cli., backup.,
boundaries., import.), and an error keeps its key and params, the words being made here
(tests/unit/present/test_messages.py checks every key used).

`t(key, lang, **params)` looks a string up and fills its `{placeholders}`. Status labels and
symbols stay in lib.core.status; indicator, area, level and unit-kind names in lib.core.catalogue.
"""
from __future__ import annotations

from lib.core.errors import Refused
from lib.present.messages import (commands, dashboard, data_pages, directives, files, layouts, meetings, refusals,
                                   trust)

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {}
for _part in (dashboard, layouts, data_pages, trust, directives, meetings, refusals, commands, files):
    if STRINGS.keys() & _part.STRINGS.keys():
        raise ValueError(f"stored twice: {sorted(STRINGS.keys() & _part.STRINGS.keys())}")
    STRINGS.update(_part.STRINGS)

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
