"""Every benchmark in turn, then the table of results in bench/README.md.

    python bench/run_all.py [--n 100 1000 10000] [--table-only]

Runs bench_build.py for each N, then bench_store.py, bench_startup.py and
bench_interaction.py at the largest N. Each script prints its own figures and ratios and
saves them under bench/out/results/; this script then rewrites the part of
bench/README.md between its RESULTS markers from those files, so the table always shows
the latest run (with the date and load average each was measured at).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import BENCH, PYTHON, RESULTS

README = BENCH / "README.md"
BEGIN, END = "<!-- RESULTS -->", "<!-- /RESULTS -->"


def _run(script: str, *args: str) -> None:
    print(f"\n$ python bench/{script} {' '.join(args)}", flush=True)
    subprocess.run([PYTHON, str(BENCH / script), *args], check=True)


def _load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _when(result: dict) -> str:
    return f"{result['measured_at']}, load {result['load_average']}"


def table(sizes: list[int]) -> str:
    """The Markdown table of the saved results (rows for what was never measured are left out)."""
    rows = ["| benchmark | result | floor (same run) | ratio | target | measured |", "|---|---|---|---|---|---|"]
    for n in sizes:
        if (b := _load(f"build-{n}")) is None:
            continue
        target = " < 60 s" if n == 10_000 else ""
        rows.append(f"| full build, {n:,} articles ({b['words']:,} words) | {b['full_s']:.1f} s, "
                    f"{b['articles_per_s']:.0f} art/s, {b['words_per_s']:,.0f} words/s, {b['cores_busy']:.2f} cores "
                    f"| read + split {b['floor_s']:.1f} s | {b['full_ratio']:.2f}× |{target} | {_when(b)} |")
        rows.append(f"| incremental build, 1 of {n:,} changed | {b['incremental_s']:.2f} s "
                    f"(nothing changed: {b['unchanged_s']:.2f} s) | | | < 2 s at 10,000 | {_when(b)} |")
        rows.append(f"| build peak memory, {n:,} | main {b['full_peak_mb']:.0f} MB, worker {b['worker_peak_mb']:.0f} MB "
                    f"| | | | {_when(b)} |")
    for n in sizes:
        if (s := _load(f"store-{n}")) is None:
            continue
        built = (f"index built {s['build_index_s']:.2f} s (kept in {s['keep_index_s']:.2f} s), "
                 if "build_index_s" in s else "")
        rows.append(f"| store load, {n:,} articles ({s['store_mb']:.0f} MB) | TinyDB {s['tinydb_s']:.2f} s, "
                    f"{built}index {'from the kept one ' if built else ''}{s['load_index_s']:.2f} s "
                    f"| orjson.loads {s['orjson_s']:.2f} s "
                    f"| {s['tinydb_s'] / s['orjson_s']:.2f}× (index {s['load_index_s'] / s['orjson_s']:.2f}×) "
                    f"| | {_when(s)} |")
        rows.append(f"| memory, {n:,} articles loaded ({s['facts']:,} facts) | RSS {s['rss_mb']:.0f} MB | | | "
                    f"| {_when(s)} |")
    if (u := _load("startup")) is not None:
        floor = u.get("seeds_floor_s", u["floor_s"])
        rows.append(f"| start-up to first data frame, seeds | {u['seeds_s']:.3f} s | bare Textual app "
                    f"{floor:.3f} s | {u['seeds_s'] / floor:.2f}× | ≤ 1.3× | {_when(u)} |")
        for key in sorted(k for k in u if k.startswith("n") and k.endswith("_target_s")):
            n = key[1:-len("_target_s")]
            shown, parse = u[f"n{n}_s"], u[f"n{n}_parse_s"]
            rows.append(f"| start-up to first data frame, {int(n):,} articles | {shown:.2f} s | 2× floor + parse "
                        f"{parse:.2f} s = {u[key]:.2f} s | {shown / u[key]:.2f}× of target | ≤ 1× | {_when(u)} |")
    for n in sizes:
        if (i := _load(f"interaction-{n}")) is None:
            continue
        for key, label in (("filter", "filter keystroke to view"),
                           ("filter_complete", "filter complete (count, every list)"), ("pane", "pane switch"),
                           ("echo", "keystroke echo"), ("key_to_view", "key to view incl. 150 ms debounce")):
            if key not in i:  # saved by an older bench_interaction.py
                continue
            r = i[key]
            target = "p95 < 50 ms" if key in ("filter", "pane") else ""
            rows.append(f"| {label}, {n:,} articles ({i['facts']:,} facts) | p50 {r['p50_ms']:.1f} ms, "
                        f"p95 {r['p95_ms']:.1f} ms | seeds p95 {r['floor_p95_ms']:.1f} ms "
                        f"| {r['p95_ms'] / r['floor_p95_ms']:.2f}× | {target} | {_when(i)} |")
    return "\n".join(rows)


def write_table(sizes: list[int]) -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{table(sizes)}\n{END}{tail}", encoding="utf-8")
    print(f"\nwrote the results table to {README}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--table-only", action="store_true", help="only rewrite the table from saved results")
    args = parser.parse_args(argv)
    sizes = sorted(args.n)
    if not args.table_only:
        for n in sizes:
            _run("bench_build.py", "--n", str(n))
        largest = str(sizes[-1])
        _run("bench_store.py", "--n", largest)
        _run("bench_startup.py", "--n", largest)
        _run("bench_interaction.py", "--n", largest)
    write_table(sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
