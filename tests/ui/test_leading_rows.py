"""A large store's list shows its first rows before the filter worker has every list: the
rows shown first are the full filter's first rows, and the view ends as a full filter's."""

from __future__ import annotations

import pytest
from conftest import SIZE, ready, screen_text, settle
from export_support import make_large_corpus
from factories import write_corpus_store

import briefing_tui.query as query_module
import briefing_tui.ui.app as app_module
import briefing_tui.ui.screens.main as main_module
from briefing_tui.query import Filters, load_index
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.fact_table import FactTable
from briefing_tui.ui.widgets.timeline import timeline_rows

FILTERS = [Filters(text="p"), Filters(text="person1"), Filters(text="accord 7"), Filters(text="zzqx"),
           Filters(countries=frozenset({"GHA"}), text="e"), Filters(year_from=2019, text="number"),
           Filters(topics=frozenset({"trade"}))]


@pytest.fixture(scope="module")
def large_store(tmp_path_factory):
    return write_corpus_store(tmp_path_factory.mktemp("large") / "briefing.json", make_large_corpus(160))


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(query_module, "_FIRST_CHUNK", 16)


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("kind", ["events", "quotes"])
def test_leading_facts_are_the_first_of_the_full_filter(large_store, small_chunks, filters, kind):
    index = load_index(large_store)
    everything = list(index.matching(kind, Filters()))
    for typed in (filters.with_(text=filters.text[:1]), filters):  # with and without a kept narrower result
        full = list(index.matching(kind, typed))
        for after in (None, everything[0], everything[150], everything[-1]):
            for more, at_least in ((5, 0), (5, 40), (0, 100)):
                leading = index.leading(kind, typed, after, more, at_least, budget=10**6)
                assert leading is not None
                leading = list(leading)
                assert leading == full[:len(leading)]
                through = everything.index(after) if after is not None else -1
                up_to_after = [f for f in full if everything.index(f) <= through]
                assert leading[:len(up_to_after)] == up_to_after
                assert len(leading) >= min(len(full), max(len(up_to_after) + more, at_least))


def test_leading_facts_give_up_past_the_budget(large_store, small_chunks):
    index = load_index(large_store)
    assert index.leading("events", Filters(text="zzqx"), None, 5, 5, budget=100) is None
    assert list(index.leading("events", Filters(text="zzqx"), None, 5, 5, budget=10**6)) == []
    assert len(index.leading("events", Filters(text="p"), None, 5, 5, budget=100)) >= 5


def _workers_path(monkeypatch) -> list[tuple[Filters, list]]:
    """Make the app take the large-store path; return where the rows shown first are recorded."""
    monkeypatch.setattr(app_module, "SMALL_STORE_BYTES", 0)
    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    shown_first: list[tuple[Filters, list]] = []
    show_leading = main_module.MainScreen._show_leading

    def recording(self, pane, rows):
        shown_first.append((self.filters, list(rows)))
        show_leading(self, pane, rows)

    monkeypatch.setattr(main_module.MainScreen, "_show_leading", recording)
    return shown_first


async def _type_and_read(app: BriefingApp, keys: list[str], cursor_down: int) -> list[tuple[list, object, str]]:
    """After each key (its filter applied): the timeline's rows, the row under the cursor, the screen."""
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.query_one("#timeline-table", FactTable)
        for _ in range(cursor_down):
            table.action_cursor_down()
        await pilot.press("slash")
        for key in keys:
            await pilot.press(key)
            await settle(pilot, 0.25)
            seen.append((list(table.rows), table.current, screen_text(app)))
    return seen


async def test_rows_shown_first_are_completed_with_the_full_filter(large_store, small_chunks, monkeypatch):
    keys = ["p", "e", "backspace", "backspace", "a", "c", "c", "o", "r", "d", "space", "7"]
    inline = await _type_and_read(BriefingApp(store=large_store), keys, cursor_down=30)
    shown_first = _workers_path(monkeypatch)
    staged = await _type_and_read(BriefingApp(store=large_store), keys, cursor_down=30)
    assert len(shown_first) >= 3, "the timeline showed its first rows before the worker's results"
    for (rows, current, text), (inline_rows, inline_current, inline_text) in zip(staged, inline, strict=True):
        assert rows == inline_rows and text == inline_text
        assert (current is None and inline_current is None) or current.id == inline_current.id
    assert "of 320 events" in staged[-1][2]
    index = load_index(large_store)
    partial = 0
    for filters, first in shown_first:  # each the first rows of what a full filter shows
        full = list(timeline_rows(index.timeline(filters)))
        assert [getattr(r, "id", r) for r in first] == [getattr(r, "id", r) for r in full[:len(first)]]
        partial += len(first) < len(full)
    assert partial, "some were only the first rows"


async def test_filters_chosen_in_a_picker_reach_the_list_behind_it(large_store, small_chunks, monkeypatch):
    """The picker is on top while its choice applies: the list behind it takes its first
    rows, and the worker (started once they are drawn) the rest."""
    shown_first = _workers_path(monkeypatch)
    app = BriefingApp(store=large_store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "p", "enter")
        await settle(pilot, 0.25)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"gha", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        filters = app.main_screen.filters
        assert filters.countries == {"GHA"} and filters.text == "p"
        index = load_index(large_store)
        rows = app.query_one("#timeline-table", FactTable).rows
        assert [r.id for r in rows] == [e.id for e in timeline_rows(index.timeline(filters))]
        assert any(f == filters for f, _ in shown_first)
        assert f"{len(index.timeline(filters))} of 320 events" in screen_text(app)


async def test_the_rows_shown_first_are_drawn_before_the_filter_worker_starts(large_store, small_chunks, monkeypatch):
    """The worker that makes every list holds the interpreter for a while at 10,000 articles:
    started before the frame that draws the first rows, it shared the interpreter with that
    drawing (the screen, not yet told of the list's refresh, ran the "after refresh" at once)."""
    from textual.screen import Screen

    shown_first = _workers_path(monkeypatch)
    order: list[str] = []
    real_refresh, real_run_worker = Screen._compositor_refresh, main_module.MainScreen.run_worker
    show_leading = main_module.MainScreen._show_leading

    def run_worker(self, work, *args, **kwargs):
        order.append(f"worker {kwargs.get('group')}")
        return real_run_worker(self, work, *args, **kwargs)

    monkeypatch.setattr(Screen, "_compositor_refresh", lambda self: order.append("frame") or real_refresh(self))
    monkeypatch.setattr(main_module.MainScreen, "run_worker", run_worker)
    monkeypatch.setattr(main_module.MainScreen, "_show_leading",
                        lambda self, pane, rows: order.append("first rows") or show_leading(self, pane, rows))
    await _type_and_read(BriefingApp(store=large_store), ["p", "e", "r"], cursor_down=0)
    assert len(shown_first) == 3
    starts = [i for i, step in enumerate(order) if step == "first rows"]
    for start in starts:
        after = order[start:]
        assert "worker filter" in after and "frame" in after[:after.index("worker filter")], order
