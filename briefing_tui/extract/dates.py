"""Dates in news prose: a small grammar that knows its precision.

Public entry point: `find_dates(text, published, offset=0)`, which returns every date
expression in `text` as a `DateMention` (a `PartialDate`, its character span and a few
flags), in text order. Spans are offsets into `text` plus `offset`, so a caller passing a
sentence can add the sentence's start and get document offsets.

What it reads (all case-sensitive on month and weekday names, so "may" the verb is never
a month):

* full dates: "May 30, 2025", "30 May 2025", "Sept. 3, 2024", "03.06.2025" (day.month.year),
  "2025-06-03" (ISO; ignored inside URLs), "13/06/2025" only when unambiguous;
* day ranges: "June 3-5", "3–5 June 2025", "June 30 – July 2, 2025" (`PartialDate.end`
  holds the last day; the mention's date is the first);
* month and year: "December 2024"; year: "in 2015"; year ranges "2025–2030",
  "from 2012 to 2024";
* qualifiers: "late 2023", "early"/"mid-2024", "the end of 2023", "the first half of 2024",
  "since 2013", "by 2022", "as of 2024", "until", "before", "after", "around";
* dates without a year ("on May 28", "In May"): a year stated earlier in the same sentence
  wins ("In late 2023, …, followed by … in November" → 2023-11); else the publication date
  gives the most recent such date not after publication ("In November" published in March →
  the previous year), except that a day up to 60 days after publication keeps the
  publication year (news announces the coming days: "will arrive on June 10"); with no
  publication date the mention is unresolved;
* relative dates ("today", "yesterday", "this week", "last week", "earlier this month",
  "last year", "this year", "on Thursday", "two years ago", …) only against a known
  publication date; without one they are unresolved — never guessed, never today's date.
  Vague times ("in recent years", "recently", "over the past two years") are always
  unresolved.

Unresolved mentions (date None) are returned only with `include_unresolved=True`; the
events extractor uses them to know a sentence talks about an unknown time.

Not dates: "15 years", "5-10 years", "2,9%", "54 out of 193", "783 million", numbers
followed by a unit. A year that is part of a name ("EXPO 2017", "Vision 2050",
"Agenda-2063") is a mention with `named=True`: a year, but not the date of a happening.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from briefing_tui.models import PartialDate

__all__ = ["DateMention", "ascii_reads_alike", "find_dates", "folds_like_ignorecase", "parse_published",
           "resolve_month_year", "upcoming"]

MIN_YEAR, MAX_YEAR = 1900, 2100
FUTURE_DAY_WINDOW = 60  # days after publication a yearless day date may lie ("on June 10")

_MONTH_NAMES = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.upper(): i for name, i in list(_MONTH_NAMES.items())})  # datelines: "BAKU/APRIL 4 2024"
_MONTH_ABBR = {name: i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH_ABBR["Sept"] = 9
_MONTHS = {**_MONTH_ABBR, **_MONTH_NAMES}
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}

_FULL = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_ABBR = "|".join(sorted(_MONTH_ABBR, key=len, reverse=True))
# a month name anywhere it is followed by a day or year; abbreviations may take a period
_MON = rf"(?:{_FULL}|(?:{_ABBR})\.?)"
_DASH = r"\s*[-–—]\s*"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d)"
# what may not touch a number on either side for it to be a date part
_NB = r"(?<![\w$€£¥₸.,/-])"
_NA = r"(?![\w%]|[.,]\d|-\d|/\d)"
# words after a number that make it a quantity, not a year ("2000 tons", "2025 million")
_UNIT_AFTER = re.compile(
    r"\s*(?:million|billion|trillion|thousand|mln|bln|bn|years?|months?|days?|people|persons|"
    r"tons?|tonnes?|km|kilomet|miles?|hectares?|units?|percent|per\s*cent|barrels?|"
    r"US\b|USD|dollars?|euros?|metres|meters|mw|MW|kg|members?|students?|delegates?)",
    re.IGNORECASE,
)
_QUALIFIER_WORDS = {
    "early": "early", "mid": "mid", "middle": "mid", "late": "late",
    "since": "since", "by": "by", "as of": "as of", "until": "until", "till": "until",
    "through": "until", "before": "before", "after": "after",
    "around": "around", "about": "around", "circa": "around", "approximately": "around",
    "beginning of": "early", "start of": "early", "end of": "late", "middle of": "mid",
    "first half of": "early", "second half of": "late",
    "the beginning of": "early", "the start of": "early", "the end of": "late",
    "the middle of": "mid", "the first half of": "early", "the second half of": "late",
}
_QUAL_LEADS = ("since", "by", "as of", "until", "till", "through", "before", "after", "around", "about", "circa",
               "approximately")
_QUAL_PARTS = ("early", "mid", "middle", "late")  # "mid-2024", "late March"
_QUAL_OF = ("beginning", "start", "end", "middle", "first half", "second half")  # "(the) end of 2024"


def _alternatives(words: tuple[str, ...], *, capital: bool) -> str:
    """Words as regex alternatives (a space: any run of spaces); `capital`: the first letter in either case."""
    spaced = [w.replace(" ", r"\s+") for w in words]
    return "|".join(rf"[{w[0].upper()}{w[0]}]{w[1:]}" if capital else w for w in spaced)


_QUAL = (
    rf"(?P<qual>(?:(?:{_alternatives(_QUAL_LEADS, capital=True)})\s+)?"
    rf"(?:(?:{_alternatives(_QUAL_PARTS, capital=True)})(?:\s*-\s*|\s+)|"
    rf"(?:[Tt]he\s+)?(?:{_alternatives(_QUAL_OF, capital=False)})\s+of\s+)?)"
)
_PREP_BEFORE_BARE_MONTH = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]ill|[Ff]rom|[Oo]f|[Tt]hrough|[Bb]efore|[Aa]fter|"
    r"[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Tt]his|[Nn]ext|[Tt]o|[Aa]nd|[Bb]etween|[Tt]he\s+end\s+of|"
    r"[Tt]he\s+beginning\s+of|[Tt]he\s+middle\s+of)\s+|[Mm]id-)$"
)

# a date with words starts a word: checking that first lets the patterns skip the inside
# of words with one test instead of trying every qualifier and month name there; the
# word's first character must be one a match can start with (a qualifier's, or what the
# pattern has when there is none), which skips most other words as cheaply
_QUAL_FIRST = "".join({c for w in (*_QUAL_LEADS, *_QUAL_PARTS, "the") for c in (w[0], w[0].upper())}
                      | {w[0] for w in _QUAL_OF})  # what a qualifier can start with
_MONTH_FIRST = "".join(sorted({name[0] for name in _MONTHS}))


def _word_start(first: str) -> str:
    """Where a pattern that opens with `_QUAL` may match: a word start whose first character
    is in `first` (what follows an empty qualifier) or opens a qualifier."""
    return rf"(?<![^\W\d_])(?=[{re.escape(''.join(sorted(set(first + _QUAL_FIRST))))}])"


_WORD_START = _word_start(_MONTH_FIRST)  # the patterns whose qualifier comes before a month name

# --- full and partial dates ------------------------------------------------------------
_P_ISO = re.compile(rf"{_NB}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w%]|[.,]\d|-\d)")
_P_DOTTED = re.compile(rf"{_NB}(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR}){_NA}")
_P_SLASHED = re.compile(rf"{_NB}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR}){_NA}")
# "June 3-5, 2025", "June 30 – July 2, 2025", "May 30, 2025", "May 30"
_P_MDY = re.compile(
    rf"{_WORD_START}{_QUAL}\b(?P<mon>{_MON})\s+(?P<d>{_DAY})"
    rf"(?:{_DASH}(?:(?P<mon2>{_MON})\s+)?(?P<d2>{_DAY}))?"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_NA}"
)
# "30 May 2025", "3–5 June 2025", "30 May – 2 June 2025", "the 30th of May"
_P_DMY = re.compile(
    rf"{_word_start('0123456789')}{_QUAL}{_NB}(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?"
    rf"(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?(?![\w%]|[.,]\d)"
)
_P_DMY_SPAN = re.compile(  # "30 May – 2 June 2025"
    rf"{_NB}(?P<d>{_DAY})\s+(?P<mon>{_MON}){_DASH}(?P<d2>{_DAY})\s+(?P<mon2>{_MON})(?:,?\s+(?P<y>{_YEAR}))?(?![\w%]|[.,]\d)"
)
# "December 2024", "mid-May 2024", "late 2023", "since 2013", "2025–2030", "from 2012 to 2024"
_P_MY = re.compile(rf"{_WORD_START}{_QUAL}\b(?P<mon>{_FULL}|(?:{_ABBR})\.)\s*,?(?:\s+of)?\s+(?P<y>{_YEAR}){_NA}")
# "late October – early November of 2011", "October-November 2024": the first month, to the last
_P_MONTH_RANGE = re.compile(
    rf"{_WORD_START}{_QUAL}\b(?P<mon>{_FULL}){_DASH}(?:(?:early|mid|late)(?:\s*-\s*|\s+))?(?P<mon2>{_FULL})"
    rf"\s*,?(?:\s+of)?\s+(?P<y>{_YEAR}){_NA}"
)
_P_MONTH = re.compile(rf"{_WORD_START}{_QUAL}\b(?P<mon>{_FULL})\b(?!\s*\d)")
# "in November last year", "on March 19 this year", "last October", "next March"
_P_MONTH_OF_YEAR = re.compile(
    rf"{_WORD_START}{_QUAL}\b(?P<mon>{_MON})(?:\s+(?P<d>{_DAY}))?,?\s+(?P<rel>last|this|next|the\s+previous|"
    rf"the\s+following|the\s+same)\s+year\b"
)
_P_LAST_MONTH = re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?P<mon>{_FULL})\b(?!\s*\d)")
_P_YEAR_RANGE = re.compile(
    rf"(?:(?P<from>[Ff]rom|[Bb]etween)\s+)?{_NB}(?P<y>{_YEAR})"
    rf"(?:{_DASH}|\s+(?:to|and|through|until)\s+)(?P<y2>{_YEAR}|\d\d){_NA}"
)
_P_YEAR = re.compile(rf"{_word_start('Ii12')}{_QUAL}(?<![\w$€£¥₸.,/:])(?<!\d-)(?:[Ii]n\s+)?(?P<y>{_YEAR}){_NA}")
_P_QUARTER = re.compile(
    rf"(?:\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+|\bQ(?P<q>[1-4])\s+)(?P<y>{_YEAR}){_NA}",
    re.IGNORECASE,
)

# --- relative and vague -----------------------------------------------------------------
_RELATIVE = re.compile(
    r"\b(?P<rel>"
    r"(?:earlier|later)\s+(?:this|that)\s+(?:week|month|year)|"
    r"(?:earlier|later)\s+today|"
    r"(?:this|last|next|past|previous|the\s+previous|the\s+past|the\s+coming)\s+(?:week|month|year)|"
    r"(?:the\s+)?(?:day\s+before\s+yesterday|day\s+after\s+tomorrow)|"
    r"today|yesterday|tomorrow|tonight|"
    r"(?:earlier\s+|later\s+)?this\s+(?:spring|summer|autumn|fall|winter)|"
    r"(?:last|next)\s+(?:spring|summer|autumn|fall|winter)|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:years?|months?|weeks?|days?)\s+ago|"
    r"a\s+(?:decade|year)\s+ago"
    r")\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"(?:\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n|[Pp]ast)\s+)?\b(?P<wd>" + "|".join(_WEEKDAYS) + r")\b"
)
_VAGUE = re.compile(
    r"\b(?:in\s+recent\s+(?:years|months|weeks|days)|recently|lately|"
    r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few|several|two|three|four|five|six|seven|eight|nine|ten|\d+)?\s*"
    r"(?:years|months|weeks|days|decades?)|in\s+the\s+coming\s+(?:days|weeks|months|years)|"
    r"(?:at\s+)?(?:a\s+)?later\s+date|soon|in\s+the\s+near\s+future)\b",
    re.IGNORECASE,
)
# the same for a lower-cased text, without IGNORECASE (several times faster); only the
# offsets and the lower-cased words of their matches are used
_RELATIVE_LOWER = re.compile(_RELATIVE.pattern)
_VAGUE_LOWER = re.compile(_VAGUE.pattern)
_QUALIFIER_BEFORE_RELATIVE = re.compile(r"(?P<qual>\b(?:[Ss]ince|[Bb]y|[Aa]s\s+of|[Uu]ntil))\s+$")
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_QUOTE_MARK = re.compile(r"[“”„«»\"]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_SENTENCE_BREAK = re.compile(r"[.!?…][”\"’')\]]*\s+[\"“‘(\[]?[A-Z]")
# the word just before a year that makes the year part of a name: "EXPO 2017", "Vision 2050"
_NAME_BEFORE = re.compile(r"(?:\b(?P<word>[A-Z][\w'’]*|[A-Z]{2,})[ -]|-)$")
_NOT_NAME_WORDS = frozenset(
    "In On At By Since Until Till From Of To Through During Before After Around About Circa And Or "
    "The Early Mid Late Between As Since Only Also Even Already Still Last Next This That "
    "Summer Spring Autumn Fall Winter FY".split()
) | frozenset(_MONTHS)


@dataclass(frozen=True)
class DateMention:
    """One date expression: what it means (None when it cannot be known) and where it is."""

    date: PartialDate | None
    start: int
    end: int
    text: str
    relative: bool = False  # read against the publication date ("last week", "In May")
    named: bool = False  # the year of a name ("EXPO 2017"), not the date of a happening
    vague: bool = False  # "in recent years": a time, but no date can be given
    yearless: bool = False  # a month or day whose year came from the publication date
    weekday: bool = False  # "on Tuesday": the latest such day up to publication

    @property
    def resolved(self) -> bool:
        return self.date is not None


def folds_like_ignorecase(text: str, lowered: str) -> bool:
    """Whether a case-insensitive pattern of ASCII words finds in `text` what its case-sensitive
    form finds in `lowered` (several times faster), at the same offsets: not when lower-casing
    moves offsets ("İ"), nor with the two letters IGNORECASE reads as "i" and "s" unlike lower()."""
    return len(lowered) == len(text) and not ("ı" in text or "ſ" in text)


_UNICODE_ONLY_SPACES = re.compile("[\x1c-\x1f]")


def ascii_reads_alike(text: str) -> bool:
    """Whether a pattern compiled with re.ASCII finds in `text` what its Unicode form finds
    (about twice as fast: \\w, \\d, \\s and \\b are then a table lookup): an ASCII text,
    without the four separator controls that only Unicode reads as spaces."""
    return text.isascii() and _UNICODE_ONLY_SPACES.search(text) is None


def parse_published(value: str | date | None) -> date | None:
    """A Document.published string (YYYY-MM-DD) as a date; None for anything else."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def resolve_month_year(month: int, day: int | None, published: date | None) -> int | None:
    """The year of a yearless month (and day): the most recent such date not after
    publication; a day shortly after publication stays in the publication year."""
    if published is None:
        return None
    year = published.year
    if day is None:
        return year if month <= published.month else year - 1
    candidate = _safe_date(year, month, day)
    if candidate is None:
        # 29 February in a non-leap publication year: look at the previous leap year
        for y in range(year - 1, year - 9, -1):
            if _safe_date(y, month, day):
                return y
        return None
    if candidate <= published or (candidate - published).days <= FUTURE_DAY_WINDOW:
        return year
    return year - 1


