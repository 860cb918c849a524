"""Lĩnh vực 2: its indicators, unit tables, commune map, trend and export (lib.area_page)."""
from lib import area_page, ui

ui.page_guard()

area_page.draw(2)
