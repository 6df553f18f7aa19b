"""Dated happenings: visits, meetings, agreements, forums, embassies, shipments ..."""

from __future__ import annotations

from briefing_tui.models import CountryMention, Document, Event, PersonMention, Sentence


def extract_events(document: Document, sentences: list[Sentence], countries: list[CountryMention],
                   people: list[PersonMention]) -> list[Event]:
    return []
