"""The README stays true: every command and every setting is documented."""
from conftest import ROOT

from lib import cli

from lib.core import settings


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    text = readme()
    for name in commands:
        assert f"`{name}" in text, f"command {name} is missing from the README"


def test_every_setting_is_documented():
    text = readme()
    for name in settings.SETTINGS_HELP:
        assert f"`{name}`" in text, f"setting {name} is missing from the README"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pip install -r requirements-dev.txt && python -m pytest" in readme()
    assert "python -m pip install -r requirements-dev.txt && python -m pytest" in ci


def test_the_readme_stands_on_its_own():
    """Someone who cloned only this repository can read everything the README points to."""
    text = readme()
    assert "../" not in text
    for rule in ("Who reports what", "Targets keep their operator", "Year to date and the whole", "The five statuses"):
        assert rule in text
