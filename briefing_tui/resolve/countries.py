"""The corpus-wide country table: every country with the documents that mention it."""

from __future__ import annotations

from briefing_tui.models import Country, DocumentFacts


def aggregate_countries(documents: list[DocumentFacts]) -> list[Country]:
    return []
