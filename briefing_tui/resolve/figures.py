"""The same measure reported by several sources: agreement or conflict.

A *measure* is what a figure counts, for which countries, in which year, in which unit:

* trade turnover, exports and imports are one number per year and set of countries, so
  their measure is (kind, unit, countries, year);
* investments, growth rates, product shares and other figures are many different numbers
  for the same countries ("EIPICO invests $33 million", "FDI totalled $106 million"), so
  their measure also needs the same words in the label ("sulfur", "trade turnover").

An undated turnover, export or import figure ("trade stands at around $1 billion") speaks
of the present: it joins the latest dated group of its measure from the two years before
its document's publication (any year when the document has no date), and otherwise the
undated group of that measure. A document that gives one measure several undated values
("less than $10 million when I arrived … $48 million last year") speaks of several times,
so those figures join no group.

Figures of one measure from two or more documents are a `FigureGroup`; a measure only one
document reports gets none. A group is a *conflict* when two documents' values differ
beyond rounding: more than 2 % apart, or more than 10 % when one of them is approximate
("around $800 million" beside "$783 million" agree, "around $1 billion" beside "$783
million" do not); one document's own values for a measure never conflict with each other.
Group ids come from the measure, so a rebuild, or adding articles about other things,
keeps them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from briefing_tui.models import DocumentFacts, Figure, FigureGroup, stable_id

__all__ = ["EXACT_TOLERANCE", "APPROXIMATE_TOLERANCE", "group_figures", "is_conflict"]

EXACT_TOLERANCE = 0.02
APPROXIMATE_TOLERANCE = 0.10
PRESENT_WINDOW = 2  # years before publication an undated "trade stands at …" may describe
_YEARLY_KINDS = frozenset({"trade_turnover", "export", "import"})
_LABEL_STOP = frozenset(
    "the a an of in on to for from with and or by its their his her this that these those total overall "
    "annual bilateral mutual between".split()
)
_WORD = re.compile(r"[^\W\d_]+")

Measure = tuple[str, str, tuple[str, ...], str]  # kind, unit, countries, label words


def _label_key(label: str) -> str:
    words = [w for w in _WORD.findall(label.lower()) if w not in _LABEL_STOP]
    return " ".join(words)


def _measure(figure: Figure) -> Measure:
    words = "" if figure.kind in _YEARLY_KINDS else _label_key(figure.label)
    return figure.kind, figure.unit, tuple(sorted(set(figure.countries))), words


def is_conflict(figures: list[Figure]) -> bool:
    """Whether two documents' values differ beyond rounding (wider when one is approximate).

    Any pair more than APPROXIMATE_TOLERANCE apart conflicts whatever its approximations;
    within that, only two exact values can still conflict. So the question is asked twice,
    of the two most distant values from different documents: once among all figures, once
    among the exact ones — O(n log n), not a comparison of every pair (one article may repeat
    a figure a hundred thousand times)."""
    exact = [f for f in figures if not f.approximate]
    return _spread(figures) > APPROXIMATE_TOLERANCE or _spread(exact) > EXACT_TOLERANCE


def _spread(figures: list[Figure]) -> float:
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


def _published_year(facts: DocumentFacts) -> int | None:
    published = facts.document.published
    if published and published[:4].isdigit():
        return int(published[:4])
    return None


def group_figures(documents: list[DocumentFacts]) -> list[FigureGroup]:
    """Groups of two or more figures of one measure; sets each grouped figure's group_id
    (and clears it on the others, so a rebuild never keeps a stale group)."""
    dated: dict[tuple[Measure, int], list[Figure]] = defaultdict(list)
    undated: list[tuple[Figure, int | None, Measure]] = []  # with its measure: made once per figure
    for facts in sorted(documents, key=lambda f: f.document.id):
        for figure in sorted(facts.figures, key=lambda f: (f.span.start, f.id)):
            figure.group_id = None
            if figure.kind == "other" or not figure.countries:
                continue
            if figure.year is not None:
                dated[(_measure(figure), figure.year)].append(figure)
            else:
                undated.append((figure, _published_year(facts), _measure(figure)))

    years_of: dict[Measure, list[int]] = defaultdict(list)
    for measure, year in dated:
        years_of[measure].append(year)
    members: dict[tuple[Measure, int | None], list[Figure]] = {key: list(v) for key, v in dated.items()}
    per_document = Counter((f.doc_id, measure) for f, _, measure in undated)
    for figure, published, measure in undated:
        if per_document[(figure.doc_id, measure)] > 1:
            continue  # several undated values of one measure: several times, not the present
        year = _present_year(years_of.get(measure, []), published) if figure.kind in _YEARLY_KINDS else None
        members.setdefault((measure, year), []).append(figure)

    groups = []
    for (measure, year), figures in sorted(members.items(), key=lambda kv: _sort_key(kv[0])):
        if len({f.doc_id for f in figures}) < 2:
            continue  # one source is not a comparison
        kind, unit, countries, words = measure
        group = FigureGroup(
            id=stable_id("grp", kind, unit, ",".join(countries), words, year),
            kind=kind, year=year, unit=unit, countries=list(countries),
            figure_ids=[f.id for f in figures], values=[f.value for f in figures], conflict=is_conflict(figures),
        )
        for figure in figures:
            figure.group_id = group.id
        groups.append(group)
    return groups


def _present_year(years: list[int], published: int | None) -> int | None:
    """The year an undated statement of a yearly measure most likely describes."""
    if published is not None:
        years = [y for y in years if published - PRESENT_WINDOW <= y <= published]
    return max(years) if years else None


def _sort_key(key: tuple[Measure, int | None]) -> tuple:
    (kind, unit, countries, words), year = key
    return kind, unit, countries, words, year is None, year or 0
