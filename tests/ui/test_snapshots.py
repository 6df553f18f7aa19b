"""SVG snapshots of each pane, the document screen, help and the empty state (120×36).

Deterministic: the hand-made store (its built_at is fixed), no clock in the view, focus on
lists (no blinking text cursor). Regenerate with `pytest tests/ui --snapshot-update` and
look at the SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ready, settle
from factories import write_corpus_store
from textual.widgets import Input

from briefing_tui.models import Corpus
from briefing_tui.ui.app import BriefingApp

SNAP_SIZE = (120, 36)


def steady(*keys: str):
    async def run_before(pilot) -> None:
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("keys", [
    pytest.param((), id="timeline"),
    pytest.param(("2", "j"), id="countries"),
    pytest.param(("3",), id="trade"),
    pytest.param(("4",), id="quotes"),
    pytest.param(("j", "j", "enter"), id="document"),
    pytest.param(("question_mark",), id="help"),
])
def test_snapshot(keys, snap_compare, fixture_store):
    app = BriefingApp(store=fixture_store, seeds=Path("seeds"))
    assert snap_compare(app, terminal_size=SNAP_SIZE, run_before=steady(*keys))


def test_snapshot_empty_store(snap_compare, tmp_path):
    store = write_corpus_store(tmp_path / "store" / "briefing.json", Corpus())
    app = BriefingApp(store=store, seeds=Path("seeds"))
    assert snap_compare(app, terminal_size=SNAP_SIZE, run_before=steady())


def test_snapshot_filtered_timeline(snap_compare, fixture_store):
    """The filter bar with a search and a country set: chips, 'n of N' and the narrowed list."""
    app = BriefingApp(store=fixture_store, seeds=Path("seeds"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.set_filters(countries=frozenset({"GHA"}), text="mining")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SNAP_SIZE, run_before=run_before)
