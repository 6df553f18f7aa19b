"""What the four tabs have in common: a title, a main list, and `show(index, results)`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from briefing_tui.query import Filters, Index
from briefing_tui.ui.results import Results
from briefing_tui.ui.widgets.fact_table import FactTable
from briefing_tui.ui.widgets.filter_bar import FilterRequest

# Every pane has an "f" that filters by the highlighted row, so the footer keeps its keys
# when the panes are switched (see widgets/footer.py).
FILTER_BY_COUNTRY = Binding("f", "toggle_countries", "Filter by country",
                            tooltip="filter to the highlighted row's countries (again: remove them)")


class Pane(Vertical):
    pane_id: ClassVar[str]
    title: ClassVar[str]
    noun: ClassVar[str]  # for "3 of 4 events" and empty messages

    class Ready(Message):
        """A pane's lists are mounted: the screen gives it what they say and, on screen, its rows
        (the panes not in the first frame are mounted after it)."""

        def __init__(self, pane: Pane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self) -> None:
        super().__init__(id=self.pane_id)
        self.index: Index = Index()
        self.filters = Filters()  # the filters of the results shown
        self.message = ""  # what the lists say when empty, as the screen last set it

    def on_mount(self) -> None:
        self.post_message(self.Ready(self))

    @property
    def table(self) -> FactTable:
        """The list the keyboard lands on when the pane opens."""
        return self.query_one(FactTable)

    def current_item(self) -> Any:
        """The row under the cursor of the focused list in this pane (else the main list);
        None while its lists are not mounted yet."""
        if not self.is_mounted:
            return None
        focused = self.app.focused
        if isinstance(focused, FactTable) and focused in self.query(FactTable):
            return focused.current
        return self.table.current

    def show(self, index: Index, results: Results) -> None:
        raise NotImplementedError

    def show_rows(self, index: Index, results: Results) -> bool:
        """Before its own part of `results` is made (Results.prepare, in a worker): show what
        needs none of it, and say whether that is the pane's list. False by default: the
        list is what the part makes (the countries and their counts)."""
        return False

    def show_leading(self, index: Index, filters: Filters, rows: Sequence[Any]) -> None:
        """A one-list pane (main.LEADING_PANES): its first rows, before `show` has them all."""
        raise NotImplementedError

    def set_message(self, text: str) -> None:
        """What the lists say when they have no rows (loading, no articles, nothing matches);
        a list is not told the same again (it would draw all its rows anew)."""
        self.message = text
        for table in self.query(FactTable):
            if table.empty_text != text:
                table.empty_text = text

    def toggle_countries(self, codes: Iterable[str]) -> None:
        """Add `codes` to the country filter, or take them out when all are in it already."""
        codes = frozenset(codes)
        if not codes:
            self.notify("This row names no country", markup=False)
            return
        chosen = self.filters.countries
        countries = chosen - codes if codes <= chosen else chosen | codes
        self.post_message(FilterRequest(self.filters.with_(countries=countries)))

    def refresh_rows(self) -> None:
        for table in self.query(FactTable):
            table.refresh_rows()
