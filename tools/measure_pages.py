"""Folded into `python -m lib.bench` (the overview and area 3 under AppTest, cold and warm, with the
framework's floor beside them).

    python tools/measure_pages.py

is kept as a shortcut for the demo district's page times on SQLite:
`python -m lib.bench --sizes district --backends sqlite`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import bench  # noqa: E402

if __name__ == "__main__":
    sys.exit(bench.main(["--sizes", "district", "--backends", "sqlite"]))
