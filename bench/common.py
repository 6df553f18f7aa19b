"""What every benchmark shares: paths, the cached corpora and stores, timing, memory, results.

Each benchmark prints absolute figures and a ratio against a floor measured in the same
run, and saves its figures as JSON under bench/out/results/ for `run_all.py`'s table.
Timings are wall-clock; the machine's load average is printed beside them, because other
work on a 2-core machine shows up directly in the figures.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = OUT / "results"
STORES = OUT / "stores"
SEEDS = ROOT / "seeds"
PYTHON = sys.executable

sys.path.insert(0, str(BENCH))
from generate import corpus  # noqa: E402


def store_for(n: int, seed: int = 1) -> Path:
    """The store built from corpus n (by bench_build.py or here), built when missing or stale."""
    return _fresh_store(corpus(n, seed), STORES / f"corpus-{n}-s{seed}.json")


def seeds_store() -> Path:
    return _fresh_store(SEEDS, STORES / "seeds.json")


def _fresh_store(seeds: Path, store: Path) -> Path:
    from briefing_tui.pipeline import build_store
    from briefing_tui.staleness import store_is_stale
    from briefing_tui.store import StoreSchemaError

    if store_is_stale(seeds, store):
        try:
            build_store(seeds, store)
        except StoreSchemaError:  # cached by an older briefing
            remove_store(store)
            build_store(seeds, store)
    return store


def remove_store(store: Path) -> None:
    """Delete a cached store: its main file, its shards and the index kept beside it."""
    import shutil

    from briefing_tui.index_cache import cache_path
    from briefing_tui.store import shard_folder

    store.unlink(missing_ok=True)
    shutil.rmtree(shard_folder(store), ignore_errors=True)
    cache_path(store).unlink(missing_ok=True)


def store_mb(store: Path) -> float:
    """The size of a store's files (main file and shards)."""
    from briefing_tui.store import store_files

    return sum(p.stat().st_size for p in store_files(store)) / 2**20


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in folder.glob("*.txt"))


# ------------------------------------------------------------------ timing and memory

def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    return min(timed(fn)[0] for _ in range(repeat))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(p) - 1]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or its largest waited-for child), in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_seconds() -> float:
    """User and system CPU time of this process and its waited-for children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def load_average() -> float:
    return os.getloadavg()[0]


# ------------------------------------------------------------------ child processes

def child(script: str, *args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run `bench/<script> args` in a fresh interpreter; its last stdout line is a JSON object."""
    proc = subprocess.run([PYTHON, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise RuntimeError(f"{script} {' '.join(args)} failed with exit code {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def reply(data: dict[str, Any]) -> None:
    """What a child measurement prints last, for `child`."""
    print(json.dumps(data))


# ------------------------------------------------------------------ output

def header(title: str) -> None:
    print(f"\n== {title}  (cores: {os.cpu_count()}, load average: {load_average():.2f})", flush=True)


def line(label: str, value: float, unit: str, floor: float | None = None, note: str = "") -> None:
    ratio = f"  {value / floor:6.2f}× floor" if floor else ""
    print(f"  {label:<44} {value:>12,.3f} {unit:<10}{ratio}{'  ' + note if note else ''}", flush=True)


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {**data, "load_average": round(load_average(), 2), "measured_at": time.strftime("%Y-%m-%d %H:%M")}
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path
