"""Pinned facts: the rows a user wants in the next briefing note.

In memory for now. This class is the single place to wire persistence: when
briefing_tui/export/pins.py exists, load its pins in `__init__` and save them in `_save`;
nothing else in the UI needs to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class Pins:
    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self._ids: set[str] = set()  # persistence: load here

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._ids))

    def __len__(self) -> int:
        return len(self._ids)

    def toggle(self, fact_id: str) -> bool:
        """Pin or unpin; True when the fact is now pinned."""
        if fact_id in self._ids:
            self._ids.discard(fact_id)
            pinned = False
        else:
            self._ids.add(fact_id)
            pinned = True
        self._save()
        return pinned

    def _save(self) -> None:
        """Persistence hook: write self._ids with briefing_tui.export.pins once it exists."""