def upcoming(d: PartialDate, published: date | str | None, *, weekday: bool = False) -> PartialDate:
    """A yearless date read as a plan ("will visit in October"): the next such date on or
    after publication, not the last one before it; a weekday ("will meet on Tuesday") the
    coming one."""
    pub = parse_published(published)
    if weekday and pub is not None and d.day is not None:
        day = date(d.year, d.month, d.day)
        if day < pub:
            day += timedelta(days=7)
        return d.model_copy(update={"year": day.year, "month": day.month, "day": day.day})
    if pub is None or d.sort_key >= (pub.year, pub.month if d.month else 0, pub.day if d.day else 0):
        return d
    end = d.end.model_copy(update={"year": d.end.year + 1}) if d.end is not None else None
    if d.day is not None and _safe_date(d.year + 1, d.month, d.day) is None:
        return d  # 29 February: no such day next year
    return d.model_copy(update={"year": d.year + 1, "end": end})


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _qualifier(raw: str | None) -> str | None:
    """The qualifier a date's leading words mean (cached: a handful of phrases recur)."""
    if not raw:
        return None
    words = re.sub(r"[\s-]+", " ", raw.strip().lower()).strip()
    if not words:
        return None
    parts = []
    # "since early" → the position qualifier is the more precise reading
    for key in sorted(_QUALIFIER_WORDS, key=len, reverse=True):
        if re.search(rf"(?:^| ){re.escape(key)}(?: |$)", words):
            parts.append((words.index(key), _QUALIFIER_WORDS[key]))
            words = words.replace(key, " " * len(key), 1)
    if not parts:
        return None
    parts.sort()
    # a range qualifier (since/by/…) and a position (early/late): keep the position
    positions = [q for _, q in parts if q in ("early", "mid", "late")]
    return positions[0] if positions else parts[0][1]


