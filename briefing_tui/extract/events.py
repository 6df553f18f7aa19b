"""Dated happenings: visits, meetings, agreements, forums, embassies, shipments ...

How an article's sentences become events (body sentences only: a title or heading names
things, a byline or author bio is about the source):

1. **Dates.** `dates.find_dates` reads every date in the sentence. Dates that do not date a
   happening are dropped: a year in a name ("EXPO 2017"), a year range ("for 2025–2030"),
   "as of"/"until" states ("six as of this year"), and comparison bases ("a 12% rise over
   2023"). A yearless or relative date the publication date cannot resolve ("This week",
   "In May" with no publication date) still marks the sentence as talking about a time of
   its own, but gives no date. A dateline date ("Accra, May 3, 2024 – …") dates its
   sentence unless the sentence names its own date in the same clause. A yearless month or
   day in a plan ("will visit in October") is the coming one, not the last one.
2. **Triggers.** A happening needs a trigger word of a kind (the `TRIGGERS` table below).
   Each date takes the kind of the nearest specific trigger in its clause (a sentence with
   several dates is cut into clauses at the last comma or semicolon between two dates);
   "other" triggers (status, membership, established …) count only when no specific one
   is there, and a person ("ambassador", "delegation") only when no happening is named
   ("the ambassador was awarded" is an award). Goods arriving are a shipment. A trigger
   in reported speech after the date's verb ("said yesterday that talks will resume") is
   not that date's. A clause with a date but no trigger borrows the sentence's trigger
   ("… received A, followed shortly by B in November"). No trigger, no event: "In 2024,
   trade reached $X" is a figure, not an event.
3. **Referring back.** A sentence without a date whose trigger is a definite description of
   a happening ("The talks resulted in …", "During the meeting …", "The big forum was also
   attended by …", "the Rwandan President's visit") or whose subject is its participants
   ("The parties discussed …") inherits the date and countries of the most recent event
   of a compatible kind (visit/meeting go together), which may be undated. Its own kind
   comes from its other triggers ("the signing of a Memorandum" is an agreement).
4. **Undated events** are kept (date None) when the sentence states an unresolvable time
   ("Earlier this spring, …") or reports a happening with a past-tense verb ("a session was
   held"), outside quotations and not as a plan ("will", "expected to" …). Inside a
   quotation, only dated happenings that are not plans count: speakers' plans are not
   events. Outside quotations a dated plan is kept ("is expected to arrive on June 3-5").
5. **Merging.** Within the document, events with the same date and kind (and a visit and a
   meeting on the same date and countries) are one happening, as are an undated
   description and the event it refers to; an agreement signed during a meeting stays its
   own event.

Countries are the ISO3 codes of country mentions inside the clause plus the countries of
the people named in it; "the two countries" adds the two named last before the sentence;
a later clause of a multi-date sentence also gets the sentence's first country (its
subject); with none, the document's most mentioned country (the article's focus: "the
country's diplomatic missions").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import TypeAdapter

from briefing_tui.extract.context import DocumentContext, countries_in
from briefing_tui.extract.dates import DateMention, folds_like_ignorecase, upcoming
from briefing_tui.extract.numbers import find_amounts
from briefing_tui.models import CountryMention, Document, Event, PersonMention, Sentence, Span, stable_id

__all__ = ["TRIGGERS", "TWO_COUNTRIES", "extract_events", "quoted_regions"]

_MOU_PATTERN = r"MoUs?"  # the one case-sensitive trigger: "MoU", not "mou"
# kind → trigger patterns (regex fragments, matched case-insensitively on word boundaries)
TRIGGERS: dict[str, list[str]] = {
    "agreement": [
        r"agreements?", r"memorand(?:um|a)", _MOU_PATTERN, r"sign(?:ed|ing|s)?", r"treat(?:y|ies)", r"accords?",
        r"protocols?", r"contracts?", r"deals?", r"road\s*maps?", r"ratif(?:y|ied|ies|ication)", r"agreed",
        r"pacts?", r"conventions?", r"joint\s+declarations?",
    ],
    "visit": [
        r"visit(?:s|ed|ing)?", r"trips?", r"toured", r"arriv(?:e|ed|al|es|ing)", r"travell?(?:ed|ing)",
        r"delegations?",
        r"(?:welcom|receiv)(?:ed|es|e|ing)\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w'’-]+\s+){0,2}"
        r"(?:Presidents?|Prime\s+Ministers?|Ministers?|Kings?|Queens?|Emirs?|Sultans?|Princes?|delegations?|"
        r"Chancellors?|Secretar(?:y|ies)|Speakers?|Ambassadors?|leaders?|heads?|visits?|Vice)",
    ],
    "meeting": [
        r"meetings?", r"met", r"talks", r"negotiations?", r"consultations?", r"discussions?", r"discussed",
        r"(?:tele)?phone\s+(?:call|conversation|talk)s?", r"video\s*(?:conference|call)s?", r"audience",
        r"held\s+talks",
    ],
    "forum": [
        r"forums?", r"summits?", r"(?<!press\s)conferences?", r"(?:panel\s+|plenary\s+)?sessions?", r"congress(?:es)?",
        r"exhibitions?", r"expos?", r"fairs?", r"round\s*-?\s*tables?", r"symposi(?:um|a)", r"business\s+councils?",
        r"festivals?", r"ministerial", r"(?:took|take|takes|taking)\s+part",
        r"(?:business|export|trade|investment|culture|cultural)\s+(?:weeks?|days)",
        r"(?:days|weeks?)\s+of\s+(?:culture|cinema|science|education)",
    ],
    "embassy": [
        r"embass(?:y|ies)", r"ambassadors?", r"credentials", r"consulates?(?:[\s-]general)?", r"consuls?(?:[\s-]general)?",
        r"diplomatic\s+(?:missions?|representations?|presence)", r"representation(?:\s+office)?s?",
        r"charg[ée]s?\s+d['’]affaires", r"high\s+commission(?:ers?|s)?",
    ],
    "shipment": [
        r"shipments?", r"shipped", r"cargo(?:es)?", r"consignments?", r"batch(?:es)?", r"deliver(?:ed|y|ies)",
        r"dispatched", r"freight", r"container\s+trains?", r"(?:was|were)\s+sent",
    ],
    "statement": [
        r"press\s+(?:briefings?|conferences?|releases?)", r"briefings?", r"statements?", r"declarations?",
        r"declared", r"announce(?:d|ment|s)?", r"communiqu[eé]s?", r"told\s+reporters", r"speech(?:es)?",
        r"addressed", r"interviews?",
    ],
    "award": [
        r"award(?:ed|s)?", r"orders?\s+of", r"medals?", r"conferred", r"decorated", r"prizes?", r"honorary\s+title",
    ],
    "other": [
        r"observer\s+status", r"membership", r"joined", r"became\s+(?:an?\s+)?(?:full\s+)?(?:member|observer|partner)",
        r"elected", r"election", r"launch(?:ed|es)?", r"opened", r"opening", r"inaugurat(?:ed|ion)",
        r"establish(?:ed|ment)", r"founded", r"diplomatic\s+relations", r"appointed", r"appointment", r"adopted",
        r"hosted", r"decree", r"status", r"(?:came|comes|come|entered|enters|enter)\s+into\s+force",
        r"took\s+effect",
    ],
}
LOOKBACK = 30  # sentences with events a description may refer back over
# nouns that, after "the"/"this"/a possessive, refer back to a happening already told
REFERRING_NOUNS: dict[str, str] = {
    "visit": "visit", "visits": "visit", "trip": "visit", "tour": "visit", "delegation": "visit",
    "meeting": "meeting", "meetings": "meeting", "talks": "meeting", "negotiations": "meeting",
    "discussions": "meeting", "consultations": "meeting", "conversation": "meeting",
    "forum": "forum", "summit": "forum", "conference": "forum", "session": "forum", "congress": "forum",
    "exhibition": "forum", "event": "any", "ceremony": "any", "agreement": "agreement", "agreements": "agreement",
    "memorandum": "agreement", "deal": "agreement", "accords": "agreement",
}
_COMPATIBLE = {
    "visit": {"visit", "meeting"}, "meeting": {"meeting", "visit"}, "forum": {"forum"},
    "agreement": {"agreement"}, "any": set(),
}
_REFERRING = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ss]aid|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[\w’']+['’]s)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?P<noun>" + "|".join(sorted(REFERRING_NOUNS, key=len, reverse=True)) + r")\b"
)
TWO_COUNTRIES = re.compile(r"\b(?:the\s+two|both)\s+(?:countries|nations|states|sides|governments)\b", re.IGNORECASE)
# the participants of a happening just told, as a sentence's subject: "The parties discussed …"
_PARTICIPANTS = re.compile(
    r"^(?:(?:During|At|After|Following|In)\s+[^,]{1,40},\s+)?(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?"
    r"(?:parties|sides|ministers|leaders|presidents|heads\s+of\s+state|delegations|counterparts|diplomats)\b"
)
# verbs that report a happening (past tense or passive) — for undated events
_HAPPENED_WORDS = (
    r"visited|met|held|signed|arrived|welcomed|received|hosted|awarded|opened|launched|established|"
    r"appointed|attended|took\s+part|paid|presented|sent|shipped|delivered|concluded|adopted|ratified|"
    r"elected|joined|announced|inaugurated|toured|travell?ed|made|took\s+place|was\s+held|were\s+held|"
    r"discussed|agreed|conferred|decorated"
)
_PLAN_WORDS = (  # and "may", as written: "May" is a month
    r"will|would|shall|plans?|planned\s+to|planning|expected\s+to|expects?\s+to|aims?\s+to|seeks?\s+to|"
    r"intends?\s+to|could|might|set\s+to|going\s+to|to\s+be\s+held|hope[sd]?\s+to|ready\s+to|"
    r"proposed|propose[sd]?|upcoming|next\s+(?:week|month|year)|decided\s+to|scheduled\s+(?:to|for)|"
    r"to\s+take\s+place|agreed\s+to\s+(?:hold|organi[sz]e|convene)"
)
_HAPPENED = re.compile(rf"\b(?:{_HAPPENED_WORDS})\b", re.IGNORECASE)
_PLAN = re.compile(rf"\b(?:{_PLAN_WORDS}|(?-i:may))\b", re.IGNORECASE)
# the same for a lower-cased sentence, without IGNORECASE (several times faster)
_HAPPENED_LOWER = re.compile(rf"\b(?:{_HAPPENED_WORDS})\b")
_PLAN_LOWER = re.compile(rf"\b(?:{_PLAN_WORDS})\b")
_MAY = re.compile(r"\bmay\b")
_NOT_EVENT_DATE_BEFORE = re.compile(r"\b(?:over|than|compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:the\s+)?$",
                                    re.IGNORECASE)
_NOT_EVENT_QUALIFIERS = frozenset({"as of", "until", "before", "by"})
# what a description of an earlier happening may add as its own event: the signing or the
# award that happened during it (talks, visits and sessions are the happening itself)
_OWN_KINDS = frozenset({"agreement", "award"})
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[–—]\s")
_MOTION = re.compile(r"(?i)arriv|travel")
_PERSON = re.compile(r"(?i)ambassadors?|consuls?(?:[\s-]general)?|charg.*|high\s+commissioners?|delegations?")
# "said yesterday that talks will resume": a trigger inside reported speech is not what
# the date before the speech verb dates
_REPORTED_THAT = re.compile(
    r"\b(?:said|says|noted|notes|stressed|emphasi[sz]ed|added|stated|announced|reported|explained|underlined|"
    r"told\s+(?:\w+\s+){0,3}?)(?:\s+[^,.;“”\"]{0,40}?)?\s+that\b", re.IGNORECASE)
_CAPS_DATELINE = re.compile(r"^(?:[A-Z][A-Z'’.-]+[ ,.]+){1,4}[–—-]\s+")  # "ASTANA. KAZINFORM – "
_LEADING_DATE = re.compile(r"^(?:In|On|Since|During|By|At)\s+[^,]{1,40}?\d{4},\s+")  # "In May 2024, "
_QUOTE_OR_LINE = re.compile(r'[“«„”»"\n]')
_DATELINE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*[^–—-]{4,30}?\d{4}\s*[–—-]\s*")


def _compile_triggers(lowered: bool) -> re.Pattern:
    """All kinds in one regex, one named group per kind (one pass per sentence); within a
    kind longer patterns come first, so that at one position the longest trigger wins.

    The `lowered` form matches a lower-cased sentence without IGNORECASE (about three times
    faster) and leaves out "MoU", whose capitals matter (`_MOU` finds it)."""
    groups = []
    for kind, patterns in TRIGGERS.items():
        ordered = sorted(patterns, key=len, reverse=True)
        if lowered:
            body = "|".join(p.lower() for p in ordered if p != _MOU_PATTERN)
        else:
            body = "|".join(f"(?-i:{p})" if p == _MOU_PATTERN else p for p in ordered)
        groups.append(f"(?P<{kind}>{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", 0 if lowered else re.IGNORECASE)


_MOU = re.compile(rf"(?<![\w-])(?P<agreement>{_MOU_PATTERN})(?![\w-])")
_TRIGGER_RE = _compile_triggers(lowered=False)
_TRIGGER_LOWER_RE = _compile_triggers(lowered=True)


@dataclass
class _Trigger:
    kind: str
    start: int  # sentence-relative
    end: int
    quoted: bool
    motion: bool = False  # "arrived", "travelled": a visit only when people move
    person: bool = False  # "ambassador", "delegation": says who, not what happened


@dataclass(eq=False)  # drafts are compared by identity
class _Draft:
    sentence: Sentence
    date: object  # PartialDate | None
    kind: str
    countries: list[str]
    people: list[str]
    summary: str
    order: tuple[int, int]
    referring: bool = False
    antecedent: "_Draft | None" = None


class _Wording:
    """A sentence's text and its lower-cased form: whether it reports a happening or a plan,
    read in the lower-cased text where that matches what the case-insensitive patterns would."""

    __slots__ = ("text", "lowered", "plain")

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower()
        self.plain = folds_like_ignorecase(text, self.lowered)

    def plan(self, start: int = 0, end: int | None = None) -> bool:
        end = len(self.text) if end is None else end
        if not self.plain:
            return _PLAN.search(self.text, start, end) is not None
        return _PLAN_LOWER.search(self.lowered, start, end) is not None or (
            "may" in self.text and _MAY.search(self.text, start, end) is not None)

    def happened(self, start: int = 0, end: int | None = None) -> bool:
        end = len(self.text) if end is None else end
        if not self.plain:
            return _HAPPENED.search(self.text, start, end) is not None
        return _HAPPENED_LOWER.search(self.lowered, start, end) is not None


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of `text` inside quotation marks (curly or straight), per paragraph line.

    An opening mark without a closing one runs to the end of its line, as a quotation
    continued into the next paragraph does.
    """
    regions: list[tuple[int, int]] = []
    start = straight = None
    for m in _QUOTE_OR_LINE.finditer(text + "\n"):
        ch, i = m.group(0), m.start()
        if ch == "\n":
            for open_at in (start, straight):
                if open_at is not None:
                    regions.append((open_at, i))
            start = straight = None
        elif ch in "“«„":
            if start is None:
                start = i + 1
        elif ch in "”»":
            if start is not None:
                regions.append((start, i))
                start = None
        elif straight is None and start is None:
            straight = i + 1
        elif straight is not None:
            regions.append((straight, i))
            straight = None
    return regions


