"""Names, notes, usernames, file names and other typed text, made safe for the Streamlit elements
that render Markdown (st.markdown, captions, titles, alerts, widget labels and help, radio options,
tabs, expander labels, page titles, st.table cells). A selectbox's or multiselect's options are
shown as plain text (Streamlit 1.67): pass them as they are, or the escapes show as backslashes.

Such text must show as itself: a unit named `Huyện ![x](http://x.example/a.png)` must not make
every page fetch an outside image, nor `[bấm](http://x.example)` become a link, nor `:red[...]`,
`:material/x:` or `:smile:` turn into colours, icons or emoji.
"""
from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character
# Streamlit finds emoji, icons and its logo (`:smile:`, `:material/x:`, `:streamlit:`) in the text
# after Markdown is read, where an escaped colon is a colon again: an invisible word joiner after
# every colon keeps those patterns from ever matching.
_JOINER = "\u2060"


def md(value) -> str:
    """`value` as Markdown that shows exactly its text: every ASCII punctuation character
    backslash-escaped (CommonMark shows an escaped punctuation character as itself, so links,
    images, emphasis, headings, lists, tables, math and Streamlit's `:directives[]` never start),
    and a word joiner after each colon."""
    return _PUNCTUATION.sub(lambda m: "\\" + m.group() + (_JOINER if m.group() == ":" else ""), str(value))