def _day(text: str | None) -> int | None:
    if not text:
        return None
    return int(re.match(r"\d+", text).group(0))


def _month(text: str | None) -> int | None:
    if not text:
        return None
    return _MONTHS.get(text.rstrip("."))


def _valid_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


@dataclass
class _Candidate:
    start: int
    end: int
    priority: int  # lower wins between overlapping candidates of the same extent
    build: object  # callable(context) -> DateMention | None


def find_dates(text: str, published: date | str | None, offset: int = 0, *,
               include_unresolved: bool = False) -> list[DateMention]:
    """Every date expression in `text`, in order, with offsets shifted by `offset`.

    `published` (a date or a YYYY-MM-DD string) anchors relative and yearless dates; when it
    is None those are unresolved. Never raises on any input string.
    """
    if not isinstance(text, str) or not text:
        return []
    out = []
    for m in _mentions_of(text, parse_published(published)):
        if m.date is None and not include_unresolved:
            continue
        out.append(replace(m, start=m.start + offset, end=m.end + offset) if offset else m)
    return out


@lru_cache(maxsize=4096)
def _mentions_of(text: str, pub: date | None) -> tuple[DateMention, ...]:
    """Every mention of `text`, unresolved ones included, at offset 0. Cached: events,
    figures and quotes each ask about the same sentences."""
    blocked = [(m.start(), m.end()) for m in _URL.finditer(text)] if _may_hold_url(text) else []
    cands = _candidates(text)
    chosen = _choose(cands, blocked)
    mentions: list[DateMention] = []
    for cand in chosen:
        try:
            mention = cand.build(text, pub, mentions)
        except (ValueError, OverflowError):
            mention = None
        if mention is not None:
            mentions.append(mention)
    return tuple(mentions)


