"""A widget that draws a line of parts the mouse points at: the pane tabs, the filter chips,
the footer's keys.

Each is one widget where Textual makes a widget per part (for the tabs and the footer, an
eighth of the seeds' start-up). It draws its parts, says where they are (`parts`, set as
it draws them or once), and highlights the one under the mouse (`hovered`); what a click
does is its own.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.reactive import reactive
from textual.widget import Widget


class PartsLine(Widget):
    ALLOW_SELECT = False

    hovered: reactive[Any] = reactive(None)  # the part under the mouse

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[tuple[int, int, Any]] = []  # (first cell, cell after the last, part)

    def part_at(self, x: int) -> Any:
        return next((part for start, end, part in self.parts if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.part_at(event.x)

    def on_leave(self) -> None:
        self.hovered = None
