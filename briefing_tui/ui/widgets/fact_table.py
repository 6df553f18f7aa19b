"""The virtual list every pane is built on: it renders only the rows on screen.

Textual's DataTable builds every row up front (about 12 s for 100,000 rows). This is a Line
API ScrollView over a plain Python sequence (the Index's filtered lists), so 200,000 rows
cost no more to show than 20: `render_line` formats a row only when it is visible, and
recently drawn lines are cached. It has a sticky header, a cursor (keys and mouse), a pin
marker gutter, and full-width rows for section headings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Container, Iterator, Sequence
from itertools import accumulate, chain, compress, count, repeat
from operator import is_
from typing import Any, ClassVar, Literal, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui.ui.text import clean, has_control


class Column(NamedTuple):  # named tuples: a fifth of what a frozen dataclass costs the import
    title: str
    width: int = 0  # fixed width in cells; 0: flexible
    ratio: int = 1  # flexible columns share what is left by ratio
    justify: Literal["left", "right"] = "left"
    min_width: int = 6


# One Text (or plain str) per column, or a single Text for a full-width row (a heading).
Cells = Sequence["Text | str"] | Text

GUTTER = 2  # the pin marker column
KEY_SCAN_ROWS = 20_000  # beyond this, a row is looked for by identity only: a Python scan costs 0.1 s
PIN_MARK = "◆"
FOCUS_PSEUDO_CLASSES = frozenset({"focus", "blur", "focus-within"})


class Heading(NamedTuple):
    """A full-width, non-selectable row: a section title or a separator ("Undated events")."""

    label: str
    id: str = ""


class ConcatRows(Sequence[Any]):
    """Several sequences read as one list of rows, none of them copied: a list of a pane's
    150,000 facts would be walked by every full garbage collection (see query.FactsAt)."""

    def __init__(self, parts: Sequence[Sequence[Any]]) -> None:
        self._parts = [part for part in parts if len(part)]
        self._ends = list(accumulate(map(len, self._parts)))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __getitem__(self, i: int) -> Any:  # type: ignore[override]
        n = i + len(self) if i < 0 else i
        if not 0 <= n < len(self):
            raise IndexError(i)
        part = bisect_right(self._ends, n)
        return self._parts[part][n - (self._ends[part - 1] if part else 0)]

    def __iter__(self) -> Iterator[Any]:
        return chain.from_iterable(self._parts)


def _item_key(item: Any) -> Any:
    if isinstance(item, Heading):
        return ("heading", item.id or item.label)
    return getattr(item, "id", item)


class FactTable(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven list of any length; rows are formatted on demand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        Binding("enter", "select", "Open source", tooltip="open the row's source document, evidence highlighted"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fact-table--header",
        "fact-table--cursor",
        "fact-table--cursor-blurred",
        "fact-table--heading",
        "fact-table--message",
        "fact-table--pin",
    }

    class Highlighted(Message):
        """The cursor moved to `item` (None when the list is empty)."""

        def __init__(self, table: FactTable, item: Any, index: int) -> None:
            super().__init__()
            self.table = table
            self.item = item
            self.index = index

        @property
        def control(self) -> FactTable:
            return self.table

    class Selected(Message):
        """Enter (or a double click) on `item`."""

        def __init__(self, table: FactTable, item: Any, index: int) -> None:
            super().__init__()
            self.table = table
            self.item = item
            self.index = index

        @property
        def control(self) -> FactTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[Any], Cells],
        *,
        key: Callable[[Any], Any] = _item_key,
        selectable: Callable[[Any], bool] | None = None,
        empty: str = "Nothing to show",
        marks: Container[Any] = (),
        show_header: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self._cells = cells
        self._key = key
        self._selectable = selectable
        self._empty = empty
        self.marks = marks
        self.show_header = show_header
        self.rows: Sequence[Any] = ()
        self._cursor = 0
        self._widths: list[int] = []
        self._cache: LRUCache[tuple[Any, ...], Strip] = LRUCache(2048)
        self._styles_drawn: tuple[Style, ...] = ()
        self._style = Style()  # the list's own, then each component class's: see _check_styles
        self._component: dict[str, Style] = {}
        self._styles_checked = False
        self._scrollbars_synced: tuple[Size, Size, Size] | None = None

    # ------------------------------------------------------------ data

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def current(self) -> Any:
        """The row under the cursor, None when there is none (or it is a heading)."""
        if 0 <= self._cursor < len(self.rows) and self._is_selectable(self._cursor):
            return self.rows[self._cursor]
        return None

    @property
    def empty_text(self) -> str:
        return self._empty

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        if text == self._empty:  # set for every pane on every filter change: keep the drawn rows
            return
        self._empty = text
        self._cache.clear()
        self.refresh()

    def set_rows(self, rows: Sequence[Any], *, keep_cursor: bool = True) -> None:
        """Show `rows`; the cursor stays on the same item when it is still there."""
        previous = self.current if keep_cursor else None
        position = self._cursor if keep_cursor else 0
        self.rows = rows
        self._cache.clear()
        if previous is not None:
            position = self._find(rows, previous, position)
        self._update_virtual_size()
        self._set_cursor(self._nearest_selectable(min(position, max(0, len(rows) - 1)), 1), force=True)
        if not keep_cursor:
            self.scroll_to(y=0, animate=False, force=True)
        self.refresh()

    def _find(self, rows: Sequence[Any], item: Any, position: int) -> int:
        """Where `item` is in `rows` (else `position`): at `position` often; else the same
        object, found by a scan in C; else, in a list short enough to scan in Python, a row
        with its key (the same fact from a reloaded store)."""
        wanted = self._key(item)
        if position < len(rows) and self._key(rows[position]) == wanted:
            return position
        found = next(compress(count(), map(is_, rows, repeat(item))), None)
        if found is None and len(rows) <= KEY_SCAN_ROWS:
            found = next((i for i, row in enumerate(rows) if self._key(row) == wanted), None)
        return position if found is None else found

    def move_to(self, key: Any) -> bool:
        """Put the cursor on the row whose key is `key`; False when it is not shown."""
        index = next((i for i, row in enumerate(self.rows) if self._key(row) == key), None)
        if index is None:
            return False
        self._set_cursor(index)
        return True

    def refresh_rows(self) -> None:
        """Redraw (after pins or a theme changed)."""
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------ cursor

    @property
    def _top(self) -> int:
        return 1 if self.show_header else 0

    def _is_selectable(self, index: int) -> bool:
        row = self.rows[index]
        if isinstance(row, Heading):
            return False
        return self._selectable is None or self._selectable(row)

    def _nearest_selectable(self, index: int, direction: int) -> int:
        if not self.rows:
            return 0
        for step in (direction, -direction):
            i = index
            while 0 <= i < len(self.rows):
                if self._is_selectable(i):
                    return i
                i += step
        return index

    def _set_cursor(self, index: int, *, force: bool = False) -> None:
        index = max(0, min(index, len(self.rows) - 1)) if self.rows else 0
        if index == self._cursor and not force:
            return
        self._cursor = index
        self._cache.clear()
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current, index))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - self._top - 1)

    def _move(self, delta: int) -> None:
        if not self.rows:
            return
        target = max(0, min(self._cursor + delta, len(self.rows) - 1))
        self._set_cursor(self._nearest_selectable(target, 1 if delta > 0 else -1))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height - self._top
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_first(self) -> None:
        if self.rows:
            self._set_cursor(self._nearest_selectable(0, 1))

    def action_last(self) -> None:
        if self.rows:
            self._set_cursor(self._nearest_selectable(len(self.rows) - 1, -1))

    def action_select(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Selected(self, item, self._cursor))

    # ------------------------------------------------------------ events

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._top:
            return
        index = round(self.scroll_y) + offset.y - self._top
        if 0 <= index < len(self.rows) and self._is_selectable(index):
            self.focus()
            self._set_cursor(index)
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        """Drawn rows stay cached (keyed by width): a pane shown again is resized from nothing."""
        self._update_virtual_size()
        self._scroll_to_cursor()

    # Focus changes only the cursor row, whose cache key says whether the list has the focus:
    # the other rows are drawn from the cache, which keeps a pane switch cheap.
    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle only when a style rule reads the focus: Textual restyles a widget whenever
        it gains or loses the focus, here the list, its six component classes and its scroll
        bars, which a pane switch paid twice (2–10 ms each) for the same styles."""
        if self._styled_by_focus():
            super().watch_has_focus(has_focus)

    def _styled_by_focus(self) -> bool:
        """Whether a rule that may apply to the list, its component classes or its scroll bars
        has a focus pseudo-class (anywhere in its selector, as Textual's own check does)."""
        names = set(self._selector_names)
        names.update(f".{component}" for component in self.COMPONENT_CLASSES)
        names.update(self.vertical_scrollbar._selector_names, self.horizontal_scrollbar._selector_names)
        rules_map = self.app.stylesheet.rules_map
        return any(not FOCUS_PSEUDO_CLASSES.isdisjoint(rule.pseudo_classes)
                   for name in rules_map.keys() & names for rule in rules_map[name])

    def notify_style_update(self) -> None:
        """Textual restyles on every focus change; the drawn rows stay until a style they use
        changes (checked when next drawn: the component styles are not ready here at mount)."""
        super().notify_style_update()
        self._styles_checked = False

    def _check_styles(self) -> None:
        """Take the styles rows are drawn with (once: Textual works each out anew when asked)."""
        names = sorted(self.COMPONENT_CLASSES)
        styles = (self.rich_style, *(self.get_component_rich_style(name) for name in names))
        if styles != self._styles_drawn:
            self._styles_drawn = styles
            self._style, self._component = styles[0], dict(zip(names, styles[1:]))
            self._cache.clear()
        self._styles_checked = True

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Sync the scroll bars only when the list's size, its container or its rows changed.

        Textual's compositor gives a non-container ScrollView its content region as the virtual
        size, which never equals a list's own (one cell by its rows), so ScrollView resynced and
        repainted the scroll bars at every layout of the screen: on a pane switch a second,
        full-height frame (every container under the bar draws its lines again)."""
        synced = (size, container_size, self.virtual_size)
        if synced == self._scrollbars_synced:
            return False
        self._scrollbars_synced = synced
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(1, len(self.rows) + self._top)

    # ------------------------------------------------------------ rendering

    def _column_widths(self, width: int) -> list[int]:
        columns = self.columns
        available = width - GUTTER - max(0, len(columns) - 1)
        fixed = sum(c.width for c in columns if c.width)
        flexible = [c for c in columns if not c.width]
        remaining = max(0, available - fixed)
        ratio_total = sum(c.ratio for c in flexible) or 1
        widths = [c.width or max(c.min_width, remaining * c.ratio // ratio_total) for c in columns]
        if flexible:  # rounding leftovers go to the last flexible column
            last = max(i for i, c in enumerate(columns) if not c.width)
            widths[last] += max(0, available - sum(widths))
        return widths

    def _line(self, parts: Cells, width: int, style: Style | str, marker: Text | None = None) -> Text:
        line = Text(style=style, no_wrap=True, end="")
        line.append_text(marker or Text(" " * GUTTER))
        if isinstance(parts, Text):
            body = parts.copy()
            body.truncate(max(0, width - GUTTER), overflow="ellipsis", pad=True)
            line.append_text(body)
        else:
            widths = self._column_widths(width)
            for n, (part, column, cell_width) in enumerate(zip(parts, self.columns, widths)):
                cell = part.copy() if isinstance(part, Text) else Text(clean(str(part)))
                cell.no_wrap = True
                cell.end = ""
                cell.truncate(cell_width, overflow="ellipsis")
                cell.align(column.justify, cell_width)
                if n:
                    line.append(" ")
                line.append_text(cell)
        if has_control(line.plain):  # last line of defence: article text must never drive the terminal
            line = Text(clean(line.plain), style=line.style, spans=line.spans, no_wrap=True, end="")
        return line

    def _row_strip(self, parts: Sequence[Text | str], width: int, style: Style, marker: Text | None) -> Strip | None:
        """The strip `_strip(_line(...))` draws for a row of cells without spans of their own
        (every list's rows), made from segments: the same segments without a Text copied,
        truncated, aligned and appended per cell, then rendered (the seeds' first 34 rows:
        6.3 ms with them, 5.0 ms without). None for a row with spans: the Text path draws it."""
        if marker is not None and marker.spans or any(isinstance(part, Text) and part.spans for part in parts):
            return None
        get_style = self.app.console.get_style
        pieces: list[tuple[str, Style | None]] = [(marker.plain, get_style(marker.style) if marker.style else None)
                                                  if marker is not None else (" " * GUTTER, None)]
        for n, (part, column, cell_width) in enumerate(zip(parts, self.columns, self._column_widths(width))):
            if isinstance(part, Text):
                text, cell_style = clean(part.plain), part.style
            else:
                text, cell_style = clean(str(part)), ""
            length = cell_len(text)
            if length > cell_width:
                text = set_cell_size(text, cell_width - 1) + "…"
                length = cell_len(text)
            padding = " " * (cell_width - length)
            text = padding + text if column.justify == "right" else text + padding
            if n:
                pieces.append((" ", None))
            pieces.append((text, get_style(cell_style) if cell_style else None))
        segments: list[Segment] = []
        plain: list[str] = []  # unstyled pieces in a row are one segment, as Text.render yields them
        for text, cell_style in pieces:
            if cell_style is None:
                plain.append(text)
                continue
            if plain:
                segments.append(Segment("".join(plain), style))
                plain = []
            segments.append(Segment(text, style + cell_style))
        if plain:
            segments.append(Segment("".join(plain), style))
        return Strip(segments).adjust_cell_length(width, self._style).apply_style(self._style)

    def _strip(self, line: Text, width: int) -> Strip:
        # Text.render leaves out the Text's own style when it has no spans: apply it here
        row_style = line.style if isinstance(line.style, Style) else Style.parse(line.style or "none")
        segments = list(line.render(self.app.console))
        return (Strip(segments).apply_style(row_style).adjust_cell_length(width, self._style)
                .apply_style(self._style))

    def _message_lines(self, width: int) -> list[Text]:
        """The empty-list message wrapped to the width (it may name a long seeds path)."""
        key = ("message", width)
        if key not in self._cache:
            message = Text(clean(self._empty), style=self._component["fact-table--message"])
            self._cache[key] = list(message.wrap(self.app.console, max(1, width - GUTTER)))  # type: ignore[assignment]
        return self._cache[key]  # type: ignore[return-value]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width <= 0:
            return Strip.blank(0)
        if not self._styles_checked:
            self._check_styles()
        if self.show_header and y == 0:
            key: tuple[Any, ...] = ("header", width)
            if key not in self._cache:
                header = [Text(c.title) for c in self.columns]
                self._cache[key] = self._strip(
                    self._line(header, width, self._component["fact-table--header"]), width)
            return self._cache[key]
        index = round(self.scroll_y) + y - self._top
        if not self.rows:
            lines = self._message_lines(width)
            if 0 <= index < len(lines):
                return self._strip(self._line(lines[index], width, ""), width)
            return Strip.blank(width, self._style)
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self._style)
        item = self.rows[index]
        selectable = self._is_selectable(index)
        pinned = selectable and self._key(item) in self.marks
        is_cursor = index == self._cursor and selectable
        key = (index, width, is_cursor, is_cursor and self.has_focus, pinned)
        strip = self._cache.get(key)
        if strip is None:
            if is_cursor:
                style = self._component["fact-table--cursor" if self.has_focus else "fact-table--cursor-blurred"]
            else:
                style = Style() if selectable else self._component["fact-table--heading"]
            marker = Text(f"{PIN_MARK} ", style=self._component["fact-table--pin"]) if pinned else None
            cells = Text(clean(item.label)) if isinstance(item, Heading) else self._cells(item)
            strip = None if isinstance(cells, Text) else self._row_strip(cells, width, style, marker)
            if strip is None:
                strip = self._strip(self._line(cells, width, style, marker), width)
            self._cache[key] = strip
        return strip
