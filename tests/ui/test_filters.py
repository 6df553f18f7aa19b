"""Filters: shared by every pane, always visible, debounced while typing, cleared by esc or x."""

from __future__ import annotations

import threading

from conftest import SIZE, ready, screen_text, settle
from textual.widgets import Input

from briefing_tui.models import Event, Quote
from briefing_tui.query import Filters
from briefing_tui.ui.screens.picker import PickerScreen
from briefing_tui.ui.widgets import filter_bar
from briefing_tui.ui.widgets.fact_table import FactTable, Heading


def timeline(app) -> list[Event]:
    return [r for r in app.query_one("#timeline-table", FactTable).rows if isinstance(r, Event)]


def summaries(app) -> list[str]:
    return [e.summary for e in timeline(app)]


async def test_slash_focuses_search_and_results_follow_typing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and app.focused.id == "search"
        await pilot.press(*"memorandum")
        await settle(pilot, 0.25)
        assert summaries(app) == ["Memorandum of Understanding on mining cooperation signed"]
        text = screen_text(app)
        assert "1 of 4 events" in text and "/ memorandum" in text
        await pilot.press("enter")  # enter: back to the list, the search stays
        await settle(pilot)
        assert isinstance(app.focused, FactTable) and app.focused.id == "timeline-table"
        assert app.main_screen.filters.text == "memorandum"


async def test_results_wait_for_the_debounce_and_enter_applies_at_once(make_app, monkeypatch):
    monkeypatch.setattr(filter_bar, "DEBOUNCE", 60.0)  # longer than any test: no race with a loaded machine
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"memorandum")
        await settle(pilot, 0.3)
        assert len(timeline(app)) == 4, "typing waits for the debounce"
        await pilot.press("enter")
        await settle(pilot)
        assert summaries(app) == ["Memorandum of Understanding on mining cooperation signed"]


async def test_search_is_shared_by_every_pane_and_counts_follow(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"vidal", "enter")
        await settle(pilot, 0.25)
        await pilot.press("4")
        await settle(pilot)
        assert "1 of 2 quotes" in screen_text(app)
        quotes = app.query_one("#quote-table", FactTable).rows
        assert [q.speaker for q in quotes] == ["Tomas Vidal"]
        await pilot.press("1")
        await settle(pilot)
        assert "1 of 4 events" in screen_text(app)  # the meeting Vidal took part in


async def test_escape_and_x_clear_every_filter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        bar = app.main_screen.filter_bar
        busy = Filters(countries=frozenset({"GHA"}), topics=frozenset({"mining"}), year_from=2020, year_to=2024,
                       text="memorandum")
        for key in ("escape", "x"):
            bar.set_filters(busy)
            await settle(pilot)
            assert len(timeline(app)) == 1
            await pilot.press(key)
            await settle(pilot)
            assert app.main_screen.filters.is_empty, key
            assert len(timeline(app)) == 4
            assert app.query_one("#search", Input).value == ""
            assert "4 of 4 events" in screen_text(app)
        # escape from inside the search box clears too, and goes back to the list
        await pilot.press("slash", *"forum")
        await settle(pilot, 0.25)
        assert len(timeline(app)) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.main_screen.filters.is_empty and isinstance(app.focused, FactTable)


async def test_clearing_the_filters_after_many_finds_the_unfiltered_results_kept(make_app):
    """The latest filters' results are kept for going back, and the unfiltered ones always,
    with what the panes made of them (countries' counts and trade charts cost a worker a
    noticeable fraction of a second at 10,000 articles)."""
    from briefing_tui.ui.screens.main import MEMO_RESULTS

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        await pilot.press("2")
        await settle(pilot)
        unfiltered = screen.results
        assert unfiltered.ready("countries")
        for year in range(2000, 2001 + MEMO_RESULTS):
            screen.filter_bar.set_filters(Filters(year_from=year))
            await settle(pilot)
            assert screen.results is not unfiltered
        await pilot.press("escape")
        await settle(pilot)
        assert screen.results is unfiltered and "2 of 2 countries" in screen_text(app)


