"""The one-page note: structure, citations, the page limit, empty selections, pins, inert article text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from export_support import (
    CITE,
    assert_safe_note,
    all_tokens,
    citations,
    front_matter,
    headings,
    make_large_corpus,
    numbered_sources,
    section,
    words,
)
from factories import make_corpus, write_corpus_store

from briefing_tui.export.note import MAX_LINES, MAX_WORDS, build_note
from briefing_tui.export.pins import Pin, pin_for
from briefing_tui.models import Corpus
from briefing_tui.pipeline import build_store
from briefing_tui.query import Filters, load_index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAY = dt.date(2026, 11, 22)
GHA = frozenset({"GHA"})


def note_of(index, filters=Filters(), pins=(), **kw):
    return build_note(index, filters, pins, date=DAY, **kw)


def assert_cited(text: str) -> None:
    """Every [n] in the body is a listed source and every listed source is cited; the count is in the front matter."""
    sources = numbered_sources(text)
    assert sorted(sources) == list(range(1, len(sources) + 1))
    assert citations(text) == set(sources)
    assert front_matter(text)["sources"] == len(sources)


def assert_one_page(text: str) -> None:
    assert words(text) <= MAX_WORDS and text.count("\n") <= MAX_LINES, (words(text), text.count("\n"))


def test_structure_of_a_note(fixture_index):
    note = note_of(fixture_index, Filters(countries=GHA))
    text = note.text
    assert_safe_note(text)
    assert [title for _, title in headings(text)] == [
        "Briefing note: Ghana", "Key facts", "Recent engagement", "Trade and investment", "Key people",
        "Quotable lines", "Sources"]
    meta = front_matter(text)
    assert meta == {"title": "Briefing note: Ghana", "generated": "2026-11-22",
                    "filters": {"countries": ["GHA"], "topics": [], "since": None, "until": None, "speaker": None,
                                "query": None},
                    "sources": 2, "pinned": 0, "left_out": 0}
    bottom = next(line for line in text.splitlines() if line.startswith("**Bottom line.** "))
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", bottom.removeprefix("**Bottom line.** "))
    assert 2 <= len(sentences) <= 4
    assert "Memorandum of Understanding" in bottom and "[1]" in bottom
    assert_cited(text)
    assert_one_page(text)
    assert note.words == words(text) and note.lines == text.count("\n")


def test_sections_say_what_they_hold(fixture_index):
    text = note_of(fixture_index).text
    facts = section(text, "Key facts")
    assert facts[0].startswith("- Agreement, 2024-03-12: Memorandum") and facts[1].startswith("- Representation, 2022-01")
    engagement = section(text, "Recent engagement")
    assert engagement[0].startswith("- 2024-03-12 — meeting: Owusu held talks")
    assert engagement[-1].startswith("- undated — forum")  # undated last
    trade = section(text, "Trade and investment")
    conflict = next(line for line in trade if line.startswith("- Trade turnover"))
    assert "sources differ" in conflict and "210 million [1]" in conflict and "about \\$250 million [2]" in conflict
    assert any("Growth, 2023: 12 % [1]" in line for line in trade)
    assert any(line.startswith("- Top export shares: cocoa beans 61 % [1]; gold 20 % [1]") for line in trade)
    people = section(text, "Key people")
    assert "- Tomas Vidal — Minister of Foreign Affairs, Chile [1]" in people
    quotes = section(text, "Quotable lines")
    assert quotes[0] == "- “We expect trade with Ghana to pass \\$300 million next year” — Tomas Vidal, 2024-05-02 [2]"
    sources = numbered_sources(text)
    assert sources[1] == "Accra Hosts Talks on Cocoa and Minerals — 2024-03-12 — `accra-talks.txt`"
    assert sources[2] == "`santiago-ties.txt` — 2024-05-02"  # untitled: named by its file


def test_every_fact_line_carries_a_citation(fixture_index):
    text = note_of(fixture_index).text
    for title in ("Key facts", "Recent engagement", "Trade and investment", "Key people", "Quotable lines"):
        for line in section(text, title):
            assert CITE.search(line), line


def test_a_topic_keeps_the_people_of_its_facts(fixture_index):
    text = note_of(fixture_index, Filters(countries=GHA, topics=frozenset({"mining"}))).text
    assert section(text, "Key people") == ["- Ama Owusu — Minister of Foreign Affairs, Ghana [1]"]
    assert section(text, "Recent engagement") == [
        "- 2024-03-12 — meeting: Owusu held talks with Chile's Foreign Minister Vidal [1]"]
    assert_cited(text)


@pytest.mark.parametrize("filters", [Filters(text="nothing-like-this"), Filters(countries=frozenset({"BFA"})),
                                     Filters(year_from=1990, year_to=1991)])
def test_an_empty_selection_gives_a_short_note(fixture_index, filters):
    note = note_of(fixture_index, filters)
    assert note.empty and not note.sources
    assert_safe_note(note.text)
    assert "Nothing in the store matches these filters" in note.text
    assert [t for _, t in headings(note.text)][1:] == []
    assert front_matter(note.text)["sources"] == 0
    assert words(note.text) < 80


def test_an_empty_store_says_so(tmp_path):
    index = load_index(write_corpus_store(tmp_path / "s.json", Corpus()))
    note = note_of(index)
    assert note.empty and "The store holds no articles yet" in note.text
    assert_safe_note(note.text)


# ---------------------------------------------------------------- one page

@pytest.fixture(scope="module")
def large_index(tmp_path_factory):
    return load_index(write_corpus_store(tmp_path_factory.mktemp("large") / "s.json", make_large_corpus(160)))


@pytest.mark.parametrize("filters", [Filters(), Filters(countries=GHA), Filters(topics=frozenset({"trade"})),
                                     Filters(countries=frozenset({"KEN", "PER"}), year_from=2018)])
def test_a_large_selection_fits_on_one_page(large_index, filters):
    note = note_of(large_index, filters)
    text = note.text
    assert_safe_note(text)
    assert_one_page(text)
    assert_cited(text)
    assert len(section(text, "Quotable lines")) <= 3 and len(section(text, "Recent engagement")) <= 8
    left = sum(note.left_out.values())
    assert left > 100 and front_matter(text)["left_out"] == left
    assert re.search(r"\*Not shown \(one-page limit\): \d+ events, \d+ quotes, \d+ figures, \d+ people\.\*", text)
    for name in ("Key facts", "Recent engagement", "Trade and investment", "Key people", "Quotable lines"):
        if name != "Key facts" or not filters.topics:  # the generated agreements are about logistics
            assert section(text, name) and section(text, name) != ["None in the selected articles."], name


def test_recent_engagement_is_newest_first_and_takes_the_newest(large_index):
    text = note_of(large_index).text
    dates = [line.split(" — ")[0].removeprefix("- ") for line in section(text, "Recent engagement")]
    assert dates == sorted(dates, reverse=True)
    newest = max(e.date.iso for e in large_index.events)
    assert dates[0] == newest


def test_smaller_limits_drop_more_and_say_so(large_index):
    full = note_of(large_index)
    small = note_of(large_index, max_words=250, max_lines=40)
    assert words(small.text) <= 250 and small.text.count("\n") <= 40
    assert sum(small.left_out.values()) > sum(full.left_out.values())
    assert_cited(small.text)


# ---------------------------------------------------------------- pins

def test_pinned_facts_always_make_it_into_the_note(large_index):
    oldest = min((e for e in large_index.events if e.kind == "meeting"), key=lambda e: e.date.sort_key)
    quote = large_index.quotes[-1]  # the oldest quote
    person = next(p for p in large_index.people.values() if p.country == "PER")
    pins = [pin_for(large_index, fact) for fact in (oldest, quote, person)]
    note = note_of(large_index, Filters(countries=GHA), pins)
    assert oldest.summary in note.text and quote.text in note.text and person.name in note.text
    assert note.pinned == 3 and note.pins_left_out == 0
    assert front_matter(note.text)["pinned"] == 3
    assert_one_page(note.text)
    assert_cited(note.text)


def test_more_pins_than_a_page_are_reported_not_hidden(large_index):
    pins = [pin_for(large_index, e) for e in large_index.events[:60]]
    note = note_of(large_index, Filters(), pins)
    assert_one_page(note.text)
    assert note.pins_left_out > 0 and note.pinned + note.pins_left_out == 60
    assert f"{note.pins_left_out} of them pinned" in note.text


def test_a_vanished_pin_is_reported(fixture_index):
    gone = Pin(id="evt-000000000000", kind="event", label="a visit nobody extracts any more", doc="old.txt",
               evidence="no such words")
    note = note_of(fixture_index, Filters(), [gone])
    assert note.vanished == [gone]
    assert not note.empty and note.pinned == 0


def test_a_pin_follows_its_fact_to_a_new_id(fixture_index):
    embassy = next(e for e in fixture_index.events if e.kind == "embassy")
    renamed = pin_for(fixture_index, embassy)
    renamed = Pin(id="evt-renumbered00", kind=renamed.kind, label=renamed.label, doc=renamed.doc,
                  evidence=renamed.evidence)
    note = note_of(fixture_index, Filters(topics=frozenset({"mining"})), [renamed])
    assert note.moved == {"evt-renumbered00": embassy.id}
    assert not note.vanished and "Chilean embassy opened in Accra" in note.text


# ---------------------------------------------------------------- article text stays text

PAYLOADS = ["# x", "| a | b |", "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://x)",
            "[bold red]x[/]", "[@click=app.quit]", "see www.example.com and http://x.org", "mail a@b.org",
            "`code`", "***", "&lt;b&gt;", "~~gone~~", "$x$", "[^1]", "<!-- c -->"]


def hostile_corpus() -> Corpus:
    corpus = make_corpus()
    a, b = corpus.documents
    a.document.title = "# " + " ".join(PAYLOADS[:6])
    a.document.source_url = "javascript:alert(1)"
    b.document.path = "[x](y).txt `z`"
    for n, event in enumerate(a.events + b.events):
        event.summary = f"{PAYLOADS[n % len(PAYLOADS)]} then\n# injected line {PAYLOADS[(n + 5) % len(PAYLOADS)]}"
    for n, quote in enumerate(a.quotes + b.quotes):
        quote.text = f"{PAYLOADS[n + 6]} and {PAYLOADS[n + 8]} &lt;b&gt; ~~gone~~ $x$ [^1] <!-- c -->"
    for n, figure in enumerate(a.figures + b.figures):
        figure.label = PAYLOADS[(n + 9) % len(PAYLOADS)]
    corpus.people[0].name = "![i](http://x) [b]Nobody[/b]"
    corpus.people[0].role = "| role | x |\n---|---"
    corpus.countries[0].name = 'Ghana"\nevil: true'
    return corpus


def test_injection_payloads_stay_inert(tmp_path):
    index = load_index(write_corpus_store(tmp_path / "s.json", hostile_corpus()))
    for filters in (Filters(), Filters(countries=GHA)):
        text = note_of(index, filters).text
        assert_safe_note(text)
        assert "evil" not in front_matter(text)
        assert front_matter(text)["title"].startswith("Briefing note:")
        assert "<script>" not in text
        rendered = "".join(t.content for t in all_tokens(text) if t.type in ("text", "code_inline"))
        for payload in ("[x](javascript:alert(1))", "![i](http://x)", "<script>alert(1)</script>", "| a | b |",
                        "[bold red]x[/]", "www.example.com", "a@b.org", "`code`", "&lt;b&gt; ~~gone~~ $x$ [^1] <!-- c -->"):
            assert payload in rendered, payload
        assert_cited(text)


# ---------------------------------------------------------------- every country of the seeds

@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory):
    store = tmp_path_factory.mktemp("seeds") / "briefing.json"
    build_store(SEEDS, store)
    return load_index(store)


def test_a_note_for_every_country_of_the_seeds(seeds_index):
    assert seeds_index.documents
    for filters in [Filters(), *(Filters(countries=frozenset({code})) for code in seeds_index.countries)]:
        note = note_of(seeds_index, filters)
        assert_safe_note(note.text)
        assert_one_page(note.text)
        assert front_matter(note.text)["filters"]["countries"] == sorted(filters.countries)
        if note.empty:  # a country only named: the articles naming it are the sources
            assert "no events, quotes, figures or people were extracted" in note.text
        else:
            assert len(headings(note.text)) == 7
        assert_cited(note.text)


def test_a_country_only_named_lists_the_articles_naming_it(fixture_index, tmp_path):
    corpus = make_corpus()
    corpus.countries.append(corpus.countries[0].model_copy(update={"code": "PER", "name": "Peru"}))
    index = load_index(write_corpus_store(tmp_path / "s.json", corpus))
    for fact in (*index.events, *index.quotes, *index.figures):
        keys = index.keys[fact.id]
        index.keys[fact.id] = keys._replace(countries=frozenset(c for c in keys.countries if c != "PER"))
    note = note_of(index, Filters(countries=frozenset({"PER"})))
    assert note.empty and len(note.sources) == 2
    assert "Peru: named in 2 articles [1][2], but no events" in note.text
    assert_safe_note(note.text)
    assert_cited(note.text)
