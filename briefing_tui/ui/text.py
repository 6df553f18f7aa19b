"""Article text is data, never markup.

Everything an article says reaches the screen through these helpers: they build Rich `Text`
objects (which never parse markup) and replace control characters, so a title such as
"[National] Space Center", "[@click=app.quit]" or an ANSI escape in a file shows literally
and does nothing. Replacements are one character for one, so span offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from briefing_tui.models import PartialDate

# C0/C1 controls (tab and newline included: a cell is one line) and bidi overrides
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_KEEP_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None) -> str:
    """One line of displayable characters, same length as the input."""
    return _CONTROL.sub(" ", text or "")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def clean_keep_lines(text: str) -> str:
    """Like clean() but newlines stay: for whole documents, where offsets must not move."""
    return _CONTROL_KEEP_NEWLINE.sub(" ", text)


def plain(text: str | None, style: str = "") -> Text:
    """A Text of article words: never parsed as markup, control characters made harmless."""
    return Text(clean(text), style=style, no_wrap=True, end="")


def count_of(n: int, noun: str) -> str:
    """"1 document", "3 documents"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def date_label(date: PartialDate | None) -> str:
    return date.label if date is not None else "undated"


def join(parts: Iterable[str], sep: str = ", ") -> Text:
    return plain(sep.join(parts))
