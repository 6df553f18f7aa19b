"""SVG snapshot of the export dialog at 120×36: the hand-made store filtered to Ghana, one pin, a fixed day.

Regenerate with `pytest tests/ui/test_export_snapshot.py --snapshot-update` and look at the
SVG in __snapshots__ before committing it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ready, settle
from textual.widgets import Input

from briefing_tui.ui.app import BriefingApp

SNAP_SIZE = (120, 36)


def test_snapshot_export_dialog(snap_compare, fixture_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("briefing_tui.ui.screens.export.today", lambda: dt.date(2026, 11, 22))
    app = BriefingApp(store=fixture_store, seeds=Path("seeds"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("j", "p")  # pin the meeting
        await settle(pilot)
        pilot.app.set_filters(countries=frozenset({"GHA"}))
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("e")
        await settle(pilot)
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        await settle(pilot)

    assert snap_compare(app, terminal_size=SNAP_SIZE, run_before=run_before)
