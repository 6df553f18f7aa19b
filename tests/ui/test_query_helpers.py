"""The small pure helpers the UI added to briefing_tui.query, and the worker's compute_results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.models import Figure, Span
from briefing_tui.query import (
    Filters,
    exports_imports_by_year,
    format_value,
    share_direction,
    trade_shares,
    turnover_by_year,
)
from briefing_tui.ui.results import compute_results
from briefing_tui.ui.text import count_of
from briefing_tui.ui.widgets.trade import bar, value_range


@pytest.mark.parametrize(("value", "unit", "approximate", "text"), [
    (783e6, "USD", False, "$783 million"),
    (15.1, "%", False, "15.1 %"),
    (12, "%", False, "12 %"),
    (2.3e9, "EUR", False, "€2.3 billion"),
    (5e9, "KZT", False, "KZT 5 billion"),
    (250e6, "USD", True, "~$250 million"),
    (5000, "USD", False, "$5,000"),
    (1.234e6, "ZAR", False, "ZAR 1.23 million"),
    (-3e6, "USD", False, "-$3 million"),
    (1.5e12, "USD", False, "$1.5 trillion"),
])
def test_format_value(value, unit, approximate, text):
    assert format_value(value, unit, approximate) == text


def test_value_range_and_bars():
    assert value_range(210e6, 250e6, "USD") == "$210–250 million"
    assert value_range(9e8, 1.2e9, "USD") == "$900 million – $1.2 billion"
    assert value_range(5e9, 7e9, "KZT") == "KZT 5–7 billion"
    assert bar(0.5, 10) == "█████     "
    assert bar(0.5, 1) == "▌" and bar(3 / 8, 1) == "▍"
    assert bar(2.0, 4) == "████" and bar(-1, 3) == "   "


def test_turnover_bars_join_sources_of_one_measure_and_mark_conflicts(fixture_index):
    bars = turnover_by_year(fixture_index, fixture_index.figures)
    assert len(bars) == 1  # the undated ~$250 million belongs to the 2023 group
    (only,) = bars
    assert only.year == 2023 and only.countries == ("CHL", "GHA") and only.conflict
    assert (only.low, only.high) == (210e6, 250e6)


def _figure(n: int, kind: str, value: float, year: int | None, countries: list[str], label: str = "x") -> Figure:
    return Figure(id=f"fig-{n}", doc_id="d", kind=kind, value=value, unit="USD" if kind != "share" else "%",
                  year=year, countries=countries, label=label, evidence="e",
                  span=Span(doc_id="d", sentence=0, start=0, end=1))


def test_pairs_are_never_added_up_and_exports_meet_imports(fixture_index):
    figures = [_figure(1, "trade_turnover", 100, 2024, ["GHA", "CHL"]),
               _figure(2, "trade_turnover", 300, 2024, ["GHA", "KAZ"]),
               _figure(3, "export", 60, 2024, ["GHA", "CHL"]), _figure(4, "import", 40, 2024, ["CHL", "GHA"])]
    bars = turnover_by_year(fixture_index, figures)
    assert [(b.countries, b.high, b.conflict) for b in bars] == [(("CHL", "GHA"), 100, False),
                                                                  (("GHA", "KAZ"), 300, False)]
    (flow,) = exports_imports_by_year(fixture_index, figures)
    assert (flow.year, flow.exports, flow.imports) == (2024, 60, 40)


def test_shares_grouped_by_flow():
    shares = [_figure(1, "share", 20, None, [], "gold (exports)"), _figure(2, "share", 61, None, [], "cocoa (exports)"),
              _figure(3, "share", 30, None, [], "fuel imports"), _figure(4, "share", 5, None, [], "other")]
    groups = trade_shares(shares)
    assert [f.label for f in groups["exports"]] == ["cocoa (exports)", "gold (exports)"]
    assert [f.label for f in groups["imports"]] == ["fuel imports"] and share_direction(shares[3]) == "other"


FILTERS = [Filters(), Filters(text="vidal"), Filters(text="vid"), Filters(text="vidal cocoa"),
           Filters(topics=frozenset({"trade"})), Filters(year_from=2024), Filters(year_to=2023),
           Filters(speaker="nobody"), Filters(countries=frozenset({"GHA"}), text="talks")]


@pytest.mark.parametrize("filters", FILTERS)
def test_lists_and_country_counts_agree_with_the_fact_by_fact_reading(fixture_index, filters):
    """The column path (sets, joined-text search, kept results) against `Index.matches`."""
    index = fixture_index
    for text in ("v", "vi", filters.text):  # typing first: kept results must not leak into later ones
        index.timeline(filters.with_(text=text))
    for kind, listed in (("events", index.timeline(filters)), ("quotes", index.quote_list(filters)),
                         ("figures", index.figure_list(filters)), ("people", index.people_list(filters))):
        everything = {"events": index.events, "quotes": index.quotes, "figures": index.figures,
                      "people": sorted(index.people.values(), key=lambda p: p.name)}[kind]
        assert listed == [f for f in everything if index.matches(f.id, filters)], kind
    unscoped = filters.with_(countries=frozenset())
    for country, counts in index.country_counts(filters):
        for kind, facts in (("events", index.events), ("quotes", index.quotes), ("figures", index.figures),
                            ("people", index.people.values())):
            expected = sum(1 for f in facts if index.matches(f.id, unscoped) and country.code in index.keys[f.id].countries)
            assert counts[kind] == expected, (country.code, kind)


def test_compute_results_counts_and_hides_countries_without_matches(fixture_index):
    everything = compute_results(fixture_index, Filters())
    assert everything.count("timeline") == (4, 4) and everything.count("countries") == (2, 2)
    nothing = compute_results(fixture_index, Filters(text="zzqx"))
    assert nothing.count("timeline") == (0, 4) and nothing.countries == []
    ghana = compute_results(fixture_index, Filters(countries=frozenset({"GHA"})))
    assert [c.code for c, _ in ghana.countries] == ["GHA"]


def test_other_reports_name_who_disagrees_first(fixture_index):
    by_doc = {f.doc_id: f for f in fixture_index.figures if f.kind == "trade_turnover"}
    first, second = sorted(by_doc.values(), key=lambda f: f.value)
    assert fixture_index.other_reports(first) == [(second, True)]
    agreeing = second.model_copy(update={"id": "fig-agreeing", "value": first.value, "approximate": False})
    fixture_index._by_id[agreeing.id] = agreeing
    group = fixture_index.figure_groups[first.group_id]
    group.figure_ids.append(agreeing.id)
    assert fixture_index.other_reports(first) == [(second, True), (agreeing, False)]


def test_other_reports_load_nothing_of_the_resolve_package(fixture_store):
    """The Trade pane names the other sources of a conflict with the build's rule, which
    lives outside briefing_tui.resolve: importing that package cost the first Trade pane
    with a conflict about 0.4 s."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing_tui.query import load_index\n"
        f"index = load_index(Path({str(fixture_store)!r}))\n"
        "reports = sum(len(index.other_reports(f)) for f in index.figures)\n"
        "print(reports > 0, sorted(m for m in sys.modules if m.startswith('briefing_tui.resolve')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True []"