def _union(regions: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping regions merged, as sorted starts and their ends (for bisecting)."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(regions):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _inside(pos: int, regions: tuple[list[int], list[int]]) -> bool:
    starts, ends = regions
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _spans_by_sentence(people: list[PersonMention]) -> dict[int, list[tuple[Span, PersonMention]]]:
    """People's spans grouped by sentence, so that a clause looks only at its own sentence's
    (a 20 MB article has hundreds of thousands of sentences)."""
    spans: dict[int, list[tuple[Span, PersonMention]]] = {}
    for p in people:
        for span in p.spans:
            spans.setdefault(span.sentence, []).append((span, p))
    return spans


def _triggers(sentence: Sentence, lowered: str, quotes: tuple[list[int], list[int]]) -> list[_Trigger]:
    text = sentence.text
    if len(lowered) == len(text):  # offsets survive lower-casing (they do unless "İ" and the like)
        matches = list(_TRIGGER_LOWER_RE.finditer(lowered))
        if "MoU" in text:  # what `_MOU` needs
            matches = sorted([*matches, *_MOU.finditer(text)], key=lambda m: m.start())
    else:
        matches = list(_TRIGGER_RE.finditer(text))
    triggers = []
    for m in matches:
        start, end = m.span()
        motion, person = _trigger_flags(m.group(0))
        triggers.append(_Trigger(m.lastgroup, start, end, _inside(sentence.start + start, quotes), motion, person))
    return triggers


@lru_cache(maxsize=4096)
def _trigger_flags(word: str) -> tuple[bool, bool]:
    """(motion, person) of a trigger's words (cached: a few hundred triggers recur)."""
    return _MOTION.match(word) is not None, _PERSON.fullmatch(word) is not None


def _event_dates(sentence: Sentence, context: DocumentContext) -> list[DateMention]:
    dates = []
    for m in context.dates(sentence):
        d = m.date
        if m.named or m.vague:
            continue
        if d is not None and d.end is not None and d.month is None:
            continue  # a period of years ("2025–2030"), not a day something happened
        if d is not None and d.qualifier in _NOT_EVENT_QUALIFIERS:
            continue
        if _NOT_EVENT_DATE_BEFORE.search(sentence.text, 0, m.start):
            continue
        dates.append(m)
    dateline = _DATELINE.match(sentence.text)
    if dateline and len(dates) > 1 and dates[0].end <= dateline.end() and \
            not _CLAUSE_BREAK.search(sentence.text, dateline.end(), dates[1].start):
        dates = dates[1:]  # "CITY, May 3, 2024 – X met Y on Monday": the happening's own date wins
    return dates


def _reported_between(text: str, left: int, right: int) -> bool:
    """Whether a reported-speech "that" lies between `left` and `right`."""
    return any(m.end() - 4 >= left for m in _REPORTED_THAT.finditer(text, 0, right))


def _segments(text: str, dates: list[DateMention]) -> list[tuple[int, int]]:
    """Clause spans, one per date: cut at the last comma/semicolon between two dates."""
    bounds = [0]
    for left, right in zip(dates, dates[1:]):
        cut = None
        for m in _CLAUSE_BREAK.finditer(text, left.end, right.start):
            cut = m.start()
        if cut is None:
            cut = (left.end + right.start) // 2
        bounds.append(cut)
    bounds.append(len(text))
    return list(zip(bounds, bounds[1:]))


def _pick(triggers: list[_Trigger], anchor: int, quoted_date: bool) -> _Trigger | None:
    """The trigger for a date at `anchor`: the nearest specific one, else the nearest 'other'."""
    usable = [t for t in triggers if quoted_date or not t.quoted] or triggers
    specific = [t for t in usable if t.kind != "other"]
    pool = [t for t in specific if not t.person] or specific or usable
    if not pool:
        return None
    best = min(pool, key=lambda t: (abs((t.start + t.end) / 2 - anchor), t.start))
    if best.kind == "visit" and best.motion:
        # goods arrive too: "the first batch of wheat arrived" is a shipment
        return next((t for t in pool if t.kind == "shipment"), best)
    return best


def _summary(text: str) -> str:
    """The clause without its dateline or leading date, capitalised, at most 160 characters
    (the whole clause when nothing else is left)."""
    s = _DATELINE.sub("", text, count=1).strip()
    s = _CAPS_DATELINE.sub("", s, count=1)
    s = _LEADING_DATE.sub("", s)
    s = s.strip(" “”\",;:–—") or " ".join(text.split()) or "(no text)"
    if s[:1].islower():
        s = s[0].upper() + s[1:]
    if len(s) > 160:
        cut = s.rfind(" ", 0, 157)
        s = s[:cut if cut > 60 else 157].rstrip(",;: ") + "…"
    return s


def extract_events(document: Document, sentences: list[Sentence], countries: list[CountryMention],
                   people: list[PersonMention], context: DocumentContext | None = None) -> list[Event]:
    """The document's events; `context` is the document's shared work (made here if not given)."""
    context = context or DocumentContext(document, sentences, countries)
    published = document.published
    quotes = _union(quoted_regions(document.text))
    focus = context.focus
    drafts: list[_Draft] = []
    person_country = {p.id: p.country for p in people}
    mentions_of, spans_of = context.countries_by_sentence, _spans_by_sentence(people)

    def who(index: int, start: int, end: int) -> tuple[list[str], list[str]]:
        codes = countries_in(start, end, mentions_of.get(index, []))
        ids: list[str] = []
        for span, p in spans_of.get(index, ()):
            if start <= span.start and span.end <= end and p.id not in ids:
                ids.append(p.id)
                if p.country and p.country not in codes:
                    codes.append(p.country)
        return codes, ids

    by_start = context.countries_by_start
    told = 0  # by_start[:told] are mentioned before the current sentence
    recent: list[str] = []  # their codes, the most recently mentioned last
    last_two: dict[int, list[str]] = {}  # sentence index → the two countries named last before it
    for sentence in sentences:
        while told < len(by_start) and by_start[told].span.start < sentence.start:
            code = by_start[told].code
            if code in recent:
                recent.remove(code)
            recent.append(code)
            told += 1
        if sentence.kind != "body":
            continue
        text = sentence.text
        wording = _Wording(text)
        triggers = _triggers(sentence, wording.lowered, quotes)
        if not triggers:
            continue
        dates = _event_dates(sentence, context)
        sentence_codes, sentence_people = who(sentence.index, sentence.start, sentence.end)
        last_two[sentence.index] = recent[-2:]
        if dates:
            reports = "that" in wording.lowered  # what every `_REPORTED_THAT` match has
            segments = _segments(text, dates)
            subject = sentence_codes[:1]
            made = []
            for i, (m, (seg_start, seg_end)) in enumerate(zip(dates, segments)):
                date_quoted = _inside(sentence.start + m.start, quotes)
                own = [t for t in triggers if not (reports and _reported_between(text, m.end, t.start))]
                seg_triggers = [t for t in own if seg_start <= t.start < seg_end]
                anchor = (m.start + m.end) / 2
                trig = _pick(seg_triggers, anchor, date_quoted)
                if trig is None:
                    if find_amounts(text[seg_start:seg_end]):
                        continue  # a figure's date, not a happening's
                    trig = _pick(own, anchor, date_quoted)
                if trig is None:
                    continue
                if (date_quoted or trig.quoted) and (m.date is None or wording.plan(seg_start, seg_end)):
                    continue  # an undated happening or a plan in a quotation: a speaker's words, not an event
                if len(dates) == 1:
                    codes, ids = sentence_codes, sentence_people  # its clause is the sentence
                else:
                    codes, ids = who(sentence.index, sentence.start + seg_start, sentence.start + seg_end)
                    if i > 0 and subject and subject[0] not in codes:
                        codes = [*codes, subject[0]]
                if m.text.lower() == "today" and not (wording.happened(seg_start, seg_end)
                                                      or wording.plan(seg_start, seg_end)):
                    continue  # "Today, the airline carries …": nowadays, not a day
                when = m.date
                if when is not None and (m.yearless or m.weekday) and wording.plan(seg_start, seg_end):
                    when = upcoming(when, published, weekday=m.weekday)  # "will visit in October"
                # a clause that borrows the sentence's trigger ("… in 2019 and in 2021") is
                # summarised by the whole sentence
                clause = seg_start <= trig.start < seg_end and len(dates) > 1
                made.append(_Draft(sentence, when, trig.kind, list(codes), list(ids),
                                   _summary(text[seg_start:seg_end] if clause else text), (sentence.index, i)))
            drafts.extend(made)
            continue
        # no date of its own: a description of an earlier happening, or an undated one
        referring = _referring_kind(text, triggers)
        antecedent = _antecedent(drafts, referring) if referring is not None else None
        if referring is None and _PARTICIPANTS.match(text):
            referring, antecedent = "any", _antecedent(drafts, "any")
            if antecedent is None:
                referring = None  # "The parties …" with nothing told before: an undated happening
        unquoted = [t for t in triggers if not t.quoted]
        if referring is not None:
            own = _pick([t for t in unquoted if t.kind in _OWN_KINDS and not _is_referring_trigger(text, t)
                         and not _in_name(text, t)], 0, False)
            if own is not None:
                kind = own.kind
            elif referring == "any" and antecedent is not None:
                kind = antecedent.kind  # "the event", "the parties": the happening told before
            else:
                kind = referring_kind_to_event(referring)
            draft = _Draft(sentence, antecedent.date if antecedent else None, kind, list(sentence_codes),
                           list(sentence_people), _summary(text), (sentence.index, 0), referring=True,
                           antecedent=antecedent)
            if antecedent is not None:
                for code in antecedent.countries:
                    if code not in draft.countries:
                        draft.countries.append(code)
            drafts.append(draft)
            continue
        if not unquoted or wording.plan() or not wording.happened():
            continue
        trig = _pick(unquoted, 0, False)
        if trig is None:
            continue
        if find_amounts(text) and trig.kind == "other":
            continue
        drafts.append(_Draft(sentence, None, trig.kind, list(sentence_codes), list(sentence_people), _summary(text),
                             (sentence.index, 0)))

    for d in drafts:
        if len(d.countries) < 2 and TWO_COUNTRIES.search(d.sentence.text):
            # "the two countries", when neither the clause nor the happening referred to names them
            d.countries += [c for c in reversed(last_two[d.sentence.index]) if c not in d.countries]
        if not d.countries and focus:
            d.countries.append(focus)
    merged = _merge(drafts, focus)
    events = []
    for d in merged:
        span = {"doc_id": document.id, "sentence": d.sentence.index, "start": d.sentence.start, "end": d.sentence.end}
        date_key = d.date.iso if d.date is not None else "undated"
        events.append({
            "id": stable_id("evt", document.id, d.sentence.index, d.order[1], date_key, d.kind),
            "doc_id": document.id, "date": d.date, "kind": d.kind, "countries": d.countries,
            "people": [p for p in d.people if p in person_country], "summary": d.summary,
            "evidence": d.sentence.text, "span": span,
        })
    return _event_list().validate_python(events)


@cache
def _event_list() -> TypeAdapter[list[Event]]:
    """Events validated as one list: pydantic-core makes them and their spans in one call
    faster than an event and a span at a time."""
    return TypeAdapter(list[Event])


def _in_name(text: str, trigger: _Trigger) -> bool:
    """A capitalised trigger inside a sentence is part of a name ("… Treaty Organization")."""
    return trigger.start > 0 and text[trigger.start].isupper()


def referring_kind_to_event(kind: str) -> str:
    return "other" if kind == "any" else kind


def _referring_kind(text: str, triggers: list[_Trigger]) -> str | None:
    """The kind of happening a definite description in the sentence points back to."""
    for m in _REFERRING.finditer(text):
        if any(t.start <= m.start("noun") < t.end and not t.quoted for t in triggers) or \
                REFERRING_NOUNS[m["noun"].lower()] == "any":
            return REFERRING_NOUNS[m["noun"].lower()]
    return None


def _is_referring_trigger(text: str, trigger: _Trigger) -> bool:
    for m in _REFERRING.finditer(text):
        if trigger.start <= m.start("noun") < trigger.end:
            return True
    return False


def _antecedent(drafts: list[_Draft], kind: str) -> _Draft | None:
    """The event a description of `kind` refers to: going back sentence by sentence (at
    most LOOKBACK sentences that told one), the first compatible event of the sentence (its
    main clause); for a description of any kind ("the event"), the first event of the
    latest sentence that has one."""
    wanted = _COMPATIBLE.get(kind, set())
    end = len(drafts)
    for _ in range(LOOKBACK):
        if end == 0:
            break
        index = drafts[end - 1].sentence.index
        start = end - 1
        while start > 0 and drafts[start - 1].sentence.index == index:
            start -= 1
        group = drafts[start:end]
        if not wanted:
            return _root(group[0])
        for d in group:
            if d.kind in wanted:
                return d
        end = start
    return None


def _root(d: _Draft) -> _Draft:
    while d.referring and d.antecedent is not None:
        d = d.antecedent
    return d


def _compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"visit", "meeting"}


