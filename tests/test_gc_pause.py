"""The collector paused while start-up and store reads make objects that live on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from briefing_tui import cli, gc_pause


@pytest.fixture(autouse=True)
def collector_restored():
    enabled = gc.isenabled()
    yield
    gc_pause.end_start_up()
    while gc_pause._depth:
        gc_pause.resume()
    (gc.enable if enabled else gc.disable)()


def test_pauses_nest_and_the_collector_runs_again_after_the_last():
    gc.enable()
    gc_pause.pause()
    with gc_pause.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the outer pause still holds
    gc_pause.resume()
    assert gc.isenabled()
    gc_pause.resume()  # one too many: nothing
    assert gc.isenabled()


def test_a_collector_off_before_the_pause_stays_off():
    gc.disable()
    with gc_pause.paused():
        pass
    assert not gc.isenabled()


def test_the_start_up_pause_is_taken_once_and_ended_once_with_what_it_made_frozen():
    gc.enable()
    gc_pause.pause_start_up()
    gc_pause.pause_start_up()
    made = [[] for _ in range(1000)]  # objects the collector tracks
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    gc_pause.end_start_up()
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(made)
    gc_pause.end_start_up()
    assert gc.isenabled() and gc_pause._depth == 0


def test_a_store_read_during_the_start_up_keeps_the_collector_paused_until_both_end():
    gc.enable()
    gc_pause.pause_start_up()
    with gc_pause.paused():  # the read in its thread, when the first frame comes meanwhile
        gc_pause.end_start_up()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize("argv", [["build", "--quiet"], ["--help"]])
def test_a_command_runs_with_the_collector(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Only the app's start-up is paused: a build makes garbage for minutes."""
    gc.enable()
    seen = []
    monkeypatch.setattr(cli, "_build", lambda args: seen.append(gc.isenabled()) or 0)
    try:
        cli.main([*argv, "--seeds", str(tmp_path), "--store", str(tmp_path / "s.json")])
    except SystemExit:  # --help
        seen.append(gc.isenabled())
    assert seen == [True]


def test_an_app_closed_before_its_first_frame_ends_the_pause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from briefing_tui.ui import app as app_module

    def fail(self: app_module.BriefingApp) -> None:
        raise RuntimeError("no terminal")

    monkeypatch.setattr(app_module.BriefingApp, "run", fail)
    monkeypatch.setattr(cli, "_app", lambda args: app_module.run_app(seeds=args.seeds, store=args.store))
    gc.enable()
    with pytest.raises(RuntimeError):
        cli.main(["--seeds", str(tmp_path), "--store", str(tmp_path / "s.json")])
    assert gc.isenabled() and not gc_pause._start_up
