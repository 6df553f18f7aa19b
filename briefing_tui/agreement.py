"""When sources agree on a figure: the rule that makes a group of figures a conflict.

Apart from briefing_tui.resolve (which groups figures with it at build time) because the
browser asks it too, for the Trade pane's "other sources" column: importing the resolve
package loads its name tables and fuzzy matcher, about 0.4 s the first time Trade showed
a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

EXACT_TOLERANCE = 0.02
APPROXIMATE_TOLERANCE = 0.10


class Reported(Protocol):
    """What the rule reads of a figure (a Figure, or a build's FigureInput)."""

    @property
    def doc_id(self) -> str: ...

    @property
    def value(self) -> float: ...

    @property
    def approximate(self) -> bool: ...


def is_conflict(figures: Sequence[Reported]) -> bool:
    """Whether two documents' values differ beyond rounding (wider when one is approximate).

    Any pair more than APPROXIMATE_TOLERANCE apart conflicts whatever its approximations;
    within that, only two exact values can still conflict. So the question is asked twice,
    of the two most distant values from different documents: once among all figures, once
    among the exact ones — O(n log n), not a comparison of every pair (one article may repeat
    a figure a hundred thousand times)."""
    exact = [f for f in figures if not f.approximate]
    return _spread(figures) > APPROXIMATE_TOLERANCE or _spread(exact) > EXACT_TOLERANCE


def _spread(figures: Sequence[Reported]) -> float:
    """The largest relative difference between values of two different documents."""
    if len(figures) < 2:
        return 0.0
    ordered = sorted(figures, key=lambda f: f.value)
    low, high = ordered[0], ordered[-1]
    other_low = next((f for f in ordered if f.doc_id != low.doc_id), None)
    other_high = next((f for f in reversed(ordered) if f.doc_id != high.doc_id), None)
    best = 0.0
    for a, b in ((low, high), (low, other_high), (other_low, high)):
        if a is None or b is None or a.doc_id == b.doc_id:
            continue
        scale = max(abs(a.value), abs(b.value))
        if scale:
            best = max(best, (b.value - a.value) / scale)
    return best