def _referred(d: _Draft, target_of: dict[int, int], out: list[_Draft]) -> int | None:
    """The position in `out` of the event `d` describes (directly or through descriptions
    of descriptions), if any."""
    node = d
    for _ in range(50):
        if not node.referring or node.antecedent is None:
            return None
        node = node.antecedent
        pos = target_of.get(id(node))
        if pos is not None and _compatible(d.kind, out[pos].kind):
            return pos
        if not _compatible(node.kind, d.kind):
            return None
    return None


def _date_key(d) -> tuple:
    return d.iso, d.qualifier, d.end.iso if d.end else None


def _merge(drafts: list[_Draft], focus: str | None) -> list[_Draft]:
    """One event per happening: same date and kind, a visit and a meeting on one day, or a
    description and the event it refers to. The first-told event keeps its kind and text.
    Indexed by date, so a document with thousands of events merges in linear time."""
    out: list[_Draft] = []
    target_of: dict[int, int] = {}  # id(draft) → position in `out` of the event it is part of
    by_date: dict[tuple, list[int]] = {}
    for d in drafts:
        candidates = []
        referred = _referred(d, target_of, out)
        if referred is not None:
            candidates.append(referred)
        if d.date is not None:
            mine = set(d.countries) - {focus}
            for pos in by_date.get(_date_key(d.date), ()):
                e = out[pos]
                if not _compatible(d.kind, e.kind):
                    continue
                theirs = set(e.countries) - {focus}
                if (mine & theirs or not mine or not theirs) and (d.date.precision == "day" or d.kind == e.kind):
                    candidates.append(pos)
                    break
        if not candidates:
            target_of[id(d)] = len(out)
            if d.date is not None:
                by_date.setdefault(_date_key(d.date), []).append(len(out))
            out.append(d)
            continue
        pos = min(candidates)
        target_of[id(d)] = pos
        target = out[pos]
        for code in d.countries:
            if code not in target.countries:
                target.countries.append(code)
        for pid in d.people:
            if pid not in target.people:
                target.people.append(pid)
    return out
