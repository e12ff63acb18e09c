"""Snippets: short, cut where sentences end, marked where text was left out, highlights on the question's words."""

from __future__ import annotations

import re

import pytest

from search.models import Snippet
from search.snippets import make_snippet
from search.text import Analyzer

ELLIPSIS = "…"
LIMIT = 300
SENTENCE_END = tuple('.!?"”’)')


def idf_one(term: str) -> float:
    return 1.0


def snip(analyzer: Analyzer, text: str, question: str, max_chars: int = LIMIT) -> Snippet:
    return make_snippet(text, set(analyzer.terms(question)), idf_one, analyzer, max_chars=max_chars)


def parts(snippet: Snippet) -> tuple[bool, str, bool]:
    """(cut before, the passage's own text, cut after)."""
    text = snippet.text
    before, after = text.startswith(ELLIPSIS), text.endswith(ELLIPSIS)
    core = text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS).strip()
    return before, core, after


def assert_quotes_passage(snippet: Snippet, passage: str, max_chars: int = LIMIT) -> str:
    """The snippet is one stretch of the passage, within the limit, with … exactly where text was cut."""
    before, core, after = parts(snippet)
    assert len(core) <= max_chars
    assert core in passage
    start = passage.index(core)
    assert before == (start > 0)
    assert after == (start + len(core) < len(passage.rstrip()))
    return core


def assert_highlights_question_words(analyzer: Analyzer, snippet: Snippet, question: str) -> None:
    wanted = set(analyzer.terms(question))
    previous_end = 0
    for span in snippet.highlights:
        assert previous_end <= span.start < span.end <= len(snippet.text)
        under = snippet.text[span.start:span.end]
        assert set(analyzer.terms(under)) & wanted, under
        assert not under[0].isspace() and not under[-1].isspace()
        assert span.start == 0 or not snippet.text[span.start - 1].isalnum()
        assert span.end == len(snippet.text) or not snippet.text[span.end].isalnum()
        previous_end = span.end


SENTENCES = [
    "The delegation arrived in Doha on Monday morning after a long delay at the border crossing.",
    "Officials from both sides met in a hotel near the airport for more than six hours of talks.",
    "Reporters waited outside while security guards kept the entrance closed to the public all day.",
    "The Taliban negotiator said ISIS-K fighters had attacked two checkpoints in Nangarhar last week.",
    "A statement released in the evening promised further meetings before the end of the month.",
    "Diplomats from neighbouring countries were invited to attend the next round as observers.",
]
PARAGRAPH = " ".join(SENTENCES)


def test_snippet_of_a_long_paragraph_keeps_the_matching_sentence_within_the_limit(analyzer):
    snippet = snip(analyzer, PARAGRAPH, "ISIS-K checkpoints Nangarhar")
    core = assert_quotes_passage(snippet, PARAGRAPH)
    assert SENTENCES[3] in core
    assert len(PARAGRAPH) > LIMIT


def test_snippet_is_cut_at_sentence_boundaries_with_ellipses(analyzer):
    snippet = snip(analyzer, PARAGRAPH, "ISIS-K checkpoints Nangarhar")
    before, core, after = parts(snippet)
    assert before and after
    assert snippet.text.startswith(ELLIPSIS + " ") and snippet.text.endswith(" " + ELLIPSIS)
    start = PARAGRAPH.index(core)
    assert PARAGRAPH[:start].rstrip().endswith(SENTENCE_END)
    assert core.endswith(SENTENCE_END)
    assert core in [" ".join(SENTENCES[i:j]) for i in range(6) for j in range(i + 1, 7)]


def test_snippet_of_the_first_sentence_has_no_leading_ellipsis(analyzer):
    snippet = snip(analyzer, PARAGRAPH, "delegation Doha border")
    before, core, after = parts(snippet)
    assert not before and after
    assert PARAGRAPH.startswith(core)


def test_short_passage_is_quoted_whole(analyzer):
    text = "ISIS-K fighters at a camp in northern Afghanistan. Photo: Facebook"
    snippet = snip(analyzer, text, "ISIS-K fighters")
    assert snippet.text == text


def test_abbreviation_inside_a_sentence_is_not_a_sentence_end(analyzer):
    text = ("Talks went on for hours without a result. Later the U.S. Department of State said the Taliban "
            "would be held to their promises on ISIS-K. " + " ".join(SENTENCES[:3]) + " " + SENTENCES[4])
    _, core, _ = parts(snip(analyzer, text, "ISIS-K promises"))
    assert "Later the U.S. Department of State said" in core


LONG_SENTENCE = (
    "The Taliban said that "
    + ", and ".join(f"the fighters of unit {i} moved to district {i} near the border with Pakistan"
                    for i in range(40))
    + " before the ISIS-K attack on the airport."
)


