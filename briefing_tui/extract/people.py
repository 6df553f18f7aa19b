"""People named in an article, with role and country, resolved within the document.

A name is a run of capitalised tokens that are not generic words (particles such as "de",
"bin", "al-" and initials such as "A." may sit inside). A run becomes a person only when its
context says so, because news text is full of Title-Case names of things:

* a role or title just before it: "Deputy Minister of Foreign Affairs of the Republic of
  Ghana Ama Owusu", "Paramount founder Jo Lee", "Ooni Ade Bola", "Mr. Jo Lee";
* an apposition after it: "Ama Owusu, Ghana's Minister of Trade", "Jo Lee, a spokesperson";
* a speech or meeting verb next to it ("said Ama Owusu", "Ama Owusu met"), ", who", or the
  document's byline author.

A single capitalised word is a new person only after a title ("President Owusu"); otherwise
it can only refer back. Within the document every later mention by surname alone, title +
surname or a shorter form joins the full name, so each person is one PersonMention with all
spans and aliases. The role is the title phrase with its country taken out; the country is
the CountryMention inside or next to it ("of the Republic of Ghana", "Ghana's", "Ghanaian").

The generic words (titles, role nouns, particles, words that never belong to a name) are in
`data/people.json`, documented in `data/people.md`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple
from functools import lru_cache
from importlib import resources

from briefing_tui.models import CountryMention, Document, PersonMention, Sentence, Span, stable_id

__all__ = ["Lexicon", "Token", "extract_people", "lexicon", "name_key", "person_spans", "tokenize"]

_TOKEN = re.compile(r"\w+(?:[-’'.]\w+)*|[^\w\s]")
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-zß-öø-ÿ][\w'-]*")  # the article's own lower-case words
_INITIAL = re.compile(r"[A-Z]\.")
_DIGIT = re.compile(r"\d")
_ROMAN = re.compile(r"II|III|IV|V|VI|VII|VIII|IX|X|XI|XII")
_HONORIFIC_END = re.compile(r"(?<![\w.])(?:H\.\s?E|Mr|Mrs|Ms|Dr|Prof|Hon|Rev)\.$")
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|an|ash|az|ud|ul)-", re.IGNORECASE)
_ELIDED = re.compile(r"[dl][’'](?=[A-Z])")
_LOWER_NAME = re.compile(r"(?:al|el|ad|ar|as|at|an|ash|az|ud|ul)-[A-Z]|[dl][’'][A-Z]", re.IGNORECASE)
# words that start with a capital (any script) or a lower-case name prefix: what a name run needs
_CANDIDATE = re.compile(r"(?<![\w’'.-])(?:[^\W\d_a-z]|(?:al|el|ad|ar|as|at|an|ash|az|ud|ul)-|[dl][’'])"
                        r"[\w’'.-]*")
# words of a country's formal name that a role drops with the country: "of the Republic of"
_COUNTRY_FORM = frozenset("of the republic kingdom democratic federal federative islamic state states united "
                          "people's arab socialist union sultanate emirate principality".split())
_APPOSITION_STOP = frozenset("who whom whose which that in at during when while after before since as with by "
                             "where but".split())
_DETERMINERS = frozenset(("a", "an", "the"))
# "led by Ama Owusu": participles whose agent after "by" is a person
_BY_PERSON = frozenset("led headed chaired moderated attended accompanied represented received welcomed delivered "
                       "written authored signed hosted opened presented".split())
_AUTHORS_SPLIT = re.compile(r"\s*,\s*|\s+and\s+")  # "Jane Doe and Ama Owusu"
_MAX_STRETCH = 16
_MAX_APPOSITION_LEAD = 6


@dataclass(frozen=True)
class Lexicon:
    """The word lists of data/people.json as sets of lower-case keys."""

    honorifics: frozenset[str]
    traditional: frozenset[str]
    heads: frozenset[str]
    strong: frozenset[str]
    modifiers: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    speech_verbs: frozenset[str]
    action_verbs: frozenset[str]
    function_words: frozenset[str]
    not_name: frozenset[str]

    @property
    def titles(self) -> frozenset[str]:
        """Words that make the phrase before a name a role: heads, traditional titles, honorifics."""
        return self.heads | self.traditional | self.honorifics

    @property
    def structural(self) -> frozenset[str]:
        """Capitalised words that are never part of a person's name."""
        return (self.titles | self.modifiers | self.connectors | self.function_words | self.not_name
                | self.speech_verbs | self.action_verbs)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged word lists, read once per process."""
    raw = json.loads(resources.files("briefing_tui.extract").joinpath("data/people.json").read_text(encoding="utf-8"))
    sets = {key: frozenset(w.lower() for w in words) for key, words in raw.items()}
    return Lexicon(
        honorifics=sets["honorifics"], traditional=sets["traditional_titles"], heads=sets["role_heads"],
        strong=sets["strong_titles"], modifiers=sets["role_modifiers"], particles=sets["particles"],
        connectors=sets["connectors"], speech_verbs=sets["speech_verbs"], action_verbs=sets["action_verbs"],
        function_words=sets["function_words"], not_name=sets["not_name_words"],
    )


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lex = lexicon()
    return lex.titles, lex.structural, lex.heads | lex.modifiers | lex.titles | lex.connectors


@lru_cache(maxsize=16384)
def name_key(word: str) -> str:
    """A name word for comparison: no accents, no case, one apostrophe, no Arabic article
    (cached: the same names recur in every sentence and document)."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).casefold().replace("’", "'")
    return _ARABIC_ARTICLE.sub("", word, count=1) if _ARABIC_ARTICLE.match(word) else word


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # lower case, ’ as '; an initial or abbreviation keeps its dot ("a.", "mr.")
    word: bool
    cap: bool
    possessive: bool  # "Ghana’s": the ’s is left out of text and span
    country: str | None


