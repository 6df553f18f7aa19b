"""The help screen (? or F1): every key, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui.ui.screens import close

MOUSE = (
    ("click", "a tab, a row (moves the cursor), a filter chip, a key in the footer, the status line (build problems)"),
    ("double click", "a row: open its source document"),
    ("wheel", "scroll any list or document"),
)


def binding_rows(app, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for each action, keys of one action joined: 'up / k'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        for b in Binding.make_bindings([binding]):
            if b.system:
                continue
            description = b.tooltip or b.description or b.action.replace("_", " ")
            grouped.setdefault((b.action, description), []).append(app.get_key_display(b))
    return [(" / ".join(dict.fromkeys(keys)), description) for (_, description), keys in grouped.items()]


def help_sections(app) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key of the app, by where it works."""
    from briefing_tui.ui.screens.document import DocumentScreen
    from briefing_tui.ui.screens.main import MainScreen
    from briefing_tui.ui.screens.picker import PickerScreen
    from briefing_tui.ui.widgets.countries import CountriesPane
    from briefing_tui.ui.widgets.fact_table import FactTable
    from briefing_tui.ui.widgets.quotes import QuotesPane
    from briefing_tui.ui.widgets.timeline import TimelinePane

    anywhere = binding_rows(app, app.BINDINGS)
    anywhere.append((app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")),
                     "command palette: countries, documents, export, themes…"))
    anywhere.append(("tab / shift+tab", "move focus between the filter bar and the lists"))
    return [
        ("Anywhere", anywhere),
        ("Panes and filters", binding_rows(app, MainScreen.BINDINGS)
         + [("enter (in search)", "apply the search and go to the list")]),
        ("Lists", binding_rows(app, FactTable.BINDINGS)),
        ("Timeline and Trade panes", binding_rows(app, TimelinePane.BINDINGS)),
        ("Countries pane", binding_rows(app, CountriesPane.BINDINGS)
         + [("enter (on a country)", "go into its profile")]),
        ("Quotes pane", binding_rows(app, QuotesPane.BINDINGS)),
        ("Document", binding_rows(app, DocumentScreen.BINDINGS)),
        ("Pickers (countries, topic, speaker)", binding_rows(app, PickerScreen.BINDINGS)
         + [("type", "narrow the choices")]),
        ("Mouse", list(MOUSE)),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        sections = help_sections(self.app)
        key_width = min(24, max(len(keys) for _, rows in sections for keys, _ in rows))
        body = Text()
        for title, rows in sections:
            body.append(f"{title}\n", style="bold underline")
            for keys, description in rows:
                body.append(f"  {keys:<{key_width}}  ", style="bold")
                body.append(f"{description}\n")
            body.append("\n")
        with Vertical(id="help-dialog"):
            yield Static(Content("Keys — esc closes"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(body, id="help-text")

    def action_close(self) -> None:
        close(self)
