"""The strip of pane tabs ("1 Timeline  2 Countries …") with the bar under the active one.

One widget that draws two lines, where Textual's TabbedContent is a dozen (tabs, underline,
scroll containers, a pane wrapper per tab): styling, laying out and drawing those took 15 ms
of the seeds' 0.21 s start-up. The panes themselves sit in a ContentSwitcher beside it (main.py). A click
on a tab asks the screen for its pane; the keys 1–4 are the screen's.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from briefing_tui.ui.widgets.parts_line import PartsLine

BAR, HALF_BAR_RIGHT, HALF_BAR_LEFT = "━", "╸", "╺"


class PaneTabs(PartsLine):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane-tabs--tab", "pane-tabs--active", "pane-tabs--hover", "pane-tabs--bar", "pane-tabs--highlight",
    }

    active: reactive[str] = reactive("")

    class Clicked(Message):
        """A tab was clicked: the screen opens its pane."""

        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, tabs: tuple[tuple[str, str], ...], active: str, *, id: str | None = None) -> None:
        """`tabs`: (pane id, label) in order."""
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(PaneTabs.active, active)
        x = 0
        for pane_id, label in tabs:
            width = cell_len(label) + 2  # a cell of padding each side
            self.parts.append((x, x + width, pane_id))  # the padding included
            x += width

    def render(self) -> Content:
        tab, active, hover = (self.get_visual_style(f"pane-tabs--{name}") for name in ("tab", "active", "hover"))
        labels = Content.assemble(*(
            (f" {label} ", active if pane_id == self.active else hover if pane_id == self.hovered else tab)
            for pane_id, label in self.tabs))
        return Content("\n").join((labels, self._bar()))

    def _bar(self) -> Content:
        """Textual's underline, drawn the same: the bar, its active part under the tab's label
        (without its padding), half bars of the background colour either side."""
        width = self.size.width
        bar, highlight = self.get_visual_style("pane-tabs--bar"), self.get_visual_style("pane-tabs--highlight")
        span = next(((start + 1, end - 1) for start, end, pane_id in self.parts if pane_id == self.active), None)
        if span is None or width <= 0:
            return Content.styled(BAR * max(width, 0), bar)
        start, end = span[0], min(span[1], width)
        before = BAR * max(start - 1, 0) + (HALF_BAR_RIGHT if start > 0 else "")
        after = (HALF_BAR_LEFT if end < width else "") + BAR * max(width - end - 1, 0)
        return Content.assemble((before, bar), (BAR * (end - start), highlight), (after, bar))

    def on_click(self, event: events.Click) -> None:
        pane_id = self.part_at(event.x)
        if pane_id is not None:
            event.stop()
            self.post_message(self.Clicked(pane_id))