class _CountryIndex:
    """Which country a token overlaps, by bisecting the mentions' starts."""

    def __init__(self, countries: list[CountryMention]):
        spans = sorted((c.span.start, c.span.end, c.code) for c in countries)
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        # mentions never overlap in practice: then the ends are sorted too, and only the last
        # mention starting before `end` can reach into the token
        self.ends_sorted = all(a[1] <= b[1] for a, b in zip(spans, spans[1:]))

    def at(self, start: int, end: int) -> str | None:
        i = bisect_right(self.starts, end - 1) - 1
        if self.ends_sorted:
            return self.spans[i][2] if i >= 0 and self.spans[i][1] > start else None
        while i >= 0:
            s, e, code = self.spans[i]
            if e > start:
                return code
            if s < start - 200:
                return None
            i -= 1
        return None


def tokenize(text: str, start: int, end: int, countries: _CountryIndex | None = None) -> list[Token]:
    """Words and punctuation of text[start:end]; initials and abbreviations keep their dot."""
    honorifics = lexicon().honorifics
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        piece = m.group(0)
        if piece == "." and out and out[-1].end == s and out[-1].word and not out[-1].possessive and (
                _INITIAL.fullmatch(out[-1].text + ".") or out[-1].key + "." in honorifics):
            prev = out.pop()
            out.append(Token(prev.start, e, prev.text + ".", prev.key + ".", True, prev.cap, False, prev.country))
            continue
        shape = _shape(piece)
        if shape[4]:  # possessive
            e -= 2
        code = countries.at(s, e) if countries is not None and shape[3] else None
        out.append(_new_token(Token, (s, e, *shape, code)))
    return out


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of a NamedTuple: a token costs less


@lru_cache(maxsize=16384)
def _shape(piece: str) -> tuple[str, str, bool, bool, bool]:
    """(text, key, word, cap, possessive) of a token's characters, as `Token` has them
    (cached: the same words recur in every sentence)."""
    first = piece[0]
    word = first.isalnum() or first == "_"
    possessive = word and len(piece) > 2 and piece[-2] in "’'" and piece[-1] in "sS"
    if possessive:
        piece = piece[:-2]
    return piece, piece.lower().replace("’", "'"), word, first.isupper(), possessive


