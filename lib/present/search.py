"""Finding names as people type them: without diacritics or with, in any case (`thuan an` finds
`Xã Thuận An`)."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The text without diacritics (đ as d), in lower case, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def matching(names: dict[str, str], query: str) -> list[str]:
    """The keys of `names` (key -> name) whose name holds `query`, diacritics and case aside (all
    of them for an empty query), in their order."""
    wanted = fold(query or "")
    return [key for key, name in names.items() if wanted in fold(name)]
