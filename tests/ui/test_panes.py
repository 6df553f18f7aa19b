"""Each pane shows the hand-made corpus as a reader needs it."""

from __future__ import annotations

from conftest import SIZE, ready, screen_text, settle

from briefing_tui.models import Event, Quote
from briefing_tui.query import Filters
from briefing_tui.ui.widgets.fact_table import FactTable, Heading
from briefing_tui.ui.widgets.filter_bar import FilterRequest
from briefing_tui.ui.widgets.pane_tabs import PaneTabs


async def test_first_screen_is_the_timeline_with_store_status(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "1 Timeline" in text and "4 Quotes" in text
        assert "4 of 4 events" in text
        assert "2 documents · built 2024-06-01T00:00:00+0000 · briefing.json" in text
        assert isinstance(app.focused, FactTable) and app.focused.id == "timeline-table"


async def test_timeline_shows_dates_at_their_precision_and_undated_last(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = app.query_one("#timeline-table", FactTable).rows
        events = [r for r in rows if isinstance(r, Event)]
        assert [e.date.label if e.date else None for e in events] == ["2022-01", "2024-03-12", "2024-03-12", None]
        assert isinstance(rows[-2], Heading) and "Undated" in rows[-2].label
        lines = screen_text(app).splitlines()
        embassy = next(line for line in lines if "Chilean embassy opened in Accra" in line)
        assert "2022-01" in embassy and "embassy" in embassy and "Chile, Ghana" in embassy
        assert "santiago-ties.txt" in embassy
        undated = next(line for line in lines if "Business forum planned" in line)
        assert "undated" in undated
        assert lines.index(undated) > lines.index(embassy)


async def test_countries_pane_counts_and_profile(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "2 of 2 countries" in text
        chile = next(line for line in text.splitlines() if line.strip().startswith("Chile "))
        assert chile.split("▕")[0].split()[1:] == ["4", "2", "5", "1", "2"]
        for section in ("Key people (1)", "Engagement: visits, meetings, agreements (3)",
                        "Representation: embassies, ambassadors (1)", "Trade figures (5)", "Quotes (2)", "Sources (2)"):
            assert section in text, section
        assert "Tomas Vidal — Minister of Foreign Affairs · Chile" in text
        assert "Chilean embassy opened in Accra" in text
        await pilot.press("j")  # Ghana: its own people
        await settle(pilot)
        text = screen_text(app)
        assert "Ghana (GHA)" in text and "Ama Owusu — Minister of Foreign Affairs · Ghana" in text


async def test_trade_pane_formats_values_charts_and_marks_conflicts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "5 of 5 figures" in text
        assert "Trade turnover by year" in text
        bar_line = next(line for line in text.splitlines() if "2023 Chile–Ghana" in line)
        assert "█" in bar_line and "░" in bar_line and "⚠ $210–250 million" in bar_line
        assert "cocoa beans (exports)" in text and "61 %" in text and "20 %" in text
        turnover = next(line for line in text.splitlines() if "trade between Ghana and C" in line)
        assert "⚠ $210 million" in turnover and "≠ ~$250 million · santi" in turnover
        growth = next(line for line in text.splitlines() if "trade growth" in line and "2023" in line)
        assert "12 %" in growth and "⚠" not in growth


async def test_quotes_pane_shows_speaker_role_date_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "2 of 2 quotes" in text
        line = next(line for line in text.splitlines() if "Tomas Vidal" in line)
        assert "2024-05-02" in line and "Minister of Foreign Aff" in line and "“We expect trade with Ghana" in line
        table = app.query_one("#quote-table", FactTable)
        assert all(isinstance(q, Quote) for q in table.rows)


async def test_tabs_respond_to_the_mouse(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tabs = app.main_screen.query_one(PaneTabs)
        start = next(start for start, _, pane_id in tabs.parts if pane_id == "quotes")
        await pilot.hover(tabs, offset=(start + 1, 0))
        assert tabs.hovered == "quotes"
        assert tabs.part_at(start - 1) != "quotes" and tabs.part_at(tabs.size.width - 1) is None
        await pilot.click(tabs, offset=(start + 1, 1))  # on the bar under it, as on its label
        await settle(pilot)
        assert app.main_screen.active_pane.pane_id == "quotes" and tabs.active == "quotes"
        assert "2 of 2 quotes" in screen_text(app)
        bar = tabs.render().plain.splitlines()[1]  # its part of the bar is drawn under its label
        label = tabs.render().plain.splitlines()[0].index("4 Quotes")
        assert bar[label - 1:label + len("4 Quotes") + 1] == "╸" + "━" * len("4 Quotes") + "╺"


async def test_empty_store_is_friendly(make_app, empty_store):
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        words = " ".join(screen_text(app).split())  # the message wraps: compare words
        assert "No articles yet: put .txt/.md files in" in words and "run `briefing build`" in words
        assert "0 documents" in words


async def test_missing_store_is_friendly(make_app, tmp_path):
    app = make_app(tmp_path / "nowhere" / "briefing.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "No articles yet" in screen_text(app)


async def test_corrupt_store_says_what_to_do(make_app, corrupt_store):
    app = make_app(corrupt_store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "Cannot open the store" in text and "--move-aside" in text


async def test_status_line_names_every_problem_file(tmp_path, make_app):
    from factories import make_corpus

    from briefing_tui.pipeline import corpus_tables
    from briefing_tui.store import save_tables

    store = tmp_path / "problems" / "briefing.json"
    save_tables(store, corpus_tables(make_corpus()), {
        "built_at": "2024-06-01T00:00:00+0000", "sources": {}, "hashes": {},
        "failures": [{"path": "broken.txt", "reason": "is empty"}],
        "warnings": [{"path": "odd.md", "warning": "decoded as cp1252"}],
    })
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "1 skipped, 2 with problems: broken.txt, odd.md" in text
        await pilot.press("!")
        await settle(pilot)
        text = screen_text(app)
        assert "broken.txt  skipped: is empty" in text and "odd.md  decoded as cp1252" in text
        await pilot.press("escape")
        await pilot.click("#status-line")
        await settle(pilot)
        assert "Build problems" in screen_text(app)


async def test_the_panes_after_the_first_are_mounted_just_after_the_first_frame(make_app):
    """Only the Timeline is in the first frame; the others are there before a key asks for them."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [pane.pane_id for pane in app.main_screen.panes] == ["timeline", "countries", "trade", "quotes"]
        assert all(pane.is_mounted for pane in app.main_screen.panes)


async def test_a_pane_asked_for_before_its_lists_are_mounted_opens_with_its_rows(make_app):
    """A key typed ahead of the later panes' mounting: the pane opens once its lists are
    mounted, with its rows, its count and the keyboard on its list."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        main.action_pane("quotes")
        assert main.current_item() is None or isinstance(main.current_item(), Quote)
        await ready(pilot)
        await settle(pilot)
        pane = main.pane("quotes")
        assert main.active_pane is pane
        assert app.focused is pane.table
        quotes = [row for row in pane.table.rows if isinstance(row, Quote)]
        assert quotes and f"{len(quotes)} of {len(quotes)} quotes" in screen_text(app)


async def test_animations_are_off_unless_the_user_asks_for_them(make_app, monkeypatch):
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    assert make_app().animation_level == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")
    from textual import constants

    assert make_app().animation_level == constants.TEXTUAL_ANIMATIONS  # the user's setting, as Textual read it


async def _switch_counting_layouts(app, monkeypatch, key: str) -> tuple[int, int]:
    """The screen's layouts and whole-screen repaints between `key` and the switched pane on
    screen, the pane's second visit (the first gives its list rows, and scroll bars a layout)."""
    from textual.screen import Screen

    layouts, repaints = [], []
    real_layout, real_refresh = Screen._refresh_layout, Screen.refresh
    monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **k: layouts.append(1) or real_layout(self, *a, **k))
    monkeypatch.setattr(Screen, "refresh", lambda self, *regions, **k: (regions or repaints.append(1))
                        or real_refresh(self, *regions, **k))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for visit in (key, "1"):
            await pilot.press(visit)
            await settle(pilot)
        layouts.clear()
        repaints.clear()
        await pilot.press(key)
        await settle(pilot)
        assert "2 of 2 quotes" in screen_text(app) and "f Only this speaker" in screen_text(app)
    return len(layouts), len(repaints)


async def test_a_pane_switch_lays_the_screen_out_once_and_does_not_repaint_all_of_it(make_app, monkeypatch):
    """Neither the count ("2 of 2 quotes") nor the footer's "f" label changes width here: they
    are drawn anew without a second layout; the focus moving to the pane's list repaints the
    two lists, not the whole screen."""
    assert await _switch_counting_layouts(make_app(), monkeypatch, "4") == (1, 0)


async def test_a_count_of_another_width_lays_the_filter_bar_out_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        count = app.query_one("#filter-count")
        narrow = count.size.width
        app.main_screen.filter_bar.set_count("123456 of 1234567 events, and more")
        await settle(pilot)
        assert count.size.width > narrow and "123456 of 1234567 events, and more" in screen_text(app)
        app.main_screen.filter_bar.set_count("4 of 4 events")
        await settle(pilot)
        assert count.size.width == narrow and "4 of 4 events" in screen_text(app)


async def test_trade_opened_before_its_charts_are_made_shows_its_figures_at_once(make_app, monkeypatch):
    """A large store makes a pane's own part in a worker when the pane is first opened after
    a filter: Trade's figures need none of it and are shown (with their count) at once, the
    charts when the worker has them, never the old filters' bars."""
    import threading

    import briefing_tui.ui.screens.main as main_module
    from briefing_tui.ui.results import Results

    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    charts_may_be_made = threading.Event()
    real_prepare = Results.prepare

    def prepare(self, pane):
        if pane == "trade" and not self.filters.is_empty:  # the unfiltered charts are made at load
            assert charts_may_be_made.wait(10)
        return real_prepare(self, pane)

    monkeypatch.setattr(Results, "prepare", prepare)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main_screen.post_message(FilterRequest(Filters(countries=frozenset({"GHA"}))))
        await settle(pilot)
        await pilot.press("3")
        for _ in range(5):
            await pilot.pause()
        text = screen_text(app)
        assert "bilateral trade" in text and "of 5 figures" in text
        assert "Trade turnover by year" not in text and "…" in app.main_screen.pane("trade").chart_text()["turnover"].plain
        charts_may_be_made.set()
        await settle(pilot)
        text = screen_text(app)
        assert "Trade turnover by year" in text and "Composition of trade (shares)" in text
        assert "bilateral trade" in text and "of 5 figures" in text


async def test_a_pane_switch_does_not_redraw_the_tabbed_area_itself(make_app, monkeypatch):
    """Only the tabs and the pane shown are drawn anew: Textual's TabbedContent repainted all
    of its own lines (the whole pane area, under the panes) whenever the active tab changed."""
    from textual.widgets import ContentSwitcher

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for visit in ("2", "1"):
            await pilot.press(visit)
            await settle(pilot)
        panes = app.main_screen.query_one(ContentSwitcher)
        drawn: list[int] = []
        real_render_line = panes.render_line
        monkeypatch.setattr(panes, "render_line", lambda y: drawn.append(y) or real_render_line(y))
        await pilot.press("2")
        await settle(pilot)
        assert "2 of 2 countries" in screen_text(app)
        assert drawn == []


def record_frames_and_workers(monkeypatch, owner) -> list[str]:
    """In order: each frame drawn ("frame") and each worker `owner` starts ("worker GROUP")."""
    from textual.screen import Screen

    order: list[str] = []
    real_refresh, real_run_worker = Screen._compositor_refresh, owner.run_worker

    def run_worker(self, work, *args, **kwargs):
        order.append(f"worker {kwargs.get('group')}")
        return real_run_worker(self, work, *args, **kwargs)

    monkeypatch.setattr(Screen, "_compositor_refresh", lambda self: order.append("frame") or real_refresh(self))
    monkeypatch.setattr(owner, "run_worker", run_worker)
    return order


async def test_a_pane_opened_before_its_part_is_made_is_drawn_before_the_worker_starts(make_app, monkeypatch):
    """At 10,000 articles counting the countries takes a worker 0.15 s of the interpreter;
    started before the switch's frame, it shared the interpreter with the drawing, which
    took two to four times as long."""
    import briefing_tui.ui.screens.main as main_module

    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    order = record_frames_and_workers(monkeypatch, main_module.MainScreen)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main_screen.post_message(FilterRequest(Filters(countries=frozenset({"GHA"}))))  # unfiltered: made at load
        await settle(pilot)
        order.clear()
        await pilot.press("2")
        await settle(pilot)
        assert "Ghana" in screen_text(app)
    assert "worker prepare" in order and order.index("frame") < order.index("worker prepare")


async def test_the_countries_rows_are_drawn_before_the_profile_worker_starts(make_app, monkeypatch):
    """A large country's profile takes a worker 0.05–0.1 s of the interpreter at 10,000
    articles: started before the frame that shows the pane, it slowed the drawing."""
    from briefing_tui.ui.widgets.countries import CountriesPane

    order = record_frames_and_workers(monkeypatch, CountriesPane)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        order.clear()
        await pilot.press("2")
        await settle(pilot)
        assert "Key people (1)" in screen_text(app)
    assert "worker profile" in order and order.index("frame") < order.index("worker profile")


async def test_the_countries_list_says_it_is_counting_until_the_counts_come(make_app, monkeypatch):
    """At 10,000 articles the first visit to Countries waits for a worker's counts: the empty
    list said "No countries were found in the articles" meanwhile."""
    import threading

    import briefing_tui.ui.screens.main as main_module
    from briefing_tui.ui.results import Results

    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    counts_may_come = threading.Event()
    real_prepare = Results.prepare

    def prepare(self, pane):
        if pane == "countries" and not self.filters.is_empty:  # the unfiltered counts are made at load
            counts_may_come.wait(10)
        return real_prepare(self, pane)

    monkeypatch.setattr(Results, "prepare", prepare)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main_screen.post_message(FilterRequest(Filters(countries=frozenset({"GHA"}))))
        await settle(pilot)
        try:
            await pilot.press("2")
            for _ in range(5):
                await pilot.pause()
            text = screen_text(app)
            assert "Counting the countries…" in text and "No countries were found" not in text
        finally:
            counts_may_come.set()
        await settle(pilot)
        text = screen_text(app)
        assert "Ghana" in text and "of 2 countries" in text and "Counting" not in text


async def test_the_unfiltered_counts_and_charts_are_made_while_the_index_loads(make_app, monkeypatch):
    """At 10,000 articles the countries' counts and the trade charts take a worker about 0.4 s:
    made at a pane's first visit, the next switches shared the interpreter with it."""
    import briefing_tui.ui.screens.main as main_module

    monkeypatch.setattr(main_module, "INLINE_FACTS", 0)
    order = record_frames_and_workers(monkeypatch, main_module.MainScreen)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key, count in (("2", "2 of 2 countries"), ("3", "figures"), ("4", "quotes")):
            await pilot.press(key)
            await settle(pilot)
            assert count in screen_text(app)
        assert "worker prepare" not in order


async def test_the_first_frame_after_a_switch_has_the_new_underline_count_and_footer_key(make_app, monkeypatch):
    """The frame that shows the new pane also shows the bar under its tab, its count and its
    footer's "f" label: with Textual's tabs and footer, the underline and the count came a frame
    later, the relabelled key later still."""
    from textual.screen import Screen

    from briefing_tui.ui.widgets.footer import Footer

    app = make_app()
    frames = []
    real = Screen._compositor_refresh

    def record(screen):
        real(screen)
        tabs, footer = app.main_screen.query_one(PaneTabs), app.main_screen.query_one(Footer)
        frames.append((tabs.active, app.main_screen.filter_bar._count, [key.label for key in footer.keys]))

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        monkeypatch.setattr(Screen, "_compositor_refresh", record)
        await pilot.press("4")
        await settle(pilot)
    assert frames and frames[0] == ("quotes", "2 of 2 quotes", frames[-1][2])
    assert "Only this speaker" in frames[0][2]
    assert len(frames) == 1  # nothing drawn in a frame of its own just after


async def test_moving_the_focus_between_lists_does_not_restyle_them(make_app, monkeypatch):
    """No style rule reads a list's focus (the cursor row's look is its own): the restyle Textual
    makes at each focus change, for the list, its component classes and scroll bars, is skipped."""
    from textual.css.stylesheet import Stylesheet

    app = make_app()
    restyled = []
    real = Stylesheet.update_nodes

    def update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(node for node in nodes if isinstance(node, FactTable))
        return real(self, nodes, animate)

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await settle(pilot)
        monkeypatch.setattr(Stylesheet, "update_nodes", update_nodes)
        for key in ("4", "1", "2"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.focused, FactTable) and app.focused.id == "country-table"
        assert not restyled
        assert not app.focused._styled_by_focus()


async def test_a_list_is_restyled_on_focus_when_a_rule_reads_its_focus(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.query_one("#timeline-table", FactTable)
        app.stylesheet.add_source("FactTable:focus { background: red; }", read_from=("test", "focus"))
        app.stylesheet.reparse()
        assert table._styled_by_focus()


async def test_the_count_keeps_the_width_of_the_widest_count_the_store_can_show(make_app, monkeypatch):
    """Its slot is reserved for "N of N <noun>" of each pane at load: counts of other widths (other
    panes, other filters) lay nothing out again."""
    from briefing_tui.ui import results
    import briefing_tui.ui.screens.main as main_module

    real = results.pane_totals
    monkeypatch.setattr(main_module, "pane_totals", lambda index: {**real(index), "trade": 1234567})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        count = app.query_one("#filter-count")
        assert count.size.width == len("1234567 of 1234567 figures")
        search = app.query_one("#search").size.width
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await settle(pilot)
            assert count.size.width == len("1234567 of 1234567 figures")
            assert app.query_one("#search").size.width == search