class _NameWords:
    """Whether a token can be part of a person's name; answers are cached per document."""

    def __init__(self, vocab: frozenset[str]):
        self.vocab = vocab
        self.cache: dict[str, bool] = {}
        self.candidates: dict[str, int] = {}  # `_candidate` of a word, for in_sentence

    def __call__(self, tok: Token) -> bool:
        if not tok.word or tok.country is not None or not (tok.cap or _may_be_lower_name(tok.text)):
            return False
        known = self.cache.get(tok.text)
        if known is None:
            known = self.cache[tok.text] = self._judge(tok)
        return known

    def flags(self, toks: list[Token]) -> list[bool]:
        """Name-word flags of a sentence's tokens. A capitalised word the article also uses in
        lower case is a first name when a name word follows it ("Patience Mensah"), except a
        sentence's first word ending like a verb or adverb ("Recalling Mensah's visit")."""
        flags = [self(t) for t in toks]
        for k in range(1, len(toks)):  # "King Mohammed VI"
            if flags[k - 1] and _ROMAN.fullmatch(toks[k].text) and toks[k].start - toks[k - 1].end <= 1:
                flags[k] = True
        for k in range(len(toks) - 2, -1, -1):
            t = toks[k]
            if flags[k] or not flags[k + 1] or not t.cap or t.country is not None or t.possessive:
                continue
            if toks[k + 1].start - t.end > 1 or (k == 0 and t.key.endswith(("ing", "ed", "ly"))):
                continue
            if t.key in self.vocab and not _DIGIT.search(t.text) and not (len(t.text) > 1 and t.text.isupper()) \
                    and t.key not in _sets()[1]:
                flags[k] = True
        return flags

    def _judge(self, tok: Token) -> bool:
        if _DIGIT.search(tok.text):
            return False
        if not tok.cap:
            return True  # "al-Sisi", "d’Estaing"
        return self.may_be_name(tok.text, tok.key)

    def may_be_name(self, text: str, key: str) -> bool:
        titles, structural, _ = _sets()
        if len(text) > 1 and text.isupper() or key in structural or key in self.vocab:
            return False
        return not ("-" in key and any(part in titles for part in key.split("-")))

    def in_sentence(self, text: str, start: int, end: int, countries: _CountryIndex) -> bool:
        """Whether text[start:end] has any word that may be a name, before tokenizing it."""
        for m in _CANDIDATE.finditer(text, start, end):
            word = m.group(0)
            candidate = self.candidates.get(word)
            if candidate is None:
                candidate = self.candidates[word] = self._candidate(word)
            if candidate == _ANY_PLACE or candidate == _OUTSIDE_COUNTRIES and countries.at(*m.span()) is None:
                return True
        return False

    def _candidate(self, word: str) -> int:
        """Where a `_CANDIDATE` word may be a name: anywhere (a lower-case name prefix), only
        outside a country mention, or nowhere."""
        if not word[0].isupper() or _LOWER_NAME.match(word):
            return _ANY_PLACE
        if word[-2:] in ("’s", "'s"):
            word = word[:-2]
        return _OUTSIDE_COUNTRIES if self.may_be_name(word, word.lower().replace("’", "'")) else _NOWHERE


_NOWHERE, _OUTSIDE_COUNTRIES, _ANY_PLACE = 0, 1, 2  # where a word may be part of a name


def _may_be_lower_name(text: str) -> bool:
    """`_LOWER_NAME.match(text)`, after the test for the marks every match has."""
    return ("-" in text or "’" in text or "'" in text) and _LOWER_NAME.match(text) is not None


def _titled(key: str) -> bool:
    """A title word, also inside a hyphenated one ("Ambassador-at-Large")."""
    titles = _sets()[0]
    return key in titles or ("-" in key and any(part in titles for part in key.split("-")))


def _is_initial(tok: Token) -> bool:
    return tok.text[-1] == "." and bool(_INITIAL.fullmatch(tok.text))


