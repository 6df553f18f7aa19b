"""The main screen: filter bar, four panes as tabs, status line, footer.

The first frame holds the filter bar, the Timeline pane, the status line and the footer;
the other panes (13 of the screen's 29 widgets, which the first frame does not show) are
mounted just after it. Until a pane's lists are mounted it has no row to act on; once they
are (Pane.Ready), it takes the screen's message and, when on screen, its rows. A large
store's first frame can come from the head of the index kept beside it (show_head: the
unfiltered timeline's first rows and counts) before set_index brings the whole index.

Filters live in the filter bar; every change starts one worker (a thread, newest wins)
that computes all panes' rows with briefing_tui.query, so the UI never waits on a scan of
200,000 facts (a store of a few thousand facts is filtered at once, faster than a worker
starts). When the pane on screen is one list (Timeline, Quotes), the rows it shows are
found first, here, and drawn before the worker starts on the rest: searching 150,000 texts
for one letter takes 0.1 s a kind. The keys 1–4 switch panes; enter on a row opens its
source document.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input
from textual.worker import Worker, WorkerState

from briefing_tui.query import Filters, Index, IndexHead
from briefing_tui.ui.frames import in_next_frame
from briefing_tui.ui.results import Results, compute_results, pane_totals
from briefing_tui.ui.text import clean, count_of
from briefing_tui.ui.widgets.countries import CountriesPane
from briefing_tui.ui.widgets.fact_table import FactTable
from briefing_tui.ui.widgets.footer import Footer
from briefing_tui.ui.widgets.filter_bar import FilterBar, FilterRequest, PickKind
from briefing_tui.ui.widgets.pane import Pane
from briefing_tui.ui.widgets.pane_tabs import PaneTabs
from briefing_tui.ui.widgets.quotes import QuotesPane
from briefing_tui.ui.widgets.status_line import StatusLine
from briefing_tui.ui.widgets.timeline import TimelinePane
from briefing_tui.ui.widgets.trade import TradePane

PANES: tuple[type[Pane], ...] = (TimelinePane, CountriesPane, TradePane, QuotesPane)
PANE_IDS = tuple(p.pane_id for p in PANES)


def no_articles_message(seeds: str) -> str:
    return f"No articles yet: put .txt/.md files in {seeds} and run `briefing build`"


MEMO_RESULTS = 16
INLINE_FACTS = 5_000  # fewer facts than this are filtered faster than a worker starts
LEADING_PANES = {"timeline": "events", "quotes": "quotes"}  # one list each: its first rows are the pane
LEADING_BUDGET = 40_000  # texts searched here for those rows (under 10 ms); past that, the worker finds them


class PaneSwitcher(ContentSwitcher):
    """The panes, one shown, without a repaint of the switcher's own lines when it changes:
    the pane shown covers them, and draws itself."""

    current: Reactive[str | None] = reactive(None, init=False, repaint=False)


class MainScreen(Screen[None]):
    # The lists take the keyboard, as on_mount would have them: not the search box first,
    # whose focus and blur restyle it and start and stop its cursor's blinking.
    AUTO_FOCUS = "FactTable"
    # Textual's screen repaints all of itself when the focus moves, which a pane switch does;
    # the widgets that gain and lose the focus (and any whose focus styles change) repaint
    # themselves, so that repaint only drew the screen a second time.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pane('timeline')", "Timeline", show=False, tooltip="Timeline pane: events by date"),
        Binding("2", "pane('countries')", "Countries", show=False, tooltip="Countries pane: counts and profiles"),
        Binding("3", "pane('trade')", "Trade", show=False, tooltip="Trade pane: charts and figures"),
        Binding("4", "pane('quotes')", "Quotes", show=False, tooltip="Quotes pane: who said what"),
        # priority: run as the key arrives, so the keys typed right after it reach the box
        Binding("slash", "search", "Search", tooltip="search text (every fact and its sentence)", priority=True),
        Binding("escape,x", "clear_filters", "Clear", tooltip="clear every filter"),
        Binding("c", "pick('countries')", "Countries", show=False, tooltip="choose countries (several at once)"),
        Binding("t", "pick('topics')", "Topic", show=False, tooltip="choose topics"),
        Binding("s", "pick('speaker')", "Speaker", show=False, tooltip="choose a speaker"),
        Binding("y", "years", "Years", show=False, tooltip="type years from–to", priority=True),
        Binding("exclamation_mark", "problems", "Build problems", show=False,
                tooltip="files the last build skipped or warned about"),
    ]

    def __init__(self) -> None:
        super().__init__(id="main")
        self.index = Index()
        self.results: Results | None = None
        self.loaded = False
        self._generation = 0
        self._mounted = False
        self._pending: tuple[Index, str, str, str | None, Results | None] | None = None
        self._pending_head: tuple[IndexHead, str, bool] | None = None
        self._head_count = ""  # the count a kept index's head shows until the first results
        self._shown: dict[str, Results] = {}  # the results each pane shows now
        # the latest filters' results and the unfiltered ones (with the parts the panes made of
        # them: the countries' counts, the trade charts): going back is instant
        self._memo: dict[Filters, Results] = {}
        self._message: str | None = "Loading store…"  # what empty lists say (None: "no … match")
        self._later_panes_mounted = False
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield FilterBar()
        yield PaneTabs(tuple((pane.pane_id, f"{n} {pane.title}") for n, pane in enumerate(PANES, start=1)),
                       PANE_IDS[0], id="pane-tabs")
        with PaneSwitcher(id="panes", initial=PANE_IDS[0]):
            yield PANES[0]()
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self._mounted = True
        self._set_messages(self._message)
        self.set_focus(self.active_pane.table)
        self._hide_toast_rack()
        if self._pending_head is not None:
            head, store_name, keys_wait = self._pending_head
            self.show_head(head, store_name, keys_wait=keys_wait)
        if self._pending is not None:  # a small store can load before this screen mounts
            self.set_index(*self._pending)
        self.query_one(Footer).show_keys()  # for the focus just set, in the first frame

    def _hide_toast_rack(self) -> None:
        """Textual's rack of notifications, hidden by its own inline style now, before the first
        layout: as the screen resumes, Textual sets that style (hidden, with no notification),
        which its stylesheet already gave, and the change of the inline rule laid the whole
        screen out once more just after the first frame (8-12 ms of CPU). The rack's id is
        Textual's (`Screen._compose`): no public way to reach it."""
        for rack in self.query("#textual-toastrack"):  # none when notifications are off (tests)
            rack.display = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time, no restyle of the whole screen (Textual's handler runs after this):
        every widget was styled as it mounted, a moment before."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        """A resize to the size the screen is laid out at is not handled (Textual's handler lays
        the whole screen out and repaints it): at start-up the terminal's size comes three times
        after the first layout, twice queued before the screen mounted and once from that layout."""
        if event.size == self.outer_size:
            event.prevent_default()

    def mount_later_panes(self) -> None:
        """The panes after the first, into their tabs: by the app once the first frame is drawn
        (its Ready), or at once when one is asked for first; not when the app closed right after
        its first frame."""
        if self._later_panes_mounted or not self.is_attached:
            return
        self._later_panes_mounted = True
        switcher = self.query_one(ContentSwitcher)
        for pane in PANES[1:]:
            switcher.add_content(pane())

    @on(Pane.Ready)
    def _pane_ready(self, event: Pane.Ready) -> None:
        """A pane's lists are mounted: what they say, and the rows and keyboard when on screen."""
        event.stop()
        pane = event.pane
        pane.set_message(self._message_for(pane))
        if pane is self.active_pane:
            self._show_pane(pane)
            if not isinstance(self.focused, Input):
                self.set_focus(pane.table)

    # ------------------------------------------------------------ parts

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def filters(self) -> Filters:
        return self.filter_bar.filters

    @property
    def panes(self) -> list[Pane]:
        """The panes mounted so far, in tab order."""
        return list(self.query(Pane))

    @property
    def active_pane(self) -> Pane:
        return self.pane(self.query_one(ContentSwitcher).current or PANE_IDS[0])

    def pane(self, pane_id: str) -> Pane:
        if pane_id != PANE_IDS[0]:
            self.mount_later_panes()
        return self.query_one(f"#{pane_id}", Pane)

    def current_item(self) -> Any:
        return self.active_pane.current_item()

    def _focus_list(self, pane: Pane) -> None:
        """Give `pane`'s main list the keyboard (when mounted: else its Ready does)."""
        if pane.is_mounted:
            self.set_focus(pane.table)

    # ------------------------------------------------------------ data

    @property
    def shows_data(self) -> bool:
        """Whether the store's data is on screen: results, or a kept index's head."""
        return self.results is not None or bool(self._head_count)

    def show_head(self, head: IndexHead, store_name: str, *, keys_wait: bool = True) -> None:
        """The first frame of a kept index from its head, while the rest is read (set_index
        follows; the app holds the keyboard and mouse until then): the unfiltered timeline's
        first rows, its count and the status line, as the whole index shows them, but that
        the line says the keys wait, when they wait long enough to be noticed."""
        if not self._mounted:
            self._pending_head = (head, store_name, keys_wait)
            return
        self._pending_head = None
        pane = self.pane(PANE_IDS[0])
        if not isinstance(pane, TimelinePane):
            return
        pane.show_head(head)
        self.query_one(StatusLine).show_store(head.meta, head.documents, store_name, loading_rest=keys_wait)
        self._head_count = _count_text(head.events, head.events, pane.noun)
        self.filter_bar.reserve_count_width(self._head_count)
        self._show_count()

    def set_index(self, index: Index, store_name: str, seeds: str, error: str | None = None,
                  unfiltered: Results | None = None) -> None:
        """The store is loaded (or could not be): show it, then compute the panes (the
        unfiltered view's results may come made already, see results.unfiltered_results)."""
        if not self._mounted:
            self._pending = (index, store_name, seeds, error, unfiltered)
            return
        self._pending = self._pending_head = None
        self.index = index
        self._memo.clear()
        if unfiltered is not None:
            self._memo[unfiltered.filters] = unfiltered
        self.loaded = True
        self.filter_bar.set_index(index)
        totals = pane_totals(index)
        self.filter_bar.reserve_count_width(*(_count_text(totals[pane.pane_id], totals[pane.pane_id], pane.noun)
                                              for pane in PANES))
        status = self.query_one(StatusLine)
        if error:
            status.show_error(error)
            self._set_messages(error)
        elif not index.documents:
            status.show_index(index, store_name)
            self._set_messages(no_articles_message(seeds))
        else:
            status.show_index(index, store_name)
        self.recompute()

    def _set_messages(self, text: str | None = None) -> None:
        self._message = text
        for pane in self.panes:
            pane.set_message(self._message_for(pane))

    def _message_for(self, pane: Pane) -> str:
        if self._message is not None:
            return self._message
        if self.filters.is_empty:
            return f"No {pane.noun} were found in the articles"
        return f"No {pane.noun} match {self.filters.describe(self.index)} — esc clears"

    def recompute(self) -> None:
        """Start the worker for the current filters; the newest result wins."""
        self._generation += 1
        kept = self._memo.get(self.filters)
        if kept is not None:
            self._apply(kept)
            return
        pane = self.active_pane
        if self._small():
            self._apply(compute_results(self.index, self.filters, pane.pane_id))
            return
        leading = self._leading_rows(pane)
        if leading is None:
            self._start_filter_worker(self._generation)
            return
        self._show_leading(pane, leading)
        # after they are drawn: the worker's searches would hold the interpreter meanwhile
        self.call_after_refresh(self._start_filter_worker, self._generation)

    def _leading_rows(self, pane: Pane) -> Sequence[Any] | None:
        """The rows a one-list pane shows first (those on screen, and up to the row under
        the cursor), when they are found within LEADING_BUDGET texts."""
        kind = LEADING_PANES.get(pane.pane_id)
        if kind is None or not pane.is_mounted:
            return None
        table = pane.table
        height = max(1, table.scrollable_content_region.height)
        return self.index.leading(kind, self.filters, table.current, more=height + 1,
                                  at_least=table.cursor + height + 1, budget=LEADING_BUDGET)

    def _show_leading(self, pane: Pane, rows: Sequence[Any]) -> None:
        """The first rows for the current filters, until the worker's results replace them
        (the count and the other panes follow then)."""
        pane.set_message(self._message_for(pane))
        pane.show_leading(self.index, self.filters, rows)
        self._shown.pop(pane.pane_id, None)
        self.filter_bar.set_count(f"… {pane.noun}")
        # in the next frame, which the worker waits for (`recompute`): else the screen, not yet
        # told of them, ran the worker at once and drew them while it held the interpreter
        in_next_frame(pane.table, self.filter_bar.count)

    def _start_filter_worker(self, generation: int) -> None:
        if generation != self._generation:  # newer filters came meanwhile: they start their own
            return
        self.run_worker(partial(compute_results, self.index, self.filters, self.active_pane.pane_id), thread=True,
                        exclusive=True, group="filter", name=str(self._generation), exit_on_error=False)

    def _small(self) -> bool:
        index = self.index
        return len(index.events) + len(index.quotes) + len(index.figures) + len(index.people) < INLINE_FACTS

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group not in ("filter", "prepare"):
            return
        event.stop()
        if worker.group == "prepare":
            if event.state == WorkerState.SUCCESS and worker.result is self.results:
                self._show_pane(self.pane(worker.name))
            return
        if worker.name != str(self._generation):
            return
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            self._apply(worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"Could not apply the filters: {worker.error}", severity="error", markup=False)

    def _apply(self, results: Results) -> None:
        """New results: the pane on screen shows them now, the others when they are opened."""
        self.results = results
        self._memo[results.filters] = results
        if len(self._memo) > MEMO_RESULTS:  # the oldest goes, never the unfiltered view's, where esc returns
            del self._memo[next(f for f in self._memo if not f.is_empty)]
        if self.index.documents:
            self._set_messages()
        self._show_pane(self.active_pane)

    def _show_pane(self, pane: Pane, *, wait: bool = False) -> None:
        """Show the current results in `pane`; what it needs that is not made yet is made in a
        worker first, or here with `wait` (a command that then acts on the pane's rows)."""
        results = self.results
        if results is None or self._shown.get(pane.pane_id) is results or not pane.is_mounted:
            self._show_count()
            return
        if wait or self._small():
            results.prepare(pane.pane_id)
        if not results.ready(pane.pane_id):
            self._show_count(pane.show_rows(self.index, results))
            # after the pane is drawn: the worker's counting would hold the interpreter meanwhile
            self.call_after_refresh(self._start_prepare_worker, pane.pane_id, results)
            return
        pane.show(self.index, results)
        self._shown[pane.pane_id] = results
        self._show_count()

    def _start_prepare_worker(self, pane_id: str, results: Results) -> None:
        if results is self.results and not results.ready(pane_id):  # else newer filters, or done meanwhile
            self.run_worker(partial(results.prepare, pane_id), thread=True, group="prepare", name=pane_id,
                            exit_on_error=False)

    def _show_count(self, rows_shown: bool = False) -> None:
        """"n of N" for the pane on screen; "…" while its rows wait for a worker."""
        pane = self.active_pane
        if self.results is None:
            self.filter_bar.set_count(self._head_count)
            return
        if not (rows_shown or self.results.ready(pane.pane_id)):
            self.filter_bar.set_count(f"… {pane.noun}")
            return
        self.filter_bar.set_count(_count_text(*self.results.count(pane.pane_id), pane.noun))

    # ------------------------------------------------------------ events

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        self.recompute()

    @on(FilterRequest)
    def _filter_request(self, event: FilterRequest) -> None:
        event.stop()
        self.filter_bar.set_filters(event.filters)

    @on(FilterBar.PickRequested)
    def _pick_requested(self, event: FilterBar.PickRequested) -> None:
        self.action_pick(event.kind)

    @on(StatusLine.ProblemsRequested)
    def _problems_requested(self) -> None:
        self.action_problems()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.filter_bar.flush()
        self._focus_list(self.active_pane)

    @on(PaneTabs.Clicked)
    def _tab_clicked(self, event: PaneTabs.Clicked) -> None:
        self.action_pane(event.pane_id)

    @on(FactTable.Selected)
    def _row_selected(self, event: FactTable.Selected) -> None:
        event.stop()
        self.app.open_source(event.item)  # type: ignore[attr-defined]

    # ------------------------------------------------------------ actions

    # "/" and "y" are priority bindings that move the focus at once (Screen.set_focus, not the
    # later Widget.focus): keys typed in the same burst must reach the box, or a "q" among them
    # would quit the app. While a box has the focus those keys are text.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "years") and isinstance(self.focused, Input):
            return False
        return True

    def action_pane(self, pane_id: str) -> None:
        """Open a pane (a key, a click on its tab): its rows, count and keyboard now, in the
        frame that shows it (the footer follows the focus at once)."""
        if pane_id not in PANE_IDS:
            return
        pane = self.pane(pane_id)
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != pane_id:
            switcher.current = pane_id
            self.query_one(PaneTabs).active = pane_id
            self._show_pane(pane)
        if not isinstance(self.focused, Input):
            self._focus_list(pane)

    def action_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))

    def action_years(self) -> None:
        self.set_focus(self.query_one("#year-from", Input))

    def action_clear_filters(self) -> None:
        self.filter_bar.clear()
        if isinstance(self.focused, Input):
            self._focus_list(self.active_pane)

    def action_problems(self) -> None:
        from briefing_tui.ui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.query_one(StatusLine).problems))

    def action_pick(self, kind: PickKind) -> None:
        from briefing_tui.ui.screens.picker import PickerScreen

        index, filters = self.index, self.filters
        if kind == "countries":
            options = [(c.code, c.name, count_of(len(c.doc_ids), "document"))
                       for c in sorted(index.countries.values(), key=lambda c: c.name)]
            selected, multiple, title = filters.countries, True, "Countries"

            def change(values: frozenset[str]) -> None:
                self.filter_bar.set_filters(self.filters.with_(countries=values))
        elif kind == "topics":
            options = [(t, t, "") for t in index.all_topics()]
            selected, multiple, title = filters.topics, True, "Topics"

            def change(values: frozenset[str]) -> None:
                self.filter_bar.set_filters(self.filters.with_(topics=values))
        else:
            options = [(p.id, p.name, " · ".join(x for x in (p.role, p.country and index.country_name(p.country)) if x))
                       for p in sorted(index.people.values(), key=lambda p: p.name)]
            selected = frozenset({filters.speaker}) if filters.speaker else frozenset()
            multiple, title = False, "Speaker"

            def change(values: frozenset[str]) -> None:
                self.filter_bar.set_filters(self.filters.with_(speaker=next(iter(values), None)))
        self.app.push_screen(PickerScreen(title, options, selected, multiple=multiple, on_change=change))

    def go_to_country(self, code: str) -> bool:
        """Open the Countries pane on `code`; False (and a hint) when the filters hide it."""
        self.action_pane("countries")
        pane = self.pane("countries")
        if not pane.is_mounted:  # asked for before the pane's lists were mounted
            self.call_after_refresh(self.go_to_country, code)
            return True
        self._show_pane(pane, wait=True)
        if isinstance(pane, CountriesPane) and pane.select_country(code):
            return True
        self.notify(f"{clean(self.index.country_name(code))} is hidden by the filters — esc clears them",
                    markup=False)
        return False

    def refresh_rows(self) -> None:
        for pane in self.panes:
            pane.refresh_rows()


def _count_text(shown: int, total: int, noun: str) -> str:
    return f"{shown} of {total} {noun}"
