"""Topic tags for events, quotes and figures, from a documented keyword list."""

from __future__ import annotations

from briefing_tui.models import DocumentFacts


def tag_topics(facts: DocumentFacts) -> DocumentFacts:
    return facts
