"""Smoke test: the real `briefing` command in a real terminal (tmux), driven by keystrokes.

It builds the store from two hand-made articles (the CLI does that before opening the app),
waits for the first screen, searches, clears, opens a document through the command palette,
and quits. It asserts only what does not depend on extraction quality: the status line,
the 'n of N' count going to 0 for a word no article has and back, and the document's text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import write_articles

pytestmark = pytest.mark.smoke

BRIEFING = Path(sys.executable).parent / "briefing"
COUNT = re.compile(r"(\d+) of (\d+) events")


def _tmux() -> str:
    found = shutil.which("tmux")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        for step in (["apt-get", "install", "-y", "-q", "tmux"], ["apt-get", "update", "-q"],
                     ["apt-get", "install", "-y", "-q", "tmux"]):  # a fresh machine may have no package lists
            subprocess.run(step, capture_output=True, timeout=300, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            found = shutil.which("tmux")
            if found:
                return found
    pytest.skip("tmux is not installed and could not be installed (needs root and apt-get)")


class Terminal:
    """One tmux server of our own (private socket), one 120×40 window running a command."""

    def __init__(self, tmux: str) -> None:
        self.tmux = tmux
        self.socket = f"briefing-smoke-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        result = subprocess.run([self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
                                capture_output=True, text=True, timeout=30)
        return result.stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "smoke", "-x", "120", "-y", "40", command)
        self.run("set-option", "-s", "escape-time", "0")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "smoke", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "smoke")

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def close(self) -> None:
        self.run("kill-server")


@pytest.fixture
def terminal():
    term = Terminal(_tmux())
    yield term
    term.close()


def counts(screen: str) -> tuple[int, int] | None:
    match = COUNT.search(screen)
    return (int(match.group(1)), int(match.group(2))) if match else None


def test_briefing_in_a_real_terminal(terminal: Terminal, tmp_path: Path):
    assert BRIEFING.exists(), f"the console script is missing: {BRIEFING}"
    seeds = write_articles(tmp_path / "seeds")
    store = tmp_path / "store" / "briefing.json"
    # COLUMNS/LINES from the test runner's environment would override the 120x40 window
    command = (f"env -u COLUMNS -u LINES TERM=xterm-256color {BRIEFING} --seeds {seeds} --store {store}; "
               f"echo briefing-exited-$?; sleep 30")
    terminal.start(command)

    screen = terminal.wait_for(lambda s: "2 documents · built" in s and counts(s) is not None, "the first screen")
    assert "1 Timeline" in screen and "4 Quotes" in screen
    total = counts(screen)[1]
    assert total > 0, "the articles' events should be on the first screen"
    assert counts(screen) == (total, total)

    terminal.keys("/")
    terminal.keys("zzqxv", literal=True)  # a word no article contains
    terminal.wait_for(lambda s: counts(s) == (0, total) and "/ zzqxv" in s, "the search and the count 0 of N")

    terminal.keys("Escape")  # clears the filters and leaves the search box
    terminal.wait_for(lambda s: counts(s) == (total, total) and "zzqxv" not in s, "the filters to clear")

    terminal.keys("C-p")
    terminal.wait_for(lambda s: "Search for commands" in s or "🔎" in s, "the command palette")
    terminal.keys("accra", literal=True)
    terminal.wait_for(lambda s: "Open document: Accra Hosts Talks" in s, "the document command")
    terminal.keys("Enter")
    body = "Vidal also toured the [National] Cocoa Research Institute."  # markup-like text, shown literally
    screen = terminal.wait_for(lambda s: "accra-talks.txt · 2024-03-12" in s and body in s, "the document screen")
    assert "Accra Hosts Talks on Cocoa and Minerals" in screen

    terminal.keys("q")
    terminal.wait_for(lambda s: "briefing-exited-0" in s, "briefing to exit with code 0", timeout=15)
    assert store.exists()
