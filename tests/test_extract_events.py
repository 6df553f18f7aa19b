"""Dated events: kinds, dates and their traps, referring back, merging, countries, evidence.

Sentences are our own, written in the shapes foreign-ministry news uses; countries and
people are built by hand (tests/extract_support.py), so only the event logic is tested.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract_support import dated, facts_of
from briefing_tui.extract.events import extract_events, quoted_regions
from briefing_tui.ingest import parse_text
from briefing_tui.models import CountryMention, Span


def one_event(body: str, published: str | None = None, **kw):
    events = facts_of(body, published, **kw).events
    assert len(events) == 1, [(e.date, e.kind, e.summary) for e in events]
    return events[0]


@pytest.mark.parametrize("sentence, iso, kind", [
    ("On March 3, 2024, the President of Zambia arrived in Santiago on a state visit.", "2024-03-03", "visit"),
    ("The Chilean Foreign Minister travelled to Lusaka in February 2024.", "2024-02", "visit"),
    ("Zambian Foreign Minister held talks with her Chilean counterpart in Lusaka on 12 April 2024.",
     "2024-04-12", "meeting"),
    ("Chile and Zambia signed a memorandum of understanding on copper processing on May 5, 2024.",
     "2024-05-05", "agreement"),
    ("The third Chile–Africa Business Forum took place in Santiago on June 20, 2024.", "2024-06-20", "forum"),
    ("Peruvian firms will take part in the Ghana Export Week in Accra on 25-27 November 2024.", "2024-11-25", "forum"),
    ("In December 2023, Zambia opened its embassy in Santiago.", "2023-12", "embassy"),
    ("In March 2024, the Ghanaian ambassador presented his credentials to the President of Peru.",
     "2024-03", "embassy"),
    ("A first consignment of Chilean fruit was delivered to Lusaka in February 2024.", "2024-02", "shipment"),
    ("The Chilean Foreign Ministry issued a statement on the election in Zambia on 2 July 2024.",
     "2024-07-02", "statement"),
    ("In 2022, the Zambian ambassador was awarded the Order of Merit by Chile.", "2022", "award"),
    ("Chile joined the African Union as an observer in 2019.", "2019", "other"),
])
def test_each_kind_of_happening(sentence, iso, kind):
    event = one_event(sentence)
    assert (event.date.iso, event.kind) == (iso, kind)


@pytest.mark.parametrize("sentence, iso, precision", [
    ("Peru and Mongolia held consultations in Lima on 2 March 2024.", "2024-03-02", "day"),
    ("Peru and Mongolia held consultations in Lima on 02.03.2024.", "2024-03-02", "day"),
    ("Peru and Mongolia held consultations in Lima in March 2024.", "2024-03", "month"),
    ("Peru and Mongolia held consultations in Lima in 2024.", "2024", "year"),
    ("In late 2023, Peru and Mongolia held consultations in Lima.", "2023", "year"),
])
def test_dates_keep_their_precision(sentence, iso, precision):
    event = one_event(sentence)
    assert event.date.iso == iso and event.date.precision == precision


def test_a_day_range_is_one_event_dated_by_its_first_day():
    event = one_event("A Senegalese delegation will visit Tashkent on October 14-16.", "2024-10-01")
    assert event.date.iso == "2024-10-14" and event.date.end.iso == "2024-10-16" and event.kind == "visit"


def test_a_yearless_date_takes_the_publication_year_and_without_one_is_undated():
    body = "On May 28, Chile and Ghana held talks in Accra."
    assert one_event(body, "2024-06-03").date.iso == "2024-05-28"
    assert one_event(body).date is None


def test_a_month_takes_the_year_named_earlier_in_its_sentence():
    facts = facts_of("In late 2023, Ghana received the President of Peru, "
                     "followed shortly by the Prime Minister of Mongolia in November.")
    assert dated(facts) == [("2023", "visit"), ("2023-11", "visit")]
    later = facts.events[1]
    assert "MNG" in later.countries and "GHA" in later.countries  # its own country and the sentence's subject


@pytest.mark.parametrize("relative, iso", [
    ("yesterday", "2024-06-04"), ("this week", "2024-06"), ("on Thursday", "2024-05-30"),
    ("last year", "2023"), ("earlier this month", "2024-06"),
])
def test_relative_dates_only_against_a_publication_date(relative, iso):
    body = f"The foreign minister of Ghana visited Lima {relative}."
    assert one_event(body, "2024-06-05").date.iso == iso
    undated = one_event(body)
    assert undated.date is None and undated.kind == "visit"


def test_a_dateline_dates_its_sentence_and_yields_to_the_sentences_own_date():
    event = one_event("Accra, May 14, 2024 – The foreign ministers of Ghana and Peru held consultations in Accra.")
    assert (event.date.iso, event.kind) == ("2024-05-14", "meeting")
    assert not event.summary.startswith("Accra, May")
    own = one_event("Lima, May 14, 2024 – Peru's foreign minister met his Ghanaian counterpart on May 12.")
    assert own.date.iso == "2024-05-12"


@pytest.mark.parametrize("sentence", [
    "Ghana hosted EXPO 2017 partners and Vision 2050 planners.",  # years in names
    "The Chilean strategy on Africa for 2025–2030 was presented.",  # a period, not a day
    "As of 2024, Ghana has five embassies in Asia.",  # a state, not a happening
    "In 2023, trade between Ghana and Chile reached $210 million.",  # a figure's year
    "The new ambassador of Peru will arrive in Accra.",  # a plan without a date
    "Exports to Peru in 2024 grew by 7% compared with 2023.",  # no trigger
])
def test_trigger_traps_give_no_dated_event(sentence):
    assert dated(facts_of(sentence)) == []


def test_a_plan_with_a_yearless_month_is_the_coming_one():
    event = one_event("Ghana will open an embassy in Lima in October.", "2024-06-01")
    assert (event.date.iso, event.kind) == ("2024-10", "embassy")
    past = one_event("Ghana opened an embassy in Lima in October.", "2024-06-01")
    assert past.date.iso == "2023-10"


def test_a_speech_verbs_date_does_not_date_the_reported_plan():
    assert dated(facts_of("The Zambian minister said yesterday that talks will resume.", "2024-06-05")) == []


def test_plans_in_quotations_are_not_events():
    facts = facts_of("“We will sign a roadmap with Peru and open a trade office,” said the Ghanaian minister.")
    assert facts.events == []
    dated_plan = facts_of("“In 2025, we will open an embassy in Lima,” the Ghanaian minister said.", "2024-06-05")
    assert dated_plan.events == []
    told = facts_of("“We signed the roadmap with Peru on May 3,” the Ghanaian minister said.", "2024-06-05")
    assert dated(told) == [("2024-05-03", "agreement")]


def test_a_clause_borrowing_the_sentences_trigger_is_summarised_by_the_sentence():
    facts = facts_of("The Peruvian minister visited Accra in 2019 and in 2021, while the Ghanaian minister "
                     "travelled to Lima in March 2022.")
    assert dated(facts) == [("2019", "visit"), ("2021", "visit"), ("2022-03", "visit")]
    assert facts.events[1].summary.startswith("The Peruvian minister visited Accra")


def test_goods_arriving_are_a_shipment():
    event = one_event("The first batch of Chilean wheat arrived in Accra in August 2024.")
    assert (event.date.iso, event.kind) == ("2024-08", "shipment")


def test_mou_is_an_agreement_only_in_capitals_and_odd_letters_keep_offsets():
    assert one_event("Ghana and Peru concluded an MoU on fisheries on 3 May 2024.").kind == "agreement"
    assert dated(facts_of("Ghana and Peru met a mou expert on 3 May 2024.")) == [("2024-05-03", "meeting")]
    event = one_event("İstanbul: Ghana and Peru signed a memorandum on 3 May 2024.")  # "İ" lower-cases to two letters
    assert event.kind == "agreement"


def test_a_person_trigger_yields_to_what_happened():
    event = one_event("A delegation of Ghana signed a memorandum with Peru on 3 May 2024.")
    assert event.kind == "agreement"


def test_consultations_are_a_meeting_not_a_consul():
    event = one_event("The sides agreed to hold the next round of political consultations in Lima in 2026.")
    assert (event.date.iso, event.kind) == ("2026", "meeting")


def test_the_parties_of_a_happening_refer_back_to_it():
    facts = facts_of("Lima, May 14, 2024 – The foreign ministers of Ghana and Peru held consultations in Lima.\n"
                     "The parties discussed cooperation in mining.\n"
                     "Following the talks, the ministers signed a roadmap for 2024-2026.")
    assert dated(facts) == [("2024-05-14", "meeting"), ("2024-05-14", "agreement")]
    alone = facts_of("The parties discussed cooperation in mining with Ghana.")
    assert [(e.date, e.kind) for e in alone.events] == [(None, "meeting")]


def test_undated_happenings_are_kept_and_marked_undated():
    facts = facts_of("Earlier this spring, a Senegalese delegation toured factories in Tashkent.")
    assert [(e.date, e.kind) for e in facts.events] == [(None, "visit")]


ANAPHORA = """Santiago, April 9, 2024 – Chilean Foreign Minister Rosa Vidal held a meeting with Ghanaian Foreign Minister Kofi Mensah, who arrived in Santiago on an official visit.

