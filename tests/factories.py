"""A small hand-made corpus, independent of the extractors.

UI snapshots, query and export tests use it so that they test their own code, not the
extraction of the day: every fact here is written by hand, with spans found in the text.
Includes the awkward cases: markup-like brackets, an undated event, a figure conflict.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.ingest import parse_text
from briefing_tui.models import (
    Corpus,
    Country,
    CountryMention,
    DocumentFacts,
    Event,
    Figure,
    FigureGroup,
    PartialDate,
    Person,
    PersonMention,
    Quote,
    Span,
    stable_id,
)
from briefing_tui.pipeline import corpus_tables
from briefing_tui.store import save_tables

ARTICLE_A = """Accra Hosts Talks on Cocoa and Minerals

Accra, March 12, 2024 – Minister of Foreign Affairs of the Republic of Ghana Ama Owusu held talks with Chile's Foreign Minister Tomas Vidal, who arrived in Accra on an official visit.
The two sides signed a Memorandum of Understanding on mining cooperation.
“Ghana sees Chile as a partner in copper and cocoa alike,” said Owusu.
In 2023, trade between Ghana and Chile reached $210 million, a 12% increase over 2022.
Ghana's exports to Chile are led by cocoa beans (61%) and gold (20%).
Vidal also toured the [National] Cocoa Research Institute.
"""

ARTICLE_B = """date 2024-05-02 SANTIAGO – Chile and Ghana are drawing closer, officials say.

