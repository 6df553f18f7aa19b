"""Enter on any row opens its source with the evidence highlighted; the document's other facts are one key away."""

from __future__ import annotations

from conftest import SIZE, ready, screen_text, settle

from briefing_tui.models import Event, Figure, Quote
from briefing_tui.ui.screens.document import DocumentScreen
from briefing_tui.ui.widgets.document_view import DocumentView


def view(app) -> DocumentView:
    assert isinstance(app.screen, DocumentScreen)
    return app.screen.query_one(DocumentView)


def evidence_on_screen(app) -> bool:
    """The highlighted evidence is inside the visible lines of the document view."""
    v = view(app)
    first = v.line_of(v.evidence[0])
    last = v.line_of(v.evidence[1] - 1)
    return first in v.visible_lines() and last in v.visible_lines()


async def test_enter_opens_the_source_with_the_evidence_highlighted(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "enter")  # the agreement of 2024-03-12
        await settle(pilot)
        text = screen_text(app)
        assert "Accra Hosts Talks on Cocoa and Minerals" in text and "accra-talks.txt · 2024-03-12" in text
        assert view(app).highlighted_text == "signed a Memorandum of Understanding on mining cooperation"
        assert evidence_on_screen(app)
        assert "Facts here: 2 of 7" in text
        # the evidence is painted with the evidence style, the rest of its sentence with the sentence style
        v = view(app)
        line = v.line_of(v.evidence[0]) - round(v.scroll_y)
        strip = v.render_line(line)
        evidence_style = v.get_component_rich_style("document-view--evidence")
        painted = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == evidence_style.bgcolor)
        assert painted.strip() == "signed a Memorandum of Understanding on mining cooperation"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen


async def test_next_and_previous_fact_move_the_highlight(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "enter")  # the meeting: first fact of the Accra article
        await settle(pilot)
        seen = [view(app).highlighted_text]
        for _ in range(6):
            await pilot.press("n")
            await settle(pilot)
            seen.append(view(app).highlighted_text)
            assert evidence_on_screen(app)
        assert seen == [
            "held talks with Chile's Foreign Minister",
            "signed a Memorandum of Understanding on mining cooperation",
            "Ghana sees Chile as a partner in copper and cocoa alike",
            "$210 million",
            "a 12% increase",
            "cocoa beans (61%)",
            "gold (20%)",
        ]
        await pilot.press("n")  # past the last: stays
        await settle(pilot)
        assert view(app).highlighted_text == "gold (20%)"
        await pilot.press("N", "N")
        await settle(pilot)
        assert view(app).highlighted_text == "a 12% increase"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert view(app).highlighted_text == "$210 million"
        assert "Facts here: 4 of 7" in screen_text(app)


async def test_every_pane_opens_provenance(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for keys, kind in ((("3",), Figure), (("4",), Quote), (("1",), Event)):
            await pilot.press(*keys, "enter")
            await settle(pilot)
            fact = app.screen.current_fact
            assert isinstance(fact, kind)
            assert view(app).highlighted_text == app.index.documents[fact.doc_id].text[fact.span.start:fact.span.end]
            await pilot.press("escape")
            await settle(pilot)


async def test_profile_rows_open_their_sources(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2", "enter")  # into Chile's profile
        await settle(pilot)
        assert app.focused.id == "profile-table"
        assert app.focused.current.name == "Tomas Vidal"
        await pilot.press("enter")  # a person: the document where they are first named
        await settle(pilot)
        assert view(app).highlighted_text == "Tomas Vidal"
        assert evidence_on_screen(app)
        await pilot.press("n")  # then the facts of that document, in order
        await settle(pilot)
        assert view(app).highlighted_text != "Tomas Vidal"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("G", "enter")  # the last row: a source document
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert "santiago-ties.txt" in screen_text(app)


async def test_mouse_double_click_opens_a_row(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.query_one("#timeline-table")
        await pilot.click(table, offset=(30, 2))  # second data row
        await settle(pilot)
        assert table.cursor == 1 and isinstance(app.screen, type(app.main_screen))
        await pilot.click(table, offset=(30, 2), times=2)
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert view(app).highlighted_text == "held talks with Chile's Foreign Minister"


async def test_a_document_missing_from_the_store_is_said(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.push_screen(DocumentScreen(app.index, "doc-gone"))
        await settle(pilot)
        assert "This document is not in the store" in screen_text(app)
        for key in ("n", "N", "j", "enter", "p"):
            await pilot.press(key)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen


async def test_evidence_far_down_a_long_document_is_scrolled_into_view(tmp_path, make_app):
    from factories import write_corpus_store

    from briefing_tui.ingest import parse_text
    from briefing_tui.models import Corpus, Country, DocumentFacts, Span

    filler = "\n".join(f"Paragraph {n} says nothing of note about anything in particular." for n in range(300))
    text = f"A Long Report\n\n{filler}\nAt the very end the ministers signed a trade pact.\n"
    document, sentences = parse_text(text, "long.txt")
    start = text.index("signed a trade pact")
    sentence = next(s.index for s in sentences if s.start <= start < s.end)
    event = Event(id="evt-long", doc_id=document.id, kind="agreement", countries=["GHA"], summary="Trade pact signed",
                  evidence="signed a trade pact", span=Span(doc_id=document.id, sentence=sentence, start=start,
                                                            end=start + len("signed a trade pact")))
    corpus = Corpus(documents=[DocumentFacts(document=document, sentences=sentences, events=[event])],
                    countries=[Country(code="GHA", name="Ghana", doc_ids=[document.id], mentions=1)])
    app = make_app(write_corpus_store(tmp_path / "long" / "briefing.json", corpus))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        v = view(app)
        assert v.scroll_y > 200
        assert evidence_on_screen(app)
        assert "At the very end the ministers signed a trade pact." in screen_text(app)
