"""The Countries pane: every country with its counts, and the highlighted one's profile.

The profile (Index.profile) is a second virtual list of sections: key people, engagement,
representation, trade figures, quotes, sources. Every row but the headings opens its
source document, so a profile is as traceable as the timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.worker import Worker, WorkerState

from briefing_tui.query import Index, Profile, format_value
from briefing_tui.ui.results import Results
from briefing_tui.ui.text import clean, plain
from briefing_tui.ui.widgets.fact_table import Cells, Column, ConcatRows, FactTable, Heading
from briefing_tui.ui.widgets.pane import FILTER_BY_COUNTRY, Pane

if TYPE_CHECKING:
    from briefing_tui.models import Country, Document

COUNTING = "Counting the countries…"
COUNT_KINDS = ("events", "quotes", "figures", "people", "documents")

COLUMNS = (
    Column("Country", ratio=1, min_width=10),
    Column("Events", width=6, justify="right"),
    Column("Quotes", width=6, justify="right"),
    Column("Figures", width=7, justify="right"),
    Column("People", width=6, justify="right"),
    Column("Docs", width=5, justify="right"),
)


def country_cells(row: tuple[Country, Counter[str]]) -> Cells:
    country, counts = row
    return (plain(country.name), *(Text(str(counts[k])) for k in COUNT_KINDS))


def _title(index: Index, document: Document | None, doc_id: str) -> str:
    return clean(document.display_title if document else doc_id)


def profile_rows(index: Index, profile: Profile) -> Sequence[Any]:
    """A profile as list rows: headings, then the facts of each section in order (a view:
    the largest country's profile has 300,000 rows)."""
    code = profile.country.code
    parts: list[Sequence[Any]] = [(Heading(f"{profile.country.name} ({code})", id="title"),)]

    def section(title: str, items: Sequence[Any], empty: str = "none in the articles") -> None:
        parts.append((Heading(f"{title} ({len(items)})" if items else f"{title}: {empty}", id=title),))
        parts.append(items)

    section("Key people", profile.people)
    section("Engagement: visits, meetings, agreements", profile.engagement)
    section("Representation: embassies, ambassadors", profile.representation)
    section("Trade figures", profile.figures)
    section("Quotes", profile.quotes)
    section("Sources", profile.documents)
    return ConcatRows(parts)


def profile_cells(index: Index, item: Any) -> Cells:
    """One full-width line per profile row; article words always as plain Text."""
    from briefing_tui.models import Document, Event, Figure, Person, Quote  # here: the first frame needs no models

    line = Text(no_wrap=True, end="")
    if isinstance(item, Person):
        line.append_text(plain(item.name, style="bold"))
        if item.role:
            line.append(" — ")
            line.append_text(plain(item.role))
        if item.country:
            line.append(f" · {index.country_name(item.country)}", style="dim")
    elif isinstance(item, Event):
        line.append(f"{item.date.label if item.date else '? undated':<12} ", style="" if item.date else "italic")
        line.append(f"{item.kind:<10} ")
        line.append_text(plain(item.summary))
        line.append(f" · {_title(index, index.documents.get(item.doc_id), item.doc_id)}", style="dim")
    elif isinstance(item, Figure):
        year = str(item.year) if item.year is not None else "—"
        line.append(f"{year:<5} {item.kind.replace('_', ' '):<15} ")
        line.append(format_value(item.value, item.unit, item.approximate), style="bold")
        line.append(" ")
        line.append_text(plain(item.label))
        group = index.figure_groups.get(item.group_id or "")
        if group and group.conflict:
            line.append(" ⚠ sources disagree", style="bold")
    elif isinstance(item, Quote):
        line.append(f"{item.date.label if item.date else '':<12} ")
        line.append_text(plain(item.speaker or "unattributed", style="bold"))
        line.append(": “")
        line.append_text(plain(item.text))
        line.append("”")
    elif isinstance(item, Document):
        line.append_text(plain(item.display_title, style="bold"))
        if item.published:
            line.append(f" · {item.published}")
        if item.path != item.display_title:
            line.append(f" · {clean(item.path)}", style="dim")
    else:
        line.append_text(plain(str(item)))
    return line


class CountriesPane(Pane):
    pane_id = "countries"
    title = "Countries"
    noun = "countries"

    BINDINGS: ClassVar[list[BindingType]] = [FILTER_BY_COUNTRY]

    def __init__(self) -> None:
        super().__init__()
        self._profile_code: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield FactTable(COLUMNS, country_cells, key=lambda row: row[0].code, id="country-table")
            yield FactTable((Column("Profile"),), lambda item: profile_cells(self.index, item),
                            id="profile-table", show_header=False, marks=self.app.pins,
                            empty="Highlight a country to see its profile")

    @property
    def profile_table(self) -> FactTable:
        return self.query_one("#profile-table", FactTable)

    def show_rows(self, index: Index, results: Results) -> bool:
        """While the counts are made (a worker, at 10,000 articles), an empty list says so,
        not that no country was found (rows of the filters before stay until then: their
        count says "…")."""
        if not self.table.rows:
            self.table.empty_text = COUNTING
            self.profile_table.empty_text = ""
        return False

    def show(self, index: Index, results: Results) -> None:
        self.index = index
        self.filters = results.filters
        self.table.empty_text = self.profile_table.empty_text = self.message
        self.table.set_rows(results.countries)
        self._load_profile(force=True)

    def current_country(self) -> Country | None:
        row = self.table.current
        return row[0] if row else None

    def select_country(self, code: str) -> bool:
        return self.table.move_to(code)

    # ------------------------------------------------------------ profile

    @on(FactTable.Highlighted, "#country-table")
    def _country_highlighted(self, event: FactTable.Highlighted) -> None:
        event.stop()
        self._load_profile()

    def _load_profile(self, force: bool = False) -> None:
        country = self.current_country()
        code = country.code if country else None
        if code == self._profile_code and not force:
            return
        self._profile_code = code
        if code is None:
            self.profile_table.set_rows([], keep_cursor=False)
            return
        # after the rows are drawn: the profile of a large country takes a worker 0.05–0.1 s of
        # the interpreter at 10,000 articles, which the drawing of the pane would share
        self.call_after_refresh(self._start_profile_worker, code)

    def _start_profile_worker(self, code: str) -> None:
        if code == self._profile_code:  # else another country was highlighted meanwhile
            self.run_worker(partial(self.index.profile, code, self.filters), thread=True, exclusive=True,
                            group="profile", name=code)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "profile" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        if worker.name == self._profile_code and worker.result is not None:
            keep = self.profile_table.rows and self.profile_table.rows[0] == Heading(
                f"{worker.result.country.name} ({worker.name})", id="title")
            self.profile_table.set_rows(profile_rows(self.index, worker.result), keep_cursor=bool(keep))

    @on(FactTable.Selected, "#country-table")
    def _country_selected(self, event: FactTable.Selected) -> None:
        """Enter on a country moves into its profile, where enter opens sources."""
        event.stop()
        self.profile_table.focus()

    def action_toggle_countries(self) -> None:
        country = self.current_country()
        if country is not None:
            self.toggle_countries({country.code})