def _runs(toks: list[Token], flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) token index of each maximal name run; particles and initials only inside."""
    lex = lexicon()
    runs = []
    i, n = 0, len(toks)
    while i < n:
        if not (flags[i] or _is_initial(toks[i])):
            i += 1
            continue
        j = i
        while not toks[j].possessive:
            k = j + 1
            while k < n and toks[k].word and not toks[k].cap and toks[k].key in lex.particles:
                k += 1
            if k < n and (flags[k] or _is_initial(toks[k])) and toks[k].start - toks[k - 1].end <= 1:
                j = k
                continue
            break
        last = j
        while last > i and _is_initial(toks[last]):
            last -= 1
        if flags[last]:
            runs.append((i, last))
        i = j + 1
    return runs


@dataclass
class _Reading:
    """What the context says about one run."""

    person: bool = False
    role: str | None = None
    country: str | None = None


class _Context:
    """One sentence's tokens with the document around them."""

    def __init__(self, document: Document, toks: list[Token], flags: list[bool], after_honorific: bool = False):
        self.text = document.text
        self.toks = toks
        self.flags = flags
        self.authors = {_plain(name) for name in _AUTHORS_SPLIT.split(document.author or "") if name.strip()}
        self.after_honorific = after_honorific  # the splitter ended the last sentence at "H.E." or "Dr."

    def word(self, k: int) -> Token | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def left_stretch(self, i: int) -> list[int]:
        """Token indices of the title phrase just before run start i (may be empty)."""
        lex = lexicon()
        _, _, allowed_lower = _sets()
        picked: list[int] = []
        k = i - 1
        while k >= 0 and len(picked) < _MAX_STRETCH:
            t = self.toks[k]
            if not t.word:
                before = self.word(k - 1)
                if t.text != "," and not (t.text in "–—-" and before is not None and before.key in allowed_lower):
                    break  # a dash joins two titles ("Deputy Prime Minister – Minister of …"), nothing else
            elif t.text[0].isdigit():
                break
            elif t.country is None and not t.cap and t.key not in allowed_lower and not (
                    t.key in ("in", "to", "at") and (self.toks[k + 1].country or self.toks[k + 1].cap)):
                break  # "Ambassador to Egypt Ana Ruiz", "Director at Ministry of …, Ana Ruiz" go on
            elif self.flags[k] and (t.possessive or self.toks[k + 1].key in (",", "and") or k + 1 == i):
                break
            elif t.possessive and t.country is None and t.key not in lex.structural:
                break
            picked.append(k)
            k -= 1
        picked.reverse()
        return self._trim_stretch(picked)

    def _trim_stretch(self, picked: list[int]) -> list[int]:
        lex = lexicon()
        while True:  # a clause before a comma that holds no title is not part of the role
            comma = next((n for n, k in enumerate(picked) if self.toks[k].text == ","), None)
            if comma is None or any(_titled(self.toks[k].key) for k in picked[:comma]):
                break
            picked = picked[comma + 1:]
        while picked and (not self.toks[picked[0]].word or self.toks[picked[0]].key in lex.connectors
                          or self.toks[picked[0]].key in lex.function_words):
            picked = picked[1:]
        return picked

    def apposition(self, j: int) -> list[int]:
        """Token indices of a role in apposition after run end j: ", a spokesperson for ..."."""
        lex = lexicon()
        comma = self.word(j + 1)
        if comma is None or comma.text != ",":
            return []
        k = j + 2
        while (t := self.word(k)) is not None and t.key in _DETERMINERS:
            k += 1
        start, head = k, None
        while (t := self.word(k)) is not None and t.word and k - start <= _MAX_APPOSITION_LEAD:
            if t.key in _APPOSITION_STOP or t.key in lex.speech_verbs or t.key in lex.action_verbs:
                break
            if _titled(t.key):
                head = k
                break
            k += 1
        if head is None:
            return []
        end, k = head, head + 1
        while (t := self.word(k)) is not None:
            nxt = self.word(k + 1)
            if not t.word:
                if t.text == "," and nxt is not None and nxt.country is not None:
                    k += 1
                    continue
                break
            if t.key in _APPOSITION_STOP or (not t.cap and (t.key in lex.speech_verbs or t.key in lex.action_verbs)):
                break
            if t.key == "and" and nxt is not None and nxt.word and not nxt.cap and not _titled(nxt.key):
                break
            end = k
            k += 1
        return list(range(start, end + 1))

    def role(self, picked: list[int]) -> tuple[str | None, str | None]:
        """The role text of a title phrase, without its country, and that country."""
        lex = lexicon()
        toks = self.toks
        country = next((toks[k].country for k in picked if toks[k].country), None)
        while picked and (toks[picked[0]].country and not self._in_name(picked[0])
                          or toks[picked[0]].key in lex.honorifics or not toks[picked[0]].word
                          or toks[picked[0]].key in _COUNTRY_FORM):
            picked.pop(0)
        while picked and (toks[picked[-1]].country or not toks[picked[-1]].word
                          or toks[picked[-1]].key in lex.honorifics or toks[picked[-1]].key in _COUNTRY_FORM
                          or toks[picked[-1]].key in lex.connectors or toks[picked[-1]].key in ("in", "at")):
            picked.pop()
        if not any(_titled(toks[k].key) and toks[k].key not in lex.honorifics for k in picked):
            return None, country
        return self.text[toks[picked[0]].start:toks[picked[-1]].end], country

    def _in_name(self, k: int) -> bool:
        """A country word that begins a longer name ("the Accra Times", "Accra Hub CEO") stays in
        the role's text; one before a title ("Ghanaian Foreign Minister") does not."""
        if self.toks[k].possessive:
            return False
        lex = lexicon()
        named = False
        while (t := self.word(k + 1)) is not None and t.word and t.cap and t.country is None:
            if _titled(t.key):
                return named
            named = named or (t.key in lex.not_name and t.key not in lex.modifiers)
            k += 1
        return named

    def read(self, i: int, j: int, accepted_ends: set[int]) -> _Reading:
        """Whether run i..j names a person, and the role and country its context gives."""
        lex = lexicon()
        toks = self.toks
        prev, nxt = self.word(i - 1), self.word(j + 1)
        if prev is not None and prev.key == "the":
            return _Reading()
        if nxt is not None and nxt.word and nxt.cap and not toks[j].possessive and nxt.start - toks[j].end <= 1:
            return _Reading()  # part of a longer proper noun: "Sama Kura Wealth Fund"
        stretch = self.left_stretch(i)
        title_before = bool(stretch) and any(_titled(toks[k].key) for k in stretch) and not (
            prev is not None and prev.word and prev.key in lex.connectors)
        left_role, left_country = self.role(stretch) if title_before else (None, None)
        appos = self.apposition(j)
        right_role, right_country = self.role(appos) if appos else (None, None)
        role = left_role or right_role
        if left_role and right_role and all(toks[k].key in lex.traditional | lex.honorifics for k in stretch
                                            if _titled(toks[k].key)):
            role = right_role
        reading = _Reading(role=role, country=left_country or right_country or self._possessive_country(stretch, i))
        if j == i:  # one word: a person only right after a capitalised title ("President Owusu")
            reading.person = not (nxt is not None and nxt.key == "of") and (
                prev is not None and prev.cap and prev.key in lex.strong
                or prev is not None and prev.key == "and" and (i - 2) in accepted_ends)
            return reading
        spoken = (
            (nxt is not None and not nxt.cap and (nxt.key in lex.speech_verbs or nxt.key in lex.action_verbs))
            or (nxt is not None and nxt.text == "," and (w := self.word(j + 2)) is not None and w.key == "who")
            or (prev is not None and not prev.cap and prev.key in lex.speech_verbs)
            or (prev is not None and prev.key == "to" and (w := self.word(i - 2)) is not None
                and w.key == "according")
            or (prev is not None and prev.key == "by" and (w := self.word(i - 2)) is not None
                and w.key in _BY_PERSON)
        )
        listed = prev is not None and prev.key in ("and", ",") and (i - 2) in accepted_ends
        byline = _plain(self.text[toks[i].start:toks[j].end]) in self.authors
        if prev is not None and prev.country and not prev.possessive and toks[i].start - prev.end <= 1:
            spoken = listed = False  # "Ghana Cocoa Growers signed": a country's company, not a person
        if not (title_before or appos) and prev is not None and prev.text == ",":
            described = self.described_before(i - 1)
            if described:
                title_before = True
                reading.role, reading.country = self.role(described)
        reading.person = (title_before or bool(appos) or spoken or listed or byline
                          or (i == 0 and self.after_honorific))
        return reading

    def described_before(self, comma: int) -> list[int]:
        """"the head of the Ghanaian mission, Ama Owusu": a noun phrase with a role noun that
        opens with a determiner and ends at the comma before the name (else empty)."""
        lex = lexicon()
        k = comma - 1
        while k >= 0 and comma - k <= _MAX_APPOSITION_LEAD + 4:
            t = self.toks[k]
            if not t.word or t.key in lex.speech_verbs or t.key in lex.action_verbs or self.flags[k] and \
                    not _titled(t.key):
                return []
            before = self.word(k - 1)
            if t.key in _DETERMINERS and before is not None and before.key in ("of", "for", "to", "in", "at"):
                k -= 1  # "the head of the mission": the phrase goes on before "of the"
                continue
            if t.key in _DETERMINERS or t.possessive and t.country:
                phrase = list(range(k + (t.key in _DETERMINERS), comma))
                return phrase if any(_titled(self.toks[n].key) for n in phrase) else []
            k -= 1
        return []

    def _possessive_country(self, stretch: list[int], i: int) -> str | None:
        first = stretch[0] if stretch else i
        before = self.word(first - 1)
        return before.country if before is not None and before.possessive else None

    def title_prefix(self, i: int) -> int:
        """Index of the first capitalised title word right before i ("Deputy Minister" Owusu)."""
        lex = lexicon()
        k = i
        while k - 1 >= 0 and i - k < 4:
            t = self.toks[k - 1]
            if not (t.word and t.cap and (t.key in lex.heads or t.key in lex.modifiers or t.key in lex.traditional)):
                break
            k -= 1
        return k


