"""Across documents: one country table, one person under many names, one figure from many sources.

Two ways in. `resolve` takes DocumentFacts and sets the links on their facts (a quote's
speaker, an event's people, a figure's group): what `briefing extract --json` prints. A
build instead keeps, per document, the little that resolution reads (an index record:
mentions per country code, `mention_row`s, `figure_row`s) and `resolve_index` makes the
three tables from those records alone; the store derives the links from the tables when
it is loaded, so documents' rows never change when other documents do.

Incremental: merging never joins two surnames and grouping never joins two measures, so
given the last build's tables and the records of the documents that changed (old and new
versions), only the surnames and measures those records name are resolved again; every
other person and group is kept as it was. That is exactly a full resolve, at the cost of
what changed. The country table is recounted: a few numbers per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from briefing_tui.models import Corpus, Country, DocumentFacts
from briefing_tui.resolve.countries import aggregate_countries, country_table
from briefing_tui.resolve.figures import FigureInput, group_figures, group_inputs, group_key, row_measure
from briefing_tui.resolve.people import Mention, merge_mentions, merge_people, person_key

Rows = list[dict[str, Any]]


def resolve(documents: list[DocumentFacts], *, countries: list[Country] | None = None) -> Corpus:
    """The corpus of the documents' facts. `countries` is the country table of documents
    given without their country mentions."""
    people = merge_people(documents)
    person_of = {mention_id: person.id for person in people for mention_id in person.mention_ids}
    for facts in documents:
        for quote in facts.quotes:
            quote.speaker_id = person_of.get(quote.speaker_mention_id or "")
        for event in facts.events:
            event.person_ids = sorted({person_of[m] for m in event.people if m in person_of})
    return Corpus(
        documents=documents,
        countries=aggregate_countries(documents) if countries is None else countries,
        people=people,
        figure_groups=group_figures(documents),
    )


def resolve_index(index: Rows, previous: dict[str, Rows] | None = None, changed: Iterable[dict[str, Any]] = ()
                  ) -> dict[str, Rows]:
    """The countries, people and figure_groups tables of the documents' index records (in
    document order). With `previous` (the last build's tables, "document_index" included),
    only what the `changed` records can affect is made again (see the module docstring)."""
    changed = list(changed)
    names = {c["code"]: c["name"] for c in previous["countries"]} if previous else None
    countries = country_table(((r["id"], r["countries"]) for r in index), names)
    return {
        "countries": [c.model_dump(mode="json") for c in countries],
        "people": _people(index, previous, changed),
        "figure_groups": _figure_groups(index, previous, changed),
    }


def _people(index: Rows, previous: dict[str, Rows] | None, changed: Rows) -> Rows:
    touched = None if previous is None else {m[0] for r in changed for m in r["people"]}
    mentions = [Mention(m[1], r["id"], *m[2:]) for r in index for m in r["people"]
                if touched is None or m[0] in touched]
    people = [p.model_dump(mode="json") for p in merge_mentions(mentions)]
    if previous is None:
        return people
    keyed = [(person_key(p), p) for p in people]
    for p in previous["people"]:
        key = person_key(p)
        words = key[0].split()
        if (words[-1] if words else "") not in touched:  # its surname: that of every mention it holds
            keyed.append((key, p))
    keyed.sort(key=lambda kp: kp[0])
    return [p for _, p in keyed]


def _figure_groups(index: Rows, previous: dict[str, Rows] | None, changed: Rows) -> Rows:
    touched = None if previous is None else {row_measure(f) for r in changed for f in r["figures"]}
    inputs = [FigureInput.of_row(f, r["id"], r["published"]) for r in index for f in r["figures"]
              if touched is None or row_measure(f) in touched]
    measure_of = {f.id: f.measure for f in inputs}
    groups = [g.model_dump(mode="json") for g in group_inputs(inputs)]
    if previous is None:
        return groups
    old = {f[0]: row_measure(f) for r in previous["document_index"] for f in r["figures"]}
    kept = [g for g in previous["figure_groups"] if old[g["figure_ids"][0]] not in touched]
    measure_of.update((g["figure_ids"][0], old[g["figure_ids"][0]]) for g in kept)
    return sorted(groups + kept, key=lambda g: group_key(g, measure_of[g["figure_ids"][0]]))
