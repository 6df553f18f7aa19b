"""Figure groups across documents: agreement, conflict, undated claims, stable ids."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.models import Document, DocumentFacts, Figure, Span, stable_id
from briefing_tui.resolve.figures import APPROXIMATE_TOLERANCE, EXACT_TOLERANCE, group_figures, is_conflict


def doc(name: str, published: str | None = None, *figures: Figure) -> DocumentFacts:
    document = Document(id=f"doc-{name}", path=f"{name}.txt", text="x" * 200, content_hash=name,
                        published=published)
    return DocumentFacts(document=document, figures=list(figures))


_counter = itertools.count()


def fig(doc_name: str, value: float, *, kind: str = "trade_turnover", year: int | None = 2024, unit: str = "USD",
        countries: tuple[str, ...] = ("GHA", "PER"), approximate: bool = False, label: str = "trade") -> Figure:
    n = next(_counter)
    return Figure(id=stable_id("fig", doc_name, n), doc_id=f"doc-{doc_name}", kind=kind, value=value, unit=unit,
                  year=year, approximate=approximate, countries=list(countries), label=label, evidence="e",
                  span=Span(doc_id=f"doc-{doc_name}", sentence=0, start=n % 100, end=n % 100 + 1))


def test_the_same_measure_from_several_sources_is_one_group_without_conflict():
    a, b = fig("a", 783e6), fig("b", 783e6, countries=("PER", "GHA"), label="bilateral trade volume")
    groups = group_figures([doc("a", None, a), doc("b", None, b)])
    assert len(groups) == 1
    group = groups[0]
    assert (group.kind, group.year, group.unit, group.countries) == ("trade_turnover", 2024, "USD", ["GHA", "PER"])
    assert set(group.figure_ids) == {a.id, b.id} and group.values == [783e6, 783e6]
    assert not group.conflict
    assert a.group_id == b.group_id == group.id


def test_rounding_is_not_a_conflict_but_a_real_difference_is():
    close = group_figures([doc("a", None, fig("a", 783e6)), doc("b", None, fig("b", 790e6))])
    assert not close[0].conflict  # under 2 % apart
    apart = group_figures([doc("a", None, fig("a", 783e6)), doc("b", None, fig("b", 850e6))])
    assert apart[0].conflict


def test_an_undated_claim_joins_the_latest_year_of_its_measure_and_may_conflict():
    old, recent = fig("a", 1e9, year=2022), fig("a", 783e6, year=2024)
    claim = fig("b", 1e9, year=None, approximate=True)
    groups = group_figures([doc("a", "2025-06-03", old, recent), doc("b", None, claim)])
    assert [(g.year, g.conflict) for g in groups] == [(2024, True)]
    assert claim.group_id == recent.group_id and old.group_id is None


def test_an_undated_claim_only_describes_years_near_its_publication():
    recent = fig("a", 783e6, year=2024)
    old_claim = fig("b", 300e6, year=None, approximate=True)
    other_claim = fig("c", 310e6, year=None)
    groups = group_figures([doc("a", None, recent), doc("b", "2015-02-01", old_claim),
                            doc("c", "2015-03-01", other_claim)])
    assert [(g.year, g.conflict) for g in groups] == [(None, False)]  # the two 2015 claims agree with each other
    assert recent.group_id is None


def test_an_approximate_claim_near_the_exact_value_agrees():
    exact = fig("a", 783e6)
    about = fig("b", 800e6, year=None, approximate=True)
    groups = group_figures([doc("a", None, exact), doc("b", None, about)])
    assert len(groups) == 1 and not groups[0].conflict
    assert is_conflict([exact, fig("c", 1e9, approximate=True)])


def test_different_countries_years_units_or_kinds_are_different_measures():
    figures = [fig("a", 5e6), fig("b", 5e6, countries=("GHA", "CHL")), fig("c", 5e6, year=2023),
               fig("d", 5e6, unit="EUR"), fig("e", 5e6, kind="export")]
    docs = [doc(f.doc_id.removeprefix("doc-"), None, f) for f in figures]
    assert group_figures(docs) == []
    assert all(f.group_id is None for f in figures)


def test_shares_and_investments_need_the_same_label():
    cocoa_a = fig("a", 61, kind="share", unit="%", year=None, label="cocoa beans")
    cocoa_b = fig("b", 58, kind="share", unit="%", year=None, label="Cocoa beans")
    gold = fig("c", 20, kind="share", unit="%", year=None, label="gold")
    plant = fig("a", 33e6, kind="investment", year=None, label="investment in a pharmaceutical plant")
    fdi = fig("b", 106e6, kind="investment", year=None, label="investment from partners")
    groups = group_figures([doc("a", None, cocoa_a, plant), doc("b", None, cocoa_b, fdi), doc("c", None, gold)])
    assert [(g.kind, g.values, g.conflict) for g in groups] == [("share", [61, 58], True)]


def test_other_figures_and_figures_without_countries_are_not_grouped():
    docs = [doc("a", None, fig("a", 95, kind="other", unit="%", label="the country")),
            doc("b", None, fig("b", 95, kind="other", unit="%", label="the country")),
            doc("c", None, fig("c", 5e6, countries=())), doc("d", None, fig("d", 5e6, countries=()))]
    assert group_figures(docs) == []


def test_group_ids_are_deterministic_and_stale_ids_are_cleared():
    def build():
        a, b = fig("a", 783e6), fig("b", 850e6)
        return a, b, group_figures([doc("b", None, b), doc("a", None, a)])

    first = build()[2]
    a, b, second = build()
    assert [g.id for g in first] == [g.id for g in second]
    assert second[0].figure_ids == [a.id, b.id]  # document order, whatever order they came in
    lone = fig("z", 1.0)
    lone.group_id = "grp-stale"
    group_figures([doc("z", None, lone)])
    assert lone.group_id is None


def test_one_documents_own_values_are_no_group_and_no_conflict():
    then, now = fig("a", 10e6, year=None, approximate=True), fig("a", 48e6, year=None)
    assert group_figures([doc("a", None, then, now)]) == []
    dated = fig("b", 50e6)
    assert group_figures([doc("a", None, then, now), doc("b", None, dated)]) == []  # several times, not the present
    again_a, again_b, other = fig("c", 5e6), fig("c", 5e6), fig("d", 5e6)  # a document may repeat itself
    groups = group_figures([doc("c", None, again_a, again_b), doc("d", None, other)])
    assert len(groups) == 1 and groups[0].values == [5e6, 5e6, 5e6] and not groups[0].conflict
    assert not is_conflict([fig("e", 5e6), fig("e", 9e6)])  # one document's values never conflict


def test_resolve_sets_the_corpus_groups():
    from briefing_tui.resolve import resolve

    a, b = fig("a", 783e6), fig("b", 1e9, year=None, approximate=True)
    corpus = resolve([doc("a", None, a), doc("b", None, b)])
    assert len(corpus.figure_groups) == 1 and corpus.figure_groups[0].conflict


def _pairwise_conflict(figures: list[Figure]) -> bool:
    """The definition, pair by pair: two documents' values apart beyond their tolerance."""
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            tolerance = APPROXIMATE_TOLERANCE if (a.approximate or b.approximate) else EXACT_TOLERANCE
            if a.doc_id != b.doc_id and abs(a.value - b.value) > tolerance * max(abs(a.value), abs(b.value)):
                return True
    return False


@given(st.lists(st.tuples(st.sampled_from("abc"), st.floats(min_value=-1e12, max_value=1e12), st.booleans()),
                max_size=8))
def test_is_conflict_agrees_with_the_pairwise_definition(items):
    figures = [fig(name, value, approximate=approx) for name, value, approx in items]
    assert is_conflict(figures) == _pairwise_conflict(figures)


def test_a_measure_repeated_twenty_thousand_times_groups_in_linear_time():
    many = [fig("huge", 12.0, kind="growth", unit="%", year=2023, label="trade") for _ in range(20_000)]
    other = fig("small", 12.5, kind="growth", unit="%", year=2023, label="trade")
    groups = group_figures([doc("huge", None, *many), doc("small", None, other)])  # every pair: 200 million
    assert len(groups) == 1 and len(groups[0].figure_ids) == 20_001 and groups[0].conflict
