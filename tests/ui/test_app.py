"""App-wide keys: help, command palette, pin, export, theme, quit; the footer shows what applies."""

from __future__ import annotations

from conftest import SIZE, ready, screen_text, settle
from textual import events
from textual.binding import Binding
from textual.widgets import Input

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.document import DocumentScreen
from briefing_tui.ui.screens.help import HelpScreen, help_sections
from briefing_tui.ui.screens.main import MainScreen
from briefing_tui.ui.screens.picker import PickerScreen
from briefing_tui.ui.widgets.countries import CountriesPane
from briefing_tui.ui.widgets.fact_table import PIN_MARK, FactTable
from briefing_tui.ui.widgets.footer import Footer
from briefing_tui.ui.widgets.quotes import QuotesPane
from briefing_tui.ui.widgets.timeline import TimelinePane
from briefing_tui.ui.widgets.trade import TradePane

BOUND = (BriefingApp, MainScreen, FactTable, TimelinePane, TradePane, CountriesPane, QuotesPane, DocumentScreen,
         PickerScreen)


def every_binding() -> list[Binding]:
    return [b for cls in BOUND for b in Binding.make_bindings(cls.BINDINGS) if not b.system]


async def test_help_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = {keys for _, rows in help_sections(app) for keys, _ in rows}
        listed_keys = {k.strip() for keys in listed for k in keys.split(" / ")}
        for binding in every_binding():
            assert app.get_key_display(binding) in listed_keys, binding.key
        help_text = str(app.screen.query_one("#help-text").content)
        for phrase in ("next fact of this document", "Timeline pane", "search text", "clear every filter",
                       "pin or unpin", "command palette", "double click"):
            assert phrase in help_text, phrase
        await pilot.press("escape")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_footer_shows_the_keys_that_apply_now(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)

        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        assert app.screen.query_one(Footer)
        assert "Open source" in footer() and "Search" in footer() and "Pin" in footer()
        assert "Only this speaker" not in footer()
        await pilot.press("4")
        await settle(pilot)
        assert "Only this speaker" in footer()
        await pilot.press("2")
        await settle(pilot)
        assert "Filter by country" in footer()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Next fact" in footer() and "Back" in footer()


async def test_switching_panes_relabels_f_in_the_footer_drawn_in_place(make_app):
    """Rebuilding a widget per key on every pane switch cost more than the switch itself."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        footer = app.screen.query_one(Footer)
        for pane, label in (("4", "f Only this speaker"), ("2", "f Filter by country"),
                            ("3", "f Filter by country"), ("4", "f Only this speaker"), ("1", "f Filter by country")):
            await pilot.press(pane)
            await settle(pilot)
            assert not footer.children
            assert label in screen_text(app).splitlines()[-1]
        await pilot.press("slash")  # the search box has other keys
        await settle(pilot)
        assert "Open source" not in screen_text(app).splitlines()[-1]


async def test_a_click_on_a_footer_key_presses_it_and_the_mouse_over_it_shows_its_tooltip(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        footer = app.screen.query_one(Footer)
        start, _, index = next(part for part in footer.parts if footer.keys[part[2]].label == "Help")
        await pilot.hover(footer, offset=(start + 1, 0))
        assert footer.hovered == index and footer.tooltip == footer.keys[index].tooltip
        await pilot.click(footer, offset=(start + 1, 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_mouse_over_the_footer_as_its_keys_change_finds_only_the_new_keys(make_app):
    """Where the old keys were drawn says nothing of the new ones until they are drawn."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        footer = app.screen.query_one(Footer)
        last = footer.parts[-2][0]  # the last key before the palette's
        await pilot.hover(footer, offset=(last, 0))
        assert footer.hovered is not None
        await pilot.press("slash")  # the search box's keys are fewer
        assert footer.hovered is None and footer.tooltip is None
        await pilot.hover(footer, offset=(last + 1, 0))
        await settle(pilot)
        assert footer.hovered is None or footer.hovered < len(footer.keys)


async def test_the_palette_key_stands_at_the_footer_right_end(make_app):
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:  # too narrow for every key
        await ready(pilot)
        line = screen_text(app).splitlines()[-1]
        assert line.rstrip().endswith("^p palette")
        await pilot.click(app.screen.query_one(Footer), offset=(len(line.rstrip()) - 3, 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_palette_goes_to_a_country(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"country gha")
        await settle(pilot, 0.3)
        assert "Go to country: Ghana" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.active_pane.pane_id == "countries"
        pane = app.main_screen.pane("countries")
        assert pane.current_country().code == "GHA"
        assert "Ghana (GHA)" in screen_text(app)


async def test_palette_opens_a_document_and_panes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"santiago")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert "Chile and Ghana are drawing closer" in screen_text(app)
        await pilot.press("ctrl+p", *"pane trad")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen.active_pane.pane_id == "trade"


async def test_palette_clear_filters_export_and_theme(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.set_filters(text="forum")
        await settle(pilot)
        await pilot.press("ctrl+p", *"clear filt")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.filters.is_empty
        exported = []
        app.action_export = lambda: exported.append(True)  # the hook the export dialog will use
        await pilot.press("ctrl+p", *"export b")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert exported == [True]
        await pilot.press("ctrl+p", *"theme nord")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"


async def test_export_key_opens_the_export_dialog(make_app):
    from briefing_tui.ui.screens.export import ExportScreen  # the dialog: tests/ui/test_export_dialog.py

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_pin_marks_a_row_everywhere_and_toggles(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "p")
        await settle(pilot)
        meeting = app.query_one("#timeline-table", FactTable).current
        assert meeting.id in app.pins and len(app.pins) == 1
        line = next(line for line in screen_text(app).splitlines() if "Owusu held talks" in line)
        assert line.lstrip().startswith(PIN_MARK)
        assert "Pinned: Owusu held talks" in app._notifications.__iter__().__next__().message
        await pilot.press("enter")  # the same fact is marked in its document's list
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "Owusu held talks" in line)
        assert PIN_MARK in line
        await pilot.press("p")  # unpin from the document screen
        await settle(pilot)
        assert meeting.id not in app.pins
        await pilot.press("escape")
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "Owusu held talks" in line)
        assert PIN_MARK not in line


async def test_pin_refuses_rows_that_are_not_facts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2", "p")  # a country row
        await settle(pilot)
        assert len(app.pins) == 0


async def test_q_quits_with_code_zero(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_q_in_the_search_box_is_a_letter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "q")
        await settle(pilot, 0.25)
        assert app.is_running and app.main_screen.filters.text == "q"


async def test_keys_typed_in_one_burst_after_slash_are_text(make_app):
    """A terminal delivers "/kenya q" in one read when the app is busy: every key after "/"
    must land in the search box, "y" and "q" included, and "/" again is a character there."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for char in "/qy/x":
            key = "slash" if char == "/" else char
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # queued at once, not one by one as pilot.press does
        await settle(pilot, 0.25)
        assert app.is_running
        assert app.main_screen.query_one("#search", Input).value == "qy/x"


async def test_a_footer_told_of_new_keys_after_its_screen_closed_does_nothing(make_app):
    """Key mashing closed a document screen between a focus change and the footer's redraw."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        detached = Footer()
        detached.bindings_changed(app.screen)  # raised NoScreen: the footer had left the DOM with its screen
        assert not detached.is_attached and not detached.keys
