"""People named in an article, with role and country, resolved within the document."""

from __future__ import annotations

from briefing_tui.models import CountryMention, Document, PersonMention, Sentence


def extract_people(document: Document, sentences: list[Sentence],
                   countries: list[CountryMention]) -> list[PersonMention]:
    return []
