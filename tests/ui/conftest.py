"""Fixtures for the UI tests: apps on hand-made stores, and helpers to wait and to read the screen."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import unicodedata

import pytest
from factories import write_corpus_store
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.worker import WorkerState

from briefing_tui.models import Corpus
from briefing_tui.ui.app import BriefingApp
from ui_hostile_corpus import make_hostile_corpus

SIZE = (120, 40)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin needed for Pilot tests)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


async def settle(pilot: Pilot, delay: float = 0.0) -> None:
    """Let timers (the 150 ms debounce), workers (filters, then a profile) and refreshes finish."""
    if delay:
        await pilot.pause(delay)
    app = pilot.app
    for _ in range(10):
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()


async def tap(pilot: Pilot, key: str) -> None:
    """Press one key without Pilot's wait-for-idle heuristics (40 ms or more a key): for key mashing.

    The key goes through the driver exactly as Pilot.press sends it; then only the screen's
    pending messages are awaited.
    """
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    await pilot._wait_for_screen()


async def ready(pilot: Pilot) -> None:
    """Wait for the store to load and the first results to show."""
    app = pilot.app
    for _ in range(100):
        await settle(pilot)
        if app.loaded and app.main_screen.results is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the store never finished loading")


def screen_text(app: BriefingApp) -> str:
    """The characters on screen, line by line (what a user reads)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_segments(app: BriefingApp):
    for strip in app.screen._compositor.render_strips():
        yield from strip


@pytest.fixture
def make_app(fixture_store: Path, tmp_path: Path):
    def make(store: Path | None = None) -> BriefingApp:
        return BriefingApp(store=store or fixture_store, seeds=tmp_path / "seeds")

    return make


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    return write_corpus_store(tmp_path / "empty" / "briefing.json", Corpus())


@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    return write_corpus_store(tmp_path / "hostile" / "briefing.json", make_hostile_corpus())


@pytest.fixture
def corrupt_store(tmp_path: Path) -> Path:
    path = tmp_path / "corrupt" / "briefing.json"
    path.parent.mkdir(parents=True)
    path.write_text("{garbage", encoding="utf-8")
    return path
