"""Questions as people really type them: every one gets a clear message or an answer, never a traceback."""

from __future__ import annotations

import json

import pytest

from bot.cli.main import main
from bot.core.models import Answer
from bot.errors import BadQuestion

LONG = "How many fighters does ISIS-K have in Afghanistan? " * 2_000  # 102,000 characters
ZERO_WIDTH = "How many fight\u200bers does IS\u200dIS-K h\u2060ave in Afgh\ufeffanistan?"
BIDI = "How many \u202efighters\u202c does \u2066ISIS-K\u2069 have in \u200fAfghanistan\u200e?"
NUL = "How many fight\x00ers does ISIS-K\x00 have in Afghan\x00istan?"
MARKUP = "@everyone **bold** <script>alert(1)</script> ISIS-K fighters"

# name → (question, what the service must do: an error message class, or "answer")
BAD_QUESTIONS = {
    "empty": ("", "empty"),
    "whitespace": (" \t\n  \u00a0\u3000 ", "empty"),
    "stopwords": ("what is the", "stopwords"),
    "stopwords-with-punctuation": ("What is the...?", "stopwords"),
    "punctuation": ("?!?! ... ---", "no-words"),
    "emoji": ("🔥🔥 🤔❓", "no-words"),
    "flag-and-keycap-emoji": ("🇺🇸 ✨ 🙂", "no-words"),
    "invisible-only": ("\u200b\u200c\u200d\u2060\ufeff\u202e", "empty"),
    "nul-only": ("\x00\x00\x00", "empty"),
    "long": (LONG, "answer"),
    "zero-width-in-words": (ZERO_WIDTH, "answer"),
    "bidi-in-words": (BIDI, "answer"),
    "nul-in-words": (NUL, "answer"),
    "mentions-and-markdown": (MARKUP, "answer"),
    "lone-surrogates": ("ISIS-K \udcff fighters\ud800", "answer"),
    "only-markup": ("@everyone **bold** <script>", "answer"),
    "control-characters": ("ISIS-K\x07\x1b[31m fighters\x7f", "answer"),
    "line-separators": ("ISIS-K\u2028fighters\u2029in\r\nAfghanistan", "answer"),
    "one-very-long-word": ("x" * 100_000, "answer"),
}
MESSAGE_WORDS = {"empty": "type a question", "stopwords": "common words", "no-words": "no words"}


@pytest.mark.parametrize("name", BAD_QUESTIONS)
def test_service_gives_a_message_or_an_answer(service, name):
    question, expect = BAD_QUESTIONS[name]
    if expect == "answer":
        answer = service.ask_sync(question)
        assert isinstance(answer, Answer)
        assert answer.answered or answer.message
    else:
        with pytest.raises(BadQuestion) as caught:
            service.ask_sync(question)
        assert MESSAGE_WORDS[expect] in caught.value.user_message


def test_long_question_is_answered_with_a_notice_that_it_was_cut(service):
    answer = service.ask_sync(LONG)
    assert answer.answered and answer.hits
    assert len(answer.question) <= service.settings.max_question_chars
    assert any("cut" in n and str(service.settings.max_question_chars) in n for n in answer.notices)


def test_long_question_is_cut_between_words(service):
    question = service.ask_sync(LONG).question
    assert LONG.startswith(question) and LONG[len(question)].isspace()


def test_short_question_has_no_notice(service):
    assert service.ask_sync("How many fighters does ISIS-K have in Afghanistan?").notices == ()


@pytest.mark.parametrize("name", ["zero-width-in-words", "bidi-in-words", "nul-in-words"])
def test_hidden_characters_inside_words_do_not_change_the_answer(service, name):
    clean = service.ask_sync("How many fighters does ISIS-K have in Afghanistan?")
    hidden = service.ask_sync(BAD_QUESTIONS[name][0])
    assert hidden.answered
    assert [h.passage.passage_id for h in hidden.hits] == [h.passage.passage_id for h in clean.hits]
    assert not any(ch in hidden.question for ch in "\u200b\u200d\u2060\ufeff\u202e\u2066\u200f\x00")


def test_markup_in_a_question_is_kept_as_plain_text_and_searched(service):
    answer = service.ask_sync(MARKUP)
    assert answer.question == MARKUP
    assert answer.hits or answer.closest


def test_lone_surrogates_are_dropped_so_the_answer_can_be_written_out(service):
    answer = service.ask_sync("ISIS-K \udcff fighters\ud800")
    assert answer.question == "ISIS-K fighters"
    answer.question.encode("utf-8")


def test_control_characters_do_not_reach_the_answer(service):
    answer = service.ask_sync("ISIS-K\x07\x1b[31m fighters\x7f")
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in answer.question)


async def test_async_ask_gives_the_same_answer_and_the_same_errors(service):
    answer = await service.ask("How many fighters does ISIS-K have?")
    assert [h.passage.passage_id for h in answer.hits] == [
        h.passage.passage_id for h in service.ask_sync("How many fighters does ISIS-K have?").hits]
    with pytest.raises(BadQuestion):
        await service.ask("   ")


# --- the same questions through the installed command line ------------------------------------------
# The same kinds of bad question, one a line, go through `dossier ask --json -` in tests/bot/test_cli.py.

CLI_RUNS = {"empty": {"args": ["ask", ""]}}


def test_cli_empty_question_exits_non_zero_with_a_message(cli_runs):
    result = cli_runs["empty"].result()
    assert result.returncode == 1
    assert "type a question" in result.stderr and result.text == ""  # an error goes to standard error
    assert "Traceback" not in result.stderr


def test_cli_question_argument_that_is_not_utf8_is_answered_in_valid_utf8(monkeypatch, capsys, seeds_dir):
    """Python hands an undecodable argv byte over as a lone surrogate; the answer must still be UTF-8."""
    monkeypatch.setenv("DOSSIER_CORPUS_DIR", str(seeds_dir))
    assert main(["ask", "--json", "ISIS-K fight\udcffers in Afghanistan"]) == 0
    out = capsys.readouterr().out
    obj = json.loads(out.encode("utf-8"))
    assert obj["question"] == "ISIS-K fight\ufffders in Afghanistan"
