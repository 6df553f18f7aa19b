"""People across documents: same name, shorter forms, spelling variants and surnames alone merge
with a note saying why; people who only share a surname never do."""

from __future__ import annotations

import random

from briefing_tui.models import Document, DocumentFacts, PersonMention, Quote, Span, stable_id
from briefing_tui.resolve import resolve
from briefing_tui.resolve.people import merge_people, normal_name


def mention(doc: str, name: str, role: str | None = None, country: str | None = None,
            aliases: tuple[str, ...] = ()) -> PersonMention:
    return PersonMention(id=stable_id("per", doc, name), doc_id=f"doc-{doc}", name=name, aliases=list(aliases),
                         role=role, country=country,
                         spans=[Span(doc_id=f"doc-{doc}", sentence=0, start=0, end=len(name))])


def docs(*mentions: PersonMention) -> list[DocumentFacts]:
    by_doc: dict[str, list[PersonMention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    return [DocumentFacts(document=Document(id=doc_id, path=f"{doc_id}.txt", text="x" * 100, content_hash=doc_id),
                          people=people) for doc_id, people in by_doc.items()]


def test_the_same_name_in_two_documents_is_one_person():
    a = mention("a", "Mwila Banda", "President", "ZMB", aliases=("Banda",))
    b = mention("b", "Mwila  BANDA", "President", "ZMB")
    (person,) = merge_people(docs(a, b))
    assert person.doc_ids == ["doc-a", "doc-b"] and set(person.mention_ids) == {a.id, b.id}
    assert "Banda" in person.aliases
    assert [n.reason for n in person.merges] == ["same name"]


def test_a_shorter_form_joins_the_full_name():
    full = mention("a", "Tomas Ignacio Vidal", "Minister of Foreign Affairs", "CHL")
    short = mention("b", "Tomas Vidal", "Foreign Minister", "CHL")
    (person,) = merge_people(docs(full, short))
    assert person.name == "Tomas Ignacio Vidal" and "Tomas Vidal" in person.aliases
    (note,) = person.merges
    assert note.name == "Tomas Vidal" and "shorter form" in note.reason


def test_a_spelling_variant_with_agreeing_context_merges_with_its_score():
    a = mention("a", "Kwame Jean-Paul Mensah", "Minister of Foreign Affairs", "GHA")
    b = mention("b", "Kwami Mensah", "Minister of Foreign Affairs, Regional Integration and Diaspora", None)
    (person,) = merge_people(docs(a, b))
    (note,) = person.merges
    assert "spelling variant" in note.reason and 80 <= note.score < 100
    assert person.country == "GHA"


def test_an_initial_joins_the_first_name_when_the_context_agrees():
    people = merge_people(docs(mention("a", "Tomas Vidal", "Minister of Mining", "CHL"),
                               mention("b", "T. Vidal", "Mining Minister", "CHL")))
    (person,) = people
    assert "initial" in person.merges[0].reason


def test_a_spelling_variant_without_shared_context_stays_apart():
    a = mention("a", "Kwame Mensah")
    b = mention("b", "Kwami Mensah")
    assert len(merge_people(docs(a, b))) == 2


def test_people_who_only_share_a_surname_stay_apart():
    cases = [
        (mention("a", "Kwame Mensah", "Minister of Trade", "GHA"), mention("b", "Kofi Mensah", "Minister of Trade", "GHA")),
        (mention("a", "Kwame Mensah", "Ambassador", "GHA"), mention("b", "Kwami Mensah", "Ambassador", "ZMB")),
        (mention("a", "Kwame Mensah", "President", "GHA"), mention("b", "Kwami Mensah", "football coach", "GHA")),
    ]
    for a, b in cases:
        assert len(merge_people(docs(a, b))) == 2, (a.name, b.name)


def test_a_surname_alone_joins_the_one_agreeing_full_name():
    alone = mention("b", "Banda", "President", None, aliases=("President Banda",))
    full = mention("a", "Mwila Banda", "President", "ZMB")
    other = mention("c", "Chanda Banda", "Minister of Finance", "ZMB")
    people = merge_people(docs(alone, full, other))
    merged = next(p for p in people if p.name == "Mwila Banda")
    assert set(merged.mention_ids) == {alone.id, full.id}
    assert {"Banda", "President Banda"} <= set(merged.aliases)
    assert "surname alone" in merged.merges[0].reason


def test_a_surname_alone_with_two_agreeing_candidates_stays_alone():
    alone = mention("b", "Banda", "Minister", "ZMB")
    people = merge_people(docs(alone, mention("a", "Mwila Banda", "Minister", "ZMB"),
                               mention("c", "Chanda Banda", "Minister", "ZMB")))
    assert len(people) == 3


def test_a_surname_alone_with_a_conflicting_country_stays_alone():
    people = merge_people(docs(mention("b", "Vidal", "President", "PER"), mention("a", "Tomas Vidal", "President", "CHL")))
    assert len(people) == 2


def test_ids_are_stable_and_independent_of_document_order():
    mentions = [mention("a", "Mwila Banda", "President", "ZMB"), mention("b", "Banda", "President"),
                mention("c", "Tomas Vidal", "Minister", "CHL"), mention("d", "Tomas Ignacio Vidal", "Minister", "CHL")]
    first = merge_people(docs(*mentions))
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    second = merge_people(docs(*shuffled))
    assert [(p.id, p.name, sorted(p.mention_ids)) for p in first] == [
        (p.id, p.name, sorted(p.mention_ids)) for p in second]
    assert {p.id for p in first} == {stable_id("per", normal_name("Mwila Banda")),
                                     stable_id("per", normal_name("Tomas Ignacio Vidal"))}


def test_resolve_gives_quotes_the_merged_speaker():
    a = mention("a", "Mwila Banda", "President", "ZMB")
    b = mention("b", "Banda", "President")
    facts = docs(a, b)
    facts[1].quotes.append(Quote(id="quo-1", doc_id="doc-b", text="x", speaker="Banda", speaker_mention_id=b.id,
                                 span=Span(doc_id="doc-b", sentence=0, start=0, end=1)))
    corpus = resolve(facts)
    (person,) = corpus.people
    assert corpus.documents[1].quotes[0].speaker_id == person.id


def test_normal_name_ignores_case_accents_dots_and_apostrophes():
    assert normal_name("Karamoko Traoré") == normal_name("KARAMOKO TRAORE")
    assert normal_name("Ozhet A. Shegirbayev") == "ozhet a shegirbayev"
    assert normal_name("Denis N’Guesso") == normal_name("Denis N'Guesso")
