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

Groups never mix measures, so each measure's groups can be made on their own: an
incremental build makes again only the measures its changed documents report, from
`FigureInput`s (what grouping reads of a Figure, kept by the store as rows).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from briefing_tui.agreement import APPROXIMATE_TOLERANCE, EXACT_TOLERANCE, is_conflict
from briefing_tui.models import DocumentFacts, Figure, FigureGroup, stable_id

__all__ = ["EXACT_TOLERANCE", "APPROXIMATE_TOLERANCE", "FigureInput", "Measure", "group_figures", "group_inputs",
           "input_of_row", "is_conflict", "published_year"]

PRESENT_WINDOW = 2  # years before publication an undated "trade stands at …" may describe
_YEARLY_KINDS = frozenset({"trade_turnover", "export", "import"})
_LABEL_STOP = frozenset(
    "the a an of in on to for from with and or by its their his her this that these those total overall "
    "annual bilateral mutual between".split()
)
_WORD = re.compile(r"[^\W\d_]+")

Measure = tuple[str, str, tuple[str, ...], str]  # kind, unit, countries, label words


@lru_cache(maxsize=1 << 14)
def _label_key(label: str) -> str:
    """A figure's label as its measure's words (cached: the same labels recur across documents)."""
    words = [w for w in _WORD.findall(label.lower()) if w not in _LABEL_STOP]
    return " ".join(words)


def _measure(kind: str, unit: str, countries: Iterable[str], label: str) -> Measure:
    words = "" if kind in _YEARLY_KINDS else _label_key(label)
    return kind, unit, tuple(sorted(set(countries))), words


class FigureInput(NamedTuple):
    """What grouping reads of a Figure, with its measure and its document's year of publication."""

    doc_id: str
    id: str
    start: int
    year: int | None
    value: float
    approximate: bool
    published: int | None
    measure: Measure


def _groupable(kind: str, countries: list[str]) -> bool:
    return kind != "other" and bool(countries)


def input_of_row(row: dict[str, Any], published: int | None) -> FigureInput | None:
    """The FigureInput of a figures row, None for a figure never grouped."""
    if not _groupable(row["kind"], row.get("countries") or []):
        return None
    return FigureInput(row["doc_id"], row["id"], row["span"]["start"], row.get("year"), row["value"],
                       row.get("approximate", False), published,
                       _measure(row["kind"], row["unit"], row["countries"], row["label"]))


def published_year(published: str | None) -> int | None:
    """The year of a document's `published` date, which undated figures are read against."""
    if published and published[:4].isdigit():
        return int(published[:4])
    return None


def group_figures(documents: list[DocumentFacts]) -> list[FigureGroup]:
    """Groups of two or more figures of one measure; sets each grouped figure's group_id
    (and clears it on the others, so a rebuild never keeps a stale group)."""
    inputs, figures = [], {}
    for facts in documents:
        published = published_year(facts.document.published)
        for figure in facts.figures:
            figure.group_id = None
            figures[figure.id] = figure
            if _groupable(figure.kind, figure.countries):
                inputs.append(FigureInput(figure.doc_id, figure.id, figure.span.start, figure.year, figure.value,
                                          figure.approximate, published,
                                          _measure(figure.kind, figure.unit, figure.countries, figure.label)))
    groups = group_inputs(inputs)
    for group in groups:
        for fid in group.figure_ids:
            figures[fid].group_id = group.id
    return groups


def group_inputs(inputs: Iterable[FigureInput]) -> list[FigureGroup]:
    """The groups of the figures, by measure then year: all figures of a measure must be given, or none."""
    dated: dict[tuple[Measure, int], list[FigureInput]] = defaultdict(list)
    undated: list[FigureInput] = []
    for figure in inputs:
        if figure.year is not None:
            dated[(figure.measure, figure.year)].append(figure)
        else:
            undated.append(figure)
    # each list in document order: sorted apart, the same order as one sort of all the
    # figures (100,000 at 10,000 articles) gives, in half the time
    for figures in (*dated.values(), undated):
        figures.sort(key=_in_document_order)

    years_of: dict[Measure, list[int]] = defaultdict(list)
    for measure, year in dated:
        years_of[measure].append(year)
    members: dict[tuple[Measure, int | None], list[FigureInput]] = {key: list(v) for key, v in dated.items()}
    per_document = Counter((f.doc_id, f.measure) for f in undated)
    for figure in undated:
        measure = figure.measure
        if per_document[(figure.doc_id, measure)] > 1:
            continue  # several undated values of one measure: several times, not the present
        year = _present_year(years_of.get(measure, []), figure.published) if measure[0] in _YEARLY_KINDS else None
        members.setdefault((measure, year), []).append(figure)

    groups = []
    for (measure, year), figures in sorted(members.items(), key=lambda kv: _sort_key(*kv[0])):
        if len({f.doc_id for f in figures}) < 2:
            continue  # one source is not a comparison
        kind, unit, countries, words = measure
        groups.append(FigureGroup(
            id=stable_id("grp", kind, unit, ",".join(countries), words, year),
            kind=kind, year=year, unit=unit, countries=list(countries),
            figure_ids=[f.id for f in figures], values=[f.value for f in figures], conflict=is_conflict(figures),
        ))
    return groups


def _in_document_order(figure: FigureInput) -> tuple[str, int, str]:
    return figure.doc_id, figure.start, figure.id


def _present_year(years: list[int], published: int | None) -> int | None:
    """The year an undated statement of a yearly measure most likely describes."""
    if published is not None:
        years = [y for y in years if published - PRESENT_WINDOW <= y <= published]
    return max(years) if years else None


def _sort_key(measure: Measure, year: int | None) -> tuple:
    kind, unit, countries, words = measure
    return kind, unit, countries, words, year is None, year or 0
