"""Start-up: process start to the first frame showing data, in a real pty.

    python bench/bench_startup.py [--n 10000 ...] [--repeat 5]

Runs `briefing --seeds S --store X` in a pseudo-terminal of 120×40 with
BRIEFING_EXIT_AFTER_FIRST_FRAME set: the app writes the wall-clock time once the first
frame showing the store's data is on screen (see briefing_tui/ui/app.py), then exits.
Floor: bench/bare_app.py, a bare Textual app showing one label, under the same hook, its
runs alternating with the measured ones.
Targets: at most 1.3× the floor on the seeds; at most 2× the floor plus the store's JSON
parse time (orjson.loads, measured here) at 10,000 articles. Medians of --repeat runs, which
read the index kept beside the store (briefing_tui/index_cache.py), whose head gives a large
store's first frame; for a generated corpus, also the medians to the whole index's results
on screen (BRIEFING_EXIT_AFTER_WHOLE_INDEX), when keys are answered. Before them, one first
start after a build, which builds that index from the store and keeps it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import BENCH, PYTHON, ROOT, SEEDS, child, corpus, header, line, save, seeds_store, store_for, store_mb

from briefing_tui.index_cache import cache_path

HOOK = "BRIEFING_EXIT_AFTER_FIRST_FRAME"
WHOLE_INDEX_HOOK = "BRIEFING_EXIT_AFTER_WHOLE_INDEX"
BRIEFING = str(Path(PYTHON).with_name("briefing"))


def first_frame(cmd: list[str], timeout: float = 300, hook: str = HOOK) -> tuple[float, float]:
    """(seconds to the first data frame, or to what `hook` waits for; seconds to exit) of
    `cmd` in a fresh 120×40 pty."""
    with tempfile.TemporaryDirectory() as tmp:
        mark = Path(tmp) / "first-frame"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, hook: str(mark), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        started = time.time()
        proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                start_new_session=True)
        os.close(slave)
        output = bytearray()
        try:
            while proc.poll() is None and time.time() - started < timeout:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        output += os.read(master, 1 << 16)
                    except OSError:
                        break
            proc.wait(timeout=max(1.0, timeout - (time.time() - started)))
        finally:
            if proc.poll() is None:
                proc.kill()
            os.close(master)
        ended = time.time()
        if proc.returncode != 0 or not mark.exists():
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode} without a first frame:\n"
                               f"{output[-2000:].decode(errors='replace')}")
        return float(mark.read_text()) - started, ended - started


def paired_medians(cmd: list[str], floor_cmd: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians of (first frame, exit) for `cmd` and for the floor, their runs alternating so
    that a change in the machine's load shows in both."""
    runs, floors = [], []
    for _ in range(repeat):
        floors.append(first_frame(floor_cmd))
        runs.append(first_frame(cmd))

    def medians(results: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)

    return medians(runs), medians(floors)


def _key(case: str) -> str:
    """The results' name of a case: "seeds", "n10000"."""
    return "seeds" if case == "seeds" else f"n{case.split()[0].replace(',', '')}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="*", default=[10000], help="generated corpora besides the seeds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    cases = [("seeds", SEEDS, seeds_store())]
    cases += [(f"{n:,} articles", corpus(n, args.seed), store_for(n, args.seed)) for n in args.n]
    header(f"start-up to the first data frame (pty 120×40, median of {args.repeat})")
    # as `make run` does: the package's bytecode is on disk, as Textual's is since its install
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "briefing_tui")], check=True)
    results: dict[str, float] = {}
    for name, seeds, store in cases:
        cmd = [BRIEFING, "--seeds", str(seeds), "--store", str(store)]
        cache_path(store).unlink(missing_ok=True)
        first_start = first_frame(cmd)[0]
        (shown, exited), (floor, floor_exit) = paired_medians(cmd, [PYTHON, str(BENCH / "bare_app.py")], args.repeat)
        parse = child("bench_store.py", "--measure", "orjson", "--store", str(store))["seconds"]
        line("floor: bare Textual app, one label (runs alternating)", floor, "s")
        line(f"briefing on {name} ({store_mb(store):,.1f} MB store)", shown, "s", floor)
        line("  first start after a build (index built and kept)", first_start, "s", floor)
        if name != "seeds":
            whole = statistics.median(first_frame(cmd, hook=WHOLE_INDEX_HOOK)[0] for _ in range(args.repeat))
            line("  the whole index's results on screen (keys answered)", whole, "s", floor)
            results[f"{_key(name)}_whole_s"] = whole
        line("  store's JSON parse (orjson.loads)", parse, "s")
        line("  to process exit", exited, "s", floor_exit)
        if name == "seeds":
            target, wording = 1.3 * floor, "1.3× floor"
        else:
            target, wording = 2 * floor + parse, "2× floor + parse"
        print(f"  target: at most {wording} = {target:.3f} s — {'met' if shown <= target else 'MISSED'}"
              f" ({shown / target:.2f}× the target)")
        key = _key(name)
        results.update({f"{key}_s": shown, f"{key}_parse_s": parse, f"{key}_target_s": target,
                        f"{key}_floor_s": floor, f"{key}_first_s": first_start})
        results.setdefault("floor_s", floor)
    save("startup", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