During the meeting, the ministers discussed cooperation in mining and agriculture.

The talks resulted in the signing of a Memorandum of Understanding on consular matters.

The visit of the Ghanaian minister is the first in the history of bilateral relations."""


def test_descriptions_of_a_happening_inherit_its_date_and_merge_into_it():
    facts = facts_of(ANAPHORA, people={"Rosa Vidal": "CHL", "Kofi Mensah": "GHA"})
    assert dated(facts) == [("2024-04-09", "meeting"), ("2024-04-09", "agreement")]
    meeting, agreement = facts.events
    assert set(meeting.countries) == {"CHL", "GHA"} and set(agreement.countries) == {"CHL", "GHA"}
    assert len(meeting.people) == 2  # both ministers, as PersonMention ids
    assert agreement.evidence.startswith("The talks resulted in the signing")


def test_a_repeated_happening_is_one_event():
    facts = facts_of("Peru and Mongolia held consultations in Lima on 2 March 2024. "
                     "The ministry said Peru and Mongolia held talks in Lima on 2 March 2024.")
    assert dated(facts) == [("2024-03-02", "meeting")]


def test_a_visit_and_its_meeting_on_one_day_merge_but_different_days_do_not():
    same = facts_of("On 5 June 2024 the Peruvian president arrived in Dakar on a state visit. "
                    "On 5 June 2024 he met the President of Senegal.")
    assert len(same.events) == 1
    apart = facts_of("On 5 June 2024 the Peruvian president arrived in Dakar on a state visit. "
                     "On 7 June 2024 he met the President of Senegal.")
    assert dated(apart) == [("2024-06-05", "visit"), ("2024-06-07", "meeting")]


def test_countries_come_from_the_clause_then_people_then_the_documents_focus():
    people_only = one_event("Kofi Mensah met Rosa Vidal on June 4, 2024.",
                            people={"Rosa Vidal": "CHL", "Kofi Mensah": "GHA"}, surfaces={})
    assert set(people_only.countries) == {"CHL", "GHA"}
    focus = facts_of("Ghana is a partner of Peru. Ghana seeks more partners. "
                     "The country's diplomats met in 2021 to talk.")
    assert [(e.date.iso, e.countries) for e in focus.events] == [("2021", ["GHA"])]


def test_the_two_countries_are_the_two_named_last():
    facts = facts_of("Peru and Senegal have close ties. Mongolia watches. Ghana and Chile trade.\n"
                     "In 2023, the two countries signed an agreement on air services.")
    assert [(e.date.iso, sorted(e.countries)) for e in facts.events] == [("2023", ["CHL", "GHA"])]


def test_capitalised_datelines_are_not_part_of_a_summary():
    event = one_event("LIMA. NEWS AGENCY – The Peruvian minister met the Ghanaian ambassador on 4 May 2024.")
    assert event.summary.startswith("The Peruvian minister met")


def test_evidence_is_the_sentence_and_its_span_points_at_it():
    facts = facts_of(ANAPHORA, people={"Rosa Vidal": "CHL", "Kofi Mensah": "GHA"})
    text = facts.document.text
    for event in facts.events:
        assert text[event.span.start:event.span.end] == event.evidence
        assert event.span.doc_id == facts.document.id
        assert facts.sentences[event.span.sentence].text == event.evidence


def test_event_ids_are_stable_across_runs():
    first = [e.id for e in facts_of(ANAPHORA).events]
    assert first == [e.id for e in facts_of(ANAPHORA).events]
    assert len(set(first)) == len(first)


def test_quoted_regions_run_to_the_line_end_when_unclosed():
    text = 'He said “we met in May.\nThen "it was done" and «ok»'
    regions = [text[s:e] for s, e in quoted_regions(text)]
    assert regions == ["we met in May.", "it was done", "ok"]


_PIECES = st.sampled_from([
    "On May 3, 2024,", "in 2019", "met", "signed", "the talks", "visit", "Ghana", "Peru", "embassy", "“", "”", '"',
    "will", "as of", "EXPO 2017", "yesterday", "on Thursday", ",", ".", "\n", "–", "$5 million", "12%", "June 3-5",
    "The forum", "In late 2023", "in November", "03.06.2025", "Astana, June 3, 2025 –", "said that",
])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=40).map(" ".join), st.text(max_size=300)),
       st.sampled_from([None, "2024-06-05"]))
def test_extract_events_never_raises_and_evidence_is_a_slice(body, published):
    head = "Title: Property\n" + (f"Date: {published}\n" if published else "") + "\n"
    document, sentences = parse_text(head + body, "prop.txt")
    countries = []
    for word, code in (("Ghana", "GHA"), ("Peru", "PER")):
        start = document.text.find(word)
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        if start >= 0 and sentence is not None:
            countries.append(CountryMention(doc_id=document.id, code=code, surface=word,
                                            span=Span(doc_id=document.id, sentence=sentence.index, start=start,
                                                      end=start + len(word))))
    for event in extract_events(document, sentences, countries, []):
        assert document.text[event.span.start:event.span.end] == event.evidence
        assert event.kind in ("visit", "meeting", "agreement", "forum", "embassy", "shipment", "statement",
                              "award", "other")
        assert event.summary


def test_a_long_article_costs_work_in_proportion_to_its_length():
    """Counts Python calls, not seconds: a look-back over every earlier sentence would grow with the square."""
    import sys

    from briefing_tui.extract.figures import extract_figures
    from extract_support import country_mentions, person_mentions

    def calls_per_sentence(copies: int) -> float:
        document, sentences = parse_text("Title: Long\n\n" + "\n\n".join([ANAPHORA] * copies), "long.txt")
        countries = country_mentions(document, sentences)
        people = person_mentions(document, sentences, {"Rosa Vidal": "CHL", "Kofi Mensah": "GHA"})
        calls = 0

        def count(frame: object, event: str, arg: object) -> None:
            nonlocal calls
            if event in ("call", "c_call"):
                calls += 1

        sys.setprofile(count)
        try:
            extract_events(document, sentences, countries, people)
            extract_figures(document, sentences, countries)
        finally:
            sys.setprofile(None)
        return calls / len(sentences)

    calls_per_sentence(2)  # caches filled once, outside the comparison
    small, large = calls_per_sentence(20), calls_per_sentence(400)
    assert large < 1.5 * small, (small, large)  # quadratic work would be about 20 times more per sentence


def test_today_in_the_present_tense_is_nowadays_not_a_day():
    events = facts_of("Today, the airline carries cargo from Chile to forty Zambian towns.", "2024-06-08").events
    assert all(e.date is None for e in events)


def test_a_weekday_in_a_plan_is_the_coming_one():
    event = one_event("On Tuesday, Chile and Zambia will mark 30 years of diplomatic relations.", "2024-06-08")
    assert (event.date.year, event.date.month, event.date.day) == (2024, 6, 11)


def test_an_agreement_coming_into_force():
    event = one_event("The visa-free regime between Chile and Zambia, which came into force in November last "
                      "year, boosted tourism.", "2024-06-08")
    assert (event.date.year, event.date.month) == (2023, 11)


@pytest.mark.parametrize("text", [
    "The ministers WILL meet; the talks May 3 went well.",
    "The embassy may open soon, officials said.",
    "In May the delegation VISITED Lusaka and was received by the President.",
    "The miniſter viſited Lusaka; the embaſſy waſ opened.",
    "The minister visıted İzmir and ıntends to return.",
    "Trade grew by 5% over the year.",
])
def test_plans_and_happenings_read_in_the_lower_cased_sentence_as_the_patterns_read_the_text(text):
    """`_Wording` reads the lower-cased sentence where it can: it must agree with the
    case-insensitive patterns (and "may", a plan only as written) on the text itself."""
    from briefing_tui.extract import events as ev

    wording = ev._Wording(text)
    for start, end in ((0, len(text)), (0, len(text) // 2), (len(text) // 3, len(text))):
        assert wording.plan(start, end) == bool(ev._PLAN.search(text, start, end)), (start, end)
        assert wording.happened(start, end) == bool(ev._HAPPENED.search(text, start, end)), (start, end)
    assert wording.plan() == bool(ev._PLAN.search(text))
