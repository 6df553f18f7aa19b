"""Direct quotations and who said them.

**Finding quotations.** Quote marks are paired per body paragraph by what surrounds them, as
CommonMark pairs emphasis: a mark can open when a word follows it and space or an opening
bracket precedes it, and can close when a word precedes it and space or punctuation follows
it. So typographic, straight and guillemet marks work alike, an apostrophe ("Ghana’s") is
never a mark, and a stray mark is dropped without spoiling the rest: an opening mark with no
partner is given up at the end of its paragraph, unless the next paragraph opens with a
mark, the news convention for a quotation running over several paragraphs (one Quote then
covers all of them). Single typographic quotes pair only outside double ones.

**Names, not speech.** Quoted Title-Case phrases (a session's or document's title), one or
two scare-quoted words and phrases after "called", "entitled", "the session" … are names;
they are kept only when a speaker is attributed right next to them. A phrase of under five
words that nobody is said to have said is a term, not a quotation.

**Speakers.** In order of preference: an attribution right after the closing mark
(`"…," said Ama Owusu`, `"…," Owusu added`, `"…," he noted`, `"…," said the ministry`);
a speech verb before the opening mark in the sentence (`Owusu said: "…"`, `Owusu
reiterated that Ghana can "…"`, "according to him", "as he puts it"); a sentence ending
with a colon just before; a quotation paragraph right after one with a speaker. Pronouns
and "the minister" mean the last named speaker: the last person a quotation or a speech
verb was attributed to. A speaker that is no person of the article (a press service) is
kept as text only.

**Date.** The first date of the attribution's sentence outside quotation marks ("said Owusu
at a May 28 meeting"), else the publication date (`date_from_published`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from briefing_tui.extract.context import DocumentContext
from briefing_tui.extract.people import lexicon, person_spans
from briefing_tui.models import CountryMention, Document, PartialDate, PersonMention, Quote, Sentence, Span, stable_id

__all__ = ["extract_quotes", "quote_pairs"]

_FAMILY = {"“": "d", "”": "d", "„": "d", "‟": "d", '"': "d", "«": "g", "»": "g", "‘": "s", "’": "s"}
_MARK = re.compile("[" + "".join(_FAMILY) + "]")
_NOMINAL_OPEN = frozenset("“„‟«‘")
_NOMINAL_CLOSE = frozenset("”»’")
_OPEN_AFTER = frozenset("([{–—-/") | frozenset(_FAMILY)
_CLOSE_BEFORE = frozenset(".,;:!?)]}–—-…/") | frozenset(_FAMILY)
_TRAILING = ",;: \t\r\n"
_PRONOUNS = frozenset("he she they i we him her them".split())
_SMALL = frozenset("of the and a an in on for to at by with from as or vs".split())
_NAMING = re.compile(
    r"\b(?:session|panel|forum|conference|summit|programme|program|project|initiative|strategy|concept|theme|"
    r"slogan|motto|book|film|report|document|campaign|operation|ship|vessel|exhibition|festival|award|prize|"
    r"order|medal|platform|brand|plan|doctrine|decree|called|calls|call|entitled|titled|named|dubbed|nicknamed|"
    r"known\s+as|so-called|words?|term|phrase|label|hashtag|principles?|formula|format|motto|mottos|tagline|"
    r"headline|title|titled|heading|nickname)\s*(?:of\s+)?[:,]?\s*$",
    re.IGNORECASE,
)
_SUBJECT_STOP = frozenset("and but which that or so while when because if".split())
_WHO_END = re.compile(r"[,.;:!?()“”\"«»]|\s(?:during|at|in|on|after|before|when|while|as|to|from|for|with|who|"
                      r"and|but|that|which)\b")
_AUX = r"(?:(?:also|then|later|further|has|had|have|once|again|earlier)\s+)*"
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|I|we)\s+" + _AUX + r"$", re.IGNORECASE)
_AS_PUTS = re.compile(r"\bas\s+(?:he|she|they|I|we)\s+(?:puts?|put)\s+it\b|\bin\s+(?:his|her|their)\s+(?:own\s+)?words\b",
                      re.IGNORECASE)
_LEADING_PRONOUN = re.compile(r"(?:He|She|They|We)\b")
_QUOTED_AS = re.compile(r"[^“”\"«».;!?]{0,80}?\bquoted\s+(?P<who>[^,.;“”\"«»]{1,60}?)\s+as\s+say(?:ing|s)\b")
# `"…," according to X` / `"…" This was stated by X`
_BY_AFTER = re.compile(r"[\s,.;:–—-]*(?:according\s+to|(?:this|that|it)\s+was\s+(?:said|stated|noted|emphasi[sz]ed|"
                       r"announced|underlined|stressed|reported)\s+by)\s+(?P<who>\S)", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_NOT_SPEAKER_END = frozenset("was were is are be been being".split())  # "… summit was noted": no speaker
_LOWER_LEAD = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")
# lower-case words that may stand before a sentence's subject: "For his part, the Deputy Minister of …"
_SUBJECT_LEAD = frozenset("for his her their part in turn meanwhile also then and of the de la al bin".split())
_MAX_WHO_WORDS = 7
_UNATTRIBUTED_WORDS = 5  # shorter quoted phrases with nobody saying them are terms, not speech
_LOOKBACK = 50  # earlier speakers searched for one whose role fits "the minister"
_NAMING_VERBS = frozenset("called calls described describes termed".split())  # speech, but name-like next to marks
_ADJACENT = 30  # characters between a speech verb and the opening mark that still read as "said: “"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    verbs = sorted((v for v in lexicon().speech_verbs if v not in ("put", "puts")), key=len, reverse=True)
    verb = "(?:" + "|".join(re.escape(v) for v in verbs) + r")(?:\s+out)?"
    verb_first = re.compile(r"[\s,.!?;:–—-]*" + _AUX + r"(?P<verb>" + verb + r")\b\s*")
    subject_first = re.compile(r"[\s,.!?;:–—-]*(?P<who>[^\s,.;:!?“”\"«»‘’][^,.;:!?“”\"«»]{0,80}?)\s+" + _AUX
                               + r"(?P<verb>" + verb + r")\b")
    any_verb = re.compile(r"\b(?P<verb>" + verb + r")\b")
    reported = re.compile(r"(?:\s*,[^,.;“”\"«»]{0,120},)?\s*" + _AUX + verb + r"\b")
    return verb_first, subject_first, any_verb, reported


# ---------------------------------------------------------------------------- quote marks


def _flanks(text: str, i: int, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at i inside the paragraph text[start:end]."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in _OPEN_AFTER)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_BEFORE)
    return can_open, can_close


def _role(ch: str, can_open: bool, can_close: bool, open_family: str | None) -> tuple[bool, bool]:
    """Settle a mark that could both open and close by its shape (straight marks by state)."""
    if ch == "’":
        return False, can_close  # an apostrophe-shaped mark never opens
    if can_open and can_close:
        if ch in _NOMINAL_OPEN:
            return True, False
        if ch in _NOMINAL_CLOSE:
            return False, True
        return (False, True) if open_family == _FAMILY[ch] else (True, False)
    return can_open, can_close


def quote_pairs(text: str, paragraphs: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions of every quotation.

    `paragraphs` are (paragraph number, start, end) of the body paragraphs in order. An open
    double quotation continues into the next paragraph only when that paragraph starts with
    an opening mark; otherwise its opening mark was stray and is dropped.
    """
    return _pair_marks(text, paragraphs)[0]


