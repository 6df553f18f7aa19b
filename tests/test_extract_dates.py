"""The date grammar: precision, ranges, qualifiers, yearless and relative dates, non-dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.extract.dates import find_dates, resolve_month_year
from briefing_tui.models import PartialDate

PUB = date(2024, 9, 12)  # a Thursday


def labels(text: str, published: date | None = PUB, **kw) -> list[str | None]:
    return [m.date.label if m.date else None for m in find_dates(text, published, **kw)]


def one(text: str, published: date | None = PUB) -> PartialDate:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0].date


@pytest.mark.parametrize("text, iso", [
    ("Lima, August 14, 2024 – The minister arrived.", "2024-08-14"),
    ("Talks were held on 14 August 2024 in Lima.", "2024-08-14"),
    ("The accord was signed on Aug. 14, 2024.", "2024-08-14"),
    ("Signed on Sept 2 2023 in Quito.", "2023-09-02"),
    ("14.08.2024 10:00:00 812", "2024-08-14"),
    ("Published 2024-08-14 by the ministry.", "2024-08-14"),
    ("The embassy opened in March 2021.", "2021-03"),
    ("The first summit was held in 2016.", "2016"),
    ("It was signed on the 14th of August 2024.", "2024-08-14"),
])
def test_absolute_dates_and_their_precision(text, iso):
    assert one(text).iso == iso


def test_precision_property():
    assert one("on 14 August 2024").precision == "day"
    assert one("in August 2024").precision == "month"
    assert one("in 2024").precision == "year"


def test_day_ranges_keep_the_start_and_the_end():
    d = one("The delegation will visit Quito on October 7-9.")
    assert d.iso == "2024-10-07" and d.end.iso == "2024-10-09"
    d = one("talks on 7–9 October 2023")
    assert d.iso == "2023-10-07" and d.end.iso == "2023-10-09"
    d = one("from September 29 – October 2, 2023")
    assert d.iso == "2023-09-29" and d.end.iso == "2023-10-02"
    d = one("between December 30 – January 3, 2024")
    assert d.iso == "2023-12-30" and d.end.iso == "2024-01-03"


def test_year_ranges():
    d = one("a programme for 2026–2031")
    assert (d.year, d.end.year) == (2026, 2031)
    d = one("from 2010 to 2019")
    assert (d.year, d.end.year) == (2010, 2019)


@pytest.mark.parametrize("text, label", [
    ("In late 2021, the ministers met.", "late 2021"),
    ("by early 2019", "early 2019"),
    ("in mid-2022", "mid 2022"),
    ("at the end of 2020", "late 2020"),
    ("in the first half of 2018", "early 2018"),
    ("Since 2009, Peru has been a member.", "since 2009"),
    ("By 2021, exports had doubled.", "by 2021"),
])
def test_qualifiers(text, label):
    assert one(text).label == label


def test_as_of_is_kept_as_a_qualifier():
    assert one("as of 2023 there were four").qualifier == "as of"


def test_yearless_month_takes_the_most_recent_one_not_after_publication():
    assert one("In August, a shipment left.").iso == "2024-08"
    assert one("In September, a shipment left.").iso == "2024-09"
    assert one("In October, a shipment left.").iso == "2023-10"
    assert one("In November, talks began.", date(2025, 3, 1)).iso == "2024-11"


def test_yearless_day_shortly_after_publication_stays_in_the_publication_year():
    assert one("The minister will arrive on September 20.").iso == "2024-09-20"
    assert one("during a September 10 meeting").iso == "2024-09-10"
    assert one("on December 20").iso == "2023-12-20"


def test_yearless_month_takes_a_year_stated_earlier_in_the_sentence():
    found = labels("In early 2019, Chile hosted Peru's president, followed by Bolivia's in October.", None)
    assert found == ["early 2019", "2019-10"]
    # a year stated later, or in an earlier sentence, does not count
    assert labels("In May, he visited, a decade after his trip in 2014.", None) == ["2014"]
    assert labels("In 2014 he visited. In May he returned.", None) == ["2014"]


def test_without_publication_date_yearless_and_relative_dates_are_unresolved():
    for text in ("In May, he visited.", "on June 3", "This week, Peru welcomed", "yesterday",
                 "last year", "on Thursday", "earlier this month"):
        assert find_dates(text, None) == [], text
        found = find_dates(text, None, include_unresolved=True)
        assert len(found) == 1 and found[0].date is None and found[0].relative, text


@pytest.mark.parametrize("text, iso", [
    ("today", "2024-09-12"),
    ("Yesterday, the ministers met.", "2024-09-11"),
    ("This week, Peru welcomed", "2024-09"),
    ("last week", "2024-09"),
    ("earlier this month", "2024-09"),
    ("last month", "2024-08"),
    ("this year", "2024"),
    ("last year", "2023"),
    ("next year", "2025"),
    ("on Thursday", "2024-09-12"),
    ("on Monday", "2024-09-09"),
    ("last Thursday", "2024-09-05"),
    ("two years ago", "2022"),
])
def test_relative_dates_against_the_publication_date(text, iso):
    assert one(text).iso == iso


def test_vague_times_are_never_dates():
    found = find_dates("In recent years and over the past two years, recently", PUB, include_unresolved=True)
    assert len(found) == 3 and all(m.vague and m.date is None for m in found)
    assert find_dates("In recent years, visits grew.", PUB) == []


@pytest.mark.parametrize("text", [
    "the first shipment in 12 years",
    "in the coming 3-8 years",
    "For the past 45 years",
    "a 3,7% increase",
    "31 out of 77 members",
    "the Order of Merit-II",
    "more than 4,000 kilometers",
    "it reached 2,500 tons",
    "2030 million dollars",
    "The Theresa May government",
    "It may 12 times",
])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_a_year_in_a_name_is_flagged():
    found = find_dates("hosting WORLDFAIR 2019 in Lima and the Vision-2040 plan", PUB)
    assert [m.date.year for m in found] == [2019, 2040]
    assert all(m.named for m in found)
    assert not find_dates("In 2019, Lima hosted it.", PUB)[0].named


def test_iso_dates_inside_urls_are_ignored():
    assert find_dates("See https://example.org/news/2023-04-05/item for more.", PUB) == []


def test_ambiguous_slashed_dates_are_not_guessed():
    assert find_dates("on 04/05/2023", PUB) == []
    assert one("on 24/05/2023").iso == "2023-05-24"


def test_invalid_days_are_not_dates():
    assert find_dates("on February 30, 2023", PUB) == []
    assert find_dates("31.04.2023", PUB) == []


def test_offsets_are_shifted_and_point_at_the_text():
    text = "The forum met on 5 March 2024 in Lima."
    m = find_dates(text, PUB, offset=100)[0]
    assert (m.start - 100, m.end - 100) == (text.index("5 March"), text.index(" in Lima"))
    assert m.text == "5 March 2024"


def test_published_may_be_a_string():
    assert find_dates("In May, talks", "2024-09-12")[0].date.iso == "2024-05"
    assert find_dates("In May, talks", "not a date") == []


def test_resolve_month_year_leap_day():
    assert resolve_month_year(2, 29, date(2025, 3, 10)) == 2024


# --- properties ---------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "May", "June", "in", "on", "since", "by", "late", "mid-", "2024", "2019", "3", "30", "-", "–", ",", ".",
    "12.05.2023", "2023-05-12", "today", "last", "week", "year", "Thursday", "EXPO", "years", "15", "%",
    "2,9", "out", "of", "193", "https://x.org/2020-01-01", "December", "the", "end", "first", "half", " ",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=30).map(" ".join)),
       st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
       st.integers(min_value=0, max_value=10_000))
def test_find_dates_never_raises_and_stays_inside_the_text(text, published, offset):
    for include in (False, True):
        for m in find_dates(text, published, offset, include_unresolved=include):
            assert offset <= m.start < m.end <= offset + len(text)
            assert text[m.start - offset:m.end - offset] == m.text
            d = m.date
            if d is None:
                assert include
                continue
            for part in (d, d.end) if d.end else (d,):
                assert 1 <= (part.month or 1) <= 12
                if part.day is not None:
                    date(part.year, part.month, part.day)  # a real calendar day
            if d.end is not None:
                assert d.end.sort_key >= d.sort_key


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_written_dates_round_trip(d):
    month = d.strftime("%B")
    for text in (f"on {month} {d.day}, {d.year}", f"on {d.day} {month} {d.year}",
                 f"{d.day:02d}.{d.month:02d}.{d.year}", d.isoformat()):
        found = find_dates(text, None)
        assert len(found) == 1, text
        assert found[0].date.iso == d.isoformat(), text


def test_yearless_mentions_are_marked_and_a_plan_takes_the_coming_one():
    from briefing_tui.extract.dates import upcoming

    october, = find_dates("The embassy will open in October.", PUB)
    assert october.yearless and october.date.iso == "2023-10"  # the last October before publication
    assert upcoming(october.date, PUB).iso == "2024-10"
    june, = find_dates("The minister arrived on June 3-5.", PUB)
    assert june.yearless and upcoming(june.date, PUB).label == "2025-06-03 – 2025-06-05"
    written, = find_dates("The embassy opened in October 2023.", PUB)
    assert not written.yearless
    assert upcoming(PartialDate(year=2024, month=12), PUB).iso == "2024-12"  # already ahead: unchanged
    assert upcoming(PartialDate(year=2024, month=2, day=29), PUB).iso == "2024-02-29"  # no 29 February in 2025



def test_a_month_placed_by_last_this_or_next_year():
    published = "2023-12-10"
    found = {m.text: m.date for m in find_dates(
        "It came into force in November last year; the vote on March 19 this year went well; "
        "they spoke last October and will meet next March.", published)}
    assert (found["November last year"].year, found["November last year"].month) == (2022, 11)
    assert (found["March 19 this year"].year, found["March 19 this year"].day) == (2023, 19)
    assert (found["last October"].year, found["last October"].month) == (2023, 10)
    assert (found["next March"].year, found["next March"].month) == (2024, 3)
    assert all(m.date is None for m in find_dates("in November last year", None, include_unresolved=True))


def test_a_speakers_year_does_not_date_the_writers_day():
    (year, day) = find_dates("“Exports grew by 52% over 2023,” reads the statement released on Dec. 6.", "2024-12-08")
    assert (day.date.year, day.date.month, day.date.day) == (2024, 12, 6)


def test_month_ranges_months_of_a_year_capital_datelines_and_tickers():
    (span,) = find_dates("In late October – early November of 2011, he paid a visit.", None)
    assert (span.date.year, span.date.month, span.date.qualifier, span.date.end.month) == (2011, 10, "late", 11)
    (of,) = find_dates("In November of 2011 it rained.", None)
    assert (of.date.year, of.date.month) == (2011, 11)
    (caps,) = find_dates("LIMA/APRIL 4 2024 (The Bulletin) — talks", None)
    assert (caps.date.month, caps.date.day) == (4, 4)
    assert find_dates("shares of ACWA Power (TADAWUL:2082) rose", None) == []


WORD_START_SENTENCES = [
    "Since early 2013, the two countries have held annual consultations.",
    "By the end of 2023 the embassy had moved; in mid-May 2024 it reopened.",
    "The forum took place on 30 May – 2 June 2025 in Astana, and again from late October – early November of 2011.",
    "Approximately 2000 delegates came; around 2019 and until 2021 the talks paused, through 2022 too.",
    "On the 30th of May, after the first half of 2024, the ministers met in November last year.",
    "The agreement signed on June 3-5, 2025 followed talks in December 2024 and the visit of Sept. 3, 2024.",
    "Circa 1995, before 2001, as of 2024, till 2030: EXPO 2017 and Vision 2050 are names, In 2015 was a year.",
    "THE MINISTERS MET ON MAY 28 AND IN JUNE; Theresa May met the Ambassador late in March.",
]


def test_date_patterns_try_only_words_a_date_can_start_with():
    """The word-start test of the qualifier patterns skips words no match can start with;
    with any word start instead, every pattern finds the same."""
    from briefing_tui.extract import dates as d

    word_start = re.compile(r"^\(\?<!\[\^\\W\\d_\]\)\(\?=\[[^\]]+\]\)")
    for name in ("_P_MDY", "_P_DMY", "_P_MY", "_P_MONTH_RANGE", "_P_MONTH", "_P_MONTH_OF_YEAR", "_P_YEAR"):
        pattern = getattr(d, name)
        any_word = re.compile(word_start.sub(lambda _: r"(?<![^\W\d_])(?=\w)", pattern.pattern), pattern.flags)
        assert any_word.pattern != pattern.pattern, name
        for sentence in WORD_START_SENTENCES:
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(sentence)] == \
                [(m.span(), m.groupdict()) for m in any_word.finditer(sentence)], (name, sentence)
    assert len(find_dates(" ".join(WORD_START_SENTENCES), "2025-06-10")) >= 20


@pytest.mark.parametrize("text, dates", [
    ("The ministers met YESTERDAY and will meet again Next Week, after talks in recent years.",
     ["2024-09-11", "2024-09"]),
    ("The ministers met yesterday in İzmir and will meet again next week, after talks in recent years.",
     ["2024-09-11", "2024-09"]),
    ("The miniſters met yeſterday and will meet again next week, after talks in recent years.", ["2024-09"]),
    ("The mınisters met yesterday and will meet again next week, after talks ın recent years.",
     ["2024-09-11", "2024-09"]),
])
def test_relative_and_vague_dates_whatever_the_letters(text, dates):
    """Case-insensitive words are matched in the lower-cased text, or in the text itself
    where lower-casing moves offsets ("İ") or IGNORECASE reads letters lower() does not."""
    found = find_dates(text, PUB, include_unresolved=True)
    folded = [m.text.lower().replace("ſ", "s").replace("ı", "i") for m in found]
    assert folded == ["yesterday", "next week", "in recent years"]
    assert [m.vague for m in found] == [False, False, True]
    assert [m.date.iso for m in found if m.date] == dates
    for m in found:
        assert text[m.start:m.end] == m.text


NEEDS_SENTENCES = [
    *WORD_START_SENTENCES,
    "They met on Tuesday, last Friday and this Sunday; next March and last October the talks resume.",
    "Trade in October-November 2024 and in late March – early April of 2023 grew; the 2015–2020 plan ended.",
    "Published 2024-06-03 and 03.06.2025, updated 13/06/2025, from 2012 to 2024 and between 2019 and 21.",
]


def test_each_patterns_pre_check_finds_every_match_of_the_pattern():
    """A pattern runs only where its pre-check (`_NEEDS`) finds something: each match of the
    pattern must hold a match of its pre-check, or the pattern would silently miss dates."""
    from briefing_tui.extract import dates as d

    for pattern, needs in d._NEEDS.items():
        matches = [m for sentence in NEEDS_SENTENCES for m in pattern.finditer(sentence)]
        assert matches, pattern.pattern[:60]
        for m in matches:
            assert needs.search(m.group(0)), (pattern.pattern[:60], m.group(0))


def test_ascii_forms_of_the_patterns_read_an_ascii_text_alike():
    """ASCII sentences are matched with the patterns compiled with re.ASCII (faster): on such
    a text they must find what the Unicode patterns find; the separator controls Unicode
    reads as spaces keep a text on the Unicode patterns."""
    from briefing_tui.extract import dates as d

    sentences = [sentence.replace("–", "-") for sentence in NEEDS_SENTENCES]
    assert all(d.ascii_reads_alike(sentence) for sentence in sentences)
    for pattern in d._SCANNED:
        fast = d._ASCII_BY_ID[id(pattern)]
        for sentence in sentences:
            for text in (sentence, sentence.lower()):
                assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == \
                    [(m.span(), m.groupdict()) for m in fast.finditer(text)], (pattern.pattern[:60], text)
    separated = "Talks were held in May\x1c2024."
    assert d._P_MY.search(separated) and not d._ASCII_BY_ID[id(d._P_MY)].search(separated)
    assert not d.ascii_reads_alike(separated) and not d.ascii_reads_alike("Talks in Zürich in May 2024.")
    assert [m.text for m in find_dates(separated, None)] == ["May\x1c2024"]
    assert d.ascii_reads_alike("Talks in May 2024.\n")
