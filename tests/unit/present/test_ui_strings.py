"""Typed text shows as text (every key a page uses is checked by test_messages.py)."""
import re

import pytest
from conftest import HOSTILE_NAMES, ROOT, html_tags_and_text, unescaped

from lib.present import html, i18n
from lib.web.text import md



def test_every_page_for_keeping_data_current_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("entry", "upload", "completeness", "targets", "audit", "users"):
        assert (ROOT / "pages" / f"{page}.py").exists()
        assert f"| {i18n.t(f'page_{page}')} |" in readme, page


@pytest.mark.parametrize("name", [
    "Huyện ![x](http://x.example/a.png)", "[bấm](http://x.example)", "<http://x.example>", "www.x.example",
    ":red[đỏ]", ":material/home:", ":smile:", ":streamlit:", "**đậm** _nghiêng_ `mã` ~~gạch~~", "# Tiêu đề",
    "- mục", "1. mục", "> trích", "$x^2$", "a | b", "<b>x</b>", "&copy;", "\\[a]", "Xã\n\n===",
])
def test_md_shows_markdown_as_its_text(name):
    escaped = md(name)
    assert unescaped(escaped) == name  # the reader sees the name as typed
    punctuation = r"[!-/:-@\[-`{-~]"
    # every ASCII punctuation character is backslash-escaped, so no Markdown construct can start ...
    assert re.fullmatch(rf"(?:\\{punctuation}\u2060?|(?!{punctuation}).)*", escaped, re.S)
    # ... and no colon stands right before a word (Streamlit's :emoji:, :material/icon:, :color[])
    assert not re.search(r":\w", escaped)


def test_html_text_escapes_and_keeps_an_html_block_whole():
    assert html.text('Xã <b>"A"</b> & B') == "Xã &lt;b&gt;&#34;A&#34;&lt;/b&gt; &amp; B"
    # a blank line would end Streamlit's HTML block and let the rest be read as Markdown
    assert html.text("Xã A\n\n![x](http://x.example/a.png)") == "Xã A&#10;&#10;![x](http://x.example/a.png)"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_badges_and_legends_show_a_hostile_name_as_text(name):
    status_html = html.macros("status.html.j2")
    for piece in (status_html.badge("met", name), status_html.badges([("not_met", name), ("close", name)]),
                  status_html.line_legend([{"dashed": True, "colour": "#000000", "label": name}])):
        tags, text = html_tags_and_text(piece)
        assert tags <= {"span", "div"} and name in text
        assert "\n" not in piece  # one line: no blank line can end Streamlit's HTML block


def test_the_whole_and_its_communes_are_named_for_the_layout():
    assert i18n.t_layout("section_communes", "district") == "Xã, thị trấn"
    assert i18n.t_layout("section_communes", "province_2025") == "Xã, phường"
    assert i18n.t_layout("section_communes", "province") == "Xã, phường, thị trấn"
    assert i18n.t_layout("units_none", "province_2025") == "Tỉnh chưa có đơn vị nào thuộc cấp này."
    assert i18n.t_layout("browser_title", "district") == "Cải cách hành chính huyện"
    assert i18n.t_layout("browser_title", "province", "en") == "Provincial administrative reform"


def test_search_ignores_diacritics_and_case():
    from lib.present import search
    names = {"1": "Xã Thuận An", "2": "Phường Ba Đình", "3": "Xã Bắc Sơn"}
    assert search.matching(names, "thuan an") == ["1"] and search.matching(names, "BA DINH") == ["2"]
    assert search.matching(names, "Đình") == ["2"] and search.matching(names, "") == ["1", "2", "3"]