“We expect trade with Ghana to pass $300 million next year,” said Tomas Vidal, Chile's Minister of Foreign Affairs.
Bilateral trade now stands at around $250 million.
A Chilean embassy opened in Accra in January 2022.
The two countries plan a business forum, a date for which has not been set.
"""


def _span(doc_id: str, text: str, sentences: list, phrase: str) -> Span:
    start = text.index(phrase)
    end = start + len(phrase)
    sentence = next(s.index for s in sentences if s.start <= start < s.end)
    return Span(doc_id=doc_id, sentence=sentence, start=start, end=end)


def _facts(path: str, text: str) -> tuple[DocumentFacts, callable]:
    document, sentences = parse_text(text, path)
    facts = DocumentFacts(document=document, sentences=sentences)

    def span(phrase: str) -> Span:
        return _span(document.id, text, sentences, phrase)

    return facts, span


def make_corpus() -> Corpus:
    a, span_a = _facts("accra-talks.txt", ARTICLE_A)
    b, span_b = _facts("santiago-ties.txt", ARTICLE_B)
    da, db = a.document.id, b.document.id

    for facts, span, surfaces in (
        (a, span_a, [("GHA", "Republic of Ghana"), ("CHL", "Chile's Foreign"), ("GHA", "Accra")]),
        (b, span_b, [("CHL", "Chile and"), ("GHA", "Ghana are"), ("GHA", "Accra")]),
    ):
        for code, surface in surfaces:
            facts.countries.append(CountryMention(doc_id=facts.document.id, code=code, surface=surface,
                                                  span=span(surface)))

    owusu = PersonMention(id=stable_id("per", da, "Ama Owusu"), doc_id=da, name="Ama Owusu", aliases=["Owusu"],
                          role="Minister of Foreign Affairs", country="GHA", spans=[span_a("Ama Owusu")])
    vidal_a = PersonMention(id=stable_id("per", da, "Tomas Vidal"), doc_id=da, name="Tomas Vidal",
                            aliases=["Vidal"], role="Foreign Minister", country="CHL", spans=[span_a("Tomas Vidal")])
    vidal_b = PersonMention(id=stable_id("per", db, "Tomas Vidal"), doc_id=db, name="Tomas Vidal", aliases=[],
                            role="Minister of Foreign Affairs", country="CHL", spans=[span_b("Tomas Vidal")])
    a.people = [owusu, vidal_a]
    b.people = [vidal_b]

    march_12 = PartialDate(year=2024, month=3, day=12)
    a.events = [
        Event(id=stable_id("evt", da, 1), doc_id=da, date=march_12, kind="meeting", countries=["GHA", "CHL"],
              people=[owusu.id, vidal_a.id], summary="Owusu held talks with Chile's Foreign Minister Vidal",
              evidence="held talks with Chile's Foreign Minister", topics=["mining"],
              span=span_a("held talks with Chile's Foreign Minister")),
        Event(id=stable_id("evt", da, 2), doc_id=da, date=march_12, kind="agreement", countries=["GHA", "CHL"],
              summary="Memorandum of Understanding on mining cooperation signed",
              evidence="signed a Memorandum of Understanding on mining cooperation", topics=["mining"],
              span=span_a("signed a Memorandum of Understanding on mining cooperation")),
    ]
    b.events = [
        Event(id=stable_id("evt", db, 1), doc_id=db, date=PartialDate(year=2022, month=1), kind="embassy",
              countries=["CHL", "GHA"], summary="Chilean embassy opened in Accra",
              evidence="A Chilean embassy opened in Accra in January 2022.",
              span=span_b("A Chilean embassy opened in Accra in January 2022.")),
        Event(id=stable_id("evt", db, 2), doc_id=db, date=None, kind="forum", countries=["CHL", "GHA"],
              summary="Business forum planned, date not set", evidence="plan a business forum",
              topics=["trade"], span=span_b("plan a business forum")),
    ]
    a.quotes = [
        Quote(id=stable_id("quo", da, 1), doc_id=da, text="Ghana sees Chile as a partner in copper and cocoa alike",
              speaker="Ama Owusu", speaker_mention_id=owusu.id, date=march_12, date_from_published=True,
              countries=["GHA", "CHL"], topics=["mining", "agriculture"],
              span=span_a("Ghana sees Chile as a partner in copper and cocoa alike")),
    ]
    b.quotes = [
        Quote(id=stable_id("quo", db, 1), doc_id=db, text="We expect trade with Ghana to pass $300 million next year",
              speaker="Tomas Vidal", speaker_mention_id=vidal_b.id, date=PartialDate(year=2024, month=5, day=2),
              date_from_published=True, countries=["GHA", "CHL"], topics=["trade"],
              span=span_b("We expect trade with Ghana to pass $300 million next year")),
    ]
    turnover_a = Figure(id=stable_id("fig", da, 1), doc_id=da, kind="trade_turnover", value=210e6, unit="USD",
                        year=2023, countries=["GHA", "CHL"], label="trade between Ghana and Chile",
                        evidence="$210 million", topics=["trade"], span=span_a("$210 million"))
    turnover_b = Figure(id=stable_id("fig", db, 1), doc_id=db, kind="trade_turnover", value=250e6, unit="USD",
                        year=None, approximate=True, countries=["GHA", "CHL"], label="bilateral trade",
                        evidence="around $250 million", topics=["trade"], span=span_b("around $250 million"))
    a.figures = [
        turnover_a,
        Figure(id=stable_id("fig", da, 2), doc_id=da, kind="growth", value=12, unit="%", year=2023,
               countries=["GHA", "CHL"], label="trade growth", evidence="a 12% increase", topics=["trade"],
               span=span_a("a 12% increase")),
        Figure(id=stable_id("fig", da, 3), doc_id=da, kind="share", value=61, unit="%", year=None,
               countries=["GHA", "CHL"], label="cocoa beans (exports)", evidence="cocoa beans (61%)",
               topics=["agriculture"], span=span_a("cocoa beans (61%)")),
        Figure(id=stable_id("fig", da, 4), doc_id=da, kind="share", value=20, unit="%", year=None,
               countries=["GHA", "CHL"], label="gold (exports)", evidence="gold (20%)", topics=["mining"],
               span=span_a("gold (20%)")),
    ]
    b.figures = [turnover_b]
    group = FigureGroup(id=stable_id("grp", turnover_a.id, turnover_b.id), kind="trade_turnover", year=2023,
                        unit="USD", countries=["CHL", "GHA"], figure_ids=[turnover_a.id, turnover_b.id],
                        values=[210e6, 250e6], conflict=True)
    turnover_a.group_id = turnover_b.group_id = group.id

    vidal = Person(id=stable_id("per", vidal_a.id), name="Tomas Vidal", aliases=["Vidal"],
                   role="Minister of Foreign Affairs", country="CHL", doc_ids=[da, db],
                   mention_ids=[vidal_a.id, vidal_b.id])
    owusu_p = Person(id=stable_id("per", owusu.id), name="Ama Owusu", aliases=["Owusu"],
                     role="Minister of Foreign Affairs", country="GHA", doc_ids=[da], mention_ids=[owusu.id])
    for quote in (*a.quotes, *b.quotes):
        quote.speaker_id = owusu_p.id if quote.speaker_mention_id == owusu.id else vidal.id
    a.events[0].person_ids = sorted([owusu_p.id, vidal.id])

    return Corpus(
        documents=[a, b],
        countries=[Country(code="GHA", name="Ghana", doc_ids=[da, db], mentions=4),
                   Country(code="CHL", name="Chile", doc_ids=[da, db], mentions=2)],
        people=[owusu_p, vidal],
        figure_groups=[group],
    )


def write_corpus_store(path: Path, corpus: Corpus | None = None) -> Path:
    """Save the hand-made corpus as a real TinyDB store at `path`."""
    corpus = corpus or make_corpus()
    save_tables(path, corpus_tables(corpus), {"built_at": "2024-06-01T00:00:00+0000", "seeds": "tests",
                                               "sources": {}, "hashes": {}, "failures": [], "warnings": []})
    return path


def write_articles(folder: Path) -> Path:
    """The two hand-made articles as files, for build tests."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "accra-talks.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "santiago-ties.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder
