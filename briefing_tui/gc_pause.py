"""The cyclic garbage collector paused while objects that live on are made: the modules,
classes and widgets of start-up, the records and models of a store read.

Such objects are never garbage, yet the collector's young generations scan them as they
are made: importing Textual and the app took a tenth longer with it running (a tenth of
the seeds' start-up). Pauses nest, as the store read in a thread during the app's start-up
does: the collector runs again once the last ends, if it ran before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_start_up = False  # whether the start-up's pause is held


def pause() -> None:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1


def resume() -> None:
    global _depth
    with _lock:
        if _depth == 0:
            return
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    pause()
    try:
        yield
    finally:
        resume()


def pause_start_up() -> None:
    """From the command's start (`briefing`'s main) to `end_start_up`; once."""
    global _start_up
    if not _start_up:
        _start_up = True
        pause()


def end_start_up() -> None:
    """A command is under way (the app: its first frame is drawn); nothing when the start-up's
    pause is not held (an app run by the tests). What start-up made is frozen (moved out of
    the collector's sight), or the collector's first run would scan all of it at once."""
    global _start_up
    if _start_up:
        _start_up = False
        gc.freeze()
        resume()
