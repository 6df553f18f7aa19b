"""Quotations: every attribution form, partial and multi-paragraph quotes, stray marks, names
that are not speech, dates; and for any text, quotes never raise and keep their spans.

Sentences are our own; people come from the real people extractor (its own tests are in
test_extract_people.py), countries are built by hand.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract_support import article, country_mentions
from briefing_tui.extract.people import extract_people
from briefing_tui.extract.quotes import extract_quotes, quote_pairs
from briefing_tui.ingest import parse_text

SURFACES = {"Zambia": "ZMB", "Zambian": "ZMB", "Lusaka": "ZMB", "Chile": "CHL", "Chilean": "CHL",
            "Santiago": "CHL", "Ghana": "GHA", "Ghanaian": "GHA", "Accra": "GHA"}
INTRO = ("Zambian Foreign Minister Mwila Banda met Chilean Minister of Mining Tomas Vidal in Lusaka.\n")


def quotes_of(body: str, published: str | None = "2024-06-10", intro: str = INTRO):
    document, sentences = parse_text(article(intro + body, published), "quotes.txt")
    countries = country_mentions(document, sentences, SURFACES)
    people = extract_people(document, sentences, countries)
    quotes = extract_quotes(document, sentences, people, countries)
    for q in quotes:
        assert q.text == document.text[q.span.start:q.span.end]
    return quotes


def said(quotes) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize("body, speaker", [
    ("“Copper is only the beginning,” said Banda.", "Mwila Banda"),
    ("“Copper is only the beginning,” stated Vidal.", "Tomas Vidal"),
    ("“Copper is only the beginning,” Vidal added.", "Tomas Vidal"),
    ("“Copper is only the beginning,” Minister Vidal emphasized.", "Tomas Vidal"),
    ('Banda said: "Copper is only the beginning."', "Mwila Banda"),
    ("Banda said “Copper is only the beginning.”", "Mwila Banda"),
    ("«Copper is only the beginning», said Vidal.", "Tomas Vidal"),
    ("“Copper is only the beginning,” said Ama Serwaa, Ghana’s Minister of Trade.", "Ama Serwaa"),
    ("“Copper is only the beginning”, according to Vidal.", "Tomas Vidal"),
    ("“Copper is only the beginning.” This was stated by Minister Vidal during the talks.", "Tomas Vidal"),
    ("“Copper is only the beginning” – said Banda.", "Mwila Banda"),
    ("Banda praised the talks, adding: “Copper is only the beginning.”", "Mwila Banda"),
])
def test_speaker_next_to_the_quotation(body, speaker):
    (quote,) = quotes_of(body)
    assert quote.text.startswith("Copper is only the beginning")
    assert quote.speaker == speaker
    assert quote.speaker_mention_id is not None


def test_he_added_is_the_last_named_speaker_not_the_last_name():
    quotes = quotes_of("“Copper is only the beginning,” said Vidal.\n"
                       "The talks were also attended by Ghanaian Ambassador Kojo Asante.\n"
                       "“We will open an office in Lusaka next year,” he added.")
    assert said(quotes) == [("Copper is only the beginning", "Tomas Vidal"),
                            ("We will open an office in Lusaka next year", "Tomas Vidal")]


def test_a_reported_speech_verb_makes_the_last_speaker():
    quotes = quotes_of("Banda noted that exports had doubled.\n“We want to double them again,” he said.")
    assert quotes[0].speaker == "Mwila Banda"


def test_according_to_him_and_as_he_puts_it():
    quotes = quotes_of("“Our mines need partners,” said Banda.\n"
                       "According to him, Chilean know-how is “exactly what our copper belt lacks.”\n"
                       "The first shipment left in May, which, as he puts it, is “a sign of things to come.”")
    assert said(quotes)[1:] == [("exactly what our copper belt lacks.", "Mwila Banda"),
                                ("a sign of things to come.", "Mwila Banda")]
    assert all(q.partial for q in quotes[1:])


def test_according_to_a_name():
    (quote,) = quotes_of("According to Vidal, the agreement is “a turning point for both economies.”")
    assert quote.speaker == "Tomas Vidal"


def test_a_partial_quotation_inside_the_writers_sentence():
    (quote,) = quotes_of("Banda, who also visited Santiago in May, said Zambia can “learn a great deal from "
                         "Chile’s mining sector,” referring to the new training programme.")
    assert quote.text == "learn a great deal from Chile’s mining sector"
    assert quote.speaker == "Mwila Banda" and quote.partial


def test_a_quotation_split_by_its_attribution():
    quotes = quotes_of("“We value Chile’s support,” Vidal said, “and we hope to see Zambian students in "
                       "Santiago.”")
    assert [q.speaker for q in quotes] == ["Tomas Vidal", "Tomas Vidal"]
    assert quotes[1].text.startswith("and we hope") and quotes[1].partial


def test_a_quotation_over_several_sentences_and_paragraphs():
    quotes = quotes_of("“Trade has grown fast. It doubled in two years.\n"
                       "“Next year we expect even more,” said Vidal.")
    (quote,) = quotes
    assert quote.text.startswith("Trade has grown fast. It doubled in two years.\n")
    assert quote.text.endswith("Next year we expect even more")
    assert quote.speaker == "Tomas Vidal"


def test_an_unclosed_mark_does_not_spoil_the_rest():
    quotes = quotes_of("He called it “historic and moved on.\n"
                       "“Zambia is a reliable partner,” said Banda.\n"
                       "Trade \"will grow, officials hoped.\n"
                       "\"We are ready,\" said Vidal.")
    assert said(quotes) == [("Zambia is a reliable partner", "Mwila Banda"), ("We are ready", "Tomas Vidal")]


def test_a_stray_closing_mark_and_apostrophes_are_ignored():
    quotes = quotes_of("Chile’s and Zambia’s officials” met. The ministers’ talks were long.\n"
                       "“Both countries’ miners will gain,” said Banda.")
    assert said(quotes) == [("Both countries’ miners will gain", "Mwila Banda")]


@pytest.mark.parametrize("body", [
    "Banda opened the session “Zambia and Chile: New Horizons of Mining Cooperation” in Lusaka.",
    "The two ministers discussed the so-called “green” corridor.",
    "Vidal presented the programme entitled “Copper for the Future of Our Children and Grandchildren”.",
    "The ship “Southern Star” docked in Santiago.",
    "Chile is known as the “copper country” in the region.",
])
def test_titles_and_scare_quotes_are_not_quotations(body):
    assert quotes_of(body) == []


def test_an_organisation_can_speak():
    (quote,) = quotes_of("“The parties agreed to meet again in Santiago,” the ministry’s press service said.")
    assert "press service" in quote.speaker and quote.speaker_mention_id is None


def test_the_minister_refers_to_the_last_speaker_holding_that_role():
    quotes = quotes_of("“Copper is only the beginning,” said Vidal.\n“We need railways,” the minister said.")
    assert quotes[1].speaker == "Tomas Vidal"


def test_the_ghanaian_minister_is_the_ghanaian_named_before():
    quotes = quotes_of("The talks were also attended by Ghanaian Minister of Trade Kojo Asante.\n"
                       "“Chile is a model for our copper sector,” the Ghanaian minister said.")
    assert quotes[0].speaker == "Kojo Asante"


def test_quoted_as_saying():
    (quote,) = quotes_of("“This visit will open a new page,” the presidential press service quoted Banda as saying.")
    assert quote.speaker == "Mwila Banda"


def test_a_colon_sentence_introduces_the_next_paragraph():
    quotes = quotes_of("Banda then summed up the results of the talks:\n“We signed three agreements today.”")
    assert said(quotes) == [("We signed three agreements today.", "Mwila Banda")]


def test_an_unattributed_quotation_after_another_keeps_the_speaker():
    quotes = quotes_of("“Zambia views Chile as a gateway to South America,” Banda said. “We want direct flights "
                       "between Lusaka and Santiago.”")
    assert [q.speaker for q in quotes] == ["Mwila Banda", "Mwila Banda"]


def test_the_date_is_the_sentences_else_the_publication_date():
    quotes = quotes_of("“Copper is only the beginning,” said Banda during a May 28 meeting with Vidal.\n"
                       "“We are ready,” he added.")
    assert quotes[0].date.iso == "2024-05-28" and not quotes[0].date_from_published
    assert quotes[1].date.iso == "2024-06-10" and quotes[1].date_from_published


def test_dates_inside_the_quotation_are_not_its_date():
    (quote,) = quotes_of("“In 2012 our trade was small,” said Banda.")
    assert quote.date.iso == "2024-06-10" and quote.date_from_published


def test_no_publication_date_no_date():
    (quote,) = quotes_of("“We are ready,” said Banda.", published=None)
    assert quote.date is None


def test_countries_and_span_of_a_quotation():
    (quote,) = quotes_of("“Chile and Zambia share a future in copper,” said Vidal.")
    assert set(quote.countries) == {"CHL", "ZMB"}
    assert quote.span.start < quote.span.end


def test_quote_pairs_of_one_paragraph():
    text = "He said “one” and ‘two words here’ and \"three\" then «four»."
    pairs = quote_pairs(text, [(0, 0, len(text))])
    assert [text[o + 1:c] for o, c in pairs] == ["one", "two words here", "three", "four"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab Cd.,:;\n“”\"‘’'«»„- ") + ["said Banda", "he added", "Mwila Banda", "\n\n"]),
                max_size=120).map("".join))
def test_any_text_gives_quotes_whose_text_is_their_span(body):
    document, sentences = parse_text(body, "fuzz.txt")
    people = extract_people(document, sentences, [])
    for quote in extract_quotes(document, sentences, people, []):
        assert quote.text == document.text[quote.span.start:quote.span.end]
        assert quote.text and quote.text == quote.text.strip()


def test_he_said_after_a_new_subject_is_that_subject():
    quotes = quotes_of("“Copper is only the beginning,” said Vidal.\n"
                       "For his part, Minister Banda thanked the Chilean minister for the visit.\n"
                       "«We will open an office in Santiago next year», he said.")
    assert said(quotes)[1] == ("We will open an office in Santiago next year", "Mwila Banda")


def test_the_chilean_minister_may_be_one_whose_country_the_article_does_not_say():
    quotes = quotes_of("Minister Vidal spoke first. Zambian Minister Banda said the talks went well.\n"
                       "“Our countries are far apart, but our miners are close,” said the Chilean minister.",
                       intro="Ministers met in Lusaka.\n")
    assert quotes[0].speaker == "Vidal"


def test_a_traditional_title_alone_refers_to_the_one_named_with_it():
    quotes = quotes_of("The Oba of Lagos, Oba Ade Bola Ojaja II, hosted the delegation. Oba Bola welcomed them.\n"
                       "“Our doors are open to Zambian investors,” the Oba said.")
    assert quotes[0].speaker == "Ade Bola Ojaja II"


def test_a_title_quoted_before_a_passive_is_no_quotation():
    assert quotes_of("The meeting at the “Sustainable Growth Week” summit in Lima was noted.") == []


def test_speech_that_lost_its_opening_mark_is_kept_with_its_speaker():
    quotes = quotes_of("Copper is the future. It means jobs and partnership for both,” said Vidal. "
                       "“We see our role as more than selling ore; we connect two economies and their people.\n"
                       "Next steps\n")
    assert said(quotes) == [("Copper is the future. It means jobs and partnership for both", "Tomas Vidal"),
                            ("We see our role as more than selling ore; we connect two economies and their people.",
                             "Tomas Vidal")]


def test_a_lone_closing_mark_without_a_speaker_is_no_quotation():
    assert quotes_of("The ministers of both countries” met in Lusaka for long talks on copper.") == []


def test_a_quotation_opening_a_paragraph_after_reported_speech_is_that_speakers():
    quotes = quotes_of("Speaking at the forum, Minister Banda, chair of the mining council added that exports "
                       "would double.\n\n“We all know the challenges of our industry and we are ready for them.\n\n"
                       "Zambia will invest more.\n")
    assert said(quotes) == [("We all know the challenges of our industry and we are ready for them.", "Mwila Banda")]
