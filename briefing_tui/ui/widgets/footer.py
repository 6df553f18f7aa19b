"""The footer of keys: one widget drawing one line, redrawn only when its keys change.

Textual's Footer is a container of a widget per key, rebuilt (recomposed) after every
change of focus: switching panes moves the focus, and rebuilding and restyling a dozen keys
cost more than showing the pane, while at start-up they were mounted after the first frame
(another layout of the screen) or took 12 ms of the seeds' 0.21 s start-up when mounted
before. This one draws the
same keys from the screen's bindings in the frame where they change: a click on a key
presses it, the key under the mouse is highlighted and its tooltip shown, and the command
palette's key stands at the right end.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.style import Style

from briefing_tui.ui.widgets.parts_line import PartsLine


class ShownKey(NamedTuple):
    action: str
    key: str  # as pressed (simulated on a click)
    display: str  # as shown ("?", "esc", "^p")
    label: str
    enabled: bool
    tooltip: str
    at_right_end: bool = False  # the command palette's


def shown_keys(screen: Screen[Any]) -> tuple[ShownKey, ...]:
    """One entry per key the footer shows for `screen`, in its order: the first binding of
    each action marked to be shown, then the command palette's."""
    shown: dict[str, ShownKey] = {}
    palette = None
    app = screen.app
    for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
        if binding.show and binding.action not in shown:
            shown[binding.action] = ShownKey(binding.action, binding.key, app.get_key_display(binding),
                                             binding.description, enabled, tooltip)
        if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
            palette = ShownKey(binding.action, binding.key, app.get_key_display(binding), binding.description,
                               enabled, tooltip or binding.tooltip or binding.description, at_right_end=True)
    return (*shown.values(), *((palette,) if palette else ()))


class Footer(PartsLine, can_focus=False):
    """Its parts are the keys' indexes in `keys`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer--key", "footer--description", "footer--hover", "footer--disabled", "footer--separator",
    }
    PALETTE_SEPARATOR = "▏"

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[ShownKey, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed: drawn anew when they have. Not while the app has
        lost the terminal's focus (as Textual's footer): the focus, and with it the keys, come
        back with it. Not once its screen has closed (key mashing closes a document screen as
        its focus moves)."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        keys = shown_keys(self.screen)
        if keys != self.keys:
            self.keys = keys
            self.parts = []  # where the old keys were drawn: none of them is under the mouse now
            self.hovered = None
            self.refresh()

    def render(self) -> Content:
        palette = self.keys[-1] if self.keys and self.keys[-1].at_right_end else None
        listed = self.keys[:-1] if palette else self.keys
        keys: list[Content] = []
        parts: list[tuple[int, int, int]] = []
        x = 0
        for index, key in enumerate(listed):
            keys.append(self._key(index, key))
            parts.append((x, x + keys[-1].cell_length, index))
            x = parts[-1][1]
        line = Content("").join(keys)
        if palette is not None:  # at the right end, over the keys that do not fit; compact, as Textual's
            key = self._key(len(listed), palette, compact=True)
            room = max(self.size.width - key.cell_length - 2, 0)
            line = line.truncate(room, pad=True)
            parts = [part for part in parts if part[1] <= room]
            parts.append((room + 1, room + 1 + key.cell_length, len(listed)))
            separator = Content.styled(self.PALETTE_SEPARATOR, self.get_visual_style("footer--separator"))
            line = Content.assemble(line, separator, key, " ")
        self.parts = parts
        return line

    def _key(self, index: int, key: ShownKey, *, compact: bool = False) -> Content:
        """" q Quit " ("q Quit" when compact): the key, its label, and the styles of the mouse
        over it and of a key whose action is disabled now."""
        extra = Style()
        if index == self.hovered:
            extra += self.get_visual_style("footer--hover")
        if not key.enabled:
            extra += self.get_visual_style("footer--disabled")
        key_text, label_text = (key.display, f" {key.label}") if compact else (f" {key.display} ", f"{key.label} ")
        return Content.assemble((key_text, self.get_visual_style("footer--key") + extra),
                                (label_text, self.get_visual_style("footer--description") + extra))

    def key_at(self, x: int) -> ShownKey | None:
        index = self.part_at(x)
        return None if index is None else self.keys[index]

    def watch_hovered(self, index: int | None) -> None:
        self.tooltip = (self.keys[index].tooltip or None) if index is not None else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """As Textual's footer: a key is pressed as the button goes down."""
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