@pytest.mark.parametrize("kind", ["turnover", "composition"])
def test_a_chart_is_rendered_once_for_each_width(kind, fixture_index):
    """Textual renders a Static's content twice when it is shown (its height, then its
    lines): a chart's lines are made once for a width, and they are the lines it draws."""
    from rich.console import Console

    from briefing_tui.ui.widgets import trade

    results = compute_results(fixture_index, Filters(), "trade")

    def chart():
        if kind == "turnover":
            return trade.TurnoverChart(fixture_index, results.turnover)
        return trade.CompositionChart(fixture_index, results.shares, results.exports_imports,
                                      results.share_label_lengths)

    def text(renderable, width):
        console = Console(width=width, record=True)
        console.print(renderable)
        return console.export_text(styles=True)

    drawn, made = chart(), []
    real_lines = drawn.lines
    drawn.lines = lambda width: made.append(width) or real_lines(width)
    for width in (80, 80, 80, 50, 50):
        assert text(drawn, width) == text(chart(), width)
    assert made == [80, 50]
    assert "Trade turnover by year" in text(drawn, 80) or "Composition of trade" in text(drawn, 80)


def test_the_share_label_lengths_are_made_with_the_trade_part_off_the_ui_thread(fixture_index):
    results = compute_results(fixture_index, Filters())
    assert "share_label_lengths" not in results.__dict__ and not results.ready("trade")
    results.prepare("trade")
    assert results.ready("trade")
    assert results.shares  # the fixture has share figures
    assert results.share_label_lengths == {flow: max(len(f.label) for f in figures)
                                           for flow, figures in results.shares.items()}


def test_composition_chart_reads_each_label_once_however_often_it_is_drawn(monkeypatch):
    """Textual renders the chart again to measure it at every layout of the Trade pane: the
    labels drawn are cleaned once, and those not drawn never (the longest label, here past
    the bars shown, still sets the label column, from the results' label lengths)."""
    from rich.console import Console

    from briefing_tui.query import Index
    from briefing_tui.ui.widgets import trade

    figures = [_figure(n, "share", 1.0, None, [], f"item {n}") for n in range(trade.MAX_BARS + 40)]
    figures[-1] = _figure(999, "share", 1.0, None, [], "a much longer label of the last")
    chart = trade.CompositionChart(Index(), {"exports": figures}, [], {"exports": len(figures[-1].label)})
    console = Console(width=80, record=True)
    calls = []
    real = trade.clean
    monkeypatch.setattr(trade, "clean", lambda text: calls.append(text) or real(text))
    for _ in range(3):
        console.print(chart)
    assert "a much longer label of the last" not in calls  # not drawn: its length is its cleaned length
    assert len(calls) == trade.MAX_BARS  # the labels drawn, once: the chart's lines are kept for the width
    assert "item 0" + " " * (26 - len("item 0")) in console.export_text()


def test_counts_say_one_document_and_several_documents():
    assert [count_of(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
