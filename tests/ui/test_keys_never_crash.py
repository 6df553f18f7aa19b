"""No key, in any pane, with any filter, on any store, may crash the app.

Every bound key and a spread of printable and navigation keys are pressed in each pane with
filters set, on the hand-made store, an empty one, a missing one, a corrupt one and the
markup-payload one. Keys that open screens (document, help, pickers, palette) are followed
by more keys there before the test returns to the main screen. A crash ends `run_test`
with the exception, and the app must still be running after every key.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from conftest import SIZE, ready, settle, tap
from test_app import every_binding

from briefing_tui.query import Filters
from briefing_tui.ui.screens.main import MainScreen

QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}
PALETTE = "ctrl+p"  # typed into last in a batch: keys in the palette are slow (a search each)
SPREAD = [
    *"aZ09 -+!@#[]{}<>/?\\\"'`~",
    "space", "tab", "shift+tab", "left", "right", "up", "down", "home", "end", "pageup", "pagedown",
    "backspace", "delete", "enter", "escape", "f1", "ctrl+f", "ctrl+b",
]
FILTERS = Filters(countries=frozenset({"GHA", "XNW"}), topics=frozenset({"mining"}), year_from=2020, year_to=2025,
                  text="a")
BATCH = 30


def bound_keys() -> list[str]:
    return list(dict.fromkeys(b.key for b in every_binding() if b.key not in QUIT_KEYS | {PALETTE}))


def all_keys() -> list[str]:
    return list(dict.fromkeys([*bound_keys(), *SPREAD]))


def batches(keys: list[str]) -> list[list[str]]:
    """Runs of keys pressed without going back to the main screen; the last one ends in the palette."""
    runs = [keys[i:i + BATCH] for i in range(0, len(keys), BATCH)]
    runs[-1] = [*runs[-1], PALETTE, "a", "enter"]
    return runs


async def refocus(app, pane: str) -> None:
    """After a key moved focus into a text box or cleared the filters, the next key must still
    meet the pane's list with every filter set (else it would only be typed into the box)."""
    main = app.main_screen
    if app.screen is main:
        if isinstance(app.focused, Input) or app.focused is None:
            main.action_pane(pane)
        if main.filters != FILTERS:
            main.filter_bar.set_filters(FILTERS)


async def back_to_main(app, pilot) -> None:
    while not isinstance(app.screen, MainScreen):
        app.pop_screen()
        await pilot.pause()


@pytest.mark.parametrize(("store", "full"), [("fixture", True), ("empty", True), ("missing", False),
                                             ("corrupt", False), ("hostile", False)])
async def test_every_key_in_every_pane(store, full, make_app, fixture_store, empty_store, corrupt_store,
                                       hostile_store, tmp_path):
    """fixture and empty: every key in every pane and the document; the others: every bound key."""
    path = {"fixture": fixture_store, "empty": empty_store, "missing": tmp_path / "none" / "briefing.json",
            "corrupt": corrupt_store, "hostile": hostile_store}[store]
    keys = all_keys() if full else bound_keys()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for pane in ("timeline", "countries", "trade", "quotes"):
            for batch in batches(keys):
                await back_to_main(app, pilot)
                app.main_screen.action_pane(pane)
                app.main_screen.filter_bar.set_filters(FILTERS)  # every filter set (keys may clear them)
                await settle(pilot)
                for key in batch:
                    await tap(pilot, key)
                    assert app.is_running, f"{key!r} in {pane} ended the app"
                    await refocus(app, pane)
            await settle(pilot)
        if full and app.index.events:  # and in the document screen
            await back_to_main(app, pilot)
            app.open_source(app.index.events[0])
            await settle(pilot)
            for key in keys:
                await tap(pilot, key)
                assert app.is_running, f"{key!r} in the document screen ended the app"
        await settle(pilot)
    assert app.return_code in (None, 0)
