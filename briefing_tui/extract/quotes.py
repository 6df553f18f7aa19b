"""Direct quotations and who said them."""

from __future__ import annotations

from briefing_tui.models import CountryMention, Document, PersonMention, Quote, Sentence


def extract_quotes(document: Document, sentences: list[Sentence], people: list[PersonMention],
                   countries: list[CountryMention]) -> list[Quote]:
    return []
