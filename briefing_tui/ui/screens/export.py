"""The export dialog (e, or "Export briefing…" in the palette): target path, preview, write.

The note for the current filters and pins is built in a worker thread and shown as the
Markdown it will write (plain text: never parsed as markup). ctrl+s writes it — atomically,
and over an existing file only after a y in a second dialog; esc closes without writing.
Enter is not a write key: a stray enter never leaves a file behind. Pins whose facts have
left the store are listed here; ctrl+r forgets them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState

from briefing_tui.export.files import ExportError, TargetExistsError, safe_file_name, today, write_file
from briefing_tui.export.note import Note, build_note
from briefing_tui.export.pins import describe_pin, pin_for
from briefing_tui.query import Filters, Index
from briefing_tui.ui.pins import Pins
from briefing_tui.ui.screens import close
from briefing_tui.ui.text import clean, plain
from briefing_tui.ui.widgets.fact_table import FactTable

TITLE = "Export briefing note — ctrl+s writes · esc cancels · tab: file name"


class ConfirmOverwriteScreen(ModalScreen[bool]):
    """'x.md already exists. Overwrite it?' — y overwrites, n or esc keeps the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Overwrite"),
        Binding("n,escape", "answer(False)", "Keep the file"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            text = Text("")
            text.append_text(plain(self.path.name, style="bold"))
            text.append(" already exists in ")
            text.append_text(plain(str(self.path.parent)))
            text.append(".\n\nOverwrite it?  y overwrites · n or esc keeps it")
            yield Static(text, id="confirm-text")

    def action_answer(self, overwrite: bool) -> None:
        if self.is_current:
            self.dismiss(overwrite)


class ExportScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "write", "Write", priority=True),
        Binding("ctrl+r", "forget_vanished", "Forget vanished pins", show=False),
    ]

    def __init__(self, index: Index, filters: Filters, pins: Pins, *, folder: Path | None = None,
                 date: dt.date | None = None) -> None:
        super().__init__()  # no fixed id: a second push racing the first must not clash
        self.index = index
        self.filters = filters
        self.pins = pins
        self.folder = folder or Path.cwd()
        self.date = date or today()
        self.note: Note | None = None
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(Content(TITLE), id="export-title")
            yield Static(plain("Filters: " + self.filters.describe(self.index)), id="export-filters")
            with Horizontal(id="export-path-row"):
                yield Label("Save as ", id="export-path-label")
                yield Input(safe_file_name(self.filters, self.date), id="export-path", compact=True)
            yield Static(id="export-status")
            yield Static(id="export-pins")
            with VerticalScroll(id="export-preview-box"):
                yield Static(Text("Preparing the note…", style="italic"), id="export-preview")
            yield Static(id="export-stats")

    def on_mount(self) -> None:
        try:
            self.query_one("#export-preview-box").focus()
            self._show_target()
            self._show_pins()
        except NoMatches:  # closed before it was shown
            return
        self.run_worker(partial(build_note, self.index, self.filters, self.pins.records, date=self.date),
                        thread=True, group="export-note", exit_on_error=False)

    # ------------------------------------------------------------ the note

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export-note" or not self.is_attached:
            return
        try:
            self._show_note(event)
        except NoMatches:  # closed meanwhile
            return

    def _show_note(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.note = event.worker.result
            self._follow_moved_pins(self.note)
            self.query_one("#export-preview", Static).update(Text(self.note.text))
            self.query_one("#export-stats", Static).update(Text(self._stats(self.note), style="dim"))
            self._show_pins()
        elif event.state == WorkerState.ERROR:
            self._status(f"Cannot build the note: {event.worker.error}", error=True)

    def _stats(self, note: Note) -> str:
        parts = [f"{note.words} words", f"{note.lines} lines", f"{len(note.sources)} sources"]
        left = sum(note.left_out.values())
        if left:
            parts.append(f"{left} facts left out for length")
        if note.pinned or note.pins_left_out:
            parts.append(f"{note.pinned} pinned in the note")
        if note.pins_left_out:
            parts.append(f"{note.pins_left_out} pinned did not fit")
        return " · ".join(parts)

    def _follow_moved_pins(self, note: Note) -> None:
        """Pins whose facts a rebuild renumbered follow them (found again by their evidence)."""
        records = {new: pin_for(self.index, fact) for new in note.moved.values()
                   if (fact := self.index.fact(new)) is not None}
        self.pins.rename(note.moved, records)
        if note.moved:
            self._refresh_marks()

    def _refresh_marks(self) -> None:
        for screen in self.app.screen_stack:
            for table in screen.query(FactTable):
                table.refresh_rows()

    def _show_pins(self) -> None:
        note = self.note
        text = Text()
        if self.pins.problem:
            text.append_text(plain(f"⚠ {self.pins.problem}", style="bold"))
            text.append("\n")
        if note is not None and note.vanished:
            count = len(note.vanished)
            text.append(f"⚠ {count} pinned fact{'s are' if count != 1 else ' is'} no longer in the store "
                        "(ctrl+r forgets them):", style="bold")
            for pin in note.vanished[:3]:
                text.append("\n  ")
                text.append_text(plain(describe_pin(pin)))
            if count > 3:
                text.append(f"\n  … and {count - 3} more")
        self.query_one("#export-pins", Static).update(text)
        self.query_one("#export-pins", Static).display = bool(text.plain)

    def action_forget_vanished(self) -> None:
        if not self.is_current or self.note is None or not self.note.vanished:
            return
        self.pins.forget({pin.id for pin in self.note.vanished})
        self.note.vanished = []
        self._show_pins()

    # ------------------------------------------------------------ the file

    def target(self) -> Path | None:
        """The typed path: relative to the folder the app was started in; a folder gets the default name."""
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            return None
        path = Path(typed).expanduser()
        path = path if path.is_absolute() else self.folder / path
        if path.is_dir():
            path = path / safe_file_name(self.filters, self.date)
        return path

    @on(Input.Changed, "#export-path")
    def _typed(self) -> None:
        try:
            self._show_target()
        except NoMatches:  # a late change after the dialog closed
            return

    def _show_target(self) -> None:
        path = self.target()
        if path is None:
            self._status("Type a file name.", error=True)
        elif not path.parent.is_dir():
            self._status(f"The folder {self._shown(path.parent)} does not exist.", error=True)
        elif path.exists():
            self._status("This file exists: ctrl+s asks before overwriting it.", warn=True)
        else:
            self._status("A new file: ctrl+s writes it.")

    def _shown(self, path: Path) -> Path:
        """A path as the user typed it: relative to the starting folder when inside it."""
        return path.relative_to(self.folder) if path.is_relative_to(self.folder) else path

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#export-preview-box").focus()

    def _status(self, message: str, *, error: bool = False, warn: bool = False) -> None:
        style = "bold red" if error else ("bold yellow" if warn else "")
        self.query_one("#export-status", Static).update(Text(clean(message), style=style))

    def action_write(self) -> None:
        if not self.is_current:
            return
        if self.note is None:
            self._status("The note is still being prepared…", warn=True)
            return
        path = self.target()
        if path is None:
            self._status("Type a file name.", error=True)
            return
        if path.exists():
            self._ask(path)
        else:
            self._write(path, overwrite=False)

    def _ask(self, path: Path) -> None:
        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self._write(path, overwrite=True)
            else:
                self._status("Not written: the existing file is kept.", warn=True)

        self.app.push_screen(ConfirmOverwriteScreen(path), answered)

    def _write(self, path: Path, *, overwrite: bool) -> None:
        assert self.note is not None
        try:
            write_file(path, self.note.text.encode("utf-8"), overwrite=overwrite)
        except TargetExistsError:
            self._ask(path)  # made by someone else since the check
            return
        except ExportError as exc:
            self._status(str(exc), error=True)
            return
        self.written = path
        self.app.notify(clean(f"Wrote {path} ({self.note.words} words)"), markup=False)
        close(self)

    def action_cancel(self) -> None:
        close(self)
