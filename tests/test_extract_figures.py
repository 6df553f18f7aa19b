"""Money and percentage figures: what they measure, year, currency, countries, evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract_support import facts_of
from briefing_tui.extract.figures import extract_figures
from briefing_tui.ingest import parse_text


def figures(body: str, published: str | None = None, **kw):
    return facts_of(body, published, **kw).figures


def one(body: str, published: str | None = None, **kw):
    found = figures(body, published, **kw)
    assert len(found) == 1, [(f.value, f.unit, f.kind, f.label) for f in found]
    return found[0]


@pytest.mark.parametrize("sentence, kind, value, unit", [
    ("In 2023, trade turnover between Chile and Ghana amounted to $210,5 million.", "trade_turnover", 210.5e6, "USD"),
    ("Bilateral trade between Peru and Senegal stood at 48 million US dollars in 2022.",
     "trade_turnover", 48e6, "USD"),
    ("Chile's exports to Ghana reached US$45 million in 2022.", "export", 45e6, "USD"),
    ("Ghanaian imports from Chile totalled R44-million in 2023.", "import", 44e6, "ZAR"),
    ("Chilean companies have invested €300 million in Ghana.", "investment", 300e6, "EUR"),
    ("Bilateral trade between Chile and Ghana grew by 15,1% in 2023.", "growth", 15.1, "%"),
    ("Copper accounted for 64% of Zambia's exports to Chile.", "share", 64, "%"),
    ("About 95% of the country is covered by mobile networks in Ghana.", "other", 95, "%"),
])
def test_what_a_figure_measures(sentence, kind, value, unit):
    figure = one(sentence)
    assert (figure.kind, figure.unit) == (kind, unit)
    assert figure.value == pytest.approx(value)


def test_two_measures_in_one_sentence():
    found = figures("Chile's exports to Ghana reached $45 million in 2022, while imports stood at $12 million.")
    assert [(f.kind, f.value, f.year) for f in found] == [("export", 45e6, 2022), ("import", 12e6, 2022)]


def test_product_shares_in_brackets_name_their_product():
    found = figures("Zambia's exports to Chile are dominated by copper (64%), cobalt (20,5%) and tobacco (3%).")
    assert [(f.kind, f.label, f.value) for f in found] == [
        ("share", "copper (exports)", 64), ("share", "cobalt (exports)", 20.5), ("share", "tobacco (exports)", 3)]
    assert [f.evidence for f in found] == ["copper (64%)", "cobalt (20,5%)", "tobacco (3%)"]
    mixed = figures("Peru's exports to Ghana are led by fish (40%), while imports from Ghana are led by cocoa (61%).")
    assert [f.label for f in mixed] == ["fish (exports)", "cocoa (imports)"]
    assert [f.label for f in figures("Ghana's trade with Peru is led by cocoa (40%).")] == ["cocoa"]


@pytest.mark.parametrize("written, value", [
    ("$106,3 million", 106.3e6),  # a decimal comma
    ("$1,5 million", 1.5e6),
    ("$7,000", 7000),  # a thousands separator
    ("$1,250,000", 1_250_000),
    ("$2.75 billion", 2.75e9),
])
def test_decimal_comma_versus_thousands_separator(written, value):
    assert one(f"Chilean investment in Ghana reached {written}.").value == pytest.approx(value)


def test_percentages_with_a_decimal_comma():
    assert one("Trade between Chile and Peru rose by 12,4% in 2023.").value == pytest.approx(12.4)
    assert one("Tea made up 0,89% of Peru's imports from Ghana.").value == pytest.approx(0.89)


@pytest.mark.parametrize("written, unit", [
    ("$5 million", "USD"), ("5 million US dollars", "USD"), ("US$5 million", "USD"), ("USD 5 million", "USD"),
    ("R5-million", "ZAR"), ("€5 million", "EUR"), ("5 million euros", "EUR"), ("5 million tenge", "KZT"),
    ("£5 million", "GBP"), ("5 billion CFA francs", "XOF"),
])
def test_currencies(written, unit):
    assert one(f"Chile's exports to Senegal reached {written} in 2023.").unit == unit


@pytest.mark.parametrize("sentence", [
    "Some 1 billion people live in Africa.",
    "The railway between Zambia and Ghana is 7,000 kilometres long.",
    "Ghana exported 120,000 tonnes of cocoa to Chile in 2023.",
    "The embassy in Lima opened in 2019 with 12 diplomats.",
])
def test_bare_numbers_are_not_figures(sentence):
    assert figures(sentence) == []


def test_the_year_of_a_figure_and_what_is_not_its_year():
    assert one("In 2023, trade between Chile and Ghana reached $210 million.").year == 2023
    assert one("Trade between Chile and Ghana reached $210 million in 2023.").year == 2023
    assert one("Chile has invested $300 million in Ghana since 2015.").year is None  # a total since then
    assert one("Trade between Chile and Ghana rose by 12% over 2022.").year is None  # a comparison base
    assert one("Trade between Chile and Ghana reached $210 million.").year is None
    assert one("Last year, trade between Chile and Ghana reached $210 million.", "2024-05-02").year == 2023


def test_a_comparison_amount_has_the_earlier_year():
    found = figures("In 2024, trade between Ghana and Peru reached $783 million, up from $700 million in 2023.")
    assert [(f.value, f.year) for f in found] == [(783e6, 2024), (700e6, 2023)]
    found = figures("Trade between Chile and Peru was worth R1,2-billion in 2023, up from R900-million a year earlier.")
    assert [(f.value, f.unit, f.year) for f in found] == [(1.2e9, "ZAR", 2023), (900e6, "ZAR", 2022)]


def test_approximate_amounts():
    assert one("Trade between Chile and Peru stood at around $100 million.").approximate
    assert one("By 2022, trade between Chile and Peru had surpassed $1 billion.").approximate
    assert not one("Trade between Chile and Peru stood at $100 million.").approximate


def test_a_level_is_not_growth():
    assert one("Inflation in Ghana fell to 23,2 percent in March 2024.").kind == "other"
    level = one("Inflation in Ghana fell to 23,2 percent in March 2024.")
    assert level.label == "Inflation in Ghana"
    assert one("Inflation in Ghana fell by 3 percent in 2024.").kind == "growth"


@pytest.mark.parametrize("sentence, label", [
    ("Ghana is a large economy with a GDP of $76 billion.", "GDP"),
    ("Contracts worth $25 million were signed in Accra.", "Contracts"),
    ("The bank approved a loan of about $5 million for Ghana.", "loan"),
])
def test_an_amount_without_a_measure_is_labelled_by_its_noun(sentence, label):
    figure = one(sentence)
    assert (figure.kind, figure.label) == ("other", label)


def test_countries_of_a_figure():
    assert one("Trade between Chile and Ghana reached $210 million.").countries == ["CHL", "GHA"]
    two = figures("Ghana and Peru signed a memorandum. Trade between the two countries reached $5 million.")
    assert sorted(two[0].countries) == ["GHA", "PER"]
    previous = figures("Peruvian exports grew quickly.\nChile is next. Exports reached $5 million in 2023.")
    assert previous[0].countries == ["CHL"]
    focus = figures("Ghana trades widely. Ghana sells cocoa. Total exports reached $5 million in 2023.")
    assert focus[0].countries == ["GHA"]


def test_the_measure_may_come_from_the_previous_sentence_of_the_paragraph():
    found = figures("Investment flows between Ghana and Peru remain limited. "
                    "Since 2010, Ghana has attracted a total of $106,3 million.")
    assert (found[0].kind, found[0].value) == ("investment", pytest.approx(106.3e6))


def test_figures_only_come_from_body_sentences():
    facts = facts_of("Trade between Chile and Ghana reached $210 million in 2023.")
    titled, sentences = parse_text("Title: Chile and Ghana: $210 million in trade\n\nNo numbers here.", "t.txt")
    assert len(facts.figures) == 1
    assert extract_figures(titled, sentences, []) == []


def test_evidence_is_a_slice_of_the_document():
    facts = facts_of("Zambia's exports to Chile are dominated by copper (64%) and cobalt (20,5%). "
                     "In 2023, trade turnover between Chile and Ghana amounted to $210,5 million, a 12% increase.")
    for figure in facts.figures:
        assert facts.document.text[figure.span.start:figure.span.end] == figure.evidence
        sentence = facts.sentences[figure.span.sentence]
        assert sentence.start <= figure.span.start < figure.span.end <= sentence.end


_PIECES = st.sampled_from([
    "$5 million", "15,1%", "R44-million", "7,000", "(64%)", "exports", "imports", "trade", "invested", "in 2023",
    "since 2015", "over 2022", "around", "Ghana", "the two countries", ",", ".", "\n", "(", ")", "€", "1,5", "%",
    "grew by", "fell to", "of exports", "accounted for", "tenge", "US dollars", "12.4 percent", "$", "R",
])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=40).map(" ".join), st.text(max_size=300)))
def test_extract_figures_never_raises_and_evidence_is_a_slice(body):
    document, sentences = parse_text("Title: Property\n\n" + body, "prop.txt")
    for figure in extract_figures(document, sentences, []):
        assert document.text[figure.span.start:figure.span.end] == figure.evidence
        assert figure.evidence and figure.label
        assert figure.unit


@pytest.mark.parametrize("sentence", [
    "Bilateral trade turnover reached $1.2 billion, while FDI inflows and foreign trade grew.",
    "TRADE TURNOVER and Exports rose; fdi is not a cue, FDI is, and FDI-led investments are.",
    "İnvestments from Türkiye reached $5 million and FDI $2 million in trade.",
    "Exporſ and ınvestments: the trade volume of $3 million, with purchases abroad.",
])
def test_measure_cues_are_found_in_the_lower_cased_sentence_as_in_the_sentence(sentence):
    """Cues are matched in the lower-cased sentence without IGNORECASE, "FDI" in the
    sentence itself: the same cues, kinds and offsets as one case-insensitive pass."""
    from briefing_tui.extract import figures

    assert all(p == p.lower() for patterns in figures.MEASURES.values() for p in patterns
               if p != figures._CASE_SENSITIVE_CUE), "the lower-cased pass needs lower-case cues"
    one_pass = tuple((figures._MEASURE_KIND[m.lastgroup], m.start(), m.end())
                     for m in figures._MEASURE_RE.finditer(sentence))
    assert figures._measures.__wrapped__(sentence) == one_pass
    assert len(one_pass) >= 3
