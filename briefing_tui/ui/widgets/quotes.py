"""The Quotes pane: who said what, when, in what role; `f` narrows to one speaker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from briefing_tui.query import Filters, Index
from briefing_tui.ui.results import Results
from briefing_tui.ui.text import plain
from briefing_tui.ui.widgets.fact_table import Cells, Column, FactTable
from briefing_tui.ui.widgets.filter_bar import FilterRequest
from briefing_tui.ui.widgets.pane import Pane

if TYPE_CHECKING:
    from briefing_tui.models import Quote

COLUMNS = (
    Column("Date", width=12),
    Column("Speaker", width=18),
    Column("Role", width=24),
    Column("Quote", ratio=3),
    Column("Source", ratio=1, min_width=10),
)


def quote_cells(index: Index, quote: Quote) -> Cells:
    document = index.documents.get(quote.doc_id)
    speaker = index.person_name(quote.speaker_id) if quote.speaker_id else (quote.speaker or "unattributed")
    words = f"“{quote.text}”" if not quote.partial else f"“…{quote.text}…”"
    return (
        Text(quote.date.label if quote.date else "", style="italic" if quote.date_from_published else ""),
        plain(speaker, style="bold"),
        plain(index.speaker_role(quote) or ""),
        plain(words),
        plain(document.display_title if document else quote.doc_id, style="dim"),
    )


class QuotesPane(Pane):
    pane_id = "quotes"
    title = "Quotes"
    noun = "quotes"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "toggle_speaker", "Only this speaker", tooltip="filter to the highlighted quote's speaker (again: all)"),
    ]

    def compose(self) -> ComposeResult:
        yield FactTable(COLUMNS, lambda quote: quote_cells(self.index, quote), id="quote-table",
                        marks=self.app.pins)

    def show(self, index: Index, results: Results) -> None:
        self.show_leading(index, results.filters, results.quotes)

    def show_leading(self, index: Index, filters: Filters, quotes: Sequence[Quote]) -> None:
        """Show `quotes`: all of them, or the first ones while the rest are found."""
        self.index = index
        self.filters = filters
        self.table.set_rows(quotes)

    def action_toggle_speaker(self) -> None:
        """Filter to the highlighted quote's speaker, or back to every speaker."""
        from briefing_tui.models import Quote

        quote = self.table.current
        if self.filters.speaker:
            speaker = None
        elif isinstance(quote, Quote) and quote.speaker_id:
            speaker = quote.speaker_id
        else:
            if isinstance(quote, Quote):
                self.notify("This quote's speaker is not identified", markup=False)
            return
        self.post_message(FilterRequest(self.filters.with_(speaker=speaker)))