def test_very_long_single_sentence_is_cut_at_words_around_the_match(analyzer):
    snippet = snip(analyzer, LONG_SENTENCE, "ISIS-K airport attack")
    before, core, after = parts(snippet)
    assert_quotes_passage(snippet, LONG_SENTENCE)
    assert before and not after
    assert "ISIS-K attack on the airport." in core
    start = LONG_SENTENCE.index(core)
    assert LONG_SENTENCE[start - 1] == " "


def test_very_long_single_sentence_cut_on_both_sides_keeps_whole_words(analyzer):
    snippet = snip(analyzer, LONG_SENTENCE, "district 20")
    before, core, after = parts(snippet)
    assert_quotes_passage(snippet, LONG_SENTENCE)
    assert before and after
    start = LONG_SENTENCE.index(core)
    assert LONG_SENTENCE[start - 1] == " " and LONG_SENTENCE[start + len(core)] in " ,"
    assert "district 20" in core
    assert_highlights_question_words(analyzer, snippet, "district 20")


@pytest.mark.parametrize("max_chars", [80, 150, 300, 600])
@pytest.mark.parametrize("text, question", [
    (LONG_SENTENCE, "ISIS-K airport attack"), (LONG_SENTENCE, "Taliban fighters unit"),
    (LONG_SENTENCE, "Pakistan border"), (PARAGRAPH, "Doha talks"), (PARAGRAPH, "observers"),
], ids=["sentence-end", "sentence-start", "sentence-all", "paragraph-start", "paragraph-end"])
def test_snippet_length_follows_the_setting(analyzer, max_chars, text, question):
    _, core, _ = parts(snip(analyzer, text, question, max_chars))
    assert core in text
    assert 0 < len(core) <= max_chars


def test_cut_inside_the_first_sentence_is_marked_where_the_passage_goes_on(analyzer):
    snippet = snip(analyzer, PARAGRAPH, "delay at the border crossing", max_chars=80)
    assert_quotes_passage(snippet, PARAGRAPH, 80)


@pytest.mark.parametrize("question", ["ISIS-K checkpoints Nangarhar", "Taliban negotiator", "airport hotel talks",
                                      "ISKP fighters attacked"])
def test_highlight_spans_cover_words_of_the_question(analyzer, question):
    snippet = snip(analyzer, PARAGRAPH, question)
    assert snippet.highlights
    assert_highlights_question_words(analyzer, snippet, question)


def test_alias_in_the_question_highlights_the_name_the_text_uses(analyzer):
    text = "Fighters of the Islamic State Khorasan attacked a market in Kabul on Friday."
    snippet = snip(analyzer, text, "ISKP")
    assert [snippet.text[s.start:s.end] for s in snippet.highlights] == ["Islamic State Khorasan"]


def test_words_not_in_the_question_are_not_highlighted(analyzer):
    snippet = snip(analyzer, "Farmers in Helmand planted wheat after the rains came early.", "Taliban fighters")
    assert snippet.highlights == ()


QUESTIONS = [
    "What did Biden vow after the airport blast?",
    "How much does Afghanistan's central bank hold in US institutions?",
    "Who is Magnus Ranstorp?",
    "How many fighters does ISIS-K have?",
    "drone strikes in Pakistan",
    "counter-terrorism cooperation between the Taliban and the U.S.",
    "What is the population of Brazil?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_seed_answers_have_short_snippets_quoting_their_passage(service, question):
    answer = service.ask_sync(question, top=5)
    shown = answer.hits + answer.closest
    assert shown
    for hit in shown:
        assert_quotes_passage(hit.snippet, hit.passage.text, service.settings.snippet_chars)
        assert_highlights_question_words(service.corpus.index.analyzer, hit.snippet, question)


@pytest.mark.parametrize("question", QUESTIONS[:4])
def test_best_seed_answer_highlights_the_question_words(service, question):
    best = service.ask_sync(question).hits[0]
    assert best.snippet.highlights


def test_snippet_text_is_plain_without_markup(service):
    for hit in service.ask_sync("ISIS-K fighters", top=10).hits:
        assert not re.search(r"[*<>]|\x1b\[", hit.snippet.text)


@pytest.mark.parametrize("question, intent, wanted", [
    ("How much is Beijing spending on projects?", "quantity", "$60 billion"),
    ("When did Beijing start the projects?", "date", "March 2019"),
    ("What does Beijing think of the projects?", "other", "Beijing has long"),
])
def test_the_sentence_holding_the_kind_of_answer_asked_for_wins_a_tie(analyzer, question, intent, wanted):
    from search.intent import Intent

    text = ("Beijing has long sided with its neighbours at the council. "
            "The projects cost $60 billion and opened in March 2019.")
    snippet = make_snippet(text, set(analyzer.terms(question)), idf_one, analyzer, max_chars=70,
                           intent=Intent(intent))
    assert wanted in snippet.text