def _may_hold_url(text: str) -> bool:
    """A necessary condition of `_URL`: each of its forms has one of these marks."""
    return "://" in text or "www." in text or "@" in text


def _choose(cands: list[_Candidate], blocked: list[tuple[int, int]]) -> list[_Candidate]:
    """Longest candidates first, no overlaps, none inside a URL; returned in text order."""
    cands = [c for c in cands if c.end > c.start
             and not (blocked and any(s <= c.start < e or s < c.end <= e for s, e in blocked))]
    if len(cands) < 2:
        return cands  # most sentences have one date or none: nothing to order or overlap
    cands.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[_Candidate] = []
    for c in cands:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


def _mention(text: str, start: int, end: int, date_: PartialDate | None, **flags) -> DateMention:
    return DateMention(date=date_, start=start, end=end, text=text[start:end], **flags)


def _strip_leading_space(text: str, m: re.Match, group: str = "qual") -> int:
    """Start of a match whose optional qualifier group may be empty."""
    start = m.start()
    if group in m.re.groupindex and m.group(group) == "":
        start = m.start(group) if m.start(group) >= 0 else start
    while start < m.end() and text[start].isspace():
        start += 1
    return start


def _year_earlier_in_sentence(text: str, pos: int, previous: list[DateMention]) -> int | None:
    """The year of the last date before pos in its sentence, unless a quotation mark lies
    between: a speaker's year does not date the writer's "released on Dec. 6"."""
    for m in reversed(previous):
        if m.date is None or m.named or m.end > pos:
            continue
        if _SENTENCE_BREAK.search(text, m.end, pos) or _QUOTE_MARK.search(text, m.end, pos):
            return None
        return m.date.end.year if (m.date.end is not None and m.date.month is None) else m.date.year
    return None


