"""Pinned facts: the rows a user wants in every briefing note, saved in pins.json beside the store.

Loaded when the app starts and written (atomically) at each pin or unpin through
briefing_tui.export.pins; builds never touch the file. A problem reading or writing it is
kept in `problem` for the app to show; pins then still work for the session. A file that
is not pins is set aside before the first save, one that cannot be read is left alone:
neither is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing_tui.export.files import ExportError
from briefing_tui.export.pins import Pin, PinsError, load_pins, move_aside, pins_path, save_pins


class Pins:
    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.path = pins_path(store) if store is not None else None
        self.problem: str | None = None  # the last load or save problem, for the app to report
        self._load_error: PinsError | None = None  # the file there is never overwritten
        self._pins: dict[str, Pin] = {}
        if self.path is not None:
            try:
                self._pins = {p.id: p for p in load_pins(self.path)}
            except PinsError as exc:
                self.problem = str(exc)
                self._load_error = exc

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._pins

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._pins))

    def __len__(self) -> int:
        return len(self._pins)

    @property
    def records(self) -> list[Pin]:
        return [self._pins[i] for i in sorted(self._pins)]

    def toggle(self, fact_id: str, record: Pin | None = None) -> bool:
        """Pin or unpin; True when the fact is now pinned. `record` says how to find it after a rebuild."""
        if fact_id in self._pins:
            del self._pins[fact_id]
            pinned = False
        else:
            self._pins[fact_id] = record or Pin(id=fact_id)
            pinned = True
        self._save()
        return pinned

    def forget(self, ids: set[str]) -> None:
        """Drop pins (those whose facts are gone, once the user has seen them reported)."""
        for fact_id in ids:
            self._pins.pop(fact_id, None)
        self._save()

    def rename(self, moved: dict[str, str], records: dict[str, Pin]) -> None:
        """Follow facts a rebuild gave new ids (found again by their evidence)."""
        for old, new in moved.items():
            if old in self._pins and new in records:
                del self._pins[old]
                self._pins[new] = records[new]
        if moved:
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        self.problem = None
        try:
            if self._load_error is not None and self.path.exists():
                if not self._load_error.corrupt:  # could not even read it: leave it alone
                    self.problem = f"pins not saved: {self._load_error}"
                    return
                kept = move_aside(self.path)
                self.problem = f"the unreadable pins file was kept as {kept.name}"
            self._load_error = None
            save_pins(self.path, self._pins.values())
        except (ExportError, OSError) as exc:
            self.problem = f"pins not saved: {exc}"
