"""Across documents: one country table, one person under many names, one figure from many sources.

Runs after the per-document extraction, over every document of the build. It is cheap
compared with extraction, so an incremental build reruns it over all documents.
"""

from __future__ import annotations

from briefing_tui.models import Corpus, Country, DocumentFacts
from briefing_tui.resolve.countries import aggregate_countries
from briefing_tui.resolve.figures import group_figures
from briefing_tui.resolve.people import merge_people


def resolve(documents: list[DocumentFacts], *, countries: list[Country] | None = None) -> Corpus:
    """The corpus of the documents' facts. `countries` is the country table of documents
    given without their country mentions (a build keeps those as rows)."""
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
