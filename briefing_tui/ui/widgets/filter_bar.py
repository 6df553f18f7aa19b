"""The filter bar: the one set of filters every pane shares, always on screen.

Typing (search text, years) is debounced: results follow ~150 ms after the last key, and
the main screen computes them in a worker. Countries, topic and speaker are chosen in a
picker (keys c, t, s or a click on their chip) and apply at once.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.scalar import Scalar
from textual.message import Message
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from briefing_tui.query import Filters, Index
from briefing_tui.ui.text import clean
from briefing_tui.ui.widgets.parts_line import PartsLine

PickKind = Literal["countries", "topics", "speaker"]
DEBOUNCE = 0.15


class FilterRequest(Message):
    """Any widget asks for new filters; the main screen applies them through the bar."""

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters


def _year(text: str) -> int | None:
    return int(text) if len(text) == 4 and text.isdigit() else None


class FilterChips(PartsLine):
    """The line of chips, one per chosen filter ("c Countries: Ghana, Chile"), and the hint
    at its end: a click on a chip opens its picker. One widget where a widget per chip was
    laid out, styled and drawn on its own (about 2 ms of the seeds' start-up); a chip whose
    value did not change draws nothing anew."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"filter-chips--chip", "filter-chips--active", "filter-chips--hover",
                                             "filter-chips--hint"}
    CHIP_GAP = 3
    CHIP_MAX = 50  # a chip's longest, in cells: a long list of countries ends in "…"
    HINT = "esc / x clears all"

    def __init__(self, chips: tuple[tuple[PickKind, str, str], ...]) -> None:
        super().__init__(id="filter-chips")
        self.chips = chips  # (kind, title, key)
        self.values: dict[PickKind, str] = {kind: "" for kind, _, _ in chips}

    def show(self, values: dict[PickKind, str]) -> None:
        if values != self.values:
            self.values = dict(values)
            self.refresh()

    def render(self) -> Content:
        plain, active, hover, hint = (self.get_visual_style(f"filter-chips--{name}")
                                      for name in ("chip", "active", "hover", "hint"))
        chips: list[Content] = []
        self.parts = []
        x = 0
        for kind, title, key in self.chips:
            value = self.values[kind]
            style = (active if value else plain) + (hover if kind == self.hovered else Style())
            chip = Content.assemble((f"{key} ", "bold"), f"{title}: ", value or "any").stylize_before(style)
            chip = chip.truncate(self.CHIP_MAX, ellipsis=True)
            self.parts.append((x, x + chip.cell_length, kind))
            chips.append(chip)
            x += chip.cell_length + self.CHIP_GAP
        line = Content(" " * self.CHIP_GAP).join(chips)
        room = self.size.width - line.cell_length - self.CHIP_GAP
        if room >= len(self.HINT):
            line = Content.assemble(line, " " * (room - len(self.HINT) + self.CHIP_GAP),
                                    Content.styled(self.HINT, hint))
        return line

    def on_click(self, event: events.Click) -> None:
        kind = self.part_at(event.x)
        if kind is not None:
            event.stop()
            self.post_message(FilterBar.PickRequested(kind))


class FilterBar(Vertical):
    class Changed(Message):
        """The filters changed (after the debounce, when typing)."""

        def __init__(self, filters: Filters) -> None:
            super().__init__()
            self.filters = filters

    class PickRequested(Message):
        def __init__(self, kind: PickKind) -> None:
            super().__init__()
            self.kind = kind

    CHIPS: ClassVar[tuple[tuple[PickKind, str, str], ...]] = (  # kind, title, key
        ("countries", "Countries", "c"),
        ("topics", "Topic", "t"),
        ("speaker", "Speaker", "s"),
    )

    def __init__(self) -> None:
        super().__init__(id="filter-bar")
        self.filters = Filters()
        self.index = Index()
        self._timer: Timer | None = None
        self._count = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-row-text"):
            yield Label("/", classes="filter-key")
            yield Input(placeholder="search every fact and its sentence", id="search", compact=True)
            yield Label("years", classes="filter-label")
            yield Input(placeholder="from", id="year-from", restrict=r"\d{0,4}", max_length=4, compact=True)
            yield Label("–", classes="filter-label")
            yield Input(placeholder="to", id="year-to", restrict=r"\d{0,4}", max_length=4, compact=True)
            yield Static(id="filter-count")
        yield FilterChips(self.CHIPS)

    def on_mount(self) -> None:
        self._show_chips()

    # ------------------------------------------------------------ state

    def set_index(self, index: Index) -> None:
        self.index = index
        self._show_chips()

    def set_filters(self, filters: Filters) -> None:
        """Show `filters` in the widgets and announce them (no debounce: a deliberate change)."""
        self._cancel_timer()
        with self.prevent(Input.Changed):
            self._set_input("#search", filters.text)
            self._set_input("#year-from", "" if filters.year_from is None else str(filters.year_from))
            self._set_input("#year-to", "" if filters.year_to is None else str(filters.year_to))
        self._announce(filters)

    def clear(self) -> None:
        self.set_filters(Filters())

    @property
    def count(self) -> Static:
        """Where "3 of 30 events" is shown."""
        return self.query_one("#filter-count", Static)

    def reserve_count_width(self, *texts: str) -> None:
        """Make the count's slot as wide as the widest of `texts` (at least the stylesheet's
        min-width): given the widest counts the store can show ("N of N figures" for each pane's
        total N), the slot keeps its width whatever the pane and the filters, where a count of
        another width laid the whole screen out again (a pane switch at 10,000 articles: "3,000
        of 150,000 events", then "200 of 200 countries")."""
        count = self.count
        least = count.styles.base.min_width
        width = max((Content(text).cell_length for text in texts), default=0)
        width = max(width, (least.cells or 0) if least else 0)
        if count.styles.min_width != Scalar.from_number(width):
            count.styles.min_width = width

    def set_count(self, text: str) -> None:
        """Show "3 of 30 events"; the same text is not set again. The count's width is its
        text's (at least its min-width, see reserve_count_width): only a change of width lays
        the whole screen out again, which cost a pane switch a second layout and drawing of
        the screen."""
        if text != self._count:
            count = self.count
            content = Content(text)
            minimum = count.styles.min_width
            width = max(content.cell_length, (minimum.cells or 0) if minimum else 0)
            self._count = text
            count.update(content, layout=width != count.size.width)

    def flush(self) -> None:
        """Apply pending typing now (enter in the search box)."""
        if self._timer is not None:
            self._cancel_timer()
            self._from_inputs()

    def _set_input(self, selector: str, value: str) -> None:
        widget = self.query_one(selector, Input)
        if widget.value != value:
            widget.value = value

    def _announce(self, filters: Filters) -> None:
        if filters == self.filters:
            return
        self.filters = filters
        self._show_chips()
        self.post_message(self.Changed(filters))

    def _show_chips(self) -> None:
        f = self.filters
        values = {
            "countries": ", ".join(sorted(self.index.country_name(c) for c in f.countries)),
            "topics": ", ".join(sorted(f.topics)),
            "speaker": self.index.person_name(f.speaker) if f.speaker else "",
        }
        self.query_one(FilterChips).show({kind: clean(value) for kind, value in values.items()})

    # ------------------------------------------------------------ events

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._cancel_timer()
        self._timer = self.set_timer(DEBOUNCE, self._from_inputs)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _from_inputs(self) -> None:
        self._timer = None
        self._announce(self.filters.with_(
            text=self.query_one("#search", Input).value.strip(),
            year_from=_year(self.query_one("#year-from", Input).value),
            year_to=_year(self.query_one("#year-to", Input).value),
        ))
