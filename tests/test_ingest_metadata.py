"""Every metadata form an article may arrive with, and boilerplate kept out of the facts."""

from __future__ import annotations

from briefing_tui.ingest import parse_text
from briefing_tui.ingest.metadata import (
    _BOILERPLATE,
    _BOILERPLATE_WORDS,
    _CREDIT,
    _CREDIT_WORDS,
    _may_hold,
    parse_full_date,
    parse_metadata,
)


def body(text: str) -> list[str]:
    _, sentences = parse_text(text, "a.txt")
    return [s.text for s in sentences if s.kind == "body"]


def test_dateline_gives_the_publication_date_and_stays_in_the_story():
    text = "Nairobi, April 7, 2024 – Kenya's President met the visiting delegation.\nTalks went well."
    doc, sentences = parse_text(text, "a.txt")
    assert doc.published == "2024-04-07"
    assert sentences[0].text.startswith("Nairobi, April 7, 2024 – Kenya's President")


def test_day_month_dateline():
    assert parse_metadata("ACCRA, 5 March 2023 – The minister spoke.").published == "2023-03-05"


def test_leading_date_token_is_metadata_and_the_story_follows_on_the_same_line():
    text = " date 2024-11-20 DAKAR – Senegal and Chile signed a deal.\n\nMore text follows here."
    doc, sentences = parse_text(text, "a.txt")
    assert doc.published == "2024-11-20"
    assert sentences[0].text == "DAKAR – Senegal and Chile signed a deal."
    assert "date 2024" not in " ".join(s.text for s in sentences)


def test_day_month_year_stamp_with_time_and_views():
    text = "Talks in Lusaka\n\nTalks in Lusaka\n\n04.02.2024 10:01:59 1203\n\nLusaka, February 4, 2024 – Ministers met."
    doc, sentences = parse_text(text, "a.txt")
    assert doc.published == "2024-02-04"
    assert doc.title == "Talks in Lusaka"
    texts = [s.text for s in sentences]
    assert texts.count("Talks in Lusaka") == 1, "the repeated headline is dropped"
    assert not any("10:01:59" in t for t in texts)


def test_stamp_is_day_first():
    assert parse_metadata("Title here\n\n11.12.2023 08:00:00 5\n\nBody text goes here.").published == "2023-12-11"


def test_source_line_anywhere():
    text = "Ministers met in Lima.\n\nSource : https://example.org/news/1?lang=en\n"
    doc, sentences = parse_text(text, "a.txt")
    assert doc.source_url == "https://example.org/news/1?lang=en"
    assert [s.text for s in sentences] == ["Ministers met in Lima."]


def test_key_value_header_lines():
    text = ("title: Ghana and Chile deepen ties\npublished: 2024-06-03\nsource: https://example.org/x\n"
            "author: Jane Doe\n\nThe two countries met.")
    doc, sentences = parse_text(text, "a.txt")
    assert (doc.title, doc.published, doc.source_url, doc.author) == (
        "Ghana and Chile deepen ties", "2024-06-03", "https://example.org/x", "Jane Doe")
    assert [s.text for s in sentences] == ["The two countries met."]


def test_yaml_front_matter():
    text = ('---\ntitle: "Peru and Mali"\ndate: 2023-09-14\nurl: https://example.org/pm\n---\n\n'
            "Peru and Mali agreed to talk.")
    doc, sentences = parse_text(text, "a.md")
    assert (doc.title, doc.published, doc.source_url) == ("Peru and Mali", "2023-09-14", "https://example.org/pm")
    assert [s.text for s in sentences] == ["Peru and Mali agreed to talk."]


def test_unclosed_front_matter_is_text_with_a_warning():
    meta = parse_metadata("---\ntitle: x\nThe story never closes its header.")
    assert meta.published is None
    assert any("front matter" in w for w in meta.warnings)


def test_no_metadata_at_all_means_no_date_never_today():
    doc, _ = parse_text("This week, the minister visited Accra. Talks were held.", "a.txt")
    assert doc.published is None
    assert doc.title is None


def test_invalid_dates_are_not_guessed():
    assert parse_full_date("31.02.2024") is None
    assert parse_full_date("2024-13-01") is None
    assert parse_metadata("published: sometime in spring\n\nText.").published is None


