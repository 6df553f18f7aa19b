"""The briefing browser: the App, its global keys, and `run_app` (what `briefing` opens).

When the index kept beside the store is current (briefing_tui/index_cache.py), the first
frame is drawn from its head: the unfiltered timeline's first rows, as the whole index shows
them, in plain values, so that neither pydantic nor the models (a sixth of the seeds'
start-up) are imported before it; the whole index is read behind it, in a thread.
Until it is there, keys and mouse buttons are held and then handled in order (ctrl+c and
ctrl+q pass): a filter typed meanwhile never shows rows of the head, which has only the
first events. Without a current kept index, a small store (the seeds, a few dozen articles)
is read before the first frame, a large one in a worker behind a first frame saying "Loading
store…"; an index built from the store is kept by a worker once it is on screen (quitting
meanwhile waits for that write to finish). The screens, panes and palette a first frame
does not need are imported when opened.

Animations are off unless TEXTUAL_ANIMATIONS asks for them: a change is drawn at once, and
an animation's frames took time the filter workers of a large store need (Textual's sliding
tab underline, when it was used, doubled the CPU a pane switch cost). Full garbage
collections wait for a pause in the user's input (briefing_tui/ui/idle_collector.py).

BRIEFING_EXIT_AFTER_FIRST_FRAME=PATH (for bench/bench_startup.py): once the first frame
showing the store's data is on screen (Textual's Ready, when that first frame shows it),
write the wall-clock time (time.time()) to PATH and exit; BRIEFING_EXIT_AFTER_WHOLE_INDEX=PATH
the same once the whole index's results are (the same frame, unless it came from a kept
index's head).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.message import Message
from textual.screen import Screen

from briefing_tui import gc_pause
from briefing_tui.query import Index, open_head, open_index
from briefing_tui.ui.idle_collector import CHECK_SECONDS, IdleCollector
from briefing_tui.ui.pins import Pins
from briefing_tui.ui.results import Results, unfiltered_results
from briefing_tui.ui.text import clean
from briefing_tui.ui.screens.main import MainScreen
from briefing_tui.ui.widgets.fact_table import FactTable

def _briefing_commands() -> type[Provider]:
    from briefing_tui.ui.commands import BriefingCommands

    return BriefingCommands


FIRST_FRAME_HOOK = "BRIEFING_EXIT_AFTER_FIRST_FRAME"
WHOLE_INDEX_HOOK = "BRIEFING_EXIT_AFTER_WHOLE_INDEX"
ANIMATIONS_SETTING = "TEXTUAL_ANIMATIONS"  # Textual's own: full, basic or none
SMALL_STORE_BYTES = 2_000_000  # read in well under a frame's worth of waiting (keys held meanwhile go unnoticed)
# held while only the head of a kept index is shown; what keeps full garbage collections away
USER_INPUT = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown, events.MouseScrollUp,
              events.Paste)
PASSED_KEYS = ("ctrl+c", "ctrl+q")  # quitting does not wait for the index


def describe(item: Any) -> str:
    """A few words naming a fact, for notifications (shown without markup, control characters cleaned)."""
    from briefing_tui.models import Event, Figure, Person, Quote

    if isinstance(item, Event):
        text = item.summary
    elif isinstance(item, Quote):
        text = f"{item.speaker or 'unattributed'}: “{item.text}”"
    elif isinstance(item, Figure):
        text = item.label
    elif isinstance(item, Person):
        text = item.name
    else:
        text = str(item)
    return clean(text)


class BriefingApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {_briefing_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="quit briefing"),
        Binding("question_mark,f1", "help", "Help", tooltip="this list of keys"),
        Binding("p", "pin", "Pin", tooltip="pin or unpin the highlighted fact (◆) for the briefing note"),
        Binding("e", "export", "Export", tooltip="export a one-page briefing note"),
    ]

    def __init__(self, store: Path, seeds: Path | None = None) -> None:
        super().__init__()
        self.store_path = Path(store)
        self.seeds = Path(seeds) if seeds is not None else Path("seeds")
        self.index = Index()
        self.loaded = False
        self._held_input: list[events.Event] | None = None  # see the module docstring
        self._keep_asked = False  # the worker keeping the index is to start after the next refresh
        self._first_frame_marked = False  # the start-up hook's mark is written
        self.pins = Pins(self.store_path)
        self.collector = IdleCollector()
        if ANIMATIONS_SETTING not in os.environ:
            self.animation_level = "none"

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.collect_if_idle)
        small = _store_size(self.store_path) <= SMALL_STORE_BYTES
        head = open_head(self.store_path)
        if head is not None and head.covers(self.size.height):
            self._held_input = []
            self.main_screen.show_head(head, self.store_path.name, keys_wait=not small)
            self.call_after_refresh(self._load_in_background)  # its imports and marshal.loads would hold the interpreter while the head is drawn
        elif small:
            try:
                self._loaded(_load(self.store_path))
            except Exception as exc:  # as the worker reports it: the app opens and says why
                self._loaded(NOT_LOADED, exc)
        else:
            self._load_in_background()
        hook = next((name for name in (FIRST_FRAME_HOOK, WHOLE_INDEX_HOOK) if os.environ.get(name)), None)
        if hook is not None:
            self._first_frame_timer = self.set_interval(0.002, partial(self._exit_after_first_frame, hook))

    def on_ready(self) -> None:
        """Textual's Ready comes once the first frame is drawn. When that frame shows the data, it
        is the frame the first-frame hook marks (the poll below marks the refresh after it); then
        the later panes are mounted, after the mark, which they held back by a tenth of the
        seeds' start-up when mounted right after the first refresh."""
        gc_pause.end_start_up()
        if os.environ.get(FIRST_FRAME_HOOK) and self.main_screen.shows_data and not self._keep_asked:
            self._first_frame_timer.stop()
            self._first_frame_shown(FIRST_FRAME_HOOK)
            return
        self.main_screen.mount_later_panes()

    def _exit_after_first_frame(self, hook: str) -> None:
        """See the module docstring: the start-up benchmark's hooks."""
        screen = self.main_screen
        if self._keep_asked:  # exiting before that worker starts would leave the index unkept
            return
        if screen.shows_data if hook == FIRST_FRAME_HOOK else self.loaded and screen.results is not None:
            self._first_frame_timer.stop()
            self.call_after_refresh(self._first_frame_shown, hook)

    def _first_frame_shown(self, hook: str) -> None:
        """Marked once: the poll may have asked for its refresh before Ready came."""
        if self._first_frame_marked:
            return
        self._first_frame_marked = True
        Path(os.environ[hook]).write_text(f"{time.time()}\n")
        self.exit(0)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        """Input is noted for the idle collector, and held while only a kept index's head is shown
        (see the module docstring)."""
        if isinstance(event, USER_INPUT):
            self.collector.input_seen()
            if (self._held_input is not None and not event.is_forwarded
                    and not (isinstance(event, events.Key) and event.key in PASSED_KEYS)):
                self._held_input.append(event)
                return
        await super().on_event(event)

    def _load_in_background(self) -> None:
        """The store read in a daemon thread of its own, not a Textual thread worker: those run
        in asyncio's default executor, which the app waits for as it closes, so quitting while
        10,000 articles' index was read took as long as the rest of the read (seconds). The
        read writes nothing: a thread left behind at exit loses nothing."""
        def read() -> None:
            try:
                loaded, error = _load(self.store_path), None
            except Exception as exc:  # as a failed worker did: the app opens and says why
                loaded, error = NOT_LOADED, exc
            self.post_message(StoreRead(loaded, error))  # thread-safe; nothing when the app closed

        threading.Thread(target=read, name="load-index", daemon=True).start()

    def on_store_read(self, message: StoreRead) -> None:
        self._loaded(message.loaded, message.error)

    def _loaded(self, loaded: Loaded, error: BaseException | None = None) -> None:
        index, notes, keep, unfiltered = loaded
        self.index = index or Index()
        error_text = f"Cannot open the store: {error}" if error is not None else None
        self.loaded = True
        self.main_screen.set_index(self.index, self.store_path.name, f"{self.seeds}/", error_text, unfiltered)
        held, self._held_input = self._held_input or [], None
        self._replay(held)  # after the whole index's results are asked for
        for note in notes:  # the index kept between runs was damaged, and made anew
            self.notify(clean(note), severity="warning", markup=False)
        if keep is not None:  # once the data is on screen: keeping 10,000 articles' index takes seconds
            self._keep_asked = True
            self.call_after_refresh(self._keep_index, keep)

    def _keep_index(self, keep: Callable[[], None]) -> None:
        self._keep_asked = False
        self.run_worker(keep, thread=True, group="keep-index", exit_on_error=False)

    def _replay(self, held: list[events.Event]) -> None:
        """Held input, in the order it came, each event once the one before has gone all the way
        through: a key the focused widget leaves bubbles up to the app, which checks it against
        the bindings of the focus it was typed under; a later key that moves the focus ("/")
        must not act first, or the earlier one ("4") is checked against the search box and lost."""
        if held:
            self.post_message(held[0])
            self.call_later(self._after_routed, held[1:])

    def _after_routed(self, rest: list[events.Event]) -> None:
        """The held event is now in the focused widget's queue: follow it up the widget's
        ancestors, each queue handing on after it (a closed one is skipped), then replay the rest."""
        route = [node for node in (self.focused or self.screen).ancestors_with_self if node is not self]
        self._follow(route, rest)

    def _follow(self, route: list[Any], rest: list[events.Event]) -> None:
        while route:
            node, route = route[0], route[1:]
            if node.call_later(self._follow, route, rest):
                return
        self._replay(rest)

    # ------------------------------------------------------------ provenance

    def open_source(self, item: Any) -> None:
        """Open the document a row came from, its evidence highlighted."""
        from briefing_tui.models import Document, Event, Figure, Person, Quote
        from briefing_tui.ui.screens.document import DocumentScreen

        if isinstance(item, (Event, Quote, Figure)):
            self.push_screen(DocumentScreen(self.index, item.doc_id, fact_id=item.id))
        elif isinstance(item, Document):
            self.push_screen(DocumentScreen(self.index, item.id))
        elif isinstance(item, Person):
            for mention_id in item.mention_ids:
                mention = self.index.mentions.get(mention_id)
                if mention and mention.spans:
                    self.push_screen(DocumentScreen(self.index, mention.doc_id, span=mention.spans[0]))
                    return
            if item.doc_ids:
                self.push_screen(DocumentScreen(self.index, item.doc_ids[0]))

    def open_document(self, doc_id: str) -> None:
        from briefing_tui.ui.screens.document import DocumentScreen

        self.push_screen(DocumentScreen(self.index, doc_id))

    # ------------------------------------------------------------ actions

    def current_item(self) -> Any:
        """The row under the cursor where the user is: the focused list, else the active pane's."""
        if isinstance(self.focused, FactTable):
            return self.focused.current
        if isinstance(self.screen, MainScreen):
            return self.screen.current_item()
        return None

    def action_pin(self) -> None:
        """Pin or unpin the highlighted fact; pins are saved beside the store (ui/pins.py)."""
        from briefing_tui.export.pins import pin_for
        from briefing_tui.models import Event, Figure, Person, Quote

        item = self.current_item()
        if not isinstance(item, (Event, Quote, Figure, Person)):
            self.notify("Highlight an event, quote, figure or person to pin it", markup=False)
            return
        pinned = self.pins.toggle(item.id, pin_for(self.index, item))
        for screen in self.screen_stack:
            for table in screen.query(FactTable):
                table.refresh_rows()
        self.notify(f"{'Pinned' if pinned else 'Unpinned'}: {describe(item)[:80]} ({len(self.pins)} pinned)",
                    markup=False)
        if self.pins.problem:
            self.notify(clean(self.pins.problem), severity="warning", markup=False)

    def action_export(self) -> None:
        """The export dialog for the current filters and pins: preview, path, write (screens/export.py)."""
        from briefing_tui.ui.screens.export import ConfirmOverwriteScreen, ExportScreen

        if not self.loaded:
            self.notify("The store is still loading", markup=False)
        elif not isinstance(self.screen, (ExportScreen, ConfirmOverwriteScreen)):
            self.push_screen(ExportScreen(self.index, self.main_screen.filters, self.pins))

    def action_help(self) -> None:
        from briefing_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)

    def clear_filters(self) -> None:
        self.main_screen.filter_bar.clear()

    def open_pane(self, pane_id: str) -> None:
        self._back_to_main()
        self.main_screen.action_pane(pane_id)

    def go_to_country(self, code: str) -> None:
        self._back_to_main()
        self.main_screen.go_to_country(code)

    def set_filters(self, **changes: Any) -> None:
        bar = self.main_screen.filter_bar
        bar.set_filters(bar.filters.with_(**changes))

    def _back_to_main(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()


class Loaded(NamedTuple):
    """What reading the store gives the app."""

    index: Index | None
    notes: list[str]  # what the user should know about how it was read
    keep: Callable[[], None] | None  # keeps an index built from the store for the next run (see `open_index`)
    unfiltered: Results | None  # the panes' unfiltered results, their parts made


NOT_LOADED = Loaded(None, [], None, None)


class StoreRead(Message):
    """The store, read in the background (or why it could not be)."""

    def __init__(self, loaded: Loaded, error: BaseException | None) -> None:
        super().__init__()
        self.loaded = loaded
        self.error = error


def _load(store: Path) -> Loaded:
    notes: list[str] = []
    index, keep = open_index(store, notes)
    return Loaded(index, notes, keep, unfiltered_results(index) if index is not None else None)


def _store_size(store: Path) -> int:
    try:
        return store.stat().st_size
    except OSError:
        return 0  # no store, or one the load will report


def run_app(*, seeds: Path, store: Path) -> int:
    """Open the browser on `store` (already built by the CLI); the exit code."""
    app = BriefingApp(store=store, seeds=seeds)
    app.run()
    return app.return_code or 0
