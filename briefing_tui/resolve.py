"""Across documents: one person under many names, one figure from many sources."""

from __future__ import annotations

from briefing_tui.models import Corpus, DocumentFacts


def resolve(documents: list[DocumentFacts]) -> Corpus:
    return Corpus(documents=documents)
