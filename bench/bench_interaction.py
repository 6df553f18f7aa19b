"""Interaction at N articles: a filter keystroke and a pane switch, to the refreshed view.

    python bench/bench_interaction.py --n 10000 [--seed 1] [--words 4]

Drives the real BriefingApp with App.run_test (120×40) on the store of N generated
articles. Search words are typed a key at a time, then erased a key at a time, then the
filters are cleared with escape; the panes are switched with 1–4. Timed per key:

* echo: the key until the search box shows it on screen;
* filter: the filter applied (the search box's 150 ms debounce ends) until the pane on
  screen shows the new results — the work a keystroke costs; the debounce is a fixed wait
  that the key-to-view figure adds. The Timeline shows its first rows (those on screen)
  before every list is made;
* filter complete: the same start until every list is made and the pane shows all its
  rows and the count ("n of N events"); the next key is sent after it;
* pane switch: the key until the new pane is on screen, over `--rounds` rounds of the four
  panes; the first round includes each pane's first visit since the filters were cleared.

"On screen" means the first frame displayed after the change that draws it: for the echo,
the first that draws the search box with the key; otherwise the first after the change that
draws list lines (the app's display of the frame is timed). Waiting for a refresh once the
change was seen could wait for a later frame, or time one that does not draw it yet (a frame
can come before a widget's refresh reaches the screen).
Floor: the same keys on the seeds' store (5 articles). Target: p95 under 50 ms at 10,000.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import header, line, percentile, rss_mb, save, seeds_store, store_for

TARGET_MS = 50.0
WORDS = ("trade", "minister", "wheat", "signed", "forum", "embassy", "visit", "cotton")


async def _until(condition: Any, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never reached the expected state")
        await asyncio.sleep(0.0005)


def _send(app: Any, key: str, char: str | None) -> float:
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)
    return started


async def measure(store: Path, words: int, rounds: int) -> dict[str, list[float] | float]:
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.main import MainScreen
    from briefing_tui.ui.widgets.fact_table import FactTable
    from textual.widgets import ContentSwitcher, Input

    shown: dict[Any, float] = {}  # the pane on screen shows the filters' rows
    complete: dict[Any, float] = {}  # ... all of them, and the count
    announced: dict[Any, float] = {}
    rows_drawn = [0]  # list lines drawn so far
    # (key, where its time goes, list lines drawn when it began waiting): noted at the first
    # frame that draws list lines after it (a frame can come before the rows it waits for)
    waiting: list[tuple[Any, tuple[dict[Any, float], ...], int]] = []
    real_apply = MainScreen._apply
    real_leading = MainScreen._show_leading
    real_recompute = MainScreen.recompute
    real_render_line = FactTable.render_line

    def list_line(self: FactTable, y: int) -> Any:
        rows_drawn[0] += 1
        return real_render_line(self, y)

    def frame_displayed() -> None:
        now = time.perf_counter()
        for entry in [entry for entry in waiting if rows_drawn[0] > entry[2]]:
            for times in entry[1]:
                times.setdefault(entry[0], now)
            waiting.remove(entry)

    def apply(self: MainScreen, results: Any) -> None:
        real_apply(self, results)
        waiting.append((results.filters, (shown, complete), rows_drawn[0]))

    def leading(self: MainScreen, pane: Any, rows: Any) -> None:
        real_leading(self, pane, rows)
        waiting.append((self.filters, (shown,), rows_drawn[0]))

    def recompute(self: MainScreen) -> None:
        announced[self.filters] = time.perf_counter()
        real_recompute(self)

    MainScreen._apply = apply  # type: ignore[method-assign]
    MainScreen._show_leading = leading  # type: ignore[method-assign]
    MainScreen.recompute = recompute  # type: ignore[method-assign]
    FactTable.render_line = list_line  # type: ignore[method-assign]
    echo, filtering, filtered, key_to_view, panes = [], [], [], [], []
    app = BriefingApp(store=store, seeds=Path("seeds"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.loaded and app.main_screen.results is not None, timeout=600)
        await pilot.pause(0.3)
        memory = rss_mb()
        screen = app.main_screen
        search = screen.query_one("#search", Input)
        real_display = app._display  # Textual's private step that writes a frame

        def display(target: Any, renderable: Any) -> None:
            real_display(target, renderable)
            if renderable is not None:
                frame_displayed()

        app._display = display  # type: ignore[method-assign]
        echoed: dict[str, float] = {}  # value -> the first frame that drew the box with it
        real_box_line = search.render_line

        def box_line(y: int) -> Any:
            waiting.append((search.value, (echoed,), -1))
            return real_box_line(y)

        search.render_line = box_line  # type: ignore[method-assign]

        async def filter_key(key: str, char: str | None, expected: str) -> None:
            echoed.clear()
            started = _send(app, key, char)
            await _until(lambda: expected in echoed)
            echo.append(echoed[expected] - started)
            await _until(lambda: screen.filters.text == expected.strip() and screen.filters in complete)
            filtering.append(shown[screen.filters] - announced[screen.filters])
            filtered.append(complete[screen.filters] - announced[screen.filters])
            key_to_view.append(shown[screen.filters] - started)

        for word in WORDS[:words]:
            await pilot.press("slash")
            await _until(lambda: app.focused is search)
            for n in range(1, len(word) + 1):
                for times in (shown, complete):
                    times.pop(screen.filters.with_(text=word[:n]), None)
                await filter_key(word[n - 1], word[n - 1], word[:n])
            for n in range(len(word) - 1, -1, -1):
                for times in (shown, complete):
                    times.pop(screen.filters.with_(text=word[:n]), None)
                await filter_key("backspace", None, word[:n])
            await pilot.press("escape")
            await pilot.pause(0.05)
        switcher = screen.query_one(ContentSwitcher)
        switched: dict[int, float] = {}  # switch -> the first frame after it that draws list lines
        screen.watch(switcher, "current", lambda _: waiting.append((len(panes), (switched,), rows_drawn[0])), init=False)
        for _ in range(rounds):
            for key, pane in (("2", "countries"), ("3", "trade"), ("4", "quotes"), ("1", "timeline")):
                started = _send(app, key, key)
                await _until(lambda: len(panes) in switched)
                panes.append(switched[len(panes)] - started)
                await pilot.pause(0.02)
        await pilot.press("q")
    MainScreen._apply = real_apply  # type: ignore[method-assign]
    MainScreen._show_leading = real_leading  # type: ignore[method-assign]
    MainScreen.recompute = real_recompute  # type: ignore[method-assign]
    FactTable.render_line = real_render_line  # type: ignore[method-assign]
    return {"echo": echo, "filter": filtering, "filter_complete": filtered, "key_to_view": key_to_view,
            "pane": panes, "rss_mb": memory,
            "facts": len(app.index.events) + len(app.index.quotes) + len(app.index.figures) + len(app.index.people)}


def _report(label: str, values: list[float], floor: list[float] | None) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    p50, p95 = statistics.median(ms), percentile(ms, 95)
    floor95 = percentile([v * 1000 for v in floor], 95) if floor else None
    line(f"{label}: p50", p50, "ms")
    line(f"{label}: p95 ({len(ms)} keys)", p95, "ms", floor95)
    return {"p50_ms": p50, "p95_ms": p95, "max_ms": max(ms), "floor_p95_ms": floor95 or 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=4, help="search words typed and erased (of 8)")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of switching to each of the four panes")
    args = parser.parse_args(argv)
    small = asyncio.run(measure(seeds_store(), args.words, args.rounds))
    store = store_for(args.n, args.seed)
    large = asyncio.run(measure(store, args.words, args.rounds))
    header(f"interaction: {args.n:,} articles, {large['facts']:,} facts; floor: the seeds ({small['facts']} facts)")
    results: dict[str, Any] = {"n": args.n, "facts": large["facts"], "rss_mb": large["rss_mb"]}
    for key, label in (("echo", "keystroke echo"), ("filter", "filter applied to view"),
                       ("filter_complete", "filter complete (every list, the count)"),
                       ("key_to_view", "key to filtered view (incl. debounce)"), ("pane", "pane switch")):
        results[key] = _report(label, large[key], small[key])  # type: ignore[arg-type]
    first_visits = [v * 1000 for v in large["pane"][:4]]  # type: ignore[index]
    print(f"  pane switch, first round (countries, trade, quotes, timeline): "
          f"{', '.join(f'{v:.0f}' for v in first_visits)} ms")
    results["pane"]["first_round_ms"] = first_visits
    line("memory of the app with the store loaded (RSS)", large["rss_mb"], "MB")
    for key, label in (("filter", "filter"), ("pane", "pane switch")):
        p95 = results[key]["p95_ms"]
        print(f"  target: {label} p95 under {TARGET_MS:.0f} ms — {'met' if p95 < TARGET_MS else 'MISSED'}")
    save(f"interaction-{args.n}", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
