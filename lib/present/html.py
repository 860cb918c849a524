"""HTML from the Jinja2 templates in lib/present/templates (the brief, the slides, the status
badges and legends), with autoescaping: every value a template writes is text, never markup.

Two rules on top of Jinja2's escaping, for the HTML blocks that Streamlit shows through
st.markdown(unsafe_allow_html=True), where a blank line ends the block and lets the rest be read
as Markdown (a name `Xã A\\n\\n![x](http://x.example/a.png)` would fetch that image):
- a value's line breaks are written as character references (`&#10;`), which show the same;
- a template's own line breaks and indentation are layout for its reader and are dropped when it
  is loaded, so its output is one line. Write a space where one is meant inside a line.
None and NaN are written as nothing. No Streamlit here.
"""
from __future__ import annotations

import math
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup, escape

from lib.core import status

TEMPLATES = Path(__file__).with_name("templates")


def text(value) -> Markup:
    """`value` as HTML text: escaped, line breaks as character references; markup (a macro's
    output) as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Markup("")
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(str(escape(str(value))).replace("\r", "&#13;").replace("\n", "&#10;"))


class OneLine(Extension):
    """Drop each template line's leading and trailing white space and its line break."""

    def preprocess(self, source, name, filename=None):
        return "".join(line.strip() for line in source.splitlines())


ENVIRONMENT = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=text,
                          undefined=StrictUndefined, extensions=[OneLine])
ENVIRONMENT.globals["status"] = status


def render(name: str, **context) -> str:
    """The template `name` (a file of lib/present/templates) filled with `context`."""
    return ENVIRONMENT.get_template(name).render(**context)


def macros(name: str):
    """The macros of the template `name`, to call from Python (each returns escaped HTML)."""
    return ENVIRONMENT.get_template(name).module
