"""Every string a page shows comes from lib.present.i18n in both languages; typed text shows as text."""
import re

import pytest
from conftest import ROOT, unescaped

from lib.store import auth

from lib.present import i18n
from lib.web.text import html_text, md

KEY = re.compile(r"""i18n\.t(?:_count)?\(\s*["']([^"']+)["']""")


def test_every_key_the_pages_and_lib_use_exists_in_both_languages():
    used = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("lib/**/*.py"), ROOT / "app.py"]:
        used |= set(KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.STRINGS and not k.endswith("_"))  # "db_" + state: a prefix
    assert not missing
    for key, (vi, en) in i18n.STRINGS.items():
        assert vi.strip() and en.strip(), key


def test_every_account_refusal_has_a_message():
    raised = set(re.findall(r'UserError\("([a-z_]+)"', (ROOT / "lib" / "store" / "auth.py").read_text(encoding="utf-8")))
    assert raised <= set(auth.MESSAGES)


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
    assert html_text('Xã <b>"A"</b> & B') == "Xã &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; B"
    # a blank line would end Streamlit's HTML block and let the rest be read as Markdown
    assert html_text("Xã A\n\n![x](http://x.example/a.png)") == "Xã A&#10;&#10;![x](http://x.example/a.png)"

