"""One person under many names across documents (aliases, titles, spelling variants).

Mentions join in three steps, each recorded as a MergeNote on the joining mention:

1. **Same name.** Full names equal after normalising case, accents, apostrophes and dots.
2. **Shorter form or spelling variant** of a full name with the same surname: given names
   that are a subset of the other's ("Ama Owusu" / "Ama Serwaa Owusu"), with no
   conflicting country or role; an initial ("A. Owusu") or a first name one letter off by
   rapidfuzz ("Kwame" / "Kwami") only when country or role is positively shared as well.
   Two people who merely share a surname stay apart.
3. **Surname alone** ("Owusu" from "President Owusu"): joins the one full-name person with
   that surname whose country and role agree (and share at least one of them); with two
   such candidates, or none, it stays a person of its own.

The merged person takes the longest name, the most frequent role and country, and every
other name as an alias. Its id derives from that name, so rebuilds give the same ids.

Every join is between mentions of one surname, so each surname's people can be merged on
their own: an incremental build merges again only the surnames its changed documents
name, from `Mention`s (what merging reads of a PersonMention, kept by the store as rows).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from briefing_tui.extract.people import name_key
from briefing_tui.models import DocumentFacts, MergeNote, Person, PersonMention, stable_id

__all__ = ["Mention", "merge_mentions", "merge_people", "mention_of_row", "normal_name", "person_key", "surname"]

_FIRST_NAME_SCORE = 80.0  # rapidfuzz ratio of two first names that are one person's spelling variants
_ROLE_SCORE = 80.0  # token-set ratio of two roles that describe the same office
_ROLE_NOISE = frozenset("of the and for a an former then current acting".split())
_WORD = re.compile(r"[^\W\d_][\w’'-]*\.?")


@lru_cache(maxsize=1 << 16)
def normal_name(name: str) -> str:
    """A name for grouping: lower case, no accents, no dots, single spaces (cached: a build
    asks several times for each of its mentions' names, and the same names recur)."""
    return " ".join(name_key(w).rstrip(".") for w in _WORD.findall(name))


class Mention(NamedTuple):
    """What merging reads of a PersonMention (no spans): the form a store keeps of every mention."""

    doc_id: str
    id: str
    name: str
    aliases: list[str]
    role: str | None
    country: str | None


AnyMention = PersonMention | Mention


def surname(name: str) -> str:
    """The key people are merged within: the last word of the normalised name."""
    words = normal_name(name).split()
    return words[-1] if words else ""


def mention_of_row(row: dict[str, Any]) -> Mention:
    """The Mention of a person_mentions row."""
    return Mention(row["doc_id"], row["id"], row["name"], row.get("aliases") or [], row.get("role"), row.get("country"))


def person_key(person: dict[str, Any]) -> tuple[str, str]:
    """Where a person (a row) sorts among the people."""
    return normal_name(person["name"]), person["id"]


def _parts(mention: AnyMention) -> tuple[str, list[str]]:
    words = normal_name(mention.name).split()
    return (words[-1], words[:-1]) if words else ("", [])


def _role_words(role: str | None) -> str:
    if not role:
        return ""
    text = unicodedata.normalize("NFKC", role).lower()
    return " ".join(w for w in re.findall(r"[^\W\d_]+", text) if w not in _ROLE_NOISE)


@dataclass
class _Agreement:
    conflict: bool
    shared: list[str]


def _agreement(a: AnyMention, b: AnyMention) -> _Agreement:
    """Whether two mentions' countries and roles can describe one person, and what they share."""
    shared = []
    if a.country and b.country:
        if a.country != b.country:
            return _Agreement(True, [])
        shared.append(f"country {a.country}")
    ra, rb = _role_words(a.role), _role_words(b.role)
    if ra and rb:
        score = fuzz.token_set_ratio(ra, rb)
        if score < _ROLE_SCORE:
            return _Agreement(True, [])
        shared.append(f"role '{a.role}' ~ '{b.role}'")
    return _Agreement(False, shared)


class _Groups:
    """Union-find over mentions, with the note that explains each join."""

    def __init__(self, mentions: list[AnyMention]):
        self.parent = {m.id: m.id for m in mentions}
        self.notes: dict[str, MergeNote] = {}

    def find(self, mid: str) -> str:
        while self.parent[mid] != mid:
            self.parent[mid] = self.parent[self.parent[mid]]
            mid = self.parent[mid]
        return mid

    def join(self, keep: AnyMention, other: AnyMention, reason: str, score: float) -> None:
        a, b = self.find(keep.id), self.find(other.id)
        if a == b:
            return
        self.parent[b] = a
        self.notes.setdefault(other.id, MergeNote(mention_id=other.id, name=other.name, reason=reason,
                                                  score=round(score, 1)))


def _variant(a: AnyMention, b: AnyMention) -> tuple[str, float] | None:
    """(reason, score) when two full names with one surname are one person's, else None."""
    _, given_a = _parts(a)
    _, given_b = _parts(b)
    agreement = _agreement(a, b)
    if agreement.conflict:
        return None
    context = "; ".join(agreement.shared)
    sa, sb = set(given_a), set(given_b)
    first_a, first_b = given_a[0], given_b[0]
    if first_a == first_b and (sa <= sb or sb <= sa):
        return f"shorter form of the same name ({context or 'no conflicting country or role'})", 100.0
    if not agreement.shared:
        return None
    short, long = sorted((first_a, first_b), key=len)
    if len(short) == 1 and long.startswith(short) and min(len(given_a), len(given_b)) == 1:
        return f"initial of the first name, same surname ({context})", 100.0
    score = fuzz.ratio(first_a, first_b)
    if score >= _FIRST_NAME_SCORE and Levenshtein.distance(first_a, first_b) <= 2:
        return f"spelling variant of the first name, same surname ({context})", score
    return None


def merge_people(documents: list[DocumentFacts]) -> list[Person]:
    return merge_mentions(m for facts in documents for m in facts.people)


def merge_mentions(mentions: Iterable[AnyMention]) -> list[Person]:
    """The people of the mentions: all mentions of a surname must be given, or none of them."""
    mentions = sorted(mentions, key=lambda m: (m.doc_id, m.id))
    groups = _Groups(mentions)
    by_name: dict[str, AnyMention] = {}
    for m in mentions:
        key = normal_name(m.name)
        if key in by_name:
            groups.join(by_name[key], m, "same name", 100.0)
        else:
            by_name[key] = m
    by_surname: dict[str, list[AnyMention]] = {}
    for m in by_name.values():
        by_surname.setdefault(_parts(m)[0], []).append(m)
    for surname, named in by_surname.items():
        full = [m for m in named if _parts(m)[1]]
        for i, a in enumerate(full):
            for b in full[i + 1:]:
                found = _variant(a, b)
                if found is not None:
                    groups.join(a, b, *found)
        for alone in (m for m in named if not _parts(m)[1]):
            _join_surname(groups, alone, full)
    return _people(mentions, groups)


def _join_surname(groups: _Groups, alone: AnyMention, full: list[AnyMention]) -> None:
    """A surname-only mention joins the single full-name person whose context agrees."""
    agreeing = {}
    for m in full:
        agreement = _agreement(alone, m)
        if not agreement.conflict and agreement.shared:
            agreeing.setdefault(groups.find(m.id), (m, agreement))
    if len(agreeing) == 1:
        m, agreement = next(iter(agreeing.values()))
        groups.join(m, alone, f"surname alone ({'; '.join(agreement.shared)})", 100.0)


def _most_common(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    best = max(counted.values())
    return next(v for v in values if v and counted[v] == best)


def _people(mentions: list[AnyMention], groups: _Groups) -> list[Person]:
    members: dict[str, list[AnyMention]] = {}
    for m in mentions:
        members.setdefault(groups.find(m.id), []).append(m)
    people = []
    for group in members.values():
        names = Counter(m.name for m in group)
        name = max(names, key=lambda n: (len(normal_name(n).split()), names[n], len(n), n))
        aliases = sorted({a for m in group for a in (m.name, *m.aliases)} - {name})
        people.append(Person(
            id=stable_id("per", normal_name(name)),
            name=name,
            aliases=aliases,
            role=_most_common([m.role for m in group]),
            country=_most_common([m.country for m in group]),
            doc_ids=sorted({m.doc_id for m in group}),
            mention_ids=[m.id for m in group],
            merges=[groups.notes[m.id] for m in group if m.id in groups.notes],
        ))
    return sorted(people, key=lambda p: (normal_name(p.name), p.id))
