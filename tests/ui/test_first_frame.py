"""The main screen's first frame: complete in one layout (the footer's keys in it), not laid
out again for the terminal's size it already has, and the start-up hook's exit right after it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import SIZE, settle
from factories import write_corpus_store
from textual import events
from textual.geometry import Size

import briefing_tui.ui.app as app_module
from briefing_tui import gc_pause
from briefing_tui.index_cache import cache_path
from briefing_tui.query import load_index
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.main import MainScreen
from briefing_tui.ui.widgets.footer import Footer


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The main screen's layouts, each as the number of keys its footer had when it was made."""
    made: list[int] = []
    layout = MainScreen._refresh_layout

    def counting(screen: MainScreen, *args, **kwargs) -> None:
        made.append(len(screen.query_one(Footer).keys))
        layout(screen, *args, **kwargs)

    monkeypatch.setattr(MainScreen, "_refresh_layout", counting)
    return made


@pytest.fixture
def kept_small_store(tmp_path: Path) -> Path:
    """The factories' small store with its index kept: the first frame comes from the head."""
    store = write_corpus_store(tmp_path / "small" / "briefing.json")
    load_index(store)
    return store


async def test_the_first_layout_has_the_footer_keys_drawn_in_one_widget(make_app, layouts: list[int]):
    """Textual's footer mounts a widget per key after the screen's first frame: another layout."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.main_screen.query_one(Footer)
        assert footer.keys and layouts[0] == len(footer.keys)
        assert not footer.children
        line = footer.render().plain
        assert all(f" {key.display} {key.label} " in line for key in footer.keys if not key.at_right_end)
        assert line.endswith("▏^p palette ")


async def test_a_resize_to_the_size_laid_out_is_not_laid_out_again(make_app, layouts: list[int]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        made = len(layouts)
        screen.post_message(events.Resize.from_dimensions(Size(*SIZE), None))
        await settle(pilot)
        assert len(layouts) == made
        await pilot.resize_terminal(100, 30)
        await settle(pilot, 0.1)
        assert len(layouts) > made and screen.outer_size == Size(100, 30)


async def run_until_the_hook_exits(app: BriefingApp, mark: Path) -> None:
    """As the benchmark runs it: until the hook has written its mark and the app has ended."""
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            if mark.exists() and not app.is_running:
                break
            await pilot.pause(0.01)


async def test_the_start_up_hook_exits_right_after_the_first_frame_without_an_error(
        kept_small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The later panes are mounted after the first frame: by then the app may be closing."""
    mark = tmp_path / "first-frame"
    monkeypatch.setenv(app_module.FIRST_FRAME_HOOK, str(mark))
    app = BriefingApp(store=kept_small_store)
    await run_until_the_hook_exits(app, mark)
    assert mark.exists() and app.return_code == 0
    assert app._exception is None


async def test_the_start_up_hook_exits_once_the_index_built_from_the_store_is_being_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The benchmark's first start after a build keeps the index its later starts read."""
    store = write_corpus_store(tmp_path / "small" / "briefing.json")
    mark = tmp_path / "first-frame"
    monkeypatch.setenv(app_module.FIRST_FRAME_HOOK, str(mark))
    app = BriefingApp(store=store)
    await run_until_the_hook_exits(app, mark)
    assert mark.exists() and app.return_code == 0
    assert cache_path(store).exists()


async def test_the_app_ends_the_start_up_pause_at_its_first_frame(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`briefing` opens the app paused; the collector runs again once the first frame is drawn."""
    states = []
    real = BriefingApp.on_ready

    def on_ready(app: BriefingApp) -> None:
        states.append(gc.isenabled())
        real(app)
        states.append(gc.isenabled())

    monkeypatch.setattr(BriefingApp, "on_ready", on_ready)
    enabled = gc.isenabled()
    gc.enable()
    gc_pause.pause_start_up()
    try:
        async with BriefingApp(store=tmp_path / "s.json", seeds=tmp_path).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    finally:
        gc_pause.end_start_up()
        (gc.enable if enabled else gc.disable)()
    assert states == [False, True]
