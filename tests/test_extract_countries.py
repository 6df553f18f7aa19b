"""Country mentions: every form a news article names a country in, and the traps around them."""

from __future__ import annotations


import orjson
import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.extract.countries import country_code, extract_countries, gazetteer
from briefing_tui.ingest import parse_text


def article(body: str, title: str = "A Test Article") -> str:
    """A headline line, then the body: the headline is a title sentence and is read too."""
    return f"{title}\n\n{body.strip()}\n"


def mentions(body: str, title: str = "A Test Article") -> list[tuple[str, str]]:
    document, sentences = parse_text(article(body, title), "test.txt")
    return [(m.surface, m.code) for m in extract_countries(document, sentences)]


def codes(body: str, title: str = "A Test Article") -> set[str]:
    return {code for _, code in mentions(body, title)}


# --- forms -----------------------------------------------------------------------------------

def test_names_with_spaces_accents_and_both_apostrophes():
    found = mentions("Envoys of Burkina Faso, Côte d'Ivoire and Côte d’Ivoire met in Lomé with Ivory Coast traders.")
    assert ("Burkina Faso", "BFA") in found
    assert ("Côte d'Ivoire", "CIV") in found and ("Côte d’Ivoire", "CIV") in found
    assert ("Ivory Coast", "CIV") in found


@pytest.mark.parametrize("demonym, code", [
    ("Kazakh", "KAZ"), ("Rwandan", "RWA"), ("Burkinabè", "BFA"), ("Egyptian", "EGY"), ("Kenyan", "KEN"),
    ("Ivorian", "CIV"), ("Emirati", "ARE"), ("Chinese", "CHN"), ("British", "GBR"), ("Dutch", "NLD"),
    ("Filipino", "PHL"), ("Mauritian", "MUS"), ("Nigerien", "NER"), ("Nigerian", "NGA"),
])
def test_demonyms(demonym, code):
    assert mentions(f"A {demonym} delegation toured the new grain terminal.") == [(demonym, code)]


def test_official_forms_take_their_article():
    found = mentions("The Kingdom of Morocco, the Republic of Kazakhstan and the United Republic of Tanzania "
                     "signed a customs accord.")
    assert found == [("The Kingdom of Morocco", "MAR"), ("the Republic of Kazakhstan", "KAZ"),
                     ("the United Republic of Tanzania", "TZA")]


def test_plain_names_do_not_take_the_article():
    assert mentions("Exports to the Gulf rose, and the Peru office closed.") == [("Peru", "PER")]


def test_capitals_stand_for_their_governments_under_old_and_new_names():
    found = mentions("Talks between Kinshasa and Nairobi continued, while Astana, formerly Nur-Sultan, waited.")
    assert found == [("Kinshasa", "COD"), ("Nairobi", "KEN"), ("Astana", "KAZ"), ("Nur-Sultan", "KAZ")]


def test_capital_shared_with_a_larger_city_is_no_country():
    assert codes("Delegates gathered in Victoria and Hamilton for the regional fair.") == set()


def test_abbreviations():
    found = mentions("Ministers from the USA, the UAE, the DRC and the UK met in Lisbon.")
    assert [c for _, c in found] == ["USA", "ARE", "COD", "GBR", "PRT"]


def test_organisation_names_with_a_demonym_still_count():
    assert mentions("Graduates of Kazakh National University joined the Ghanaian Cocoa Board.") == [
        ("Kazakh", "KAZ"), ("Ghanaian", "GHA")]


def test_all_capital_headline():
    assert codes("The two ministers met on Monday.", title="KENYA AND PERU SIGN FISHERIES PACT WITH US") == {
        "KEN", "PER"}


def test_hyphenated_compounds_keep_the_country():
    assert codes("Kazakh-African trade and pro-Russian media were discussed.") == {"KAZ", "RUS"}


# --- the two Congos ----------------------------------------------------------------------------

