"""Per-document extraction: a pure function from one article's text to its facts.

Each fact kind has its own module; this one only runs them in order, because later kinds
use earlier ones (events need the countries and people of their sentence, quotes need
people to attribute to), and hands quotes, events and figures one `context.DocumentContext`,
so that what they all read (a sentence's dates, the focus country) is worked out once.
Nothing here does I/O or knows about other documents: merging across documents is
`briefing_tui.resolve`.

The extractors are imported when first run, not with this package: a module that needs one
helper of one of them (resolve, the names' keys of `people`) need not compile every pattern
of the others, which the browser would pay the first time it shows a figure conflict.
"""

from __future__ import annotations

from briefing_tui.models import Document, DocumentFacts, Sentence


def extract_facts(document: Document, sentences: list[Sentence]) -> DocumentFacts:
    from briefing_tui.extract.context import DocumentContext
    from briefing_tui.extract.countries import extract_countries
    from briefing_tui.extract.events import extract_events
    from briefing_tui.extract.figures import extract_figures
    from briefing_tui.extract.people import extract_people
    from briefing_tui.extract.quotes import extract_quotes
    from briefing_tui.extract.topics import tag_topics

    countries = extract_countries(document, sentences)
    people = extract_people(document, sentences, countries)
    context = DocumentContext(document, sentences, countries)
    quotes = extract_quotes(document, sentences, people, countries, context)
    events = extract_events(document, sentences, countries, people, context)
    figures = extract_figures(document, sentences, countries, context)
    # constructed, not validated: every part is a model the extractors just made, and
    # validating checks each of an article's hundreds of facts again
    facts = DocumentFacts.model_construct(
        document=document,
        sentences=sentences,
        countries=countries,
        people=people,
        quotes=quotes,
        events=events,
        figures=figures,
    )
    return tag_topics(facts)
