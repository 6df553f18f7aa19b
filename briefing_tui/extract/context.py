"""What several extractors read of one document, worked out once per document.

Quotes, events and figures all need a sentence's dates, and events and figures the
document's focus country and the country mentions by sentence and in text order. Each
used to work these out for itself; a `DocumentContext` made by `extract_facts` works out
each once, when first asked, and hands the same answer to every extractor.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cached_property

from briefing_tui.extract.dates import DateMention, find_dates, parse_published
from briefing_tui.models import CountryMention, Document, Sentence

__all__ = ["DocumentContext", "countries_in", "dominant_country"]


class DocumentContext:
    """One document, its sentences and country mentions, and what is derived from them."""

    def __init__(self, document: Document, sentences: list[Sentence], countries: list[CountryMention]):
        self.document = document
        self.sentences = sentences
        self.countries = countries
        self.published: date | None = parse_published(document.published)
        self._dates: dict[int, list[DateMention]] = {}

    def dates(self, sentence: Sentence) -> list[DateMention]:
        """Every date of the sentence, unresolved ones included, at offsets into its text
        (the caller must not change the list)."""
        found = self._dates.get(sentence.index)
        if found is None:
            found = self._dates[sentence.index] = find_dates(sentence.text, self.published, include_unresolved=True)
        return found

    @cached_property
    def focus(self) -> str | None:
        """The document's most mentioned country (see `dominant_country`)."""
        return dominant_country(self.sentences, self.countries)

    @cached_property
    def countries_by_start(self) -> list[CountryMention]:
        """The country mentions in text order."""
        return sorted(self.countries, key=lambda c: c.span.start)

    @cached_property
    def countries_by_sentence(self) -> dict[int, list[CountryMention]]:
        """The country mentions of each sentence (by its index): a clause looks only at its
        own sentence's, and a 20 MB article has hundreds of thousands of sentences."""
        mentions: dict[int, list[CountryMention]] = {}
        for c in self.countries:
            mentions.setdefault(c.span.sentence, []).append(c)
        return mentions


def countries_in(start: int, end: int, countries: list[CountryMention]) -> list[str]:
    """ISO3 codes of the country mentions inside [start, end), in text order, no repeats."""
    inside = sorted((c.span.start, c.code) for c in countries if start <= c.span.start and c.span.end <= end)
    return list(dict.fromkeys(code for _, code in inside))


def dominant_country(sentences: list[Sentence], countries: list[CountryMention]) -> str | None:
    """The document's most mentioned country in body text (first mentioned wins a tie)."""
    body = {s.index for s in sentences if s.kind == "body"}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for c in countries:
        if c.span.sentence in body:
            counts[c.code] += 1
            first.setdefault(c.code, c.span.start)
            first[c.code] = min(first[c.code], c.span.start)
    if not counts:
        return None
    return max(counts, key=lambda code: (counts[code], -first[code]))
