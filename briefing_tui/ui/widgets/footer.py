"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every key widget whenever the focus moves. Switching panes moves
the focus to the new pane's list, and rebuilding and restyling a dozen keys cost more than
showing the pane itself. The panes share their keys, and where one differs only in its
label ("f Filter by country", "f Only this speaker") the label is changed in place.
Textual's footer is empty in a screen's first frame and mounts its keys after it (another
layout and repaint of the screen); a screen can have them mounted before (`show_keys`).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from briefing_tui.ui.frames import in_next_frame

ShownKey = tuple[str, str, str, bool, str]  # action, key, label, enabled, tooltip


def shown_keys(screen: Screen[Any]) -> tuple[ShownKey, ...]:
    """One entry per key the footer shows for `screen`, in its order: the first binding of
    each action marked to be shown, then the command palette's."""
    shown: dict[str, ShownKey] = {}
    palette = None
    app = screen.app
    for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        if binding.show and binding.action not in shown:
            shown[binding.action] = (binding.action, binding.key, binding.description, enabled, tooltip)
        if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
            palette = (binding.action, binding.key, binding.description, enabled, tooltip)
    return (*shown.values(), *((palette,) if palette else ()))


class Footer(TextualFooter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys_shown: tuple[ShownKey, ...] | None = None
        self._rebuild_asked = False

    def compose(self) -> ComposeResult:
        """Textual's keys, given the footer's style before they mount: a key starts out compact
        and was restyled twice when it took the footer's style once mounted. (The palette's
        key keeps its compact look, as Textual draws it.)"""
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Textual's own handler, but: no rebuild when the keys are the same or only relabelled,
        and one rebuild for changes in a burst (the focus settling at start-up)."""
        keys = shown_keys(screen)
        if self._bindings_ready and (keys == self._keys_shown or self._relabel(keys)):
            return
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._rebuild_asked:
            return
        self._rebuild_asked = True
        self.call_after_refresh(self._rebuild)

    def show_bindings_now(self, screen: Screen[Any]) -> None:
        """Show the screen's keys as they are now, as Textual's signal does after the next
        refresh (a pane switch's relabelled "f" was a frame late); in the footer's own context,
        where its keys bind to its data."""
        with self._context():
            self.bindings_changed(screen)

    async def show_keys(self) -> None:
        """Mount the keys for the screen's bindings now (once its focus is set, before its first
        layout), rather than after its first frame as Textual does."""
        self._bindings_ready = True
        with self._context():  # as in the footer's own handlers: its keys bind to its data (compact)
            await self._rebuild()

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if not self.is_attached:  # its screen closed before the refresh this waited for
            return
        keys = shown_keys(self.screen)
        if keys == self._keys_shown:  # already shown (by show_keys, before this was asked)
            return
        self._keys_shown = keys  # what compose is about to show
        await self.recompose()

    def _relabel(self, keys: tuple[ShownKey, ...]) -> bool:
        """The same keys in the same places with other labels or actions: change them in place."""
        widgets = list(self.query(FooterKey))
        old = self._keys_shown
        if self._rebuild_asked or old is None or len(old) != len(keys) or len(widgets) != len(keys) \
                or any(was[1] != now[1] for was, now in zip(old, keys)):
            return False
        for widget, (was, now) in zip(widgets, zip(old, keys)):
            if was == now:
                continue
            action, _, label, enabled, tooltip = now
            widget.action, widget.description, widget._disabled = action, label, not enabled
            widget.tooltip = tooltip or None
            widget.set_class(not enabled, "-disabled")
            # a label of another width moves the keys after it; one of the same width ("Filter
            # by country", "Only this speaker") is only drawn anew, without a layout of the screen
            widget.refresh(layout=cell_len(label) != cell_len(was[2]))
            in_next_frame(widget)  # the pane switch's frame, not one of its own after it
        self._keys_shown = keys
        return True
