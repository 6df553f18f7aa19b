"""What the four tabs have in common: a title, a main list, and `show(index, results)`."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.containers import Vertical

from briefing_tui.query import Index
from briefing_tui.ui.results import Results
from briefing_tui.ui.widgets.fact_table import FactTable


class Pane(Vertical):
    pane_id: ClassVar[str]
    title: ClassVar[str]
    noun: ClassVar[str]  # for "3 of 4 events" and empty messages

    def __init__(self) -> None:
        super().__init__(id=self.pane_id)
        self.index: Index = Index()

    @property
    def table(self) -> FactTable:
        """The list the keyboard lands on when the pane opens."""
        return self.query_one(FactTable)

    def current_item(self) -> Any:
        """The row under the cursor of the focused list in this pane (else the main list)."""
        focused = self.app.focused
        if isinstance(focused, FactTable) and focused in self.query(FactTable):
            return focused.current
        return self.table.current

    def show(self, index: Index, results: Results) -> None:
        raise NotImplementedError

    def set_message(self, text: str) -> None:
        """What the lists say when they have no rows (loading, no articles, nothing matches)."""
        for table in self.query(FactTable):
            table.empty_text = text

    def refresh_rows(self) -> None:
        for table in self.query(FactTable):
            table.refresh_rows()