def _pair_marks(text: str, paragraphs: list[tuple[int, int, int]]
                ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The quote pairs, and the quotations that lost one mark, as (before, after) positions
    around their text: paragraphs that open with speech and close it with no opening mark
    (before is the paragraph start - 1), and quotations opened at a sentence start that
    their paragraph never closes (after is the paragraph end). Those need more evidence
    than a pair: see `extract_quotes`."""
    pairs: list[tuple[int, int]] = []
    headless: list[tuple[int, int]] = []
    tailless: list[tuple[int, int]] = []
    state: tuple[str, int] | None = None  # (family, position of the opening mark)
    runs_on = False  # whether the open quotation may go on in the next paragraph
    opened_end = 0  # the end of the paragraph the open quotation is in
    last_number = None
    for number, start, end in paragraphs:
        skip = -1
        if state is not None:
            ch = text[start]
            continues = (runs_on and last_number is not None and number == last_number + 1 and ch in _FAMILY
                         and _FAMILY[ch] == state[0] and _flanks(text, start, start, end)[0])
            if continues:
                skip = start
            else:
                if runs_on and _opens_sentence(text, state[1]):
                    tailless.append((state[1], opened_end))
                state = None
        last_number = number
        marks = 0
        for m in _MARK.finditer(text, start, end):
            i = m.start()
            if i == skip:
                continue
            ch = text[i]
            family = _FAMILY[ch]
            can_open, can_close = _role(ch, *_flanks(text, i, start, end), state[0] if state else None)
            if state is None and not can_open and can_close and family != "s" and not marks and i > start:
                headless.append((start - 1, i))  # speech that lost its opening mark
            elif state is None or (family == state[0] and can_open and not can_close) or (
                    state[0] == "s" and family != "s" and can_open):
                # a first opening; a second one (the first was stray); a real quotation after a stray single mark
                if can_open:
                    state = (family, i)
                    runs_on = _may_run_on(text, start, i)
            elif family == state[0] and can_close:
                pairs.append((state[1], i))
                state = None
            marks += 1
        opened_end = end
        if state is not None and state[0] == "s":
            state = None
    if state is not None and runs_on and _opens_sentence(text, state[1]):
        tailless.append((state[1], opened_end))
    return pairs, headless, tailless


def _opens_sentence(text: str, open_at: int) -> bool:
    """A mark at a paragraph's start or after a sentence's end: speech, not a stray mark."""
    before = text[max(0, open_at - 3):open_at].rstrip(" \t")
    return not before or before[-1] in "\n.:!?”\"»"


def _may_run_on(text: str, paragraph_start: int, open_at: int) -> bool:
    """A quotation opened at a paragraph's or sentence's start or after "said:" may run over
    paragraphs; one opened inside the writer's sentence ("called it “historic") is a stray mark."""
    before = text[paragraph_start:open_at].rstrip()
    if not before or before[-1] in ":,.!?…”\"»":
        return True
    last = _patterns()[2].search(before[-40:])
    return last is not None and not before[-40:][last.end():].strip()


def _content(text: str, open_at: int, close_at: int) -> tuple[int, int] | None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return (start, end) if end > start and any(c.isalpha() for c in text[start:end]) else None


def _is_name(words: list[str], before: str) -> bool:
    """Quoted words that name something (a title, a scare-quoted word) rather than report speech."""
    if len(words) <= 2 or _NAMING.search(before):
        return True
    significant = [w for w in words if w.lower() not in _SMALL]
    capitalised = sum(1 for w in significant if w[0].isupper())
    return len(words) <= 20 and capitalised >= 0.75 * len(significant)


# ---------------------------------------------------------------------------- speakers


@dataclass
class _Attribution:
    person: PersonMention | None = None
    text: str | None = None
    pos: int | None = None  # where the attribution is, for the quote's date
    adjacent: bool = False  # right next to the marks: "…," said X / X said: "…"

    @property
    def found(self) -> bool:
        return self.person is not None or self.text is not None


class _Speakers:
    """Who the article's people are at each position, and who spoke last.

    Every lookup bisects sorted positions, so an article with a hundred thousand quotations
    costs no more per quotation than a short one.
    """

    def __init__(self, text: str, people: list[PersonMention], regions: list[tuple[int, int]],
                 countries: list[CountryMention], sentence_starts: list[int]):
        self.text = text
        self.sentence_starts = sentence_starts
        self.countries = countries  # sorted by start
        self.country_starts = [c.span.start for c in countries]
        self.spans = person_spans(people)
        self.span_starts = [s for s, _, _ in self.spans]
        self.regions = regions
        self.region_starts = [s for s, _ in regions]
        _, _, verb_before, reported = _patterns()
        self.reported: list[tuple[int, PersonMention]] = []  # speech verbs next to a name, outside quotes
        for s, e, person in self.spans:
            if self.quoted(s):
                continue
            before = text[max(0, s - 40):s]
            tail = None
            for tail in verb_before.finditer(before):
                pass
            if reported.match(text, e, min(len(text), e + 160)) or (tail and not before[tail.end():].strip()) \
                    or _ACCORDING.search(before[-20:]):
                self.reported.append((s, person))
        self.reported_at = [s for s, _ in self.reported]
        self.told: list[tuple[int, PersonMention]] = []  # speakers of quotations found so far
        self.told_at: list[int] = []

    def quoted(self, pos: int) -> bool:
        i = bisect_right(self.region_starts, pos) - 1
        return i >= 0 and self.regions[i][0] <= pos < self.regions[i][1]

    def add(self, pos: int, person: PersonMention) -> None:
        i = bisect_right(self.told_at, pos)
        self.told_at.insert(i, pos)
        self.told.insert(i, (pos, person))

    def _earlier(self, pos: int):
        """(position, person) of the named speakers before pos, latest first."""
        i = bisect_left(self.reported_at, pos) - 1
        j = bisect_left(self.told_at, pos) - 1
        while i >= 0 or j >= 0:
            if j < 0 or (i >= 0 and self.reported[i][0] > self.told[j][0]):
                yield self.reported[i]
                i -= 1
            else:
                yield self.told[j]
                j -= 1

    def last(self, pos: int, head: str | None = None) -> PersonMention | None:
        """The last named speaker before pos; with a role word, the last one holding that
        role. A pronoun ("he said") prefers a person who became the subject of a sentence
        after that speaker: "For his part, Ama Owusu thanked … «…», he said"."""
        latest = None
        for n, (at, person) in enumerate(self._earlier(pos)):
            latest = latest or (at, person)
            if not head or n >= _LOOKBACK:
                break
            if _holds(person, head):
                return person
        if head is None:
            subject = self.subject_between(latest[0] if latest else -1, pos)
            if subject is not None:
                return subject
        if latest is not None:
            return latest[1]
        i = bisect_left(self.span_starts, pos) - 1
        while i >= 0 and self.quoted(self.spans[i][0]):
            i -= 1
        return self.spans[i][2] if i >= 0 else None

    def described(self, start: int, end: int, pos: int, head: str) -> PersonMention | None:
        """Who "the Ghanaian minister" is: the latest person of that country (holding that
        role if one does) named before pos; without a country, the last speaker in that role."""
        codes = {c.code for c in self.countries[bisect_left(self.country_starts, start):
                                                bisect_left(self.country_starts, end)]}
        if codes:
            i = bisect_left(self.span_starts, pos) - 1
            seen = [p for _, _, p in reversed(self.spans[max(0, i + 1 - _LOOKBACK * 4):i + 1])
                    if p.country in codes]
            fitting = [p for p in seen if _holds(p, head)]
            if fitting or seen:
                return (fitting or seen)[0]
            # nobody of that country: one holding the role whose country the article does not say
            i = bisect_left(self.span_starts, pos) - 1
            for _, _, p in reversed(self.spans[max(0, i + 1 - _LOOKBACK * 4):i + 1]):
                if p.country is None and _holds(p, head):
                    return p
        return self.last(pos, head)

    def subject_between(self, after: int, pos: int) -> PersonMention | None:
        """The latest person named outside quotation marks between after and pos as the
        subject of a sentence: nothing but titles and an opening phrase before the name."""
        i = bisect_left(self.span_starts, pos) - 1
        while i >= 0 and self.spans[i][0] > after:
            start, _, person = self.spans[i]
            i -= 1
            if self.quoted(start):
                continue
            sentence_start = self.sentence_starts[max(0, bisect_right(self.sentence_starts, start) - 1)]
            lead = _LOWER_LEAD.findall(self.text, sentence_start, start)
            if all(word in _SUBJECT_LEAD for word in lead):
                return person
        return None

    def person_in(self, start: int, end: int) -> PersonMention | None:
        i = bisect_left(self.span_starts, start)
        return self.spans[i][2] if i < len(self.spans) and self.spans[i][0] < end else None

    def person_before(self, start: int, end: int) -> PersonMention | None:
        i = bisect_left(self.span_starts, end) - 1
        while i >= 0 and self.spans[i][0] >= start:
            s, e, person = self.spans[i]
            if e <= end and not self.quoted(s):
                return person
            i -= 1
        return None

    def between(self, start: int, end: int) -> list[PersonMention]:
        i, j = bisect_right(self.span_starts, start), bisect_left(self.span_starts, end)
        return [p for _, _, p in self.spans[i:j]]

    def who(self, start: int, end: int, pos: int) -> _Attribution:
        """Resolve a subject phrase text[start:end]: a pronoun, a person, "the minister", a body."""
        phrase = self.text[start:end].strip()
        words = phrase.split()
        if not words or len(words) > _MAX_WHO_WORDS or words[0].lower() in _SUBJECT_STOP:
            return _Attribution()
        first = words[0].lower()
        if first in _PRONOUNS:
            return _Attribution(person=self.last(pos), pos=start)
        person = self.person_in(start, end)
        if person is not None:
            return _Attribution(person=person, pos=start)
        lex = lexicon()
        heads = [w.lower() for w in words if w.lower() in lex.heads or w.lower() in lex.traditional]
        if heads and (first in ("the", "this", "that", "our", "their") or words[0][0].isupper()):
            return _Attribution(person=self.described(start, end, pos, heads[-1]), pos=start)
        if (first == "the" or words[0][0].isupper()) and words[-1].lower() not in _NOT_SPEAKER_END:
            return _Attribution(text=phrase, pos=start)  # a body that speaks: "the ministry", "Xinhua"
        return _Attribution()


def _holds(person: PersonMention, head: str) -> bool:
    """Whether a role word fits a person: in the role, or a title they were named with ("Ooni Ade")."""
    if person.role and head in person.role.lower():
        return True
    return any(head in alias.lower().split() for alias in person.aliases)


def _who_span(text: str, start: int, limit: int) -> tuple[int, int]:
    m = _WHO_END.search(text, start, limit)
    return start, m.start() if m else limit


def _after(speakers: _Speakers, text: str, close_at: int, limit: int) -> _Attribution:
    """`"…," said X` / `"…," X added` / `"…," he noted` right after the closing mark."""
    verb_first, subject_first, _, _ = _patterns()
    end = min(limit, close_at + 1 + 200)
    m = _QUOTED_AS.match(text, close_at + 1, end)
    by = None if m else _BY_AFTER.match(text, close_at + 1, end)
    if m or by:
        start, stop = (m.start("who"), m.end("who")) if m else _who_span(text, by.start("who"), end)
        found = speakers.who(start, stop, start)
        if found.found:
            found.adjacent = True
            return found
    m = verb_first.match(text, close_at + 1, end)
    if m:
        start, stop = _who_span(text, m.end(), end)
        found = speakers.who(start, stop, start)
        if found.found:
            found.adjacent = True
            return found
    m = subject_first.match(text, close_at + 1, end)
    if m:
        found = speakers.who(m.start("who"), m.end("who"), m.start("who"))
        if found.found:
            found.adjacent = True
            return found
    return _Attribution()


def _before(speakers: _Speakers, text: str, start: int, open_at: int) -> _Attribution:
    """A speech verb between the sentence start and the opening mark, and its subject."""
    _, _, any_verb, _ = _patterns()
    puts = [m for m in _AS_PUTS.finditer(text, start, open_at) if not speakers.quoted(m.start())]
    if puts:
        return _Attribution(person=speakers.last(puts[-1].start()), pos=puts[-1].start())
    according = [m for m in _ACCORDING.finditer(text, start, open_at) if not speakers.quoted(m.start())]
    if according:
        who_start, who_end = _who_span(text, according[-1].end(), open_at)
        found = speakers.who(who_start, who_end, who_start)
        if found.found:
            return found
    verbs = [m for m in any_verb.finditer(text, start, open_at) if not speakers.quoted(m.start())]
    if not verbs:
        return _Attribution()
    verb = verbs[-1]
    adjacent = open_at - verb.end() <= _ADJACENT and verb.group("verb") not in _NAMING_VERBS
    if _PRONOUN_BEFORE.search(text, start, verb.start()):
        return _Attribution(person=speakers.last(verb.start()), pos=verb.start(), adjacent=adjacent)
    person = speakers.person_before(start, verb.start()) or speakers.person_in(verb.end(), open_at)
    if person is not None:
        return _Attribution(person=person, pos=verb.start(), adjacent=adjacent)
    clause = max(text.rfind(",", start, verb.start()), text.rfind(";", start, verb.start()), start - 1) + 1
    found = speakers.who(clause, verb.start(), verb.start())
    found.adjacent = adjacent
    return found


# ---------------------------------------------------------------------------- assembly


class _Sentences:
    def __init__(self, sentences: list[Sentence]):
        self.items = sorted(sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.items]

    def at(self, pos: int) -> Sentence | None:
        i = bisect_right(self.starts, pos) - 1
        return self.items[i] if i >= 0 and pos < self.items[i].end + 1 else None

    def before(self, sentence: Sentence) -> Sentence | None:
        i = bisect_right(self.starts, sentence.start) - 2
        return self.items[i] if i >= 0 else None


def _body_paragraphs(sentences: list[Sentence]) -> list[tuple[int, int, int]]:
    spans: dict[int, list[int]] = {}
    for s in sentences:
        if s.kind == "body":
            bounds = spans.setdefault(s.paragraph, [s.start, s.end])
            bounds[0], bounds[1] = min(bounds[0], s.start), max(bounds[1], s.end)
    return [(n, b[0], b[1]) for n, b in sorted(spans.items(), key=lambda kv: kv[1][0])]


def _date(context: DocumentContext, sentence: Sentence | None, speakers: _Speakers) -> tuple[PartialDate | None, bool]:
    if sentence is not None:
        for mention in context.dates(sentence):
            if mention.date is not None and not (mention.named or mention.vague
                                                 or speakers.quoted(sentence.start + mention.start)):
                return mention.date, False
    published = context.published
    if published is None:
        return None, False
    return PartialDate(year=published.year, month=published.month, day=published.day), True


def extract_quotes(document: Document, sentences: list[Sentence], people: list[PersonMention],
                   countries: list[CountryMention], context: DocumentContext | None = None) -> list[Quote]:
    """Every direct quotation of the body with its speaker, date and countries; `context` is
    the document's shared work (made here if not given)."""
    context = context or DocumentContext(document, sentences, countries)
    text = document.text
    paragraphs = _body_paragraphs(sentences)
    pairs, headless, tailless = _pair_marks(text, paragraphs)
    lost_mark, no_opening = set(headless + tailless), set(headless)
    pairs = sorted(pairs + headless + tailless)
    countries = context.countries_by_start
    index = _Sentences(sentences)
    speakers = _Speakers(text, people, [(o + 1, c) for o, c in pairs], countries, index.starts)
    paragraph_starts = [start for _, start, _ in paragraphs]
    country_starts = [c.span.start for c in countries]
    quotes: list[Quote] = []
    previous: tuple[int, int, PersonMention] | None = None  # (paragraph, closing mark, speaker) of the last one
    for open_at, close_at in pairs:
        content = _content(text, open_at, close_at)
        first = index.at(open_at + 1)
        if content is None or first is None:
            continue
        limit = paragraphs[bisect_right(paragraph_starts, close_at) - 1][2]
        found = _attribute(speakers, index, text, open_at, close_at, limit, first, previous)
        start, end = content
        words = _WORD.findall(text[start:end])
        if not words or (not found.adjacent and _is_name(words, text[first.start:open_at])) or (
                not found.found and len(words) < _UNATTRIBUTED_WORDS):
            continue
        if (open_at, close_at) in lost_mark and (len(words) < _UNATTRIBUTED_WORDS or (
                (open_at, close_at) in no_opening and not found.adjacent)):
            continue  # a lone closing mark is speech only with its speaker right after it
        if found.person is not None:
            speakers.add(found.pos if found.pos is not None else open_at, found.person)
            previous = ((index.at(close_at) or first).paragraph, close_at, found.person)
        date_sentence = index.at(found.pos) if found.pos is not None else first
        date, from_published = _date(context, date_sentence, speakers)
        last = index.at(close_at) or first
        near = countries[bisect_left(country_starts, min(first.start, start)):
                         bisect_left(country_starts, max(last.end, end))]
        codes = list(dict.fromkeys(c.code for c in near))
        quotes.append(Quote(
            id=stable_id("quo", document.id, start, end), doc_id=document.id, text=text[start:end],
            partial=_partial(text, first.start, open_at, words[0]),
            speaker=found.person.name if found.person is not None else found.text,
            speaker_mention_id=found.person.id if found.person is not None else None,
            date=date, date_from_published=from_published, countries=codes,
            span=Span(doc_id=document.id, sentence=first.index, start=start, end=end),
        ))
    return quotes


def _attribute(speakers: _Speakers, index: _Sentences, text: str, open_at: int, close_at: int, limit: int,
               first: Sentence, previous: tuple[int, PersonMention] | None) -> _Attribution:
    found = _after(speakers, text, close_at, limit)
    if not found.found:
        found = _before(speakers, text, first.start, open_at)
    if not found.found and not text[first.start:open_at].strip():
        prior = index.before(first)
        if prior is not None and prior.text.rstrip().endswith(":"):
            found = _before(speakers, text, prior.start, prior.end)
            if not found.found:  # "Owusu then summed up the talks:" — the subject speaks
                found = _subject(speakers, text, prior)
        elif previous is not None and _goes_on(speakers, text, first, open_at, previous):
            found = _Attribution(person=previous[2], pos=open_at)
        elif prior is not None and prior.paragraph == first.paragraph - 1:
            # "Owusu added that …" closing a paragraph, then a quotation opening the next
            reported = _before(speakers, text, prior.start, prior.end)
            if reported.person is not None:
                found = _Attribution(person=reported.person, pos=open_at)
    return found


def _subject(speakers: _Speakers, text: str, sentence: Sentence) -> _Attribution:
    """The speaker a sentence is about: a leading pronoun, else the first person it names."""
    if _LEADING_PRONOUN.match(sentence.text):
        return _Attribution(person=speakers.last(sentence.start), pos=sentence.start)
    person = speakers.person_in(sentence.start, sentence.end)
    return _Attribution(person=person, pos=sentence.start) if person is not None else _Attribution()


def _goes_on(speakers: _Speakers, text: str, first: Sentence, open_at: int,
             previous: tuple[int, int, PersonMention]) -> bool:
    """An unattributed quotation right after another one, in its paragraph or the next, with
    nobody else named in between: the same speaker goes on."""
    paragraph, close_at, person = previous
    starts_paragraph = not text[text.rfind("\n", 0, open_at) + 1:open_at].strip()
    if not (first.paragraph == paragraph or (first.paragraph == paragraph + 1 and starts_paragraph)):
        return False
    return all(p.id == person.id for p in speakers.between(close_at, open_at))


def _partial(text: str, sentence_start: int, open_at: int, first_word: str) -> bool:
    """A quotation that is part of the writer's own sentence: "… can “benefit from …”"."""
    if first_word[0].islower():
        return True
    before = text[sentence_start:open_at].rstrip()
    if not before or before[-1] in ":,–—-(":
        return False
    _, _, any_verb, _ = _patterns()
    tail = [m for m in any_verb.finditer(before)]
    return not (tail and not before[tail[-1].end():].strip())
