"""The same measure reported by several sources: agreement or conflict."""

from __future__ import annotations

from briefing_tui.models import DocumentFacts, FigureGroup


def group_figures(documents: list[DocumentFacts]) -> list[FigureGroup]:
    return []
