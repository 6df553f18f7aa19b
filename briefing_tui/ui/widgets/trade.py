"""The Trade pane: charts first (turnover by year, composition of trade), then every figure.

Charts are plain Rich text bars: they need no plotting library and stay readable in any
terminal. A turnover two sources disagree on is drawn solid to the lower value and shaded
to the higher one, and marked ⚠; the figures list names the other source of a conflict.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from briefing_tui.query import ExportImport, Index, TradeBar, format_value
from briefing_tui.ui.results import Results
from briefing_tui.ui.text import clean, plain
from briefing_tui.ui.widgets.fact_table import Cells, Column, FactTable
from briefing_tui.ui.widgets.pane import FILTER_BY_COUNTRY, Pane

if TYPE_CHECKING:
    from briefing_tui.models import Figure

EIGHTHS = " ▏▎▍▌▋▊▉█"
MAX_BARS = 60  # more than this is a list, not a chart: narrow by country
CHARTS_PENDING = Text("…", style="dim")  # while a worker makes the charts of new filters

COLUMNS = (
    Column("Year", width=5),
    Column("Kind", width=10),
    Column("Value", width=16, justify="right"),
    Column("Countries", width=16),
    Column("Measure", ratio=2),
    Column("Source", ratio=1, min_width=10),
    Column("Other sources", ratio=2),
)


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `fraction` of `width` cells long, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def _pair(index: Index, codes: Iterable[str]) -> str:
    return "–".join(index.country_name(c) for c in codes)


def value_range(low: float, high: float, unit: str) -> str:
    """'$210–250 million' when both ends share scale and currency, else '$900 million – $1.2 billion'."""
    lo, hi = format_value(low, unit), format_value(high, unit)
    lo_num, _, lo_word = lo.rpartition(" ")
    hi_num, _, hi_word = hi.rpartition(" ")
    prefix = os.path.commonprefix([lo_num, hi_num])
    prefix = prefix[: len(prefix) - len(prefix.lstrip("$€£¥₹₽₺ABCDEFGHIJKLMNOPQRSTUVWXYZ "))] if prefix else ""
    if lo_word == hi_word and lo_num and hi_num and prefix:
        return f"{lo_num}–{hi_num[len(prefix):]} {lo_word}"
    return f"{lo} – {hi}"


class Chart:
    """A chart's lines, rendered once for each width: Textual renders a Static's content
    twice when it is shown (to measure its height, then to draw it), and a chart of 60 bars
    costs 15–20 ms to render."""

    _rendered: tuple[tuple[Any, ...], list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.justify, options.overflow, options.no_wrap)
        if self._rendered is None or self._rendered[0] != key:
            self._rendered = (key, list(console.render(Group(*self.lines(options.max_width)), options)))
        yield from self._rendered[1]

    def lines(self, width: int) -> Iterator[Text]:
        raise NotImplementedError


class TurnoverChart(Chart):
    """Trade turnover by year: one bar per measured year and country pair."""

    def __init__(self, index: Index, bars: list[TradeBar]) -> None:
        self.index = index
        self.bars = bars

    def lines(self, width: int) -> Iterator[Text]:
        yield Text("Trade turnover by year", style="bold")
        if not self.bars:
            yield Text("no turnover figures match the filters", style="dim italic")
            return
        shown = self.bars[:MAX_BARS]
        peak = max(b.high for b in shown) or 1.0
        label_width = min(28, max(len(self._label(b)) for b in shown))
        value_width = max(len(self._value(b)) for b in shown)
        bar_width = max(4, width - label_width - value_width - 3)
        for b in shown:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append_text(plain(self._label(b)[:label_width].ljust(label_width)))
            line.append(" ")
            solid = bar(b.low / peak, bar_width).rstrip()
            line.append(solid, style="green")
            if b.conflict:
                shaded = max(0, round(b.high / peak * bar_width) - len(solid))
                line.append("░" * shaded, style="yellow")
                line.append(" " * max(0, bar_width - len(solid) - shaded))
            else:
                line.append(" " * max(0, bar_width - len(solid)))
            line.append(" ")
            line.append(self._value(b).rjust(value_width), style="bold yellow" if b.conflict else "bold")
            yield line
        if len(self.bars) > MAX_BARS:
            yield Text(f"… {len(self.bars) - MAX_BARS} more: filter by country to compare a pair", style="dim")

    def _label(self, b: TradeBar) -> str:
        return clean(f"{b.year if b.year is not None else 'n.d.'} {_pair(self.index, b.countries)}")

    @staticmethod
    def _value(b: TradeBar) -> str:
        if b.conflict:
            return f"⚠ {value_range(b.low, b.high, b.unit)}"
        return format_value(b.high, b.unit)


class CompositionChart(Chart):
    """What trade is made of: shares by flow (exports, imports) and exports vs imports."""

    def __init__(self, index: Index, shares: dict[str, list[Figure]], flows: list[ExportImport],
                 label_lengths: dict[str, int]) -> None:
        """`label_lengths`: each flow's longest label (`Results.share_label_lengths`), which
        sets its label column. A label is as long as its cleaned form (`clean` replaces one
        character by one), so only the labels drawn are cleaned."""
        self.index = index
        self.shares = shares
        self.flows = flows
        self.label_widths = {flow: min(26, length) for flow, length in label_lengths.items()}

    def lines(self, width: int) -> Iterator[Text]:
        yield Text("Composition of trade (shares)", style="bold")
        if not self.shares and not self.flows:
            yield Text("no shares or export/import figures match the filters", style="dim italic")
            return
        for flow, figures in self.shares.items():
            yield Text(flow.capitalize(), style="underline")
            label_width = self.label_widths[flow]
            bar_width = max(4, width - label_width - 10)
            for figure in figures[:MAX_BARS]:
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append_text(plain(clean(figure.label)[:label_width].ljust(label_width)))
                line.append(" ")
                line.append(bar(figure.value / 100, bar_width), style="cyan")
                line.append(f" {format_value(figure.value, '%'):>7}", style="bold")
                yield line
        for row in self.flows[:MAX_BARS]:
            yield self._balance(row, width)

    def _balance(self, row: ExportImport, width: int) -> Text:
        """Exports against imports as one split bar: the left share is exports."""
        label = clean(f"{row.year if row.year is not None else 'n.d.'} {_pair(self.index, row.countries)}")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append_text(plain(label))
        line.append("  exports ")
        line.append(format_value(row.exports, row.unit) if row.exports is not None else "?", style="bold")
        line.append(" / imports ")
        line.append(format_value(row.imports, row.unit) if row.imports is not None else "?", style="bold")
        if row.exports is not None and row.imports is not None and row.exports + row.imports > 0:
            bar_width = max(4, width - line.cell_len - 2)
            left = round(row.exports / (row.exports + row.imports) * bar_width)
            line.append(" ")
            line.append("█" * left, style="green")
            line.append("█" * (bar_width - left), style="magenta")
        return line


def figure_cells(index: Index, figure: Figure) -> Cells:
    document = index.documents.get(figure.doc_id)
    group = index.figure_groups.get(figure.group_id or "")
    others = Text()
    value_style = ""
    if group is not None and group.conflict:
        value_style = "bold yellow"
        notes = []
        for other, disagrees in index.other_reports(figure):
            other_doc = index.documents.get(other.doc_id)
            source = other_doc.display_title if other_doc else other.doc_id
            value = format_value(other.value, other.unit, other.approximate)
            notes.append(f"≠ {value} · {source}" if disagrees else f"= {source}")
        others = plain("⚠ " + "; ".join(notes), style="yellow")
    return (
        Text(str(figure.year) if figure.year is not None else "—"),
        Text(figure.kind.replace("trade_", "").replace("_", " ")),
        Text(("⚠ " if value_style else "") + format_value(figure.value, figure.unit, figure.approximate),
             style=value_style or "bold"),
        plain(", ".join(index.country_name(c) for c in figure.countries)),
        plain(figure.label),
        plain(document.display_title if document else figure.doc_id, style="dim"),
        others,
    )


class TradePane(Pane):
    pane_id = "trade"
    title = "Trade"
    noun = "figures"

    BINDINGS: ClassVar[list[BindingType]] = [FILTER_BY_COUNTRY]

    def compose(self) -> ComposeResult:
        with Horizontal(id="trade-charts"):
            with VerticalScroll(id="turnover-chart-box", can_focus=False):
                yield Static(id="turnover-chart")
            with VerticalScroll(id="composition-chart-box", can_focus=False):
                yield Static(id="composition-chart")
        yield FactTable(COLUMNS, lambda figure: figure_cells(self.index, figure), id="figure-table",
                        marks=self.app.pins)

    def show(self, index: Index, results: Results) -> None:
        self.show_rows(index, results)
        self.query_one("#turnover-chart", Static).update(TurnoverChart(index, results.turnover))
        self.query_one("#composition-chart", Static).update(
            CompositionChart(index, results.shares, results.exports_imports, results.share_label_lengths))

    def show_rows(self, index: Index, results: Results) -> bool:
        """The figures are in every Results: they are shown at once, and the charts, which
        take a worker a moment at 10,000 articles, say they follow (not the old filters' bars)."""
        self.index = index
        self.filters = results.filters
        if self.table.rows is not results.figures:  # shown already while the charts were made
            self.table.set_rows(results.figures)
        if not results.ready(self.pane_id):
            for chart in ("#turnover-chart", "#composition-chart"):
                self.query_one(chart, Static).update(CHARTS_PENDING)
        return True

    def action_toggle_countries(self) -> None:
        from briefing_tui.models import Figure

        figure = self.table.current
        if isinstance(figure, Figure):
            self.toggle_countries(figure.countries)

    def chart_text(self) -> dict[str, Any]:
        """The charts' renderables (tests read them)."""
        return {
            "turnover": self.query_one("#turnover-chart", Static).content,
            "composition": self.query_one("#composition-chart", Static).content,
        }
