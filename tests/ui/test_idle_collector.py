"""Full garbage collections wait for a pause in the user's input, and the schedule is put back."""

from __future__ import annotations

import gc

import pytest
from conftest import SIZE, ready

from briefing_tui.ui import idle_collector
from briefing_tui.ui.idle_collector import NEVER, IdleCollector


def make_full_collection_due(collector: IdleCollector) -> None:
    """Collections of the middle generation count towards a full one, as the automatic ones do."""
    while gc.get_count()[2] < gc.get_threshold()[1] and gc.get_count()[2] < 10:
        gc.collect(1)


@pytest.fixture
def collector():
    collector = IdleCollector()
    yield collector
    collector.stop()


def test_start_takes_full_collections_off_the_schedule_and_stop_puts_it_back(collector):
    before = gc.get_threshold()
    collector.start()
    assert gc.get_threshold() == (before[0], before[1], NEVER)
    collector.stop()
    assert gc.get_threshold() == before


def test_no_full_collection_right_after_input(collector):
    collector.start()
    make_full_collection_due(collector)
    collector.input_seen()
    assert not collector.collect_if_idle()


def test_a_due_full_collection_runs_once_input_is_quiet(collector, monkeypatch):
    monkeypatch.setattr(idle_collector, "IDLE_SECONDS", 0.0)
    collector.start()
    gc.collect()
    assert not collector.collect_if_idle()  # none due: the last one was just now
    make_full_collection_due(collector)
    assert collector.collect_if_idle()
    assert gc.get_count()[2] == 0


def test_not_started_never_collects(collector, monkeypatch):
    monkeypatch.setattr(idle_collector, "IDLE_SECONDS", 0.0)
    make_full_collection_due(collector)
    assert not collector.collect_if_idle()


async def test_the_app_collects_when_idle_not_while_keys_arrive(make_app, monkeypatch):
    default = gc.get_threshold()
    full: list[int] = []
    real_collect = gc.collect
    monkeypatch.setattr(idle_collector, "IDLE_SECONDS", 0.3)

    def collect(generation: int = 2) -> int:
        if generation == 2:
            full.append(generation)
        return real_collect(generation)

    monkeypatch.setattr(gc, "collect", collect)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert gc.get_threshold()[2] == NEVER
        for _ in range(12):  # keys 0.1 s apart for longer than a check's interval
            make_full_collection_due(app.collector)
            await pilot.press("down")
            await pilot.pause(0.1)
        assert full == []
        await pilot.pause(1.0)
        assert full
    assert gc.get_threshold() == default