@pytest.mark.parametrize("surface", [
    "the Democratic Republic of the Congo", "the Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa",
])
def test_democratic_republic_forms(surface):
    assert codes(f"Grain shipments to {surface} doubled last year.") == {"COD"}


@pytest.mark.parametrize("surface", [
    "the Republic of the Congo", "the Republic of Congo", "Congo-Brazzaville", "Congo", "the President of Congo",
])
def test_republic_forms(surface):
    assert codes(f"Grain shipments to {surface} doubled last year.") == {"COG"}


def test_congolese_follows_the_congo_the_article_names():
    assert codes("Kinshasa hosted the forum. Congolese engineers spoke.") == {"COD"}
    assert codes("Brazzaville hosted the forum. Congolese engineers spoke.") == {"COG"}
    assert codes("Congolese engineers spoke at the forum.") == {"COD"}
    assert codes("Brazzaville and Kinshasa sent envoys. Congolese engineers spoke.") == {"COD", "COG"}
    both = mentions("Brazzaville and Kinshasa sent envoys. Congolese engineers spoke.")
    assert ("Congolese", "COD") in both


# --- traps ---------------------------------------------------------------------------------------

def test_regions_and_organisations_are_not_countries():
    body = ("Africa, Central Asia, Eurasia, the Middle East and the Sahel were on the agenda of the African "
            "Union, the UN, the EU, ECOWAS and the OTS. West African and Central African markets grew.")
    assert codes(body) == set()


def test_phrases_that_contain_a_country_name():
    body = ("Tankers crossed the Indian Ocean and the Gulf of Guinea. Turkic states met. Latin American and "
            "African American voters in New Jersey and New Mexico were polled.")
    assert codes(body) == set()


def test_guinea_bissau_is_not_also_guinea():
    assert mentions("Guinea-Bissau and Guinea–Bissau both appear, and so does a Bissau-Guinean poet.") == [
        ("Guinea-Bissau", "GNB"), ("Guinea–Bissau", "GNB"), ("Bissau-Guinean", "GNB")]


def test_niger_is_not_inside_nigeria():
    assert codes("Nigeria and Nigerian banks expanded.") == {"NGA"}
    assert codes("Niger signed the accord.") == {"NER"}


def test_lower_case_words_are_not_countries():
    assert codes("A hanging chad, roast turkey, a guinea pig and fine china were auctioned.") == set()


def test_georgia_is_a_country():
    assert codes("Georgia opened a consulate.") == {"GEO"}


def test_jordan_as_a_first_name_or_surname():
    assert codes("The envoy met Jordan Peterson at the fair.") == set()
    assert codes("Fans cheered Michael Jordan at the arena.") == set()
    assert codes("Kazakhstan and Jordan signed a visa waiver.") == {"KAZ", "JOR"}
    assert codes("In Jordan, the minister opened a clinic.") == {"JOR"}


def test_jordan_in_a_title_case_headline_is_the_country():
    assert codes("The ministers met.", title="Jordan Signs Trade Pact With Peru") == {"JOR", "PER"}


def test_money_in_a_country_currency_is_not_a_mention():
    assert codes("The plant will cost 40 million US dollars, or US$40 million.") == set()
    assert codes("The US economy grew, and Kenyan shilling deposits rose.") == {"USA", "KEN"}


# --- provenance ----------------------------------------------------------------------------------

def test_spans_point_at_the_surface_in_its_sentence():
    text = article("Trade with Peru grew. Chilean ports were busy.")
    document, sentences = parse_text(text, "test.txt")
    found = extract_countries(document, sentences)
    assert [(m.surface, m.code) for m in found] == [("Peru", "PER"), ("Chilean", "CHL")]
    for m in found:
        assert document.text[m.span.start:m.span.end] == m.surface
        sentence = sentences[m.span.sentence]
        assert sentence.start <= m.span.start and m.span.end <= sentence.end
        assert m.doc_id == m.span.doc_id == document.id