def test_parse_full_date_forms():
    assert str(parse_full_date("May 30, 2025")) == "2025-05-30"
    assert str(parse_full_date("30 May 2025")) == "2025-05-30"
    assert str(parse_full_date("Sept. 3, 2021")) == "2021-09-03"
    assert str(parse_full_date("2025-06-03T19:11:22Z")) == "2025-06-03"
    assert str(parse_full_date("03/06/2025")) == "2025-06-03"


def test_title_is_first_short_line_without_sentence_end():
    doc, sentences = parse_text("Ghana Seeks Ties With Chile\n\nGhana wants more trade.", "a.txt")
    assert doc.title == "Ghana Seeks Ties With Chile"
    assert sentences[0].kind == "title"


def test_one_line_file_is_a_story_not_a_title():
    doc, sentences = parse_text("Ghana and Chile held talks", "a.txt")
    assert doc.title is None
    assert sentences[0].kind in ("body", "heading")


def test_newsletter_footer_disclaimer_and_photo_credit_are_boilerplate():
    text = (
        "Peru Seeks Partners\n\n"
        "Peru's minister met counterparts.\n\n"
        "Peru's Foreign Minister Ana Rojas. Photo credit: Press Office\n\n"
        "Disclaimer: The views expressed here are the author's own.\n\n"
        "Get our stories sent directly to you! Sign up via the website or subscribe to our Telegram!\n"
    )
    stories = body(text)
    assert stories == ["Peru's minister met counterparts.", "Peru's Foreign Minister Ana Rojas."]


def test_author_bio_and_byline_are_metadata_not_story():
    text = (
        "Ties Deepen\n\nChile and Peru signed an accord.\n\nJohn K. Smith.\n\n"
        "The author is John K. Smith, a researcher at the Institute of Policy.\n"
    )
    doc, sentences = parse_text(text, "a.txt")
    assert doc.author == "John K. Smith"
    kinds = {s.text: s.kind for s in sentences}
    assert kinds["John K. Smith."] == "meta"
    assert kinds["The author is John K. Smith, a researcher at the Institute of Policy."] == "meta"
    assert kinds["Chile and Peru signed an accord."] == "body"


def test_by_line_at_the_top():
    doc, sentences = parse_text("By Maria Lopez\n\nLima – Peru met Chile.", "a.txt")
    assert doc.author == "Maria Lopez"
    assert sentences[0].kind == "meta"


def test_headings_inside_the_story():
    _, sentences = parse_text("Lead para here.\n\nGrowing trade ties\n\nTrade grew a lot.", "a.txt")
    assert [s.kind for s in sentences] == ["body", "heading", "body"]


def test_a_sentence_that_mentions_subscribing_is_not_boilerplate():
    assert body("Ghana will subscribe to the treaty's principles, officials said.") == [
        "Ghana will subscribe to the treaty's principles, officials said."]


def test_web_page_stamp_lines_above_the_story():
    stamps = {
        "Lima, Peru • 14 July, 2024 | 09:12": "2024-07-14",
        "ECONOMY | 18:40 / 03.09.2023": "2023-09-03",
        "Published Aug 2, 2022": "2022-08-02",
        "Tue, 5 Mar 2024 - 08:15 GMT": "2024-03-05",
        "9 November 2021, 12:30 877": "2021-11-09",
        "News  Loading... 21 January 2025 10:02": "2025-01-21",
        "By Ana Ruiz in Economy on 30 June 2023": "2023-06-30",
        "May 29th, 2025 | Quito, Ecuador": "2025-05-29",
    }
    for stamp, published in stamps.items():
        text = (f"Peru and Ghana Sign Trade Pact\n\n{stamp}\n\n"
                "Peru and Ghana signed a trade agreement on Monday, officials said at the ceremony in the capital.")
        doc, sentences = parse_text(text, "a.txt")
        assert doc.published == published, stamp
        assert doc.title == "Peru and Ghana Sign Trade Pact"
        assert all(stamp not in s.text for s in sentences), "a stamp is metadata, not a fact"


def test_an_updated_stamp_yields_to_the_published_one():
    text = ("Updated 4 May 2024, 10:00\nPublished 2 May 2024, 09:00\n\n"
            "The two ministers met in Accra to discuss cooperation in trade and energy, the ministry said.")
    assert parse_metadata(text).published == "2024-05-02"


