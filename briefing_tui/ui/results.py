"""What every pane shows for one set of filters, computed off the UI thread.

Pure: no Textual here, so the filter worker can run it in a thread (Index filtering is
read-only) and tests can call it directly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefing_tui.models import Country, Event, Figure, Quote
from briefing_tui.query import (
    ExportImport,
    Filters,
    Index,
    TradeBar,
    country_counts_from,
    exports_imports_by_year,
    trade_shares,
    turnover_by_year,
)


@dataclass(frozen=True)
class Results:
    filters: Filters
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    countries: list[tuple[Country, Counter[str]]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    turnover: list[TradeBar] = field(default_factory=list)
    exports_imports: list[ExportImport] = field(default_factory=list)
    shares: dict[str, list[Figure]] = field(default_factory=dict)

    def count(self, pane: str) -> tuple[int, int]:
        """'n of N' for a pane."""
        shown = {"timeline": len(self.events), "countries": len(self.countries),
                 "trade": len(self.figures), "quotes": len(self.quotes)}[pane]
        return shown, self.totals.get(pane, 0)


def compute_results(index: Index, filters: Filters) -> Results:
    events, quotes, figures = index.timeline(filters), index.quote_list(filters), index.figure_list(filters)
    if filters.countries:
        countries = index.country_counts(filters)
    else:  # the lists just filtered are the ones to count: don't filter every fact twice
        countries = country_counts_from(index, {"events": events, "quotes": quotes, "figures": figures,
                                                "people": index.people_list(filters)})
    if not filters.with_(countries=frozenset()).is_empty:
        # a search or topic filter hides the countries it leaves without any fact
        countries = [(c, n) for c, n in countries
                     if any(n[k] for k in ("events", "quotes", "figures", "people")) or c.code in filters.countries]
    return Results(
        filters=filters,
        events=events,
        quotes=quotes,
        figures=figures,
        countries=countries,
        totals={"timeline": len(index.events), "countries": len(index.countries),
                "trade": len(index.figures), "quotes": len(index.quotes)},
        turnover=turnover_by_year(index, figures),
        exports_imports=exports_imports_by_year(index, figures),
        shares=trade_shares(figures),
    )
