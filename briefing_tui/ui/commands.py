"""The app's own command palette entries (ctrl+p).

Go to a country, open a document, open a pane, filter by topic or speaker, clear filters,
export, switch theme, show keys. Documents, topics and people can number tens of thousands:
they are matched by the typed words first, and only those are fuzzy-scored.

Titles contain article words (document titles, names), so they are shown as plain Content,
never parsed as markup — Textual's Matcher.highlight would parse them, hence `_highlight`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from briefing_tui.query import fold
from briefing_tui.ui.text import clean, count_of

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

Command = tuple[str, Callable[[], object], str]  # title, what it does, help

PANE_TITLES = (("timeline", "Timeline"), ("countries", "Countries"), ("trade", "Trade"), ("quotes", "Quotes"))


def _highlight(matcher: Matcher, title: str) -> Content:
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class BriefingCommands(Provider):
    @property
    def briefing(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    def basic_commands(self) -> list[Command]:
        app = self.briefing
        commands: list[Command] = [
            (f"Open pane: {title}", partial(app.open_pane, pane_id), f"key {n}")
            for n, (pane_id, title) in enumerate(PANE_TITLES, start=1)
        ]
        commands += [
            ("Clear filters", app.clear_filters, "esc or x"),
            ("Export briefing…", app.action_export, "one-page Markdown note (key e)"),
            ("Show keys (help)", app.action_help, "? or F1"),
            ("Build problems", app.main_screen.action_problems, "files the last build skipped or warned about (!)"),
        ]
        return commands

    def commands(self) -> Iterator[Command]:
        """Commands few enough to fuzzy-match every time: panes, actions, themes, countries."""
        app = self.briefing
        yield from self.basic_commands()
        for name in sorted(app.available_themes):
            yield f"Switch theme: {name}", partial(setattr, app, "theme", name), "theme"
        for country in sorted(app.index.countries.values(), key=lambda c: c.name):
            yield (f"Go to country: {clean(country.name)}", partial(app.go_to_country, country.code),
                   count_of(len(country.doc_ids), "document"))

    def many_commands(self) -> Iterator[Command]:
        """Commands that may number tens of thousands: documents, topics, people."""
        app = self.briefing
        index = app.index
        for document in sorted(index.documents.values(), key=lambda d: d.display_title):
            yield (f"Open document: {clean(document.display_title)}", partial(app.open_document, document.id),
                   clean(document.path))
        for topic in index.all_topics():
            yield f"Filter by topic: {clean(topic)}", partial(app.set_filters, topics=frozenset({topic})), "topic"
        for person in sorted(index.people.values(), key=lambda p: p.name):
            yield (f"Filter by speaker: {clean(person.name)}", partial(app.set_filters, speaker=person.id),
                   clean(person.role or ""))

    async def discover(self) -> Hits:
        """With nothing typed: the app's own commands; typing finds countries, documents, themes…"""
        for title, command, help_text in self.basic_commands():
            yield DiscoveryHit(Content(title), command, text=title, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = fold(query).split()
        for title, command, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), command, text=title,
                          help=Content(help_text))  # type: ignore[arg-type]
        for title, command, help_text in self.many_commands():
            # every typed word must be in the title before the (slower) fuzzy score is computed
            if all(word in fold(title) for word in words):
                yield Hit(matcher.match(title) or 0.5, _highlight(matcher, title), command, text=title,
                          help=Content(help_text))  # type: ignore[arg-type]
