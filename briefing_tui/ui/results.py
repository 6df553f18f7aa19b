"""What every pane shows for one set of filters, computed off the UI thread.

Pure: no Textual here, so the filter worker can run it in a thread (Index filtering is
read-only) and tests can call it directly.

The three lists are made at once; what only one pane needs (the countries' counts, the
trade charts' series) is made the first time it is asked for. The filter worker prepares
the pane on screen, and a pane switched to later prepares its own part in a worker too:
at 10,000 articles each part costs a noticeable fraction of a second.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from briefing_tui.query import (
    ExportImport,
    Filters,
    Index,
    TradeBar,
    exports_imports_by_year,
    trade_shares,
    turnover_by_year,
)

if TYPE_CHECKING:
    from briefing_tui.models import Country, Event, Figure, Quote

PANE_PARTS = {"timeline": (), "quotes": (), "countries": ("countries",),
              "trade": ("turnover", "exports_imports", "shares", "share_label_lengths")}


def pane_totals(index: Index) -> dict[str, int]:
    """What each pane's count is "of": every fact of its kind in the store."""
    return {"timeline": len(index.events), "countries": len(index.countries), "trade": len(index.figures),
            "quotes": len(index.quotes)}


class Results:
    def __init__(self, index: Index, filters: Filters, events: Sequence[Event], quotes: Sequence[Quote],
                 figures: Sequence[Figure]) -> None:
        self.index = index
        self.filters = filters
        self.events = events
        self.quotes = quotes
        self.figures = figures
        self.totals = pane_totals(index)

    def __repr__(self) -> str:  # Textual names workers by their arguments' reprs
        return f"<Results for {self.filters}>"

    def prepare(self, pane: str) -> Results:
        """Make what `pane` shows (in the calling thread); returns self, for workers."""
        for part in PANE_PARTS.get(pane, ()):
            getattr(self, part)
        return self

    def ready(self, pane: str) -> bool:
        return all(part in self.__dict__ for part in PANE_PARTS.get(pane, ()))

    @cached_property
    def countries(self) -> list[tuple[Country, Counter[str]]]:
        countries = self.index.country_counts(self.filters)  # the Index keeps the positions it just filtered
        if not self.filters.with_(countries=frozenset()).is_empty:
            # a search or topic filter hides the countries it leaves without any fact
            countries = [(c, n) for c, n in countries
                         if any(n[k] for k in ("events", "quotes", "figures", "people"))
                         or c.code in self.filters.countries]
        return countries

    @cached_property
    def turnover(self) -> list[TradeBar]:
        return turnover_by_year(self.index, self.index.figure_list(self.filters, kinds=("trade_turnover",)))

    @cached_property
    def exports_imports(self) -> list[ExportImport]:
        return exports_imports_by_year(self.index, self.index.figure_list(self.filters, kinds=("export", "import")))

    @cached_property
    def shares(self) -> dict[str, list[Figure]]:
        return trade_shares(self.index.figure_list(self.filters, kinds=("share",)))

    @cached_property
    def share_label_lengths(self) -> dict[str, int]:
        """The longest share label of each flow, which sets the composition chart's label
        column: here, off the UI thread (a flow has tens of thousands of figures at 10,000
        articles, which took the first draw of Trade 10-15 ms)."""
        return {flow: max(len(f.label) for f in figures) for flow, figures in self.shares.items()}

    def count(self, pane: str) -> tuple[int, int]:
        """'n of N' for a pane."""
        shown = {"timeline": lambda: len(self.events), "countries": lambda: len(self.countries),
                 "trade": lambda: len(self.figures), "quotes": lambda: len(self.quotes)}[pane]()
        return shown, self.totals.get(pane, 0)


def compute_results(index: Index, filters: Filters, pane: str | None = None) -> Results:
    """The lists for `filters`, and `pane`'s own part when given."""
    results = Results(index, filters, index.matching("events", filters), index.matching("quotes", filters),
                      index.matching("figures", filters))
    return results.prepare(pane) if pane else results


def unfiltered_results(index: Index) -> Results:
    """What the panes show with no filters, every pane's part made: done once while the index
    loads, so that the first visit to Countries or Trade, and every return to the unfiltered
    view (esc), costs only drawing (at 10,000 articles the parts take a worker about 0.4 s,
    which the next few pane switches shared the interpreter with)."""
    results = compute_results(index, Filters())
    for pane in PANE_PARTS:
        results.prepare(pane)
    return results