async def test_years_from_to(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("y", *"2023")
        await settle(pilot, 0.25)
        assert app.main_screen.filters.year_from == 2023
        assert summaries(app) == ["Owusu held talks with Chile's Foreign Minister Vidal",
                                  "Memorandum of Understanding on mining cooperation signed"]
        await pilot.press("tab", *"2023")
        await settle(pilot, 0.25)
        assert app.main_screen.filters.year_to == 2023
        assert timeline(app) == []
        assert "No events match years: 2023–2023" in screen_text(app)
        await pilot.press("tab")  # off the year box: letters are keys again, not year digits
        await pilot.press("x")
        await settle(pilot)
        assert len(timeline(app)) == 4


async def test_countries_picker_selects_several(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "Countries — enter toggles" in screen_text(app)
        await pilot.press(*"gha", "enter")  # type to narrow, enter toggles Ghana
        await settle(pilot)
        assert app.main_screen.filters.countries == {"GHA"}
        await pilot.press("backspace", "backspace", "backspace", *"chi", "enter")
        await settle(pilot)
        assert app.main_screen.filters.countries == {"GHA", "CHL"}
        assert "☑ Chile" in screen_text(app) and "Ghana" not in screen_text(app).split("Countries —")[1]
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert "☑ Ghana" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "c Countries: Chile, Ghana" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert "2 of 2 countries" in screen_text(app)


async def test_a_search_leaves_the_chips_alone_and_a_country_filter_redraws_them(make_app, monkeypatch):
    """Only a change of a chip's value draws the chips anew (a redrawn chip once laid the whole
    screen out again)."""
    redrawn = []
    real = filter_bar.FilterChips.refresh
    monkeypatch.setattr(filter_bar.FilterChips, "refresh",
                        lambda chips, *a, **k: redrawn.append(1) or real(chips, *a, **k))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        redrawn.clear()
        await pilot.press("slash", *"trade", "enter")
        await settle(pilot)
        assert app.main_screen.filters.text == "trade" and redrawn == []
        await pilot.press("escape", "2", "f")  # Chile is first
        await settle(pilot)
        assert app.main_screen.filters.countries == {"CHL"} and redrawn
        assert "c Countries: Chile" in screen_text(app)


async def test_country_filter_narrows_the_countries_pane_and_f_toggles(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2", "f")  # Chile is first
        await settle(pilot)
        assert app.main_screen.filters.countries == {"CHL"}
        assert "1 of 2 countries" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert app.main_screen.filters.countries == frozenset()


async def test_f_in_the_timeline_and_trade_filters_by_the_rows_countries(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for pane, table_id in (("1", "#timeline-table"), ("3", "#figure-table")):
            await pilot.press(pane)
            await settle(pilot)
            table = app.query_one(table_id, FactTable)
            while not table.current.countries:
                await pilot.press("down")
            countries = frozenset(table.current.countries)
            await pilot.press("f")
            await settle(pilot)
            assert app.main_screen.filters.countries == countries
            assert all(countries & set(row.countries) for row in table.rows if not isinstance(row, Heading))
            await pilot.press("f")  # again: those countries leave the filter
            await settle(pilot)
            assert app.main_screen.filters.countries == frozenset()


async def test_topic_picker(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"trade", "enter", "escape")
        await settle(pilot)
        assert app.main_screen.filters.topics == {"trade"}
        assert summaries(app) == ["Business forum planned, date not set"]
        assert "t Topic: trade" in screen_text(app)


async def test_speaker_picker_and_f_in_quotes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("4", "s")
        await settle(pilot)
        await pilot.press(*"owusu", "enter")  # single choice: enter picks and closes
        await settle(pilot)
        owusu = next(p.id for p in app.index.people.values() if p.name == "Ama Owusu")
        assert app.main_screen.filters.speaker == owusu
        quotes = app.query_one("#quote-table", FactTable).rows
        assert [q.speaker for q in quotes] == ["Ama Owusu"]
        assert "s Speaker: Ama Owusu" in screen_text(app)
        await pilot.press("f")  # f with a speaker set: every speaker again
        await settle(pilot)
        assert app.main_screen.filters.speaker is None
        assert app.query_one("#quote-table", FactTable).current.speaker == "Ama Owusu"  # the cursor stayed
        await pilot.press("k", "f")  # f on Vidal's quote: only Vidal
        await settle(pilot)
        rows = app.query_one("#quote-table", FactTable).rows
        assert [q.speaker for q in rows] == ["Tomas Vidal"] and all(isinstance(q, Quote) for q in rows)


async def test_chips_respond_to_the_mouse(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        chips = app.main_screen.query_one(filter_bar.FilterChips)
        start = next(start for start, _, kind in chips.parts if kind == "topics")
        await pilot.hover(chips, offset=(start, 0))
        assert chips.hovered == "topics"
        assert chips.part_at(start - 1) is None  # the gap between chips
        await pilot.click(chips, offset=(start + 2, 0))
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen) and "Topics" in screen_text(app)


async def test_a_long_chip_ends_in_an_ellipsis_and_the_hint_stands_at_the_end(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        chips = app.main_screen.query_one(filter_bar.FilterChips)
        line = screen_text(app).splitlines()[1]
        assert line.rstrip().endswith(chips.HINT) and "c Countries: any   t Topic: any" in line
        chips.show({**chips.values, "countries": ", ".join(["Democratic Republic of the Congo"] * 4)})
        await settle(pilot)
        first = screen_text(app).splitlines()[1].strip().split("   ")[0]
        assert len(first) == chips.CHIP_MAX and first.endswith("…")


async def test_latest_filters_win_when_typing_fast(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        bar = app.main_screen.filter_bar
        for text in ("forum", "embassy", "memorandum"):
            bar.set_filters(Filters(text=text))
        await settle(pilot)
        assert summaries(app) == ["Memorandum of Understanding on mining cooperation signed"]


async def test_a_large_store_loads_and_filters_in_workers(make_app, monkeypatch):
    """The seeds take the small-store path (read before the first frame, filtered at once);
    a large store takes the workers' path, with the same results."""
    import briefing_tui.ui.app as app_module
    import briefing_tui.ui.screens.main as main_module
    from textual.dom import DOMNode

    started: list[str] = []
    run_worker, load = DOMNode.run_worker, app_module._load

    def recording(self, work, *args, **kwargs):
        started.append(kwargs.get("group", ""))
        return run_worker(self, work, *args, **kwargs)

    def loading(store):
        started.append("load" if threading.current_thread() is not threading.main_thread() else "load here")
        return load(store)

    monkeypatch.setattr(DOMNode, "run_worker", recording)
    monkeypatch.setattr(app_module, "_load", loading)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.loaded and app.main_screen.results is not None, "a small store is shown in the first frame"
        await pilot.press("slash", *"memorandum")
        await settle(pilot, 0.25)
        small = summaries(app)
    assert "load here" in started and "load" not in started and "filter" not in started

    monkeypatch.setattr(app_module, "SMALL_STORE_BYTES", 0)
    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"memorandum")
        await settle(pilot, 0.25)
        assert summaries(app) == small == ["Memorandum of Understanding on mining cooperation signed"]
    assert "load" in started and "filter" in started


async def test_a_large_store_is_read_in_a_thread_that_quitting_does_not_wait_for(make_app, monkeypatch):
    """A Textual thread worker runs in asyncio's default executor, which the process waits for
    as it ends: quitting while 10,000 articles' index was read took the rest of the read."""
    import briefing_tui.ui.app as app_module

    readers: list[threading.Thread] = []
    load = app_module._load

    def loading(store):
        readers.append(threading.current_thread())
        return load(store)

    monkeypatch.setattr(app_module, "SMALL_STORE_BYTES", 0)
    monkeypatch.setattr(app_module, "_load", loading)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "events" in screen_text(app)
    assert len(readers) == 1 and readers[0] is not threading.main_thread() and readers[0].daemon
