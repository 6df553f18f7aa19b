"""The first frame of a kept index drawn from its head, before the rest is read: what the
whole index shows, and input given meanwhile applied to the whole index once it is there."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import SIZE, ready, screen_text, settle
from export_support import make_large_corpus
from factories import write_corpus_store

import briefing_tui.ui.app as app_module
import briefing_tui.ui.screens.main as main_module
from briefing_tui import index_cache
from briefing_tui.export.pins import pin_for, pins_path, save_pins
from briefing_tui.query import Filters, load_index
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.fact_table import FactTable
from briefing_tui.ui.widgets.status_line import LOADING_REST, StatusLine
from briefing_tui.ui.widgets.timeline import timeline_rows

HEAD_EVENTS = 50  # fewer than the store's 320 events, more than the 40 rows on screen


@pytest.fixture
def kept_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of 320 events whose index is kept with a head of HEAD_EVENTS events, opened on
    the large-store path."""
    monkeypatch.setattr(index_cache, "HEAD_EVENTS", HEAD_EVENTS)
    store = write_corpus_store(tmp_path / "large" / "briefing.json", make_large_corpus(160))
    load_index(store)
    monkeypatch.setattr(app_module, "SMALL_STORE_BYTES", 0)
    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    return store


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Reading the whole index waits until the returned event is set."""
    release = threading.Event()
    load = app_module._load

    def waiting(store: Path):
        assert release.wait(30)
        return load(store)

    monkeypatch.setattr(app_module, "_load", waiting)
    return release


def ids(rows) -> list:
    """The rows' fact ids (a heading, which has none, as itself)."""
    return [getattr(r, "id", r) for r in rows]


def rows_but(app: BriefingApp, widget) -> list[list]:
    """The screen's rows as segments, but for the row of `widget`."""
    return [list(strip) for y, strip in enumerate(app.screen._compositor.render_strips()) if y != widget.region.y]


async def _head_shown(pilot) -> None:
    for _ in range(100):
        await pilot.pause()
        if pilot.app.main_screen.shows_data:
            await pilot.pause(0.1)
            return
    raise AssertionError("the head was never shown")


async def test_the_first_frame_from_the_head_is_the_whole_index_first_frame(kept_store: Path,
                                                                          held_load: threading.Event):
    app = BriefingApp(store=kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        assert not app.loaded and app.main_screen.results is None
        table = app.query_one("#timeline-table", FactTable)
        whole = list(timeline_rows(load_index(kept_store).timeline()))
        assert len(table.rows) == len(whole) and len(whole) >= 320  # as long as the whole timeline
        status = app.query_one(StatusLine)
        head_rows = rows_but(app, status)
        assert "320 of 320 events" in screen_text(app)
        assert LOADING_REST in status.render().plain  # the rows look ready: the line says the keys wait
        held_load.set()
        await ready(pilot)
        await settle(pilot)
        assert rows_but(app, status) == head_rows
        assert LOADING_REST not in status.render().plain
        assert ids(table.rows) == ids(whole)


async def test_keys_given_while_the_head_is_shown_apply_to_the_whole_index(kept_store: Path,
                                                                          held_load: threading.Event):
    app = BriefingApp(store=kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        table = app.query_one("#timeline-table", FactTable)
        head_rows = list(table.rows[:HEAD_EVENTS])
        await pilot.press("slash", *"accord 7", "enter")
        await pilot.pause(0.2)
        assert list(table.rows[:HEAD_EVENTS]) == head_rows and app.focused is table  # held: nothing changed
        held_load.set()
        await ready(pilot)
        await settle(pilot, 0.25)
        wanted = list(timeline_rows(load_index(kept_store).timeline(Filters(text="accord 7"))))
        assert app.main_screen.filters == Filters(text="accord 7")
        assert 2 < len(wanted) < 320
        assert ids(table.rows) == ids(wanted)
        assert app.focused is table
        assert f"{len(wanted)} of 320 events" in screen_text(app)


async def test_moves_given_while_the_head_is_shown_are_made_once_it_is_replaced(kept_store: Path,
                                                                              held_load: threading.Event):
    app = BriefingApp(store=kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        table = app.query_one("#timeline-table", FactTable)
        await pilot.press("down", "down", "down")
        await pilot.pause(0.1)
        assert table.cursor == 0
        held_load.set()
        await ready(pilot)
        await settle(pilot)
        assert table.cursor == 3 and table.current.id == load_index(kept_store).timeline()[3].id


async def test_quitting_does_not_wait_for_the_whole_index(kept_store: Path, held_load: threading.Event):
    app = BriefingApp(store=kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        held_load.set()
    assert app.return_code == 0 and not app.loaded


@pytest.fixture
def small_kept_store(tmp_path: Path) -> Path:
    """The factories' small store (a few articles, as the seeds) with its index kept and its
    second event pinned."""
    store = write_corpus_store(tmp_path / "small" / "briefing.json")
    index = load_index(store)
    save_pins(pins_path(store), [pin_for(index, index.timeline()[1])])
    return store


async def test_a_small_store_first_frame_comes_from_the_head_and_is_its_whole_index_frame(
        small_kept_store: Path, held_load: threading.Event):
    app = BriefingApp(store=small_kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        assert not app.loaded and app.main_screen.results is None
        head_frame = [list(strip) for strip in app.screen._compositor.render_strips()]
        assert "◆" in screen_text(app)  # the pinned event's mark
        assert LOADING_REST not in app.query_one(StatusLine).render().plain  # read at once: no line to flicker
        held_load.set()
        await ready(pilot)
        await settle(pilot)
        assert [list(strip) for strip in app.screen._compositor.render_strips()] == head_frame


@pytest.mark.parametrize("keys, pane, text", [(("2",), "countries", ""),
                                             (("slash", *"minister"), "timeline", "minister")])
async def test_keys_given_before_a_small_store_is_read_are_handled_then(small_kept_store: Path,
                                                                      held_load: threading.Event,
                                                                      keys: tuple[str, ...], pane: str, text: str):
    app = BriefingApp(store=small_kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.1)
        assert app.main_screen.query_one("#panes").current == "timeline" and not app.main_screen.filters.text
        held_load.set()
        await ready(pilot)
        await settle(pilot, 0.25)
        assert app.main_screen.query_one("#panes").current == pane
        assert app.main_screen.filters == Filters(text=text)


async def test_a_pane_key_and_a_search_held_together_are_both_handled(small_kept_store: Path,
                                                                    held_load: threading.Event):
    app = BriefingApp(store=small_kept_store)
    async with app.run_test(size=SIZE) as pilot:
        await _head_shown(pilot)
        await pilot.press("4", "slash", *"minister")
        held_load.set()
        await ready(pilot)
        await settle(pilot, 0.25)
        assert app.main_screen.query_one("#panes").current == "quotes"
        assert app.main_screen.filters == Filters(text="minister")
