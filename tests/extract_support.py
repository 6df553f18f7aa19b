"""Hand-made inputs for the event, figure and topic extractors.

Countries and people come from other extractors; these tests build them by hand, so a
change there never changes what these tests check: every occurrence of a given surface
("Zambia", "Lusaka") becomes a CountryMention, every occurrence of a person's name a span
of one PersonMention.
"""

from __future__ import annotations

import re

from briefing_tui.extract.events import extract_events
from briefing_tui.extract.figures import extract_figures
from briefing_tui.ingest import parse_text
from briefing_tui.models import CountryMention, Document, DocumentFacts, PersonMention, Sentence, Span, stable_id

# surfaces used across the tests (own sentences, not taken from any seed article)
COUNTRIES = {
    "Zambia": "ZMB", "Zambian": "ZMB", "Lusaka": "ZMB",
    "Chile": "CHL", "Chilean": "CHL", "Santiago": "CHL",
    "Ghana": "GHA", "Ghanaian": "GHA", "Accra": "GHA",
    "Peru": "PER", "Peruvian": "PER", "Lima": "PER",
    "Mongolia": "MNG", "Mongolian": "MNG", "Ulaanbaatar": "MNG",
    "Senegal": "SEN", "Senegalese": "SEN", "Dakar": "SEN",
    "Uzbekistan": "UZB", "Uzbek": "UZB", "Tashkent": "UZB",
}


def article(body: str, published: str | None = None, title: str = "A Test Article") -> str:
    """An article as a file holds it: header lines (title, maybe a date), then the body."""
    head = f"Title: {title}\n" + (f"Date: {published}\n" if published else "")
    return head + "\n" + body.strip() + "\n"


def country_mentions(document: Document, sentences: list[Sentence],
                     surfaces: dict[str, str] | None = None) -> list[CountryMention]:
    surfaces = COUNTRIES if surfaces is None else surfaces
    if not surfaces:
        return []
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
                    + r")(?![\w])")
    out = []
    for s in sentences:
        for m in rx.finditer(document.text, s.start, s.end):
            out.append(CountryMention(doc_id=document.id, code=surfaces[m.group(1)], surface=m.group(1),
                                      span=Span(doc_id=document.id, sentence=s.index, start=m.start(), end=m.end())))
    return out


def person_mentions(document: Document, sentences: list[Sentence],
                    people: dict[str, str | None]) -> list[PersonMention]:
    """One PersonMention per name ("Ama Owusu": "GHA"); spans at the full name and the surname."""
    out = []
    for name, country in people.items():
        surname = name.split()[-1]
        spans = []
        for m in re.finditer(rf"\b(?:{re.escape(name)}|{re.escape(surname)})\b", document.text):
            sentence = next((s for s in sentences if s.start <= m.start() < s.end), None)
            if sentence is not None:
                spans.append(Span(doc_id=document.id, sentence=sentence.index, start=m.start(), end=m.end()))
        out.append(PersonMention(id=stable_id("per", document.id, name), doc_id=document.id, name=name,
                                 aliases=[surname], country=country, spans=spans))
    return out


def facts_of(body: str, published: str | None = None, *, people: dict[str, str | None] | None = None,
             surfaces: dict[str, str] | None = None, path: str = "test.txt") -> DocumentFacts:
    """Events and figures of one hand-written article."""
    document, sentences = parse_text(article(body, published), path)
    countries = country_mentions(document, sentences, surfaces)
    persons = person_mentions(document, sentences, people or {})
    return DocumentFacts(
        document=document, sentences=sentences, countries=countries, people=persons,
        events=extract_events(document, sentences, countries, persons),
        figures=extract_figures(document, sentences, countries),
    )


def dated(facts: DocumentFacts) -> list[tuple[str, str]]:
    """(date, kind) of the dated events, in order."""
    return [(e.date.iso, e.kind) for e in facts.events if e.date is not None]
