"""People: both name orders, roles with their country, titles, aliases, and what is no person.

Sentences are our own, in the shapes foreign-ministry news uses; country mentions are built
by hand (tests/extract_support.py), so only the people logic is tested.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract_support import article, country_mentions
from briefing_tui.extract.people import extract_people
from briefing_tui.ingest import parse_text

SURFACES = {
    "Zambia": "ZMB", "Zambian": "ZMB", "Lusaka": "ZMB", "Republic of Zambia": "ZMB",
    "Chile": "CHL", "Chilean": "CHL", "Santiago": "CHL",
    "Ghana": "GHA", "Ghanaian": "GHA", "Accra": "GHA",
    "Senegal": "SEN", "Senegalese": "SEN", "Dakar": "SEN",
    "Nigeria": "NGA", "Peru": "PER", "Lima": "PER",
}


def people_of(body: str, *, head: str = "", surfaces: dict[str, str] | None = None):
    text = (head + article(body)) if head else article(body)
    document, sentences = parse_text(text, "people.txt")
    countries = country_mentions(document, sentences, SURFACES if surfaces is None else surfaces)
    return document, extract_people(document, sentences, countries)


def by_name(people):
    return {p.name: p for p in people}


def test_role_and_country_before_the_name():
    _, people = people_of("Deputy Minister of Foreign Affairs of the Republic of Zambia Mwila Banda took part in "
                          "the panel on mining.")
    (banda,) = people
    assert (banda.name, banda.role, banda.country) == ("Mwila Banda", "Deputy Minister of Foreign Affairs", "ZMB")


def test_possessive_role_after_the_name():
    _, people = people_of("Among the speakers were Tomas Ignacio Vidal, Chile’s Minister of Trade and Tourism; "
                          "and Awa Ndiaye, a senior adviser to the President of Senegal.")
    found = by_name(people)
    assert set(found) == {"Tomas Ignacio Vidal", "Awa Ndiaye"}
    assert (found["Tomas Ignacio Vidal"].role, found["Tomas Ignacio Vidal"].country) == (
        "Minister of Trade and Tourism", "CHL")
    assert found["Awa Ndiaye"].country == "SEN" and "adviser" in found["Awa Ndiaye"].role


def test_demonym_title_and_apposition_with_a_demonym():
    _, people = people_of("Senegalese President Moussa Sarr received the delegation. The talks were led by "
                          "Kojo Asante, Ghanaian Minister of Foreign Affairs, in Dakar.")
    found = by_name(people)
    assert (found["Moussa Sarr"].role, found["Moussa Sarr"].country) == ("President", "SEN")
    assert (found["Kojo Asante"].role, found["Kojo Asante"].country) == ("Minister of Foreign Affairs", "GHA")


def test_a_role_with_two_titles_joined_by_a_dash():
    _, people = people_of("Lima, March 4, 2024 – Deputy Prime Minister – Minister of Foreign Affairs of Peru "
                          "Rosa Quispe held talks with her Zambian counterpart.")
    (quispe,) = people
    assert (quispe.name, quispe.role, quispe.country) == (
        "Rosa Quispe", "Deputy Prime Minister – Minister of Foreign Affairs", "PER")


def test_surname_alone_and_title_with_surname_join_the_full_name():
    document, people = people_of("Zambian Foreign Minister Mwila Banda arrived in Santiago on Monday.\n"
                                 "Minister Banda met business leaders.\nBanda said the visit was a success.")
    (banda,) = people
    assert banda.name == "Mwila Banda"
    assert set(banda.aliases) == {"Banda", "Minister Banda"}
    assert [document.text[s.start:s.end] for s in banda.spans] == ["Mwila Banda", "Banda", "Banda"]
    assert banda.country == "ZMB"


def test_a_shorter_form_is_an_alias_of_the_longest_name():
    _, people = people_of("Tomas Vidal, Chile’s Minister of Foreign Affairs, spoke first.\n"
                          "Later, Chilean Foreign Minister Tomas Ignacio Vidal visited Lusaka.")
    (vidal,) = people
    assert vidal.name == "Tomas Ignacio Vidal" and "Tomas Vidal" in vidal.aliases


def test_a_title_and_a_surname_alone_make_a_person():
    _, people = people_of("At the end of the talks, President Ndiaye awarded the guests the national order.")
    (ndiaye,) = people
    assert (ndiaye.name, ndiaye.role, ndiaye.aliases) == ("Ndiaye", "President", ["President Ndiaye"])


def test_traditional_titles_and_honorifics_are_not_part_of_the_name():
    _, people = people_of("The forum was attended by Oba Kunle Adebayo, the traditional ruler of Oyo, Nigeria. "
                          "Dr. Efua Mensima and H.E. Tomas Vidal also spoke.")
    found = by_name(people)
    assert set(found) == {"Kunle Adebayo", "Efua Mensima", "Tomas Vidal"}
    assert found["Kunle Adebayo"].country == "NGA"
    assert "Oba Kunle Adebayo" in found["Kunle Adebayo"].aliases
    assert found["Kunle Adebayo"].role == "traditional ruler of Oyo"


def test_name_particles_and_initials_stay_inside_the_name():
    _, people = people_of("Ambassador Khalid bin Salem met Envoy Maria de Souza and correspondent Ozan K. Demir.")
    assert set(by_name(people)) == {"Khalid bin Salem", "Maria de Souza", "Ozan K. Demir"}


def test_roles_after_a_lower_case_noun_and_an_organisation():
    _, people = people_of("The session was moderated by Kantara Group founder Lior Benami, and Copperline "
                          "Holdings chief executive Nadia Farouk.")
    found = by_name(people)
    assert set(found) == {"Lior Benami", "Nadia Farouk"}
    assert found["Lior Benami"].role == "Kantara Group founder"


def test_speech_verbs_who_and_led_by_mark_a_person():
    _, people = people_of("“We are ready,” said Chanda Phiri. Kofi Boateng, who chairs the council, agreed. "
                          "The delegation was led by Ines Alvarado.")
    assert set(by_name(people)) == {"Chanda Phiri", "Kofi Boateng", "Ines Alvarado"}


def test_a_photo_caption_names_people():
    _, people = people_of("Chilean Foreign Minister Tomas Vidal (L) during the interview with Lima Daily "
                          "correspondent Rosa Huaman.\nThe talks went well.")
    assert set(by_name(people)) == {"Tomas Vidal", "Rosa Huaman"}


def test_the_author_of_a_byline_or_bio_is_a_person():
    _, people = people_of("Zambia and Chile agreed to cooperate.\n\nThe author is Lena Moroz, a researcher at the "
                          "Institute of Mining Studies.")
    assert "Lena Moroz" in by_name(people)


def test_a_described_role_before_a_comma():
    _, people = people_of("The head of the Zambian mission in Santiago, Chanda Mulenga, also attended the talks.")
    (mulenga,) = people
    assert (mulenga.name, mulenga.country) == ("Chanda Mulenga", "ZMB")
    assert mulenga.role.startswith("head of the Zambian mission")


def test_plural_titles_name_each_person():
    _, people = people_of("Presidents Banda and Vidal discussed copper prices by phone.")
    assert set(by_name(people)) == {"Banda", "Vidal"}


def test_a_byline_line_names_the_author():
    document, sentences = parse_text("Chile Opens Embassy in Lusaka\n\nBy Rosa Huaman\n\nChile opened its embassy in "
                                     "Lusaka on Monday.\n", "b.txt")
    assert [p.name for p in extract_people(document, sentences, [])] == ["Rosa Huaman"]


def test_a_first_name_that_is_also_a_word():
    _, people = people_of("Minister of Trade Patience Mwale said patience would pay off in the copper talks.")
    assert [p.name for p in people] == ["Patience Mwale"]


def test_an_organisation_named_after_a_person_is_not_a_mention():
    document, people = people_of("Zambian President Mwila Banda opened the Banda Institute of Mines in Lusaka.")
    (banda,) = people
    assert [document.text[s.start:s.end] for s in banda.spans] == ["Mwila Banda"]


def test_regnal_numbers_hyphenated_titles_and_capitalised_particles():
    _, people = people_of("King Mswati III received Ambassador-at-Large Nurlan Seitov and Emir Khalid bin Saad "
                          "Al Nuaimi.")
    assert set(by_name(people)) == {"Mswati III", "Nurlan Seitov", "Khalid bin Saad Al Nuaimi"}


def test_a_company_named_after_a_country_is_no_person():
    _, people = people_of("Zambia Copper Holdings and Chile Andes Metals signed a supply contract. "
                          "Ghana Kente Weavers met the delegation.")
    assert people == []


def test_two_people_sharing_a_surname_stay_two():
    _, people = people_of("President Mwila Banda and Minister of Finance Chanda Banda met the delegation. "
                          "Mwila Banda said the talks were useful.")
    found = by_name(people)
    assert set(found) == {"Mwila Banda", "Chanda Banda"}
    assert len(found["Mwila Banda"].spans) == 2 and len(found["Chanda Banda"].spans) == 1


def test_organisations_places_and_title_case_phrases_are_not_people():
    _, people = people_of(
        "The Foreign Minister of Zambia spoke at the Lusaka International Forum. The National Bank of Ghana "
        "and Sama Kura Wealth Fund signed an agreement. Cargo will pass through the Walvis Bay port and the "
        "Trans-Andean route. The Ministry of Foreign Affairs said the session Copper Belt Horizons was a "
        "success. Strategic Partnership Council members met in Accra.")
    assert people == []


def test_the_ministers_of_a_country_are_not_a_person_named_after_it():
    _, people = people_of("Earlier this spring, the foreign ministers of Sierra Leone and Benin visited Lusaka.",
                          surfaces={"Lusaka": "ZMB"})
    assert people == []


def test_surname_in_a_title_line_joins_the_person():
    document, sentences = parse_text("Banda Opens Embassy in Santiago\n\nZambian President Mwila Banda opened the "
                                     "new embassy in Santiago.\n", "t.txt")
    people = extract_people(document, sentences, country_mentions(document, sentences, SURFACES))
    (banda,) = people
    assert len(banda.spans) == 2


def test_mentions_are_one_per_person_with_stable_ids():
    body = "Zambian President Mwila Banda met Chilean Foreign Minister Tomas Vidal. Banda thanked Vidal."
    _, first = people_of(body)
    _, second = people_of(body)
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == 2


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aa Bb Zz.,;:’'-–“”\"\nMr Dr President Minister of the said Ghana "
                                            "É é al- bin (R) 2024")), max_size=300))
def test_any_text_gives_spans_on_the_names(body):
    document, sentences = parse_text(body, "fuzz.txt")
    for person in extract_people(document, sentences, []):
        forms = {person.name, *person.aliases}
        for span in person.spans:
            assert document.text[span.start:span.end] in forms


def test_a_regnal_name_is_no_surname_and_a_given_name_alone_refers_back():
    _, people = people_of("The Oba of Lagos, Oba Ade Bola Ojaja II, hosted Chilean Minister of Mining Wang Lei. "
                          "Oba Bola thanked the guests. Wang said the visit was useful.")
    found = by_name(people)
    assert set(found) == {"Ade Bola Ojaja II", "Wang Lei"}
    assert "Oba Bola" in found["Ade Bola Ojaja II"].aliases
    assert len(found["Wang Lei"].spans) == 2


def test_roles_that_name_a_posting_or_an_office_before_the_name():
    _, people = people_of("Chilean Ambassador in Lusaka Tomas Vidal met Director of the Africa Department at "
                          "Ministry of Foreign Affairs of Zambia, Mwila Banda and the press.")
    found = by_name(people)
    assert set(found) == {"Tomas Vidal", "Mwila Banda"}
    assert (found["Tomas Vidal"].role, found["Tomas Vidal"].country) == ("Ambassador", "CHL")


def test_every_author_of_a_byline_is_a_person():
    text = article("By Ana Ruiz and Kofi Mensah\n\nZambia and Chile met in Lusaka on copper trade.")
    document, sentences = parse_text("Copper Talks\n\n" + text, "a.txt")
    people = extract_people(document, sentences, [])
    assert {p.name for p in people} >= {"Ana Ruiz", "Kofi Mensah"}
