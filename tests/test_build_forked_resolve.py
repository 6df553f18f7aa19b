"""A build of many documents makes the figure groups in a forked copy of itself while it
resolves people and countries: the tables are exactly those of resolving in one process,
and when the copy cannot give them, or other threads run, they are made in the build."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import orjson
import pytest

from briefing_tui import pipeline, resolve
from briefing_tui.store import load_tables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from generate import write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list[dict]:
    """The store rows of a dozen generated articles, as build workers send them."""
    seeds = write_corpus(tmp_path_factory.mktemp("forked-resolve") / "seeds", 12, seed=7)
    came = []
    for path in sorted(seeds.glob("*.txt")):
        _, data, reason = pipeline._rows_job((str(path), str(seeds)))
        assert reason is None
        came.append(orjson.loads(data))
    return came


@pytest.fixture
def groups_made_here(monkeypatch) -> list[int]:
    """Each call of resolve_figure_groups in this process (a forked copy's calls stay in its own memory)."""
    calls: list[int] = []
    make = resolve.resolve_figure_groups

    def counted(*args):
        calls.append(os.getpid())
        return make(*args)

    monkeypatch.setattr(resolve, "resolve_figure_groups", counted)
    monkeypatch.setattr(pipeline, "FORKED_RESOLVE_THRESHOLD", 1)
    return calls


def _paths(came: list[dict]) -> dict[str, str]:
    return {r["documents"][0]["id"]: r["documents"][0]["path"] for r in came}


def _only_thread() -> None:
    if threading.active_count() > 1:
        pytest.skip("another test left a thread running: the build would not fork")


def test_the_forked_copy_makes_the_same_figure_groups(rows, groups_made_here):
    _only_thread()
    expected = resolve.resolve_changes(None, [], rows, _paths(rows))
    groups_made_here.clear()
    got = pipeline._resolve(None, [], rows, _paths(rows))
    assert groups_made_here == []  # made in the copy
    assert list(got) == list(expected) and got == expected
    assert got["figure_groups"]  # the articles share measures: the comparison is not empty


def test_when_the_copy_gives_nothing_the_build_makes_the_groups(rows, groups_made_here, monkeypatch):
    _only_thread()
    monkeypatch.setattr(pipeline, "_figure_groups_job", lambda sender, *args: sender.close())
    got = pipeline._resolve(None, [], rows, _paths(rows))
    assert groups_made_here == [os.getpid()]
    assert got == resolve.resolve_changes(None, [], rows, _paths(rows))


def test_a_process_with_other_threads_does_not_fork(rows, groups_made_here):
    got = {}
    thread = threading.Thread(target=lambda: got.update(pipeline._resolve(None, [], rows, _paths(rows))))
    thread.start()
    thread.join()
    assert groups_made_here == [os.getpid()]
    assert got == resolve.resolve_changes(None, [], rows, _paths(rows))


def test_a_full_build_forks_once_its_workers_are_gone(tmp_path, groups_made_here, monkeypatch):
    """The extraction pool's threads end with the last result, so resolve runs alone and forks."""
    _only_thread()
    seeds = write_corpus(tmp_path / "seeds", 6, seed=3)
    forked = tmp_path / "forked.json"
    pipeline.build_store(seeds, forked, workers=2)
    assert groups_made_here == []
    serial = tmp_path / "serial.json"
    monkeypatch.setattr(pipeline, "FORKED_RESOLVE_THRESHOLD", 10 ** 9)
    pipeline.build_store(seeds, serial, workers=2)
    assert groups_made_here == [os.getpid()]
    a, b = load_tables(forked), load_tables(serial)
    assert {k: v for k, v in a.items() if k != "meta"} == {k: v for k, v in b.items() if k != "meta"}
