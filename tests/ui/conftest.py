"""Fixtures for the UI tests: apps on hand-made stores, and helpers to wait and to read the screen."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from factories import write_corpus_store
from textual.pilot import Pilot

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
    """Let timers (the 150 ms debounce), workers (filters, profile, store) and refreshes finish."""
    if delay:
        await pilot.pause(delay)
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
