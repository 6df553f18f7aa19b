"""One person under many names across documents (aliases, titles, spelling variants)."""

from __future__ import annotations

from briefing_tui.models import DocumentFacts, Person


def merge_people(documents: list[DocumentFacts]) -> list[Person]:
    return []
