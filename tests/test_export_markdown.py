"""Escaping article text for Markdown: whatever goes in comes out as the same text, never as markup."""

from __future__ import annotations

import yaml
from export_support import MD
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing_tui.export.markdown import code, escape, one_line, word_count, yaml_str

TRICKY = ["#", "##", "|", "<", ">", "[", "]", "(", ")", "!", "`", "```", "*", "_", "~", "~~", "&", "&amp;", "&#35;",
          "\\", "-", "+", "=", "---", "1.", "2)", ":", "//", "http://", "https://x.y", "www.", "x.org", "a@b.co",
          "<a>", "<!--", "$", "^", "{", "}", "\n", "\r\n", "\t", "  ", "\x1b[31m", "\u202e", "\u2028", "\x00", "é", "“",
          "a", "b", "1", " "]
texts = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(TRICKY), max_size=25).map("".join))


def inline_children(source: str):
    inline = [t for t in MD.parse(source) if t.type == "inline"]
    assert len(inline) == 1, source
    return inline[0].children


@settings(max_examples=400, deadline=None)
@given(texts)
@example("//0.+")  # a protocol-relative link to linkify, though no dot sits between two letters
def test_escaped_text_reads_back_as_itself_and_nothing_else(text):
    wanted = one_line(text)
    if not wanted:
        return
    for prefix in ("- ", "1. ", "# ", "**Bottom line.** ", ""):
        children = inline_children(prefix + escape(text) + "\n")
        kinds = {c.type for c in children}
        assert kinds <= {"text", "strong_open", "strong_close"}, (text, kinds)
        assert "".join(c.content for c in children).endswith(wanted), text


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_code_span_shows_its_text_literally(text):
    wanted = one_line(text) or " "
    (child,) = inline_children("x " + code(text) + "\n")[1:] or [None]
    assert child is not None and child.type == "code_inline"
    assert child.content in (wanted, wanted.strip())


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_yaml_value_reads_back_as_one_clean_line(text):
    assert yaml.safe_load(f"title: {yaml_str(text)}\n") == {"title": one_line(text)}


def test_one_line_drops_controls_and_folds_space():
    assert one_line("a\n# b\r\n\tc\x1b[2J \u202ed\u2028e") == "a # b c [2J d e"
    assert one_line(None) == ""


def test_the_issue_payloads():
    assert escape("# x") == "\\# x"
    assert escape("| a | b |") == "\\| a \\| b \\|"
    assert escape("<script>") == "\\<script\\>"
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert escape("![i](http://x)") == "\\!\\[i\\](http\\:/\\/x)"
    assert escape("[bold red]x[/]") == "\\[bold red\\]x\\[/\\]"
    assert escape("- item") == "\\- item" and escape("3. item") == "3\\. item"
    assert escape("Plain words stay plain, Chile's too (mostly).") == "Plain words stay plain, Chile's too (mostly)."


def test_word_count_counts_what_a_page_shows():
    assert word_count("# Title\n\n- one two [1]\n") == 6
