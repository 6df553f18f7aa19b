"""Build speed: full and incremental builds of N generated articles, against reading them.

    python bench/bench_build.py --n 1000 [--seed 1] [--workers W]

Floor: reading and sentence-splitting the same files with briefing_tui.ingest, in one
process. A full build is compared with that floor and with the floor spread over the
cores (the best extraction could do if it cost nothing). Incremental: one article changed
among N (then changed back), and a rebuild with nothing changed; their steps are printed,
to show what dominates. Each measurement runs in a fresh process, for its peak memory.
Targets (2-core machine): 10,000 articles under 60 s; an incremental rebuild under 2 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from common import (
    STORES,
    child,
    corpus,
    cpu_seconds,
    header,
    line,
    peak_rss_mb,
    remove_store,
    reply,
    save,
    store_mb,
    words_in,
)

FULL_TARGET = {10_000: 60.0}
INCREMENTAL_TARGET = 2.0


def _floor(seeds: Path) -> dict[str, float]:
    from briefing_tui.ingest import article_paths, load_article

    started = time.perf_counter()
    sentences = sum(len(load_article(p, seeds)[1]) for p in article_paths(seeds))
    return {"seconds": time.perf_counter() - started, "sentences": sentences, "peak_mb": peak_rss_mb()}


def _build(seeds: Path, store: Path, workers: int | None) -> dict[str, object]:
    import briefing_tui.pipeline as pipeline

    # the extraction workers' peak, read before resolving: a large build's resolve forks a copy
    # of the main process, whose peak counts the pages it shares with it
    workers_peak: list[float] = []
    resolve = pipeline._resolve

    def measured_resolve(*args: object) -> object:
        workers_peak.append(peak_rss_mb(resource.RUSAGE_CHILDREN))
        return resolve(*args)

    pipeline._resolve = measured_resolve  # type: ignore[assignment]
    started, cpu = time.perf_counter(), cpu_seconds()
    report = pipeline.build_store(seeds, store, workers=workers)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds, "extracted": report.extracted, "reused": report.reused, "facts": report.facts,
        "phases": report.phases, "cores_busy": (cpu_seconds() - cpu) / seconds,
        "peak_mb": peak_rss_mb(), "worker_peak_mb": workers_peak[0] if workers_peak else 0.0,
        "failures": len(report.failures),
    }


def _run_child(args: argparse.Namespace) -> None:
    if args.phase == "floor":
        reply(_floor(Path(args.seeds)))
    else:
        reply(_build(Path(args.seeds), Path(args.store), args.workers))


def _phases(result: dict) -> str:
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in result["phases"].items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--phase", choices=("floor", "build"), help=argparse.SUPPRESS)
    parser.add_argument("--seeds", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        _run_child(args)
        return 0

    seeds = corpus(args.n, args.seed)
    store = STORES / f"corpus-{args.n}-s{args.seed}.json"
    store.parent.mkdir(parents=True, exist_ok=True)
    remove_store(store)
    workers = [] if args.workers is None else ["--workers", str(args.workers)]
    words = words_in(seeds)
    header(f"build: {args.n:,} articles, {words:,} words, workers {args.workers or os.cpu_count()}")

    floor = child("bench_build.py", "--phase", "floor", "--seeds", str(seeds))
    cores = os.cpu_count() or 1
    line("floor: read + split sentences (1 process)", floor["seconds"], "s")
    line("  articles/s", args.n / floor["seconds"], "art/s")
    line("  words/s", words / floor["seconds"], "words/s")

    full = child("bench_build.py", "--phase", "build", "--seeds", str(seeds), "--store", str(store), *workers)
    line("full build", full["seconds"], "s", floor["seconds"])
    line("  vs the floor spread over the cores", full["seconds"], "s", floor["seconds"] / cores)
    line("  articles/s", args.n / full["seconds"], "art/s")
    line("  words/s", words / full["seconds"], "words/s")
    line("  cores busy (CPU s / wall s)", full["cores_busy"], "cores", note=f"of {cores}")
    line("  peak memory, main process", full["peak_mb"], "MB")
    line("  peak memory, largest extraction worker", full["worker_peak_mb"], "MB")
    print(f"  steps (s): {_phases(full)}")
    print(f"  facts: {full['facts']}, failures: {full['failures']}")
    target = FULL_TARGET.get(args.n)
    if target:
        print(f"  target: under {target:.0f} s — {'met' if full['seconds'] < target else 'MISSED'}")

    article = sorted(seeds.glob("*.txt"))[args.n // 2]
    original = article.read_bytes()
    incremental = []
    try:
        article.write_bytes(original + b"\nIn 2022, trade between Peru and Chile reached $12 million.\n")
        incremental.append(child("bench_build.py", "--phase", "build", "--seeds", str(seeds),
                                 "--store", str(store), *workers))
    finally:
        article.write_bytes(original)
    incremental.append(child("bench_build.py", "--phase", "build", "--seeds", str(seeds), "--store", str(store),
                             *workers))
    unchanged = child("bench_build.py", "--phase", "build", "--seeds", str(seeds), "--store", str(store), *workers)
    best = min(incremental, key=lambda r: r["seconds"])
    for n, result in enumerate(incremental, 1):
        assert result["extracted"] == 1, result
        line(f"incremental, one article changed (#{n})", result["seconds"], "s", floor["seconds"] / args.n)
        print(f"    steps (s): {_phases(result)}")
    line("  peak memory", best["peak_mb"], "MB")
    line("rebuild, nothing changed", unchanged["seconds"], "s")
    print(f"    steps (s): {_phases(unchanged)}")
    print(f"  target: incremental under {INCREMENTAL_TARGET:.0f} s — "
          f"{'met' if best['seconds'] < INCREMENTAL_TARGET else 'MISSED'}")
    print("  (incremental ratio: against reading one article)")
    print(f"  store: {store} and its shards ({store_mb(store):,.0f} MB)")

    save(f"build-{args.n}", {
        "n": args.n, "words": words, "floor_s": floor["seconds"], "full_s": full["seconds"],
        "full_ratio": full["seconds"] / floor["seconds"], "cores_busy": full["cores_busy"],
        "articles_per_s": args.n / full["seconds"], "words_per_s": words / full["seconds"],
        "full_peak_mb": full["peak_mb"], "worker_peak_mb": full["worker_peak_mb"], "full_phases": full["phases"],
        "incremental_s": best["seconds"], "incremental_phases": best["phases"],
        "incremental_peak_mb": best["peak_mb"], "unchanged_s": unchanged["seconds"],
        "facts": full["facts"], "store_mb": store_mb(store),
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
