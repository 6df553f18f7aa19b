"""Store safety under abuse: builds killed at random moments, builds racing each other."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.pipeline import build_store
from briefing_tui.store import load_tables

KILL_CYCLES = int(os.environ.get("BRIEFING_KILL_CYCLES", "25"))


def _many_articles(folder: Path, n: int, variant: int) -> None:
    """n articles, each changed by `variant`, so every build has real work and a real write."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:04d}.txt").write_text(
            f"Talks number {i}\n\nLima, March {1 + i % 28}, 2024 – Peru and Chile held talks (round {variant}).\n"
            f"“Trade between us grew by {i % 50}% last year,” said Minister Ana Rojas.\n"
            f"Bilateral trade reached ${100 + i} million in 2023.\n" * 3,
            encoding="utf-8",
        )


def _round(tables: dict) -> int:
    """Which variant of the articles a stored build holds (all its documents agree)."""
    rounds = {int(d["text"].split("(round ")[1].split(")")[0]) for d in tables["documents"]}
    assert len(rounds) == 1, f"a store mixing builds: {rounds}"
    return rounds.pop()


def _build_cmd(seeds: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "briefing_tui", "build", "--seeds", str(seeds), "--store", str(store), "--quiet"]


def _measure_build(seeds: Path, store: Path) -> float:
    started = time.perf_counter()
    subprocess.run(_build_cmd(seeds, store), check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def _processes_building(seeds: Path, wait: float = 10.0) -> list[int]:
    """Processes (a killed build's workers included) still running a build of `seeds`, once
    they have had `wait` seconds to notice their build is gone (Linux /proc)."""
    if not Path("/proc/self/cmdline").exists():
        pytest.skip("needs /proc to list processes")
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(seeds).encode() in cmdline.read_bytes() and b"build" in cmdline.read_bytes():
                    alive.append(int(cmdline.parent.name))
            except OSError:
                continue  # ended while we looked
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_sigkill_at_random_moments_never_loses_the_previous_store(tmp_path: Path):
    seeds, store = tmp_path / "seeds", tmp_path / "store" / "briefing.json"
    _many_articles(seeds, 120, variant=0)
    duration = _measure_build(seeds, store)
    rng = random.Random(20250603)
    survived = 0
    for cycle in range(1, KILL_CYCLES + 1):
        before = load_tables(store)
        assert before is not None
        _many_articles(seeds, 120, variant=cycle)  # every article changed: a full rebuild and a write
        proc = subprocess.Popen(_build_cmd(seeds, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        after = load_tables(store)  # raises if the kill left a corrupt store
        assert after is not None and len(after["documents"]) == 120
        assert _round(after) in (_round(before), cycle), "the store is the previous build or the new one"
        survived += 1
    assert _processes_building(seeds) == [], "the workers of killed builds are gone"
    # the lock of a killed build does not block the next one, and its temporary files go
    report = build_store(seeds, store, lock_timeout=10)
    assert report.documents == 120
    assert not list(store.parent.glob(".briefing.json.*.tmp"))
    assert survived == KILL_CYCLES
    print(f"survived {survived} SIGKILL cycles")


def test_two_builds_at_once_do_not_corrupt_the_store(tmp_path: Path):
    seeds, store = tmp_path / "seeds", tmp_path / "store" / "briefing.json"
    _many_articles(seeds, 60, variant=1)
    procs = [subprocess.Popen(_build_cmd(seeds, store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    summaries = sorted(out for out, _ in outputs)
    assert "60 extracted, 0 unchanged" in summaries[0] + summaries[1]
    assert "0 extracted, 60 unchanged" in summaries[0] + summaries[1], "the second waited, then found nothing to do"
    assert len(load_tables(store)["documents"]) == 60


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2, 3]", b"\x00\x00\x00", b'{"meta": {"1": {}}}'])
def test_damaged_stores_are_refused_with_a_clear_message(tmp_path: Path, damage: bytes):
    seeds, store = tmp_path / "seeds", tmp_path / "briefing.json"
    _many_articles(seeds, 2, variant=0)
    store.write_bytes(damage)
    result = subprocess.run(_build_cmd(seeds, store), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("briefing: the store") and "--move-aside" in result.stderr
    assert store.read_bytes() == damage, "never overwritten without being asked"
