"""Screens: main (panes + filters), document (provenance), help, picker, problems."""

from textual.screen import Screen


def close(screen: Screen) -> None:
    """Pop `screen` if it is the one on top; a late key or event for a closed screen does nothing."""
    if screen.is_current:
        screen.app.pop_screen()
