"""Every string a page shows comes from lib.i18n in both languages."""
import re
from pathlib import Path

from lib import auth, i18n

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"""i18n\.t(?:_count)?\(\s*["']([^"']+)["']""")


def test_every_key_the_pages_and_lib_use_exists_in_both_languages():
    used = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("lib/*.py"), ROOT / "app.py"]:
        used |= set(KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.STRINGS and not k.endswith("_"))  # "db_" + state: a prefix
    assert not missing
    for key, (vi, en) in i18n.STRINGS.items():
        assert vi.strip() and en.strip(), key


def test_every_account_refusal_has_a_message():
    raised = set(re.findall(r'UserError\("([a-z_]+)"', (ROOT / "lib" / "auth.py").read_text(encoding="utf-8")))
    assert raised <= set(auth.MESSAGES)


def test_every_page_for_keeping_data_current_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("entry", "upload", "completeness", "targets", "audit", "users"):
        assert (ROOT / "pages" / f"{page}.py").exists()
        assert f"| {i18n.t(f'page_{page}')} |" in readme, page
