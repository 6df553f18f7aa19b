"""No key, in any pane, with any filter, on any store, may crash the app.

Every bound key and a spread of printable and navigation keys are pressed in each pane with
filters set, on the hand-made store, an empty one, a missing one, a corrupt one and the
markup-payload one. Keys that open screens (document, help, pickers, palette) are followed
by more keys there before the test returns to the main screen. A crash ends `run_test`
with the exception, and the app must still be running after every key.
"""

from __future__ import annotations

import pytest
from conftest import SIZE, ready, settle, tap
from test_app import every_binding

from briefing_tui.query import Filters
from briefing_tui.ui.screens.document import DocumentScreen
from briefing_tui.ui.screens.main import MainScreen
from briefing_tui.ui.widgets.fact_table import FactTable

QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}
PALETTE = "ctrl+p"  # typed into last in a batch: keys in the palette are slow (a search each)
SPREAD = [
    *"aZ09 -+!@#[]{}<>/?\\\"'`~",
    "space", "tab", "shift+tab", "left", "right", "up", "down", "home", "end", "pageup", "pagedown",
    "backspace", "delete", "enter", "escape", "f1", "ctrl+f", "ctrl+b",
]
FILTERS = Filters(countries=frozenset({"GHA", "XNW"}), topics=frozenset({"mining"}), year_from=2020, year_to=2025,
                  text="a")


def bound_keys() -> list[str]:
    return list(dict.fromkeys(b.key for b in every_binding() if b.key not in QUIT_KEYS | {PALETTE}))


def all_keys() -> list[str]:
    return list(dict.fromkeys([*bound_keys(), *SPREAD]))


async def back_to_main(app, pilot) -> None:
    while not isinstance(app.screen, MainScreen):
        app.pop_screen()
        await pilot.pause()


async def at_list_with_filters(app, pilot, pane: str) -> None:
    """Main screen, the pane's list focused, every filter set: where the next key must land."""
    if not isinstance(app.screen, MainScreen):
        await back_to_main(app, pilot)
    main = app.main_screen
    if main.active_pane.pane_id != pane or not isinstance(app.focused, FactTable):
        main.action_pane(pane)
    if main.filters != FILTERS:
        main.filter_bar.set_filters(FILTERS)


# store: (every key or only bound ones, panes of the list pass). A missing store loads as the empty one.
STORES = {
    "fixture": (True, ("timeline", "countries", "trade", "quotes")),
    "empty": (True, ("timeline", "countries", "trade", "quotes")),
    "corrupt": (False, ("countries",)),
    "hostile": (False, ("countries",)),
}


@pytest.mark.parametrize("store", list(STORES))
async def test_every_key_in_every_pane(store, make_app, fixture_store, empty_store, corrupt_store, hostile_store):
    """List pass: each key pressed on each pane's list with every filter set (whatever it opens is
    closed before the next key). Free pass: the keys in a row, acting on the screens they open.
    The fixture and empty stores get every key in every pane, the others every bound key."""
    path = {"fixture": fixture_store, "empty": empty_store, "corrupt": corrupt_store, "hostile": hostile_store}[store]
    every, panes = STORES[store]
    keys = all_keys() if every else bound_keys()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for pane in panes:
            for key in keys:
                await at_list_with_filters(app, pilot, pane)
                await tap(pilot, key)
                assert app.is_running, f"{key!r} in {pane} ended the app"
            await settle(pilot)
        await back_to_main(app, pilot)
        app.main_screen.filter_bar.set_filters(FILTERS)
        for key in [*keys, PALETTE, "a", "enter", *keys[:10]]:  # free pass
            await tap(pilot, key)
            assert app.is_running, f"{key!r} (free pass) ended the app"
        await settle(pilot)
        if app.index.events:  # and in the document screen
            await back_to_main(app, pilot)
            app.open_source(app.index.events[0])
            await settle(pilot)
            for key in keys:
                if not isinstance(app.screen, DocumentScreen):
                    await back_to_main(app, pilot)
                    app.open_source(app.index.events[0])
                await tap(pilot, key)
                assert app.is_running, f"{key!r} in the document screen ended the app"
        await settle(pilot)
    assert app.return_code in (None, 0)
