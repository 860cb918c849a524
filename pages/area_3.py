"""Lĩnh vực 3: its indicators, unit tables, commune map, trend and export (lib.web.area_page)."""
from lib.web import area_page, guard

guard.page_guard()

area_page.draw(3)
