"""Full garbage collections while the user is idle, never in the middle of a keystroke.

With 10,000 articles loaded a full collection of the oldest generation costs 60 to 110 ms
(the facts are frozen out of its sight, but every reference of the tens of thousands of
result lists and Textual objects still reaches into them), and the collector's own schedule
ran one in about every fourth pane switch. The young generations stay on their automatic
schedule (each collection well under 5 ms); the oldest is collected once input has been
quiet for a moment, as often as the default schedule would have asked for it.
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 1.0  # no key or mouse button for this long
CHECK_SECONDS = 0.5
NEVER = 2**30  # collections of the middle generation before an automatic full one


class IdleCollector:
    def __init__(self) -> None:
        self._default: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()

    def start(self) -> None:
        """Take the full collections off the automatic schedule (until `stop`)."""
        if self._default is None:
            self._default = gc.get_threshold()
            young, middle, _ = self._default
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """The collector's schedule as it was: the process may go on without us (tests do)."""
        if self._default is not None:
            gc.set_threshold(*self._default)
            self._default = None

    def input_seen(self) -> None:
        self._last_input = time.monotonic()

    def collect_if_idle(self) -> bool:
        """A full collection when input is quiet and one is due; True when it ran."""
        if self._default is None or time.monotonic() - self._last_input < IDLE_SECONDS:
            return False
        if gc.get_count()[2] < self._default[2]:  # the middle generation was not collected often enough yet
            return False
        gc.collect()
        return True
