"""The export dialog: e shows the target and a preview; ctrl+s writes, asks before overwriting; esc writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SIZE, ready, screen_text, settle
from textual.widgets import Input

from briefing_tui.export.pins import Pin, load_pins, pins_path, save_pins
from briefing_tui.ui.screens.export import ConfirmOverwriteScreen, ExportScreen
from briefing_tui.ui.screens.main import MainScreen

DAY = dt.date(2026, 11, 22)
GHANA_MINING = "briefing-GHA-mining-2026-11-22.md"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app is started in a temporary folder (where notes go), on a fixed day."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("briefing_tui.ui.screens.export.today", lambda: DAY)
    return tmp_path


async def open_dialog(app, pilot, **filters) -> ExportScreen:
    await ready(pilot)
    if filters:
        app.set_filters(**filters)
        await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, ExportScreen)
    return app.screen


def notes(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.md"))


async def test_e_previews_then_ctrl_s_writes(make_app, in_tmp):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, countries=frozenset({"GHA"}), topics=frozenset({"mining"}))
        text = screen_text(app)
        assert GHANA_MINING in text and "A new file: ctrl+s writes it." in text
        assert "# Briefing note: Ghana · mining" in text and "**Bottom line.**" in text
        assert "Filters: countries: Ghana; topics: mining" in text
        assert dialog.note is not None and f"{dialog.note.words} words" in text
        assert notes(in_tmp) == []  # nothing written before the user says so
        await pilot.press("enter")  # enter never writes
        await settle(pilot)
        assert notes(in_tmp) == [] and isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert notes(in_tmp) == [GHANA_MINING]
        assert (in_tmp / GHANA_MINING).read_text(encoding="utf-8") == dialog.note.text
        assert f"Wrote {in_tmp / GHANA_MINING}" in [n.message for n in app._notifications][-1]


async def test_an_existing_file_is_overwritten_only_after_yes(make_app, in_tmp):
    (in_tmp / GHANA_MINING).write_text("my edits", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, countries=frozenset({"GHA"}), topics=frozenset({"mining"}))
        assert "This file exists: ctrl+s asks before overwriting it." in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmOverwriteScreen)
        assert f"{GHANA_MINING} already exists in" in screen_text(app) and app.screen.path == in_tmp / GHANA_MINING
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog and "Not written: the existing file is kept." in screen_text(app)
        assert (in_tmp / GHANA_MINING).read_text(encoding="utf-8") == "my edits"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # esc in the question keeps the file too
        await settle(pilot)
        assert (in_tmp / GHANA_MINING).read_text(encoding="utf-8") == "my edits"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert (in_tmp / GHANA_MINING).read_text(encoding="utf-8") == dialog.note.text


async def test_escape_cancels_and_writes_nothing(make_app, in_tmp):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert notes(in_tmp) == [] and [p.name for p in in_tmp.iterdir() if p.name.startswith(".")] == []


async def test_a_typed_path_and_a_missing_folder(make_app, in_tmp):
    (in_tmp / "notes").mkdir()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot)
        box = dialog.query_one("#export-path", Input)
        box.value = "nowhere/x.md"
        await settle(pilot)
        assert "The folder nowhere does not exist." in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = str(dialog.query_one("#export-status").content)  # a long path wraps on screen
        assert app.screen is dialog and status.startswith("cannot write") and status.endswith("does not exist")
        box.value = "notes"  # a folder: the default name inside it
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert notes(in_tmp / "notes") == ["briefing-2026-11-22.md"]


async def test_pinned_facts_are_in_the_preview_and_vanished_pins_are_listed(make_app, fixture_store, in_tmp):
    save_pins(pins_path(fixture_store), [Pin(id="evt-gone", kind="event", label="a visit no article tells now",
                                             doc="old.txt", evidence="x")])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("3", "p")  # pin the first figure of the trade pane
        await settle(pilot)
        pinned = app.main_screen.pane("trade").current_item()
        assert pinned.id in app.pins
        dialog = await open_dialog(app, pilot, text="embassy")
        assert dialog.note.pinned == 1 and dialog.note.vanished == [load_pins(pins_path(fixture_store))[0]]
        text = screen_text(app)
        assert "1 pinned fact is no longer in the store (ctrl+r forgets them):" in text
        assert "event a visit no article tells now (old.txt)" in text
        assert "1 pinned in the note" in text
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "no longer in the store" not in screen_text(app)
        assert [p.id for p in load_pins(pins_path(fixture_store))] == [pinned.id]


async def test_the_palette_opens_the_dialog(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"export b")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("e")  # a second e does not stack another dialog
        await settle(pilot)
        assert sum(isinstance(s, ExportScreen) for s in app.screen_stack) == 1


async def test_the_preview_shows_article_text_literally(make_app, hostile_store, in_tmp):
    app = make_app(hostile_store)
    async with app.run_test(size=(160, 50)) as pilot:
        dialog = await open_dialog(app, pilot)
        text = screen_text(app)
        assert "\\[bold red\\]x\\[/\\] officials met in the \\[@click=app\\.quit\\] hall" in text.replace("\\@", "@")
        assert "\x1b" not in text
        for segment in app.screen._compositor.render_strips():
            for part in segment:
                assert part.style is None or (part.style.meta or {}).get("@click") != "app.quit"
        assert dialog.note is not None and not dialog.note.empty