@lru_cache(maxsize=1024)
def _plain(name: str) -> str:
    """A name as keys, for comparing it with the byline (cached: asked once per sentence)."""
    return " ".join(name_key(w) for w in re.findall(r"[^\W\d_][\w’'-]*", name))


@dataclass
class _Person:
    surface: str
    tokens: int
    surname: str
    given: list[str]
    order: int
    role: str | None = None
    country: str | None = None
    spans: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    last_seen: int = 0

    def add_full(self, surface: str, given: list[str], tokens: int) -> None:
        if (tokens, len(surface)) > (self.tokens, len(self.surface)):
            self.aliases.add(self.surface)
            self.surface, self.given, self.tokens = surface, given, tokens
        elif surface != self.surface:
            self.aliases.add(surface)


def _compatible(a: list[str], b: list[str]) -> bool:
    """Given names that can belong to one person: one missing, same first name, initial, subset."""
    if not a or not b or a[0] == b[0]:
        return True
    x, y = a[0], b[0]
    if (x.endswith(".") and y.startswith(x[0])) or (y.endswith(".") and x.startswith(y[0])):
        return True
    return set(a) <= set(b) or set(b) <= set(a)


class _People:
    """The persons of one document as they are found, in order."""

    def __init__(self) -> None:
        self.persons: list[_Person] = []
        self.by_surname: dict[str, list[_Person]] = {}  # a long article names thousands of people

    def add(self, person: _Person) -> None:
        self.persons.append(person)
        self.by_surname.setdefault(person.surname, []).append(person)

    def find(self, surname: str, given: list[str], pos: int) -> _Person | None:
        matches = [p for p in self.by_surname.get(surname, ()) if _compatible(given, p.given)]
        if not matches:
            return None
        before = [p for p in matches if p.order <= pos] or matches
        return max(before, key=lambda p: p.last_seen)

    def by_first_name(self, key: str) -> _Person | None:
        matches = [p for p in self.persons if p.given and p.given[0] == key]
        return matches[0] if len(matches) == 1 else None

    def by_name_word(self, key: str) -> _Person | None:
        """The one person with this word among their given names ("Wang" of "Wang Yi")."""
        matches = [p for p in self.persons if key in p.given]
        return matches[0] if len(matches) == 1 else None