# cheap tests that let most sentences skip the expensive patterns (all months and their
# abbreviations start with one of these; every year pattern needs four digits). Each starts
# with a literal or a digit, which the regex engine scans for in C: a pattern that starts
# with a lookbehind is tried at every position. `(?<!\w...)` after a month is `\b` before it.
_ABBR3 = "(?:" + "|".join(sorted({name[:3] for name in _MONTHS})) + ")"  # every month name starts so
_ANY_MONTH = re.compile(_ABBR3 + r"(?<!\w...)")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# what a text must contain for each pattern to match (necessary, not sufficient)
_NEEDS = {
    _P_ISO: re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d"),
    _P_DOTTED: re.compile(r"\d\.\d\d?\.(?:19|20)\d\d"),
    _P_MDY: re.compile(_ABBR3 + r"[^\W\d_]*\.?\s+\d"),
    _P_DMY: re.compile(r"\d(?:st|nd|rd|th)?(?:\s+of)?\s+" + _ABBR3),
    _P_DMY_SPAN: re.compile(r"\d(?:st|nd|rd|th)?\s+" + _ABBR3 + r"[^\W\d_]*\.?\s*[-–—]"),
    _P_MY: re.compile(_ABBR3 + r"[^\W\d_]*\.?\s*,?(?:\s+of)?\s+(?:19|20)\d\d"),
    _P_MONTH_RANGE: re.compile(_ABBR3 + r"[^\W\d_]*\s*[-–—]"),
    _P_MONTH: re.compile(rf"(?:{_FULL})\b(?!\s*\d)"),
    _P_LAST_MONTH: re.compile(r"(?:ast|ext|his)\s+" + _ABBR3),  # [Ll]ast, [Pp]ast, [Nn]ext, [Tt]his
    _WEEKDAY: re.compile("|".join(_WEEKDAYS)),
    _P_YEAR_RANGE: re.compile(r"(?:19|20)\d\d(?:\s*[-–—]\s*|\s+(?:to|and|through|until)\s+)\d\d"),
}


# words one of which every relative, weekday and vague expression contains (substring
# tests are far cheaper than the patterns)
_RELATIVE_WORDS = (
    ("earlier", "later", "this", "last", "next", "past", "previous", "coming", "day", "tonight", "tomorrow", "ago",
     "spring", "summer", "autumn", "fall", "winter"),
    ("day",),
    ("recent", "lately", "past", "last", "coming", "later", "soon", "near future"),
)
# each group as one alternation of literals, which the regex engine scans for in C
_RELATIVE_WORDS_RE = tuple(re.compile("|".join(map(re.escape, words))) for words in _RELATIVE_WORDS)
# sharper for `_RELATIVE`: one of the words that stand alone, or a lead word and a unit
_RELATIVE_ALONE = ("earlier", "later", "today", "yesterday", "tomorrow", "tonight", "ago")
_RELATIVE_LEADS = ("this", "last", "next", "past", "previous", "coming")
_RELATIVE_UNITS = ("week", "month", "year", "spring", "summer", "autumn", "fall", "winter")


def _candidates(text: str) -> list[_Candidate]:
    cands: list[_Candidate] = []
    add = cands.append
    has_year = _ANY_YEAR.search(text) is not None
    has_month = _ANY_MONTH.search(text) is not None
    fast = ascii_reads_alike(text)
    if has_year or has_month:
        _date_candidates(text, add, has_year, has_month, fast)
    _relative_candidates(text, add, fast)
    return cands


# `_NEEDS` by the patterns' ids: hashing a compiled pattern hashes all its code, every time
_NEEDS_BY_ID = {id(rx): needs for rx, needs in _NEEDS.items()}


def _ascii_form(rx: re.Pattern) -> re.Pattern:
    return re.compile(rx.pattern, (rx.flags & ~re.UNICODE) | re.ASCII)


