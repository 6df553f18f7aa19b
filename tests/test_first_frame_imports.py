"""What the browser imports before its first frame: neither pydantic nor the models (their
import was a sixth of the seeds' start-up), when the index kept beside the store is current,
nor TinyDB (the store's files are read directly)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories import write_corpus_store

from briefing_tui.query import load_index

PROBE = """
import sys
from pathlib import Path
from briefing_tui.staleness import store_is_stale
from briefing_tui.query import open_head
import briefing_tui.ui.app
store = Path(sys.argv[1])
store_is_stale(store.parent / "no-seeds", store)
head = open_head(store)
assert head is not None and head.rows
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "tinydb") or m == "briefing_tui.models"))
"""


def test_the_first_frame_needs_neither_pydantic_the_models_nor_tinydb(tmp_path: Path):
    store = write_corpus_store(tmp_path / "briefing.json")
    load_index(store)  # keeps the index, whose head the first frame shows
    found = subprocess.run([sys.executable, "-c", PROBE, str(store)], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