def _name_parts(ctx: _Context, i: int, j: int) -> tuple[str, list[str]]:
    """(surname, given names) as keys; a regnal number is neither ("Mohammed VI"), and in a
    longer name the regnal name before it is no surname ("Ade Bola Ojaja II" is a Bola)."""
    lex = lexicon()
    keys = [name_key(t.text) for t in ctx.toks[i:j + 1] if t.cap or t.key not in lex.particles]
    if len(keys) > 1 and _ROMAN.fullmatch(ctx.toks[j].text):
        keys.pop()
        if len(keys) >= 3:
            regnal = keys.pop()
            return keys[-1], [*keys[:-1], regnal]
    return keys[-1], keys[:-1]


def extract_people(document: Document, sentences: list[Sentence],
                   countries: list[CountryMention]) -> list[PersonMention]:
    """One PersonMention per person the article names, with every span and alias."""
    name_word = _NameWords(frozenset(_LOWER_WORD.findall(document.text.replace("’", "'"))))
    index = _CountryIndex(countries)
    parsed = []
    honorific_end = False
    for sentence in sentences:
        after_honorific, honorific_end = honorific_end, _ends_with_honorific(sentence.text)
        if not name_word.in_sentence(document.text, sentence.start, sentence.end, index):
            continue
        toks = tokenize(document.text, sentence.start, sentence.end, index)
        flags = name_word.flags(toks)
        parsed.append((sentence, _Context(document, toks, flags, after_honorific), _runs(toks, flags)))
    people = _People()
    used: set[tuple[int, int]] = set()
    for sentence, ctx, runs in parsed:
        byline = _byline(ctx, runs)
        if sentence.kind not in ("body", "meta") and byline is None:
            continue
        accepted_ends: set[int] = set()
        for i, j in runs:
            reading = _Reading(person=True) if (i, j) == byline else ctx.read(i, j, accepted_ends)
            if not reading.person:
                continue
            accepted_ends.add(j)
            used.add((ctx.toks[i].start, ctx.toks[j].end))
            _record(people, document, sentence, ctx, i, j, reading)
    for sentence, ctx, runs in parsed:
        for i, j in runs:
            if (ctx.toks[i].start, ctx.toks[j].end) not in used:
                _link(people, document, sentence, ctx, i, j)
    return [_mention(document, p) for p in people.persons]


