"""Cutting and escaping text for Discord."""

from __future__ import annotations

import pytest

from bot.discord.render.answer import mark
from bot.discord.render.text import cut, cut_escaped, escape
from search.models import Snippet, Span

TEXT = "First sentence here. Second one is longer than that! Third goes on and on."


@pytest.mark.parametrize("limit", range(3, 80))
def test_cut_never_exceeds_the_limit(limit):
    assert len(cut(TEXT, limit)) <= limit


def test_cut_prefers_a_sentence_boundary():
    assert cut(TEXT, 60) == "First sentence here. Second one is longer than that! …"


def test_cut_prefers_a_paragraph_boundary():
    assert cut("One paragraph of text here.\n\nAnother paragraph follows it.", 45) == \
        "One paragraph of text here.\n…"


def test_text_that_fits_is_untouched():
    assert cut(TEXT, len(TEXT)) == TEXT


def test_escape_neutralises_markdown_links_and_mentions():
    escaped = escape("@everyone **bold** [x](https://a) <@&1> `code` ||spoiler||")
    assert escaped == r"\@everyone \*\*bold\*\* \[x\]\(https://a\) \<\@&1\> \`code\` \|\|spoiler\|\|"


def test_escape_neutralises_line_start_markers_without_visible_backslashes_before_digits():
    assert escape("# head\n- item\n> quote\n4. four") == "\\# head\n\\- item\n\\> quote\n4\\. four"


def test_cut_escaped_never_splits_an_escape():
    result = cut_escaped("*" * 50 + " a. " + "_" * 50, 40)
    assert len(result) <= 40 and not result.rstrip("…").endswith("\\")


def test_mark_bolds_highlights_and_keeps_them_whole_when_cut():
    text = "The Taliban fought ISIS-K fighters near Jalalabad for weeks."
    snippet = Snippet(text, (Span(4, 11), Span(19, 25)))
    assert mark(snippet, 200) == "The **Taliban** fought **ISIS-K** fighters near Jalalabad for weeks."
    short = mark(snippet, 30)
    assert len(short) <= 30 and short.count("**") % 2 == 0
