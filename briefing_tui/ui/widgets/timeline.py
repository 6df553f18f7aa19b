"""The Timeline pane: events oldest first at the precision their text gives, undated last."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType

from briefing_tui.query import Filters, Index, IndexHead, TimelineRow, timeline_row
from briefing_tui.ui.results import Results
from briefing_tui.ui.text import plain
from briefing_tui.ui.widgets.fact_table import Cells, Column, ConcatRows, FactTable, Heading
from briefing_tui.ui.widgets.pane import FILTER_BY_COUNTRY, Pane

if TYPE_CHECKING:
    from briefing_tui.models import Event

UNDATED = Heading("── Undated: the article gives no date for these events ──", id="undated")

COLUMNS = (
    Column("Date", width=23),  # fits a day range: "2025-06-03 – 2025-06-05"
    Column("Kind", width=10),
    Column("Countries", width=16),
    Column("Summary", ratio=2),
    Column("Source", ratio=1, min_width=12),
)


def timeline_rows(events: Sequence[Event], dated: int | None = None) -> Sequence[Any]:
    """The events with a separator before the undated ones (the Index sorts them last, so
    the first undated one is found by bisection, unless `dated` says where it is)."""
    first_undated = bisect_left(events, True, key=lambda e: e.date is None) if dated is None else dated
    if first_undated == len(events):
        return events
    return ConcatRows([events[:first_undated], (UNDATED,), events[first_undated:]])


def event_cells(index: Index, event: Event | TimelineRow) -> Cells:
    """An event's cells, or those of a row of a kept index's head (the same values)."""
    row = event if isinstance(event, TimelineRow) else timeline_row(index, event)
    return (
        Text(row.date) if row.date is not None else Text("? undated", style="italic"),
        Text(row.kind),
        plain(", ".join(row.countries)),
        plain(row.summary),
        plain(row.source, style="dim"),
    )


class TimelinePane(Pane):
    pane_id = "timeline"
    title = "Timeline"
    noun = "events"

    BINDINGS: ClassVar[list[BindingType]] = [FILTER_BY_COUNTRY]

    def compose(self) -> ComposeResult:
        yield FactTable(COLUMNS, lambda event: event_cells(self.index, event), id="timeline-table",
                        marks=self.app.pins)

    def show(self, index: Index, results: Results) -> None:
        self.show_leading(index, results.filters, results.events)

    def show_leading(self, index: Index, filters: Filters, events: Sequence[Event]) -> None:
        """Show `events`: all of them, or the first ones while the rest are found."""
        self.index = index
        self.filters = filters
        self.table.set_rows(timeline_rows(events))

    def show_head(self, head: IndexHead) -> None:
        """The unfiltered timeline's first rows from a kept index's head (MainScreen.show_head)."""
        self.filters = Filters()
        self.table.set_rows(timeline_rows(head.timeline, dated=head.dated_events))

    def action_toggle_countries(self) -> None:
        from briefing_tui.models import Event

        event = self.table.current
        if isinstance(event, Event):
            self.toggle_countries(event.countries)
