"""Whether the store must be built before the browser opens: the check `briefing` makes at
every start, kept apart from the build so that it imports neither pydantic nor the models
(their import was a sixth of the seeds' start-up)."""

from __future__ import annotations

import os
from pathlib import Path

from briefing_tui.ingest.reading import article_files
from briefing_tui.store import StoreCorruptError, StoreSchemaError, read_meta


def scan(seeds: Path) -> list[tuple[Path, str, list[int]]]:
    """(path, path inside seeds, [size, mtime]) of every article: listed and stat'ed once a build."""
    found = []
    for path, relative in article_files(seeds):
        st = os.stat(path)
        found.append((path, relative, [st.st_size, st.st_mtime_ns]))
    return found


def store_is_stale(seeds: Path, store: Path) -> bool:
    """Whether the app must build first: no store, or seeds added, removed or touched."""
    try:
        meta = read_meta(store)
    except (StoreCorruptError, StoreSchemaError):
        return True  # the build then reports the problem and refuses to overwrite
    return meta is None or meta.get("sources") != {relative: stat for _, relative, stat in scan(seeds)}
