"""Choosing countries, topics or a speaker: type to narrow, enter to pick, esc to close.

Choices apply as they are made (the filter bar and panes follow), so several countries can
be toggled in one visit. Large choice lists (thousands of people) show the first matches
only; typing narrows them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.ui.screens import close
from briefing_tui.query import fold
from briefing_tui.ui.text import plain

MAX_SHOWN = 300
ANY = "\x00any"  # the option that clears the choice


class PickerScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("down", "move(1)", "Next choice", show=False),
        Binding("up", "move(-1)", "Previous choice", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("enter", "choose", "Pick / toggle"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str, str]], selected: frozenset[str], *,
                 multiple: bool, on_change: Callable[[frozenset[str]], None]) -> None:
        """`options` are (value, label, detail); `on_change` gets the new selection at each choice."""
        super().__init__()  # no fixed id: a second push racing the first must not clash
        self.title_text = title
        self.options = options
        self.selected = set(selected)
        self.multiple = multiple
        self.on_change = on_change
        self._folded = [fold(f"{label} {detail}") for _, label, detail in options]

    def compose(self) -> ComposeResult:
        hint = "enter toggles, esc closes" if self.multiple else "enter picks, esc closes"
        with Vertical(id="picker-dialog"):
            yield Static(Content(f"{self.title_text} — {hint}"), id="picker-title")
            yield Input(placeholder="type to narrow", id="picker-search", compact=True)
            yield OptionList(id="picker-options", markup=False)
            yield Static(id="picker-more")

    def on_mount(self) -> None:
        try:
            self._fill()
            self.query_one("#picker-search", Input).focus()
        except NoMatches:  # closed before it was shown
            return

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#picker-options", OptionList)

    def _prompt(self, value: str, label: str, detail: str) -> Text:
        if value == ANY:
            return Text(label, style="italic")
        mark = ("☑ " if value in self.selected else "☐ ") if self.multiple else ("● " if value in self.selected else "  ")
        prompt = Text(mark)
        prompt.append_text(plain(label, style="bold" if value in self.selected else ""))
        if detail:
            prompt.append("  ")
            prompt.append_text(plain(detail, style="dim"))
        return prompt

    def _fill(self) -> None:
        words = fold(self.query_one("#picker-search", Input).value).split()
        matches = [i for i, text in enumerate(self._folded) if all(w in text for w in words)]
        option_list = self.option_list
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_option(Option(self._prompt(ANY, "any (clear this filter)", ""), id=ANY))
        for i in matches[:MAX_SHOWN]:
            value, label, detail = self.options[i]
            option_list.add_option(Option(self._prompt(value, label, detail), id=value))
        if option_list.option_count:
            wanted = highlighted if highlighted is not None and not words else (1 if matches else 0)
            option_list.highlighted = min(wanted, option_list.option_count - 1)
        more = len(matches) - MAX_SHOWN
        self.query_one("#picker-more", Static).update(
            Content(f"… {more} more: type to narrow" if more > 0 else f"{len(matches)} of {len(self.options)}"))

    @on(Input.Changed, "#picker-search")
    def _typed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#picker-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def action_move(self, delta: int) -> None:
        option_list = self.option_list
        if not option_list.option_count:
            return
        current = option_list.highlighted if option_list.highlighted is not None else 0
        option_list.highlighted = max(0, min(option_list.option_count - 1, current + delta))

    def action_choose(self) -> None:
        option_list = self.option_list
        if option_list.highlighted is None or not option_list.option_count:
            return
        self._choose(option_list.get_option_at_index(option_list.highlighted).id)

    def _choose(self, value: str | None) -> None:
        if value is None or not self.is_current:  # a late enter after the picker closed
            return
        if value == ANY:
            self.selected.clear()
        elif self.multiple:
            self.selected ^= {value}
        else:
            self.selected = {value}
        self.on_change(frozenset(self.selected))
        if self.multiple and value != ANY:
            self._fill()
        else:
            close(self)

    def action_close(self) -> None:
        close(self)
