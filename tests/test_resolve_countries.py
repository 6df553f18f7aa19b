"""The corpus country table: one row per country, with its documents, mention count and a readable name."""

from __future__ import annotations

import pytest

from briefing_tui.extract.countries import extract_countries
from briefing_tui.ingest import parse_text
from briefing_tui.models import CountryMention, DocumentFacts, Span
from briefing_tui.resolve.countries import aggregate_countries, country_name


def facts(path: str, body: str) -> DocumentFacts:
    document, sentences = parse_text(f"A Test Article\n\n{body}\n", path)
    return DocumentFacts(document=document, sentences=sentences, countries=extract_countries(document, sentences))


def test_one_row_per_country_most_mentioned_first():
    docs = [
        facts("a.txt", "Peru and Chile met. Peruvian grain left Lima."),
        facts("b.txt", "Chile hosted Peru. Santiago and Kenya agreed."),
    ]
    table = aggregate_countries(docs)
    assert [(c.code, c.mentions) for c in table] == [("PER", 4), ("CHL", 3), ("KEN", 1)]
    by_code = {c.code: c for c in table}
    assert by_code["PER"].doc_ids == [docs[0].document.id, docs[1].document.id]
    assert by_code["KEN"].doc_ids == [docs[1].document.id]
    assert by_code["PER"].name == "Peru"


def test_ties_are_ordered_by_name():
    table = aggregate_countries([facts("a.txt", "Zambia, Angola and Kenya signed.")])
    assert [c.name for c in table] == ["Angola", "Kenya", "Zambia"]


def test_no_documents_no_countries():
    assert aggregate_countries([]) == []
    assert aggregate_countries([facts("a.txt", "Nothing here.")]) == []


def test_a_code_without_an_iso_entry_keeps_its_code_as_name():
    document, sentences = parse_text("A Test Article\n\nText.\n", "a.txt")
    span = Span(doc_id=document.id, sentence=0, start=0, end=1)
    mention = CountryMention(doc_id=document.id, code="XKX", surface="A", span=span)
    table = aggregate_countries([DocumentFacts(document=document, sentences=sentences, countries=[mention])])
    assert [(c.code, c.name, c.mentions) for c in table] == [("XKX", "XKX", 1)]


@pytest.mark.parametrize("code, name", [
    ("COD", "Democratic Republic of the Congo"), ("COG", "Congo"), ("CIV", "Côte d'Ivoire"),
    ("TZA", "Tanzania"), ("RUS", "Russia"), ("IRN", "Iran"), ("KAZ", "Kazakhstan"), ("BFA", "Burkina Faso"),
    ("PRK", "North Korea"), ("KOR", "South Korea"), ("VGB", "British Virgin Islands"), ("BRN", "Brunei"),
    ("USA", "United States"), ("GBR", "United Kingdom"), ("PSE", "State of Palestine"),
])
def test_readable_names(code, name):
    assert country_name(code) == name
