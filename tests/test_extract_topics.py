"""Topic tags: the keyword table, whole-word matching, and tagging a document's facts."""

from __future__ import annotations

import json
import time
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract_support import facts_of
from briefing_tui.extract.topics import compile_topics, load_topics, tag_topics, topic_labels, topics_of
from briefing_tui.models import Quote, Span

TOPICS = ["trade", "mining", "agriculture", "energy", "digital", "logistics", "defence", "education", "health",
          "finance", "culture"]


def test_the_table_has_every_topic_with_a_label_and_keywords():
    raw = json.loads(resources.files("briefing_tui.extract").joinpath("data/topics.json").read_text("utf-8"))
    assert list(raw) == TOPICS
    assert all(entry["label"] and entry["keywords"] for entry in raw.values())
    assert list(topic_labels()) == TOPICS
    doc = resources.files("briefing_tui.extract").joinpath("data/topics.md").read_text("utf-8")
    assert "topics.json" in doc


@pytest.mark.parametrize("text, expected", [
    ("Bilateral trade turnover grew last year.", ["trade"]),
    ("The sides discussed copper and lithium deposits.", ["mining"]),
    ("Wheat and flour shipments support food security.", ["agriculture"]),
    ("A solar power plant will be built near the capital.", ["energy"]),
    ("They exchanged experience in e-government and digital public services.", ["digital"]),
    ("A new railway corridor will cut transit times.", ["logistics"]),
    ("The ministers discussed cooperation in the defence industry.", ["defence"]),
    ("Two hundred students will receive university scholarships.", ["education"]),
    ("A pharmaceutical plant and a hospital were opened.", ["health"]),
    ("The development bank approved a loan.", ["finance"]),
    ("A festival of national culture opened at the museum.", ["culture"]),
    ("The President thanked his counterpart for the warm welcome.", []),
])
def test_one_topic_per_kind_of_sentence(text, expected):
    assert topics_of(text) == expected


def test_a_sentence_naming_several_areas_gets_them_all_in_table_order():
    text = "Attention was paid to logistics, mining, digitalization and the defense industry."
    assert topics_of(text) == ["mining", "digital", "logistics", "defence"]


@pytest.mark.parametrize("text", [
    "This is an important step.",  # not "import"
    "The price was agreed.",  # not "rice"
    "They expressed support for the initiative.",  # not "port"
    "It was agreed that it will continue.",  # the pronoun is not IT
    "A roadmap was adopted.",  # not "road"
])
def test_matching_is_on_whole_words(text):
    assert topics_of(text) == []


def test_capitalised_keywords_match_only_as_written_and_prefixes_match_word_starts():
    assert topics_of("Cooperation in IT and AI is growing.") == ["digital"]
    assert topics_of("Exporters and agribusiness gathered.") == ["trade", "agriculture"]
    assert topics_of("Rare earths were discussed.") == ["mining"]
    assert topics_of("Rare birds were discussed.") == []


def test_a_custom_table():
    table = compile_topics({"space": {"label": "Space", "keywords": ["satellite*", "launch pad", "ESA"]}})
    assert topics_of("Two satellites and a launch pad for ESA.", table) == ["space"]
    assert topics_of("The esa launch pads.", table) == []
    with pytest.raises(ValueError):
        compile_topics({"x": {"label": "X", "keywords": ["ab*"]}})


def test_the_keywords_a_word_may_start_come_from_its_word_and_its_stem():
    table = compile_topics({"space": {"label": "Space", "keywords": ["satellite*", "launch pad", "ESA"]},
                            "sea": {"label": "Sea", "keywords": ["launch"]}})
    assert [k.words for k in table.starting("launch")] == [("launch", "pad"), ("launch",)]
    assert [k.words for k in table.starting("satellites")] == [("satellite",)]
    assert table.starting("esa") == () and table.starting("orbit") == ()
    assert table.starting("launch") is table.starting("launch")  # remembered


def test_tag_topics_sets_events_quotes_and_figures():
    facts = facts_of("On 4 May 2024 Chile and Ghana signed an agreement on copper mining. "
                     "Ghana's exports to Chile are led by cocoa (61%) and crude oil (20%). "
                     "Trade between Chile and Ghana reached $210 million in 2023.")
    sentence = facts.sentences[-1]
    quote_text = "We will build schools and hospitals together"
    start = facts.document.text.find("Trade")
    facts.quotes.append(Quote(id="quo-1", doc_id=facts.document.id, text=quote_text,
                              span=Span(doc_id=facts.document.id, sentence=sentence.index, start=start,
                                        end=start + 5)))
    tag_topics(facts)
    assert facts.events[0].topics == ["mining"]
    assert facts.quotes[0].topics == ["education", "health"]
    by_label = {f.label: f.topics for f in facts.figures}
    assert by_label["cocoa (exports)"] == ["trade", "agriculture"]  # the product's topic, not the whole list's
    assert by_label["crude oil (exports)"] == ["trade", "energy"]
    turnover = next(f for f in facts.figures if f.kind == "trade_turnover")
    assert turnover.topics == ["trade"]


def test_a_figure_takes_a_topic_from_its_kind():
    facts = tag_topics(facts_of("Chilean companies have invested €300 million in Ghana."))
    assert facts.figures[0].topics == ["finance"]


@given(st.text(max_size=300))
def test_topics_of_never_raises_and_returns_known_topics(text):
    assert set(topics_of(text)) <= set(TOPICS)


def test_tagging_is_fast():
    load_topics()
    text = ("The parties discussed cooperation in trade, logistics, agriculture, mining, energy and digital "
            "technologies, as well as education, health care and culture. ") * 2
    start = time.perf_counter()
    for _ in range(1000):
        topics_of(text)
    assert (time.perf_counter() - start) / 1000 < 0.002  # well under 2 ms per sentence


def test_words_of_an_ascii_text_and_of_any_other_are_the_same_letters_runs():
    from briefing_tui.extract import topics

    for text in ("Mining_output rose 12% in 2024; oil-and-gas exports (LNG) fell.", "Côte d'Ivoire's cocoa, Ærø 3x"):
        assert topics._words(text) == topics._WORD.findall(text)
    assert topics._words("Côte d'Ivoire") == ["Côte", "d", "Ivoire"]
    assert topics._words("a_b2c") == ["a", "b", "c"]