def test_author_bio_and_boilerplate_are_not_read():
    body = ("Trade with Peru grew.\n\n"
            "The author is Ana Lima Souza, a lecturer at the University of Ghana.\n\n"
            "Disclaimer: the views expressed do not necessarily reflect the position of the Embassy of Kenya.")
    assert codes(body) == {"PER"}


def test_no_sentences_no_mentions():
    document, _ = parse_text("Kenya", "empty.txt")
    assert extract_countries(document, []) == []


# --- what users type -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, code", [
    ("Kazakhstan", "KAZ"), ("kazakhstan", "KAZ"), ("Kazakh", "KAZ"), ("KZ", "KAZ"), ("kaz", "KAZ"),
    ("Burkina Faso", "BFA"), ("burkina faso", "BFA"), ("Ivory Coast", "CIV"), ("cote d'ivoire", "CIV"),
    ("DRC", "COD"), ("Congo", "COG"), ("Congolese", "COD"), ("uk", "GBR"), ("United States", "USA"),
    ("Russia", "RUS"), ("Tanzania", "TZA"), ("Astana", "KAZ"), ("  Rwandan ", "RWA"),
])
def test_country_code(typed, code):
    assert country_code(typed) == code


@pytest.mark.parametrize("typed", ["", "   ", "Atlantis", "xx", "Africa", "Indian Ocean"])
def test_country_code_unknown(typed):
    assert country_code(typed) is None


# --- properties and speed ---------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "Kazakhstan", "Kazakh", "the Republic of Kazakhstan", "Côte d’Ivoire", "Guinea-Bissau", "Guinea", "Congolese",
    "DRC", "US", "US dollars", "Indian Ocean", "Jordan", "Jordan Peterson", "Nigeria", "Niger", "KENYA", "Astana",
    "the", "and", "of", " ", "  ", ", ", ". ", "\n", "\n\n", "’s", "-", "–", "“", "”", "\u00a0", "12 million ",
    "Title: ", "Source: https://example.org/x", "The author is Jane Roe, a writer in Peru.", "chad", "Kinshasa",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_spans_always_hold_their_surface(pieces):
    document, sentences = parse_text("".join(pieces), "prop.txt")
    valid = {c.alpha_3 for c in pycountry.countries}
    for m in extract_countries(document, sentences):
        assert document.text[m.span.start:m.span.end] == m.surface
        sentence = sentences[m.span.sentence]
        assert sentence.kind != "meta"
        assert sentence.start <= m.span.start < m.span.end <= sentence.end
        assert m.code in valid


def test_a_long_article_names_every_country_each_time():
    """Speed is bench/'s business; here, every mention in a long article is found."""
    assert gazetteer() is gazetteer(), "built once per process, not per article"
    body = "\n\n".join(
        f"In {2000 + i}, the Kenyan and Peruvian ministers met in Nairobi with delegates of Burkina Faso, "
        f"the Republic of Kazakhstan and Côte d’Ivoire to discuss trade worth 12 million US dollars."
        for i in range(30)
    )
    document, sentences = parse_text(article(body), "speed.txt")
    found = extract_countries(document, sentences)
    assert len(found) == 30 * 6


def test_the_libraries_names_are_kept_between_processes(tmp_path, monkeypatch):
    from briefing_tui.extract import countries

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    read = countries._library_names
    made = countries._cached_library_names()
    assert made == read()
    (kept,) = (tmp_path / "briefing-tui").glob("country-names-*.json")
    monkeypatch.setattr(countries, "_library_names", lambda: pytest.fail("the libraries were read again"))
    assert countries._cached_library_names() == made
    kept.write_text("{cut short")
    monkeypatch.setattr(countries, "_library_names", read)
    assert countries._cached_library_names() == made, "a damaged file is made anew"
    assert orjson.loads(kept.read_bytes())["with_article"] == sorted(made[1])
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no folder can be made under a file
    assert countries._cached_library_names() == made