_SCANNED = (_P_ISO, _P_DOTTED, _P_SLASHED, _P_MDY, _P_DMY, _P_DMY_SPAN, _P_QUARTER, _P_MONTH_RANGE, _P_MY, _P_MONTH,
            _P_MONTH_OF_YEAR, _P_LAST_MONTH, _P_YEAR_RANGE, _P_YEAR, _RELATIVE, _RELATIVE_LOWER, _WEEKDAY, _VAGUE,
            _VAGUE_LOWER)  # every pattern `_when` runs
_ASCII_BY_ID = {id(rx): _ascii_form(rx) for rx in _SCANNED}
_ASCII_NEEDS_BY_ID = {id(rx): _ascii_form(needs) for rx, needs in _NEEDS.items()}


def _when(ok: bool, rx: re.Pattern, text: str, fast: bool):
    """The matches of `rx` in `text` when `ok` and its pre-check allow; `fast`: the text reads
    alike in the pattern's ASCII form (`ascii_reads_alike`)."""
    if not ok:
        return ()
    needs = (_ASCII_NEEDS_BY_ID if fast else _NEEDS_BY_ID).get(id(rx))
    if needs is not None and needs.search(text) is None:
        return ()
    return (_ASCII_BY_ID[id(rx)] if fast else rx).finditer(text)


