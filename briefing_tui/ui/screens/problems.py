"""Build problems (! or a click on the status line): every skipped file and warning, by file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui.ui.screens import close
from briefing_tui.ui.text import plain


class ProblemsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,exclamation_mark", "close", "Close")]

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        body = Text()
        for path, problem in self.problems or [("", "no problems in the last build")]:
            body.append_text(plain(path, style="bold"))
            body.append("  ")
            body.append_text(plain(problem))
            body.append("\n")
        with Vertical(id="problems-dialog"):
            yield Static(Content("Build problems — esc closes"), id="problems-title")
            with VerticalScroll():
                yield Static(body, id="problems-body")

    def action_close(self) -> None:
        close(self)
