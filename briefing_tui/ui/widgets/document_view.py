"""A document's text with one fact's evidence highlighted and scrolled into view.

Wrapping is done here, keeping each screen line's character offsets into the document, so
a fact's span (offsets into the normalised text) maps straight to screen lines: the
evidence is highlighted exactly and the view scrolls to it. Only visible lines are drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui.ui.text import clean_keep_lines

_TOKEN = re.compile(r"\S+\s*|\s+")
MARGIN = 1


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each screen line of `text` wrapped at `width` cells; newlines end paragraphs."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while True:
        end = text.find("\n", start)
        if end == -1:
            end = length
        line_start, line_width = start, 0
        for match in _TOKEN.finditer(text, start, end):
            token = match.group()
            words = cell_len(token.rstrip())
            if line_width and line_width + words > width:
                lines.append((line_start, match.start()))
                line_start, line_width = match.start(), 0
            while words > width:  # a word longer than the line: cut it
                cut = line_start
                used = 0
                while cut < match.end() and used + cell_len(text[cut]) <= width:
                    used += cell_len(text[cut])
                    cut += 1
                cut = max(cut, line_start + 1)  # a character wider than the line still advances
                lines.append((line_start, cut))
                line_start = cut
                token = text[cut:match.end()]
                words = cell_len(token.rstrip())
            line_width += cell_len(token)
        if line_start < end or line_start == start:  # an empty paragraph is still a line
            lines.append((line_start, end))
        if end >= length:
            return lines
        start = end + 1


class DocumentView(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--evidence",
        "document-view--sentence",
        "document-view--excluded",
    }

    def __init__(self, text: str, excluded: list[tuple[int, int]] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = clean_keep_lines(text)
        self.excluded = list(excluded or ())
        self.evidence: tuple[int, int] | None = None
        self.sentence: tuple[int, int] | None = None
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0
        self._scroll_pending = False

    # ------------------------------------------------------------ highlight

    def set_highlight(self, evidence: tuple[int, int] | None, sentence: tuple[int, int] | None = None) -> None:
        """Highlight `evidence` (and its sentence, more faintly) and bring it into view."""
        self.evidence = evidence
        self.sentence = sentence
        self.refresh()
        self._scroll_pending = True
        self._scroll_to_highlight()

    def line_of(self, offset: int) -> int:
        """The screen line holding character `offset` (at the current wrap width)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    @property
    def highlighted_text(self) -> str:
        return self.text[self.evidence[0]:self.evidence[1]] if self.evidence else ""

    def visible_lines(self) -> range:
        top = round(self.scroll_y)
        return range(top, min(len(self._lines), top + self.scrollable_content_region.height))

    def _scroll_to_highlight(self) -> None:
        if not self._scroll_pending or self.evidence is None or not self._lines:
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        self._scroll_pending = False
        first, last = self.line_of(self.evidence[0]), self.line_of(max(self.evidence[0], self.evidence[1] - 1))
        if first in self.visible_lines() and last in self.visible_lines():
            return
        self.scroll_to(y=max(0, first - height // 3), animate=False, force=True)

    # ------------------------------------------------------------ layout and rendering

    def on_resize(self) -> None:
        width = max(1, self.scrollable_content_region.width - 2 * MARGIN)
        if width != self._width:
            self._width = width
            self._lines = wrap_offsets(self.text, width)
            self._starts = [start for start, _ in self._lines]
            self.virtual_size = Size(1, len(self._lines))
            self._scroll_pending = True
        self._scroll_to_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        start, end = self._lines[index]
        line = Text(" " * MARGIN + self.text[start:end], no_wrap=True, end="")

        def paint(span: tuple[int, int] | None, style: Style) -> None:
            if span is None:
                return
            a, b = max(span[0], start), min(span[1], end)
            if a < b:
                line.stylize(style, a - start + MARGIN, b - start + MARGIN)

        for excluded in self.excluded:
            paint(excluded, self.get_component_rich_style("document-view--excluded"))
        paint(self.sentence, self.get_component_rich_style("document-view--sentence"))
        paint(self.evidence, self.get_component_rich_style("document-view--evidence"))
        segments = list(line.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, self.rich_style).apply_style(self.rich_style)
