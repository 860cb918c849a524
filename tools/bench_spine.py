"""Folded into `python -m lib.bench` (import rows/s, scoring, export and page times at three sizes).

    python tools/bench_spine.py [--postgres postgresql+psycopg://127.0.0.1:5432/postgres]

is kept as a shortcut for the demo district's import and export without the page times:
`python -m lib.bench --sizes district --no-pages [--backends sqlite,postgresql --pg-admin URL]`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import bench  # noqa: E402


def main() -> int:
    args = ["--sizes", "district", "--no-pages", "--backends", "sqlite"]
    if "--postgres" in sys.argv:
        args = ["--sizes", "district", "--no-pages", "--backends", "sqlite,postgresql",
                "--pg-admin", sys.argv[sys.argv.index("--postgres") + 1]]
    return bench.main(args)


if __name__ == "__main__":
    sys.exit(main())
