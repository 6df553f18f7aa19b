"""Getting a widget's change into the very next frame.

A widget's refresh reaches its screen only at the widget's own next idle (Textual posts the
screen an update then). The screen's idle often comes first: it then draws a frame without
the change, which follows a frame later (15-35 ms), and it runs the callbacks of
`call_after_refresh` at once when nothing else is dirty, before the change was drawn (a
worker started "after the frame" then shared the interpreter with drawing it). This hands
the change to the screen at once, through Textual's private step for it (`_check_refresh`,
what the widget's idle would call; pinned Textual 8.2.x).
"""

from __future__ import annotations

from textual.widget import Widget


def in_next_frame(*widgets: Widget) -> None:
    """The refreshes asked of `widgets` are drawn in the screen's next frame."""
    for widget in widgets:
        widget._check_refresh()
