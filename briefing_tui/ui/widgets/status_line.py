"""The status line: what store is open, when it was built, and every file the build had trouble with."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from briefing_tui.query import Index
from briefing_tui.ui.text import clean, count_of


def problem_files(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, what happened) for each skipped file and each warning, from the store's meta."""
    problems = [(str(f.get("path", "?")), f"skipped: {f.get('reason', '')}") for f in meta.get("failures") or ()]
    problems += [(str(w.get("path", "?")), str(w.get("warning", ""))) for w in meta.get("warnings") or ()]
    return problems


LOADING_REST = " · loading the rest (keys wait)"


class StatusLine(Static):
    class ProblemsRequested(Message):
        """The user clicked the problems part of the line."""

    def __init__(self) -> None:
        super().__init__(Content("Loading store…"), id="status-line")
        self.problems: list[tuple[str, str]] = []

    def show_index(self, index: Index, store_name: str) -> None:
        self.show_store(index.meta, len(index.documents), store_name)

    def show_store(self, meta: dict[str, Any], documents: int, store_name: str, *, loading_rest: bool = False) -> None:
        """The store's line from its meta; `loading_rest` while the first frame comes from the
        head of a kept index (see MainScreen.show_head) whose rows look ready: the line says
        the keys wait for the rest, or a user would take them for ignored."""
        self.problems = problem_files(meta)
        parts = [count_of(documents, "document"), f"built {meta.get('built_at', '?')}", store_name]
        content = Content(" · ".join(clean(p) for p in parts))
        if self.problems:
            failures = len(meta.get("failures") or ())
            files = list(dict.fromkeys(path for path, _ in self.problems))
            summary = f" · ⚠ {failures} skipped, {len(files)} with problems: " + ", ".join(clean(f) for f in files)
            content = content + Content.styled(summary + "  (! for details)", "$warning")
        if loading_rest:
            content = content + Content.styled(LOADING_REST, "$text-muted")
        self.update(content)

    def show_error(self, message: str) -> None:
        self.problems = []
        self.update(Content.styled(clean(message), "$error"))

    def on_click(self, event: events.Click) -> None:
        if self.problems:
            self.post_message(self.ProblemsRequested())
