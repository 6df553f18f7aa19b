"""The start-up floor: a bare Textual app showing one label.

Honours the same hook as the briefing app: with BRIEFING_EXIT_AFTER_FIRST_FRAME=PATH it
writes the wall-clock time to PATH once its first frame is on screen (Textual's Ready
event), then exits.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label

HOOK = "BRIEFING_EXIT_AFTER_FIRST_FRAME"


class BareApp(App[int]):
    def compose(self) -> ComposeResult:
        yield Label("briefing")

    def on_ready(self) -> None:
        """Textual's Ready: the first frame is drawn (the moment the briefing app marks)."""
        if os.environ.get(HOOK):
            self._shown()

    def _shown(self) -> None:
        Path(os.environ[HOOK]).write_text(f"{time.time()}\n")
        self.exit(0)


if __name__ == "__main__":
    BareApp().run()