def _ends_with_honorific(text: str) -> bool:
    """`_HONORIFIC_END.search(text)`, looked for only in the last characters of a text that
    ends with a period (before a final newline, where `$` also matches)."""
    return text.endswith((".", ".\n")) and _HONORIFIC_END.search(text, max(0, len(text) - 8)) is not None


def _byline(ctx: _Context, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The run of a "By Ama Owusu" line, which the metadata parser may leave in the text."""
    toks = ctx.toks
    if len(runs) != 1 or runs[0][0] != 1 or toks[0].text != "By":
        return None
    rest = toks[runs[0][1] + 1:]
    return runs[0] if all(not t.word for t in rest[:1]) else None


def _record(people: _People, document: Document, sentence: Sentence, ctx: _Context, i: int, j: int,
            reading: _Reading) -> None:
    toks = ctx.toks
    start, end = toks[i].start, toks[j].end
    surname, given = _name_parts(ctx, i, j)
    surface = document.text[start:end]
    person = people.find(surname, given, start)
    if person is None and j == i:
        person = people.by_first_name(surname)
    if person is None:
        person = _Person(surface=surface, tokens=j - i + 1, surname=surname, given=given, order=start)
        people.add(person)
    elif j > i:
        person.add_full(surface, given, j - i + 1)
    person.role = person.role or reading.role
    person.country = person.country or reading.country
    _add_span(person, document, sentence, ctx, i, j)


def _link(people: _People, document: Document, sentence: Sentence, ctx: _Context, i: int, j: int) -> None:
    """A run that only refers back: a surname alone, a title + surname, a shorter form."""
    nxt = ctx.word(j + 1)
    if nxt is not None and nxt.word and nxt.cap and not ctx.toks[j].possessive and sentence.kind == "body":
        return  # "Owusu Foundation", "Owusu University": an organisation named after someone
    surname, given = _name_parts(ctx, i, j)
    start = ctx.toks[i].start
    person = people.find(surname, given, start)
    if person is None and j == i:
        person = people.by_first_name(surname) if ctx.title_prefix(i) < i else people.by_name_word(surname)
    if person is None and j > i and sentence.kind in ("title", "heading"):
        for k in range(i, j + 1):  # a headline capitalises every word: "Owusu Opens Embassy"
            _link(people, document, sentence, ctx, k, k)
        return
    if person is None:
        return
    if j > i:
        person.add_full(document.text[start:ctx.toks[j].end], given, j - i + 1)
    _add_span(person, document, sentence, ctx, i, j)


def _add_span(person: _Person, document: Document, sentence: Sentence, ctx: _Context, i: int, j: int) -> None:
    toks = ctx.toks
    start, end = toks[i].start, toks[j].end
    person.spans.append(Span(doc_id=document.id, sentence=sentence.index, start=start, end=end))
    person.last_seen = max(person.last_seen, start)
    surface = document.text[start:end]
    if surface != person.surface:
        person.aliases.add(surface)
    first = ctx.title_prefix(i)
    if first < i and (j == i or any(t.key in lexicon().traditional for t in toks[first:i])):
        person.aliases.add(document.text[toks[first].start:end])


def _mention(document: Document, person: _Person) -> PersonMention:
    spans = sorted(set(person.spans), key=lambda s: (s.start, s.end))
    aliases = sorted(a for a in person.aliases if a != person.surface)
    return PersonMention(id=stable_id("per", document.id, person.surface), doc_id=document.id,
                         name=person.surface, aliases=aliases, role=person.role, country=person.country,
                         spans=spans)


def person_spans(people: list[PersonMention]) -> list[tuple[int, int, PersonMention]]:
    """Every span of every person, in text order: what quotes look speakers up in."""
    return sorted(((s.start, s.end, p) for p in people for s in p.spans), key=lambda x: (x[0], x[1]))
