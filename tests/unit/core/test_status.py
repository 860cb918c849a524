"""The status colours are readable (WCAG AA: contrast at least 4.5:1 with their text), a zero count
is drawn quietly, and the app's accent is no status's colour."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lib.core import status as st
from lib.present import html

ROOT = Path(__file__).resolve().parents[3]
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("code", st.CODES)
def test_every_status_colour_with_its_text_passes_aa(code):
    status = st.get(code)
    assert contrast(status.colour, status.text_colour) >= 4.5, (code, status.colour, status.text_colour)


def test_a_quiet_zero_and_the_accent_pass_aa_on_white():
    assert contrast(st.QUIET_TEXT, WHITE) >= 4.5
    assert contrast(st.ACCENT, WHITE) >= 4.5


def test_the_accent_is_the_apps_primary_colour_and_no_status_colour():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["primaryColor"].lower() == st.ACCENT
    accent = [int(st.ACCENT[i:i + 2], 16) for i in (1, 3, 5)]
    for code in st.CODES:
        fill = [int(st.get(code).colour[i:i + 2], 16) for i in (1, 3, 5)]
        # not the same colour nor a near one: some channel differs by more than a quarter
        assert max(abs(a - f) for a, f in zip(accent, fill)) > 64, code


def test_a_zero_count_badge_has_no_status_colour():
    badges = html.macros("status.html.j2").badges([(st.NOT_MET, "✖ Chưa đạt: 0", True), (st.MET, "✔ Đạt: 2")])
    quiet, loud = str(badges).split("</span>")[:2]
    assert st.get(st.NOT_MET).colour not in quiet and st.QUIET_TEXT in quiet and "Chưa đạt: 0" in quiet
    assert st.get(st.MET).colour in loud and "Đạt: 2" in loud
