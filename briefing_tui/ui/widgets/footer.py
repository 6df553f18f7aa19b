"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every key widget whenever the focus moves. Switching panes moves
the focus to the new pane's list, and rebuilding and restyling a dozen keys cost more than
showing the pane itself. The panes share their keys, and where one differs only in its
label ("f Filter by country", "f Only this speaker") the label is changed in place.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

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

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = shown_keys(screen)
        if self._bindings_ready and (keys == self._keys_shown or self._relabel(keys)):
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._keys_shown = keys  # the rebuild below will show these
        super().bindings_changed(screen)

    def _relabel(self, keys: tuple[ShownKey, ...]) -> bool:
        """The same keys in the same places with other labels or actions: change them in place."""
        widgets = list(self.query(FooterKey))
        old = self._keys_shown
        if old is None or len(old) != len(keys) or len(widgets) != len(keys) \
                or any(was[1] != now[1] for was, now in zip(old, keys)):
            return False
        for widget, (was, now) in zip(widgets, zip(old, keys)):
            if was == now:
                continue
            action, _, label, enabled, tooltip = now
            widget.action, widget.description, widget._disabled = action, label, not enabled
            widget.tooltip = tooltip or None
            widget.set_class(not enabled, "-disabled")
            widget.refresh(layout=True)
        self._keys_shown = keys
        return True