def test_a_date_in_the_story_or_a_headline_is_no_stamp():
    headline = "Kenya and Peru to hold talks in Nairobi on 5 May 2025\n\nThe talks were announced today."
    assert parse_metadata(headline).published is None
    story = ("Trade news\n\nThe ministers of both countries met in Lima to discuss cooperation in trade, "
             "energy and agriculture, the ministry said.\n\n12 March 2024\n")
    assert parse_metadata(story).published is None


def test_capital_place_dash_date_colon_dateline():
    text = "CAIRO – 22 January 2024: The ambassador underlined the role of mediation."
    assert parse_metadata(text).published == "2024-01-22"


def test_ordinal_and_weekday_dates_parse():
    assert parse_full_date("May 29th, 2025").isoformat() == "2025-05-29"
    assert parse_full_date("Mon, 22 Jan 2024").isoformat() == "2024-01-22"
    assert parse_full_date("17 April 2025").isoformat() == "2025-04-17"


def test_a_byline_of_several_authors_below_the_title():
    text = ("Peru and Ghana Trade\n\nPublished Jun 30, 2023\n\nBy Ana Ruiz and Kofi Mensah\n\n"
            "Peru and Ghana signed a trade agreement on Monday, officials said at the ceremony in Lima.")
    doc, sentences = parse_text(text, "a.txt")
    assert doc.author == "Ana Ruiz and Kofi Mensah"
    assert all("Ana Ruiz" not in s.text for s in sentences if s.kind == "body")


def test_a_story_signed_on_its_last_line():
    text = ("Talks in Lima\n\nThe ministers met in Lima on Monday.\n\nThey agreed to meet again.\n\nEsaïe Mensah")
    assert parse_metadata(text).author == "Esaïe Mensah"
    assert parse_metadata("Talks in Lima\n\nThe ministers met.\n\nRead More").author is None


def test_more_header_forms():
    assert parse_metadata("LIMA/APRIL 4 2024 (The Bulletin) — Peru hosted Chile.").published == "2024-04-04"
    led = "Peru, Chile Sign Deals\n\nFebruary 22, 2023 The Lima Gazette Americas & Pacific, Peru, Trade Focus 0\n\nBody."
    assert parse_metadata(led).published == "2023-02-22"
    token = parse_metadata(" date 2025-02-24 By Ana Ruiz\n\nThe ministers met.")
    assert (token.published, token.author) == ("2025-02-24", "Ana Ruiz")
    footer = parse_metadata("Talks\n\nThe ministers met in Lima for talks.\n\nBrowse all articles from Ana Ruiz\n")
    assert footer.author == "Ana Ruiz"
    assert parse_metadata("Talks\n\nThe talks went on.\n\nWritten by the ministry press office\n").author is None


BOILERPLATE_LINES = [
    "Sign up for our newsletter.", "SUBSCRIBE to our channel", "Get the Newsletter", "Stories sent directly to you",
    "Follow us on social media", "© 2024 All Rights Reserved", "Disclaimer: opinions are the author's",
    "Editor's note: updated", "Read more: the full report", "Related articles: trade", "  © The Agency",
    "The views and opinions expressed are the author's", "This does not necessarily reflect policy",
    "ſign-up for our website", "Read alſo: more", "SIGNUP OUR EMAİL list",
]


def test_every_boilerplate_line_passes_the_quick_test():
    for line in BOILERPLATE_LINES:
        assert _BOILERPLATE.search(line), line
        assert _may_hold(line, line.lower(), _BOILERPLATE_WORDS), line
    line = "The ministers signed an agreement on trade and read a statement."
    assert not _may_hold(line, line.lower(), _BOILERPLATE_WORDS)


CREDIT_LINES = ["Photo: Ministry press service", "PHOTO CREDIT: Reuters", "Image credits : AFP", "Picture: archive",
                "Video: the signing ceremony", "İmage: the agency", "Photo credit: İ. Aliyev"]


def test_every_photo_credit_passes_the_quick_test_and_is_excluded():
    for line in CREDIT_LINES:
        assert _CREDIT.search(line), line
        assert _may_hold(line, line.lower(), _CREDIT_WORDS), line
        text = f"Talks\n\nThe ministers met in Lima for talks.\n{line}\nThey agreed to meet again.\n"
        start = text.index(line)
        assert (start, start + len(line)) in parse_metadata(text).excluded, line
    line = "The ministers signed an agreement on trade."
    assert not _may_hold(line, line.lower(), _CREDIT_WORDS)
