"""Sentence splitting with offsets into the normalised text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.ingest import parse_text
from briefing_tui.ingest.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


def test_plain_sentences():
    assert split("Ghana met Chile. Talks went well! Will trade grow? Yes.") == [
        "Ghana met Chile.", "Talks went well!", "Will trade grow?", "Yes."]


def test_initials_abbreviations_and_decimals_do_not_end_sentences():
    assert split("The author is John K. Smith, a fellow. Dr. Lee met Mr. Ode at 3.5 p.m. on Jan. 4. Done.") == [
        "The author is John K. Smith, a fellow.", "Dr. Lee met Mr. Ode at 3.5 p.m. on Jan. 4.", "Done."]


def test_sentence_end_inside_closing_quotes():
    assert split("“We are ready to trade.” Then he left. He said: “Yes!” Fine.") == [
        "“We are ready to trade.”", "Then he left.", "He said: “Yes!”", "Fine."]


def test_a_comma_before_a_closing_quote_does_not_end_the_sentence():
    text = "“Trade is growing,” said the minister. “So is investment,” he added."
    assert split(text) == ["“Trade is growing,” said the minister.", "“So is investment,” he added."]


def test_offsets_index_the_document_text():
    text = "Title Here\n\nFirst sentence. Second one.\nThird one."
    document, sentences = parse_text(text, "a.txt")
    for s in sentences:
        assert document.text[s.start:s.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


@given(st.text(alphabet=st.sampled_from(list("Ab. ?!“”\"'\n1,")), max_size=300))
def test_spans_are_ordered_trimmed_and_inside(text: str):
    previous_end = 0
    for start, end in split_sentences(text, 0, len(text)):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