def _date_candidates(text: str, add, has_year: bool, has_month: bool, fast: bool) -> None:
    """Absolute dates: the patterns with a year or a month name."""

    for m in _when(has_year and "-" in text, _P_ISO, text, fast):  # cheap tests for the marks each needs
        def build(t, pub, prev, m=m):
            d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            return _mention(t, m.start(), m.end(), PartialDate(year=d.year, month=d.month, day=d.day)) if d else None
        add(_Candidate(m.start(), m.end(), 0, build))

    for m in _when(has_year, _P_DOTTED, text, fast):
        def build(t, pub, prev, m=m):
            d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            return _mention(t, m.start(), m.end(), PartialDate(year=d.year, month=d.month, day=d.day)) if d else None
        add(_Candidate(m.start(), m.end(), 0, build))

    for m in _when(has_year and "/" in text, _P_SLASHED, text, fast):
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            continue  # 03/06/2025 could be March or June: not a guess we make

        def build(t, pub, prev, m=m, day=day, month=month):
            d = _safe_date(int(m["y"]), month, day)
            return _mention(t, m.start(), m.end(), PartialDate(year=d.year, month=d.month, day=d.day)) if d else None
        add(_Candidate(m.start(), m.end(), 0, build))

    for m in _when(has_month, _P_MDY, text, fast):
        add(_Candidate(_strip_leading_space(text, m), m.end(), 1, _build_day_date(m, text)))
    for m in _when(has_month, _P_DMY, text, fast):
        add(_Candidate(_strip_leading_space(text, m), m.end(), 1, _build_day_date(m, text, dmy=True)))
    for m in _when(has_month, _P_DMY_SPAN, text, fast):
        add(_Candidate(m.start(), m.end(), 1, _build_day_date(m, text, dmy=True)))

    for m in _when(has_year and "q" in text.lower(), _P_QUARTER, text, fast):  # "quarter", "Q1"
        q = int(m["q"]) if m["q"] else {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                                         "fourth": 4, "4th": 4}[m["ord"].lower()]

        def build(t, pub, prev, m=m, q=q):
            y = int(m["y"])
            return _mention(t, m.start(), m.end(),
                            PartialDate(year=y, month=3 * q - 2, end=PartialDate(year=y, month=3 * q)))
        add(_Candidate(m.start(), m.end(), 2, build))

    for m in _when(has_year and has_month, _P_MONTH_RANGE, text, fast):
        def build(t, pub, prev, m=m):
            y, first, last = int(m["y"]), _month(m["mon"]), _month(m["mon2"])
            start_year = y - 1 if last < first else y  # "December – January 2025"
            return _mention(t, _strip_leading_space(t, m), m.end(),
                            PartialDate(year=start_year, month=first, qualifier=_qualifier(m["qual"]),
                                        end=PartialDate(year=y, month=last)))
        add(_Candidate(_strip_leading_space(text, m), m.end(), 2, build))

    for m in _when(has_year and has_month, _P_MY, text, fast):
        def build(t, pub, prev, m=m):
            y = int(m["y"])
            return _mention(t, _strip_leading_space(t, m), m.end(),
                            PartialDate(year=y, month=_month(m["mon"]), qualifier=_qualifier(m["qual"])))
        add(_Candidate(_strip_leading_space(text, m), m.end(), 2, build))

    for m in _when(has_month, _P_MONTH, text, fast):
        start = _strip_leading_space(text, m)
        before = text[max(0, start - 40):start]
        if not m["qual"] and not _PREP_BEFORE_BARE_MONTH.search(before):
            continue  # "Theresa May", "March" as a noun: a bare month needs "in", "since", …
        if m["mon"] == "May" and re.match(r"\s+(?:be|have|not|also|well|still|take|come|need|help)\b",
                                          text[m.end():]):
            continue

        def build(t, pub, prev, m=m, start=start):
            month = _month(m["mon"])
            year = _year_earlier_in_sentence(t, start, prev)
            relative = False
            if year is None:
                year = resolve_month_year(month, None, pub)
                relative = True
            if year is None:
                return _mention(t, start, m.end(), None, relative=True)
            return _mention(t, start, m.end(), PartialDate(year=year, month=month, qualifier=_qualifier(m["qual"])),
                            relative=relative, yearless=relative)
        add(_Candidate(start, m.end(), 3, build))

    for m in _when(has_month and "year" in text, _P_MONTH_OF_YEAR, text, fast):
        add(_Candidate(_strip_leading_space(text, m), m.end(), 1, _build_month_of_year(m, of_year=True)))
    for m in _when(has_month, _P_LAST_MONTH, text, fast):
        add(_Candidate(m.start(), m.end(), 1, _build_month_of_year(m, of_year=False)))

    for m in _when(has_year, _P_YEAR_RANGE, text, fast):
        y1 = int(m["y"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
        if not (y1 < y2 <= MAX_YEAR) or (len(m["y2"]) == 2 and _UNIT_AFTER.match(text, m.end())):
            continue
        if _UNIT_AFTER.match(text, m.end()):
            continue

        def build(t, pub, prev, m=m, y1=y1, y2=y2):
            return _mention(t, m.start(), m.end(), PartialDate(year=y1, end=PartialDate(year=y2)))
        add(_Candidate(m.start(), m.end(), 2, build))

    for m in _when(has_year, _P_YEAR, text, fast):
        if _UNIT_AFTER.match(text, m.end()):
            continue
        ystart = m.start("y")
        named = not m["qual"] and bool(_name_before(text, ystart))
        start = _strip_leading_space(text, m)
        if text[start:start + 3].lower() == "in ":
            start += 3

        def build(t, pub, prev, m=m, start=start, named=named):
            y = int(m["y"])
            qual = None if named else _qualifier(m["qual"])
            return _mention(t, start if not named else m.start("y"), m.end(), PartialDate(year=y, qualifier=qual),
                            named=named)
        add(_Candidate(start if not named else m.start("y"), m.end(), 4, build))



def _relative_candidates(text: str, add, fast: bool) -> None:
    """Dates read against the publication date, and vague times."""
    lowered = text.lower()
    has = [rx.search(lowered) is not None for rx in _RELATIVE_WORDS_RE]
    plain = folds_like_ignorecase(text, lowered)
    if has[0] and plain:
        has[0] = any(map(lowered.__contains__, _RELATIVE_ALONE)) or (
            any(map(lowered.__contains__, _RELATIVE_LEADS)) and any(map(lowered.__contains__, _RELATIVE_UNITS)))
    for m in _when(has[0], *((_RELATIVE_LOWER, lowered) if plain else (_RELATIVE, text)), fast):
        qm = _QUALIFIER_BEFORE_RELATIVE.search(text, 0, m.start())
        start = qm.start("qual") if qm else m.start()

        def build(t, pub, prev, m=m, start=start, qm=qm):
            d = _relative(m["rel"], pub)
            if d is not None and qm is not None:
                d = d.model_copy(update={"qualifier": _qualifier(qm["qual"])})
            return _mention(t, start, m.end(), d, relative=True)
        add(_Candidate(start, m.end(), 5, build))

    for m in _when(has[1], _WEEKDAY, text, fast):
        which = (m["which"] or "").lower()

        def build(t, pub, prev, m=m, which=which):
            if pub is None:
                return _mention(t, m.start(), m.end(), None, relative=True)
            target = _WEEKDAYS[m["wd"]]
            delta = (pub.weekday() - target) % 7
            if which == "next":
                d = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
            else:
                if which in ("last", "past") and delta == 0:
                    delta = 7
                d = pub - timedelta(days=delta)
            return _mention(t, m.start(), m.end(), PartialDate(year=d.year, month=d.month, day=d.day), relative=True,
                            weekday=which != "next")
        add(_Candidate(m.start(), m.end(), 5, build))

    for m in _when(has[2], *((_VAGUE_LOWER, lowered) if plain else (_VAGUE, text)), fast):
        def build(t, pub, prev, m=m):
            return _mention(t, m.start(), m.end(), None, relative=True, vague=True)
        add(_Candidate(m.start(), m.end(), 6, build))


def _name_before(text: str, pos: int) -> str | None:
    """The name a year belongs to ("EXPO 2017", "Agenda-2063"), if any."""
    m = _NAME_BEFORE.search(text, max(0, pos - 40), pos)
    if not m:
        return None
    if m.group(0) == "-":
        before = text[max(0, pos - 2):pos - 1]
        return "-" if before[-1:].isalpha() else None
    word = m["word"]
    if word in _NOT_NAME_WORDS or word.rstrip("'’s") in _NOT_NAME_WORDS:
        return None
    # the first word of a sentence is capitalised anyway: "Since 2013" is handled above,
    # "Kazakhstan 2017" at a sentence start still reads as a name
    return word


def _build_day_date(m: re.Match, text: str, dmy: bool = False):
    """A day date from one of the three day patterns (groups mon, d, and optionally d2,
    mon2, y, qual)."""
    groups = m.groupdict()

    def build(t, pub, prev):
        first_month = _month(groups["mon"])
        day, day2 = _day(groups["d"]), _day(groups.get("d2"))
        second_month = _month(groups.get("mon2")) or first_month
        if dmy and groups.get("mon2") is None:
            second_month = first_month  # "3–5 June": both days in June
        start = _strip_leading_space(t, m) if "qual" in groups else m.start()
        relative = False
        if groups.get("y"):
            year = int(groups["y"])
            if groups.get("mon2") and second_month < first_month:
                year -= 1  # "December 30 – January 2, 2025": the year written is the end's
        else:
            year = _year_earlier_in_sentence(t, start, prev)
            if year is None:
                year = resolve_month_year(first_month, day, pub)
                relative = True
        if year is None:
            return _mention(t, start, m.end(), None, relative=True)
        if _safe_date(year, first_month, day) is None:
            return None
        end = None
        if day2 is not None:
            end_year = year + (1 if second_month < first_month else 0)
            if _safe_date(end_year, second_month, day2) is None:
                return None
            if (end_year, second_month, day2) <= (year, first_month, day):
                return None  # "June 5-3" is not a range
            end = PartialDate(year=end_year, month=second_month, day=day2)
        qual = _qualifier(groups.get("qual"))
        return _mention(t, start, m.end(), PartialDate(year=year, month=first_month, day=day, qualifier=qual, end=end),
                        relative=relative, yearless=relative)
    return build


def _build_month_of_year(m: re.Match, of_year: bool):
    """A month (and day) placed by a word against the publication year: "November last
    year", "this year" (`of_year`), "last October" (the latest October before the
    publication month), "next March" (the first one after it)."""
    groups = m.groupdict()

    def build(t, pub, prev):
        start = _strip_leading_space(t, m) if "qual" in groups else m.start()
        if pub is None:
            return _mention(t, start, m.end(), None, relative=True)
        month, day = _month(groups["mon"]), _day(groups.get("d"))
        rel = re.sub(r"\s+", " ", groups["rel"].lower())
        if groups.get("d") is not None or of_year:
            year = pub.year + {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
        elif rel in ("last", "past"):
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        if day is not None and _safe_date(year, month, day) is None:
            return None
        return _mention(t, start, m.end(), PartialDate(year=year, month=month, day=day,
                                                       qualifier=_qualifier(groups.get("qual"))), relative=True)
    return build


def _relative(phrase: str, pub: date | None) -> PartialDate | None:
    if pub is None:
        return None
    p = re.sub(r"\s+", " ", phrase.lower())
    if p in ("today", "tonight", "earlier today", "later today"):
        return PartialDate(year=pub.year, month=pub.month, day=pub.day)
    if p == "yesterday":
        d = pub - timedelta(days=1)
        return PartialDate(year=d.year, month=d.month, day=d.day)
    if p == "tomorrow":
        d = pub + timedelta(days=1)
        return PartialDate(year=d.year, month=d.month, day=d.day)
    if "day before yesterday" in p:
        d = pub - timedelta(days=2)
        return PartialDate(year=d.year, month=d.month, day=d.day)
    if "day after tomorrow" in p:
        d = pub + timedelta(days=2)
        return PartialDate(year=d.year, month=d.month, day=d.day)
    m = re.fullmatch(r"(\w+) (year|month|week|day)s? ago", p)
    if m or p.endswith("decade ago"):
        if p.endswith("decade ago"):
            return PartialDate(year=pub.year - 10, qualifier="around")
        n = _NUMBER_WORDS.get(m[1]) if not m[1].isdigit() else int(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "year":
            return PartialDate(year=pub.year - n)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return PartialDate(year=y, month=mo + 1)
        d = pub - timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "week":
            return PartialDate(year=d.year, month=d.month)
        return PartialDate(year=d.year, month=d.month, day=d.day)
    m = re.search(r"(spring|summer|autumn|fall|winter)$", p)
    if m:
        shift = 1 if p.startswith("next") else (-1 if p.startswith("last") else 0)
        return PartialDate(year=pub.year + shift)
    m = re.search(r"(week|month|year)$", p)
    if not m:
        return None
    unit = m[1]
    if any(p.startswith(w) for w in ("last", "past", "previous", "the previous", "the past")):
        shift = -1
    elif p.startswith(("next", "the coming")):
        shift = 1
    else:
        shift = 0  # this, earlier this, later this, earlier that
    if "that" in p.split():
        return None  # "later that year": that refers to a date we do not track here
    if unit == "year":
        return PartialDate(year=pub.year + shift)
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return PartialDate(year=y, month=mo + 1)
    d = pub + timedelta(days=7 * shift)
    return PartialDate(year=d.year, month=d.month)
