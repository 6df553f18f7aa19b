"""The browser and the index kept beside the store: kept after it is shown, a damaged one reported."""

from __future__ import annotations

from pathlib import Path

from conftest import SIZE, ready, settle

from briefing_tui import query
from briefing_tui.index_cache import cache_path
from briefing_tui.ui.app import BriefingApp


async def test_an_index_built_from_the_store_is_kept_once_shown(make_app, fixture_store: Path):
    assert not cache_path(fixture_store).exists()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert cache_path(fixture_store).is_file()
        assert app.index.events


async def test_a_damaged_kept_index_is_reported_and_the_store_shown(make_app, fixture_store: Path, monkeypatch):
    query.load_index(fixture_store)
    damaged = bytearray(cache_path(fixture_store).read_bytes())
    damaged[-1] ^= 0x01
    cache_path(fixture_store).write_bytes(bytes(damaged))
    shown = query.load_index(fixture_store)  # the store's own index: what the app must show
    cache_path(fixture_store).write_bytes(bytes(damaged))
    app: BriefingApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("damaged" in m and cache_path(fixture_store).name in m for m in messages), messages
        assert shown is not None and app.index.events == shown.events
