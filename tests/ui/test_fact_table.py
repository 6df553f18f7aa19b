"""The virtual list: 200,000 rows cost what the visible ones cost; cursor by keys and mouse."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import settle
from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.strip import Strip

from briefing_tui.ui.widgets.fact_table import Column, ConcatRows, FactTable, Heading

ROWS = 200_000


@dataclass(frozen=True)
class Row:
    id: str
    n: int


class TableApp(App[None]):
    CSS = "FactTable { height: 1fr; }"

    def __init__(self, rows: list, marks=()) -> None:
        super().__init__()
        self.rows = rows
        self.marks = marks
        self.formatted: list[int] = []
        self.selected: list[Row] = []

    def cells(self, row: Row):
        self.formatted.append(row.n)
        return (f"row {row.n}", f"{row.n * 7}")

    def compose(self) -> ComposeResult:
        yield FactTable((Column("Name", ratio=1), Column("Value", width=10, justify="right")), self.cells,
                        marks=self.marks)

    def on_mount(self) -> None:
        self.query_one(FactTable).set_rows(self.rows)

    def on_fact_table_selected(self, event: FactTable.Selected) -> None:
        self.selected.append(event.item)


def big() -> list[Row]:
    return [Row(f"r{n}", n) for n in range(ROWS)]


async def test_two_hundred_thousand_rows_format_only_what_is_visible():
    app = TableApp(big())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        assert len(app.formatted) <= 2 * 24, "only the visible rows are formatted"
        app.formatted.clear()
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == ROWS - 1 and table.current.n == ROWS - 1
        assert set(app.formatted) <= set(range(ROWS - 30, ROWS))
        lines = [table.render_line(y).text for y in range(24)]
        assert lines[0].strip().startswith("Name")
        assert lines[-1].strip().startswith(f"row {ROWS - 1}")
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor == 0 and table.scroll_y == 0
        assert table.render_line(1).text.strip().startswith("row 0")


async def test_cursor_keys_pages_and_scrolling_follow_the_cursor():
    app = TableApp(big())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        await pilot.press("j", "j", "down", "k")
        assert table.cursor == 2
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - 2
        assert table.cursor == 2 + page
        assert table.scroll_y <= table.cursor < table.scroll_y + table.scrollable_content_region.height - 1
        await pilot.press("pageup", "pageup")
        assert table.cursor == 0
        await pilot.press("G")
        assert table.cursor == ROWS - 1
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("enter")
        await settle(pilot)
        assert [r.n for r in app.selected] == [0]


async def test_mouse_click_moves_the_cursor_and_wheel_scrolls():
    app = TableApp(big())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        await pilot.click(FactTable, offset=(5, 4))  # header is line 0: the fourth row
        assert table.cursor == 3
        await pilot.click(FactTable, offset=(5, 0))  # the header: nothing
        assert table.cursor == 3
        for _ in range(3):  # the wheel (Pilot has no public helper for it)
            await pilot._post_mouse_events([events.MouseScrollDown], FactTable, offset=(5, 5))
        await settle(pilot)
        assert table.scroll_y > 0
        top = round(table.scroll_y)
        await pilot.click(FactTable, offset=(5, 1))
        assert table.cursor == top


async def test_headings_are_skipped_and_pins_marked():
    rows = [Heading("first"), Row("a", 1), Heading("second"), Row("b", 2)]
    app = TableApp(rows, marks={"b"})
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        assert table.cursor == 1 and table.current.id == "a"
        await pilot.press("j")
        assert table.current.id == "b"
        await pilot.press("k")
        assert table.current.id == "a"
        lines = [table.render_line(y).text for y in range(5)]
        assert lines[1].strip() == "first" and lines[4].startswith("◆ row 2")


async def test_set_rows_keeps_the_cursor_on_the_same_item():
    rows = big()[:1000]
    app = TableApp(rows)
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        await pilot.press(*["j"] * 10)
        assert table.current.n == 10
        table.set_rows(rows[5:])
        assert table.current.n == 10 and table.cursor == 5
        table.set_rows([Row(r.id, r.n) for r in rows])  # the same items reloaded: found by key
        assert table.current.n == 10 and table.cursor == 10
        long = big()
        table.set_rows(long)
        assert table.current is long[10]
        table.set_rows(long[::-1])  # a long list: the same object is found (a scan in C) ...
        assert table.current is long[10] and table.cursor == ROWS - 11
        table.set_rows([Row(r.id, r.n) for r in long])  # ... an equal one is not looked for
        assert table.cursor == ROWS - 11 and table.current.n == ROWS - 11
        table.set_rows([])
        assert table.current is None
        assert "Nothing to show" in table.render_line(1).text


async def test_moving_the_focus_redraws_only_the_cursor_row():
    """A pane switch moves the focus between lists: the other rows come from the cache."""

    class TwoTables(TableApp):
        def compose(self) -> ComposeResult:
            yield from super().compose()
            yield FactTable((Column("Other"),), lambda row: (str(row),), id="other")

    app = TwoTables([Row(f"r{n}", n) for n in range(30)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        table.focus()
        await settle(pilot)
        app.formatted.clear()
        app.query_one("#other").focus()
        await settle(pilot)
        table.focus()
        await settle(pilot)
        assert set(app.formatted) == {table.cursor}, "only the cursor row changes with the focus"
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert len(set(app.formatted)) > 1, "a new theme redraws every row"


async def test_a_list_shown_again_draws_from_its_cache():
    """A pane switched back to is resized from nothing: its rows need not be formatted again."""
    app = TableApp([Row(f"r{n}", n) for n in range(30)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        table.display = False
        await settle(pilot)
        app.formatted.clear()
        table.display = True
        await settle(pilot)
        assert set(app.formatted) <= {table.cursor}, "only the cursor row, which lost and got the focus"
        assert table.render_line(2).text.strip().startswith("row 1")
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
        assert app.formatted, "a new width formats the rows again"


def test_concatenated_rows_read_as_one_list():
    parts = [[Row("a", 0), Row("b", 1)], (), (Heading("between"),), [Row("c", 2)]]
    rows = ConcatRows(parts)
    joined = [row for part in parts for row in part]
    assert len(rows) == 4 and list(rows) == joined
    assert [rows[i] for i in range(len(rows))] == joined and rows[-1] == Row("c", 2) and rows[-4] == Row("a", 0)
    for outside in (4, -5):
        with pytest.raises(IndexError):
            rows[outside]
    assert len(ConcatRows([])) == 0 and list(ConcatRows([(), ()])) == []


async def test_a_cursor_is_kept_in_concatenated_rows():
    rows = big()
    app = TableApp(ConcatRows([rows[:100], (Heading("gap"),), rows[100:]]))
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(FactTable)
        table.action_last()
        await settle(pilot)
        assert table.current is rows[-1]
        table.set_rows(ConcatRows([rows[:5], rows[-3:]]))
        assert table.current is rows[-1] and table.cursor == 7


async def test_a_layout_elsewhere_leaves_the_scroll_bar_alone():
    """Every layout of the screen (a pane switch) repainted each visible list's scroll bar, a
    full-height strip that made every container under it draw its lines again; the bar now
    changes only with the list's rows or size."""
    app = TableApp([Row(f"r{n}", n) for n in range(100)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        bar = table.vertical_scrollbar
        assert table.show_vertical_scrollbar and bar.window_virtual_size == 101
        repaints = []
        real_refresh = bar.refresh
        bar.refresh = lambda *args, **kwargs: repaints.append(1) or real_refresh(*args, **kwargs)
        app.screen.refresh(layout=True)
        await settle(pilot)
        assert not repaints, "the same list in the same place keeps its scroll bar"
        table.set_rows([Row(f"r{n}", n) for n in range(300)])
        await settle(pilot)
        assert repaints and bar.window_virtual_size == 301, "new rows resize the bar"
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert bar.window_size == table.scrollable_content_region.height, "a new height too"
        table.set_rows([Row("r0", 0)])
        await settle(pilot)
        assert not table.show_vertical_scrollbar, "a list that fits has no bar"


def _both_ways(table: FactTable, width: int) -> list[tuple[Strip, Strip]]:
    """Each row's strip drawn from segments and from Rich Texts, as a plain row, the cursor's
    row and a pinned one."""
    from rich.text import Text

    table._check_styles()
    pairs = []
    for item in table.rows:
        if isinstance(item, Heading):
            continue
        cells = table._cells(item)
        if isinstance(cells, Text) or any(isinstance(c, Text) and c.spans for c in cells):
            continue
        pin = Text("◆ ", style=table._component["fact-table--pin"])
        for style, marker in ((Style(), None), (table._component["fact-table--cursor"], None), (Style(), pin)):
            fast = table._row_strip(cells, width, style, marker)
            assert fast is not None
            pairs.append((fast, table._strip(table._line(cells, width, style, marker), width)))
    return pairs


@pytest.mark.parametrize("hostile", [False, True])
async def test_rows_drawn_from_segments_are_those_rich_texts_draw(make_app, hostile_store, hostile):
    """The fast path of every list's rows, on the fixture's articles and on articles with
    markup, escapes, wide characters and long words, at widths that cut cells with an ellipsis."""
    app = make_app(hostile_store) if hostile else make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for pane in ("2", "3", "4", "1"):
            await pilot.press(pane)
            await settle(pilot)
        compared = 0
        for table in app.main_screen.query(FactTable):
            for width in (24, 80, 163):
                for fast, slow in _both_ways(table, width):
                    assert list(fast) == list(slow) and fast.cell_length == width
                    compared += 1
        assert compared > 40


async def test_rows_with_wide_characters_and_right_aligned_cells_are_drawn_as_rich_draws_them():
    rows = [Row(f"r{n}", n) for n in range(3)]

    class WideApp(TableApp):
        def cells(self, row: Row):
            return (["東京 café 🇰🇿 " * 3, "short", "\x1b[31mred"][row.n], f"{row.n * 1234567}")

    app = WideApp(rows)
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(FactTable)
        for width in (9, 17, 18, 40):
            pairs = _both_ways(table, width)
            assert len(pairs) == 9 and all(list(fast) == list(slow) for fast, slow in pairs)
