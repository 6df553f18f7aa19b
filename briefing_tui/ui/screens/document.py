"""Provenance: a fact's source document, its evidence highlighted, its other facts one key away.

Left, the document text (DocumentView) with the evidence sentence highlighted and scrolled
into view; right, every fact of the document in reading order (Index.facts_of_document).
Moving in that list, or n / N from anywhere on the screen, moves the highlight.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from briefing_tui.ui.screens import close
from briefing_tui.models import Event, Figure, Quote, Span
from briefing_tui.query import Index, format_value
from briefing_tui.ui.text import clean, plain
from briefing_tui.ui.widgets.document_view import DocumentView
from briefing_tui.ui.widgets.fact_table import Cells, Column, FactTable
from briefing_tui.ui.widgets.footer import Footer

FACT_COLUMNS = (Column("Kind", width=9), Column("Fact", ratio=1))


def fact_cells(item: Event | Quote | Figure) -> Cells:
    if isinstance(item, Event):
        return (Text(item.kind), plain(item.summary))
    if isinstance(item, Quote):
        line = Text()
        line.append_text(plain(item.speaker or "unattributed", style="bold"))
        line.append_text(plain(f": “{item.text}”"))
        return (Text("quote"), line)
    line = Text()
    line.append(format_value(item.value, item.unit, item.approximate), style="bold")
    line.append(" ")
    line.append_text(plain(item.label))
    return (Text(item.kind.replace("trade_", "").replace("_", " ")), line)


class DocumentScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", tooltip="back to the list"),
        Binding("n,right_square_bracket", "next_fact", "Next fact", tooltip="next fact of this document: moves the highlight"),
        Binding("N,left_square_bracket", "previous_fact", "Previous fact", tooltip="previous fact of this document"),
    ]

    def __init__(self, index: Index, doc_id: str, *, fact_id: str | None = None, span: Span | None = None) -> None:
        super().__init__()  # no fixed id: a second push racing the first must not clash
        self.index = index
        self.document = index.documents.get(doc_id)
        self.facts = index.facts_of_document(doc_id) if self.document else []
        self.fact_id = fact_id
        self._hold_span = span  # e.g. a person's mention: shown until the user moves to a fact
        self._ignore_highlights = 0  # cursor moves made while opening, which must not replace _hold_span

    def compose(self) -> ComposeResult:
        document = self.document
        if document is None:
            yield Static(Content("This document is not in the store (rebuild with `briefing build`)."),
                         id="document-missing")
            yield Footer()
            return
        details = [document.path, document.published or "date unknown"]
        details += [x for x in (document.author, document.source_url) if x]
        with Vertical(id="document-header"):
            yield Static(plain(document.display_title, style="bold"), id="document-title")
            yield Static(plain(" · ".join(details), style="dim"), id="document-details")
        with Horizontal(id="document-body"):
            yield DocumentView(document.text, document.excluded, id="document-text")
            with Vertical(id="document-side"):
                yield Label(id="document-facts-title")
                yield FactTable(FACT_COLUMNS, fact_cells, id="document-facts", marks=self.app.pins,
                                empty="No facts were extracted from this document")
        yield Footer()

    def on_mount(self) -> None:
        if self.document is None:
            return
        try:
            table = self.facts_table
        except NoMatches:  # closed before it was shown (enter then escape at once)
            return
        table.set_rows(self.facts, keep_cursor=False)
        if self._hold_span is not None:
            span = self._hold_span
            self.view.set_highlight((span.start, span.end), self._sentence_range(span))
            after = next((i for i, f in enumerate(self.facts) if f.span.start >= span.start), 0)
            self._ignore_highlights = 1
            if after:
                self._ignore_highlights = 2
                table.move_to(table._key(self.facts[after]))
        elif self.fact_id is not None:
            table.move_to(self.fact_id)
        table.focus()
        self._show_position()

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def facts_table(self) -> FactTable:
        return self.query_one("#document-facts", FactTable)

    @property
    def current_fact(self) -> Any:
        return self.facts_table.current if self.document else None

    def _sentence_range(self, span: Span) -> tuple[int, int] | None:
        sentence = self.index.sentence_of(span.doc_id, span.sentence)
        return (sentence.start, sentence.end) if sentence else None

    def _show_position(self) -> None:
        if self.document is None:
            return
        total = len(self.facts)
        where = f"{self.facts_table.cursor + 1} of {total}" if total else "none"
        self.query_one("#document-facts-title", Label).update(
            Content(f"Facts here: {where} · n / N"))

    @on(FactTable.Highlighted, "#document-facts")
    def _fact_highlighted(self, event: FactTable.Highlighted) -> None:
        event.stop()
        if self._ignore_highlights:  # moves made while opening: keep the mention highlighted
            self._ignore_highlights -= 1
            self._show_position()
            return
        fact = event.item
        if fact is not None:
            self.fact_id = fact.id
            self.view.set_highlight((fact.span.start, fact.span.end), self._sentence_range(fact.span))
        self._show_position()

    @on(FactTable.Selected, "#document-facts")
    def _fact_selected(self, event: FactTable.Selected) -> None:
        event.stop()
        self._ignore_highlights = 0
        fact = event.item
        self.view.set_highlight((fact.span.start, fact.span.end), self._sentence_range(fact.span))

    def action_next_fact(self) -> None:
        if self.document is not None:
            self._ignore_highlights = 0
            self.facts_table.action_cursor_down()

    def action_previous_fact(self) -> None:
        if self.document is not None:
            self._ignore_highlights = 0
            self.facts_table.action_cursor_up()

    def action_back(self) -> None:
        close(self)

    @property
    def title_text(self) -> str:
        return clean(self.document.display_title) if self.document else ""
