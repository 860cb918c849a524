"""Where a figure came from, as observations.source records it: typed in the entry form, the sample
data (seed-demo), or a file, by its name (an upload or the command line's import). The words are
lib.present.provenance's; the reads lib.store.provenance's."""
from __future__ import annotations

ENTRY_SOURCE = "Nhập trực tiếp"  # the source of a figure typed in the entry form (lib.io.entry)
SAMPLE_SOURCE = "seed-demo"  # the source of every sample figure (lib.store.demo)
ENTRY, SAMPLE, FILE = "entry", "sample", "file"


def arrival(source: str | None) -> str:
    """How a figure arrived: ENTRY, SAMPLE or FILE (any other source is the name of a file)."""
    if source == ENTRY_SOURCE:
        return ENTRY
    return SAMPLE if source == SAMPLE_SOURCE else FILE
