"""The per-document context: quotes, events and figures share one reading of each sentence's
dates and one focus country, and an extractor given no context gives what it gives with one."""

from __future__ import annotations

from extract_support import article, country_mentions
from briefing_tui.extract import context as context_module
from briefing_tui.extract import extract_facts
from briefing_tui.extract.context import DocumentContext
from briefing_tui.extract.events import extract_events
from briefing_tui.extract.figures import extract_figures
from briefing_tui.extract.people import extract_people
from briefing_tui.extract.quotes import extract_quotes
from briefing_tui.ingest import parse_text

# a sentence each extractor reads: a quotation, a dated visit and a money amount
BODY = (
    "Zambian Foreign Minister Mwila Banda visited Santiago on May 14, 2024, and signed a deal worth $40 million. "
    "“Copper is only the beginning,” Banda said on May 14, 2024.\n"
    "Exports to Chile reached $12 million in 2023, up 8% on the year before.\n"
)


def _parsed():
    document, sentences = parse_text(article(BODY, "2024-06-10"), "context.txt")
    return document, sentences, country_mentions(document, sentences)


def test_each_sentence_s_dates_are_read_once_per_document(monkeypatch):
    read: list[str] = []
    find_dates = context_module.find_dates

    def counting(text, *args, **kwargs):
        read.append(text)
        return find_dates(text, *args, **kwargs)

    monkeypatch.setattr(context_module, "find_dates", counting)
    document, sentences = parse_text(article(BODY, "2024-06-10"), "context.txt")
    facts = extract_facts(document, sentences)
    assert facts.quotes and facts.events and facts.figures  # all three read the dates
    assert read and len(read) == len(set(read))


def test_the_focus_country_is_worked_out_once(monkeypatch):
    calls = []
    dominant_country = context_module.dominant_country
    monkeypatch.setattr(context_module, "dominant_country", lambda *a: calls.append(a) or dominant_country(*a))
    document, sentences = parse_text(article(BODY, "2024-06-10"), "context.txt")
    extract_facts(document, sentences)
    assert len(calls) == 1


def test_extractors_give_the_same_with_a_shared_context_as_without():
    document, sentences, countries = _parsed()
    people = extract_people(document, sentences, countries)
    shared = DocumentContext(document, sentences, countries)
    assert extract_quotes(document, sentences, people, countries, shared) == \
        extract_quotes(document, sentences, people, countries)
    assert extract_events(document, sentences, countries, people, shared) == \
        extract_events(document, sentences, countries, people)
    assert extract_figures(document, sentences, countries, shared) == extract_figures(document, sentences, countries)
    assert shared.focus == "CHL"  # Santiago and Chile against one Zambian
