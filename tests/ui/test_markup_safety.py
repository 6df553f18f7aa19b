"""Article text is data: markup-like and escape payloads show literally and trigger nothing."""

from __future__ import annotations

from conftest import ready, screen_segments, screen_text, settle
from ui_hostile_corpus import BOLD, CLICK, LINK

from briefing_tui.ui.screens.document import DocumentScreen

WIDE = (240, 40)  # wide enough that no cell truncates a payload


def assert_inert(app) -> None:
    """No payload became a style, a link or a click action; no escape byte reached the screen."""
    for segment in screen_segments(app):
        assert "\x1b" not in segment.text
        style = segment.style
        if style is None:
            continue
        assert style.link != "file:///etc/passwd"
        assert (style.meta or {}).get("@click") != "app.quit"


async def test_payloads_show_literally_in_every_pane(make_app, hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert f"{BOLD} officials met in the {CLICK} hall" in text
        assert "escape in a summary [link=file:///etc/pas" in text  # the undated row, ESC shown as a space
        assert "[red]Nowhere[/r" in text  # the countries column is narrow
        assert_inert(app)

        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "[red]Nowhere[/red] (XNW)" in text
        assert f"[b]Nobody[/b] — {CLICK}minister · [red]Nowhere[/red]" in text
        assert f"{BOLD} Summit at the [National] Space Center" in text
        assert_inert(app)

        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "2024 [red]Nowhere[/red]" in text and "⚠ $5–7 million" in text
        assert "trade with [red]Nowhere[/red] [link=file:" in text and f"{CLICK} estimate" in text
        assert_inert(app)

        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert f"“{LINK} is open to all”" in text and "[b]Nobody[/b]" in text and f"{CLICK}minis" in text
        assert_inert(app)


async def test_payloads_show_literally_in_the_document_and_do_nothing_when_clicked(make_app, hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        text = screen_text(app)
        assert f"{BOLD} Summit at the [National] Space Center" in text
        assert f"Officials met in the {CLICK} hall on 3 June 2025." in text
        assert f"“{LINK} is open to all,” said [b]Nobody[/b] of the" in text
        assert "[blink]hostile[/blink].txt" in text
        assert_inert(app)
        for n, line in enumerate(text.splitlines()):  # click right on every payload
            for payload in (CLICK, LINK):
                column = line.find(payload)
                if column >= 0:
                    await pilot.click(offset=(column + 2, n))
        await settle(pilot)
        assert app.is_running


async def test_payloads_in_pickers_palette_status_and_notifications(make_app, hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        words = " ".join(screen_text(app).split())
        assert "[b]Nobody[/b]" in words and f"{CLICK}minister" in words
        assert_inert(app)
        await pilot.press("enter")  # pick Nobody
        await settle(pilot)
        assert "s Speaker: [b]Nobody[/b]" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert "[blink]trade[/blink]" in screen_text(app)
        await pilot.press("escape", "c")
        await settle(pilot)
        assert "[red]Nowhere[/red]" in screen_text(app)
        await pilot.press("escape", "x", "ctrl+p", *"nobody")
        await settle(pilot, 0.3)
        assert "Filter by speaker: [b]Nobody[/b]" in screen_text(app)
        assert_inert(app)
        await pilot.press("escape", "ctrl+p", *"summit")
        await settle(pilot, 0.3)
        assert f"Open document: {BOLD} Summit at the [National] Space Center" in screen_text(app)
        assert_inert(app)
        await pilot.press("escape")
        await pilot.press("j", "p")  # the undated event: the notification quotes its summary
        await settle(pilot)
        assert any(LINK in n.message for n in app._notifications)
        words = " ".join(screen_text(app).split())
        assert "Pinned:" in words and "[link=file:///etc" in words  # the toast shows it literally
        assert_inert(app)
        assert app.is_running
