"""The analyzer: the same words in different dress give the same index terms."""

from __future__ import annotations

import pytest

from search.index import Index
from search.models import Passage, PassageKind
from search.text import Analyzer

plain = Analyzer()


def shared(a: str, b: str, analyzer: Analyzer = plain) -> set[str]:
    return set(analyzer.terms(a)) & set(analyzer.terms(b))


def test_full_width_letters_read_as_ascii():
    assert plain.terms("ＴＡＬＩＢＡＮ ｆｉｇｈｔｅｒｓ") == plain.terms("Taliban fighters")


def test_case_is_folded():
    assert plain.terms("TALIBAN Kabul") == plain.terms("taliban KABUL")


def test_plural_and_singular_share_a_stem():
    assert plain.terms("fighters") == plain.terms("fighter")
    assert plain.terms("attacks") == plain.terms("attacking") == plain.terms("attack")


def test_stopwords_give_no_terms():
    assert plain.terms("what is the") == []
    assert plain.terms("Who are they and what did they do?") == []


def test_stopwords_around_content_words_are_dropped():
    assert plain.terms("what is the Taliban") == plain.terms("Taliban")


@pytest.mark.parametrize("a, b", [("2,000", "2000"), ("1,300 fighters", "1300 fighter"), ("70,000", "70000")])
def test_numbers_with_thousands_separators_equal_plain_numbers(a, b):
    assert plain.terms(a) == plain.terms(b)


def test_numbers_stay_whole():
    assert plain.terms("2,000") == ["2000"]
    assert plain.terms("$9.5 billion")[0] == "9.5"


def test_hyphenated_name_matches_itself_and_its_first_part():
    assert shared("ISIS-K", "an ISIS-K cell")
    assert shared("ISIS", "an ISIS-K cell")


def test_hyphenated_word_meets_its_closed_spelling():
    assert shared("counter-terrorism", "counterterrorism")
    assert shared("counterterrorism", "counter-terrorism policies")


@pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_inside_a_word_are_ignored(hidden):
    assert plain.terms(f"Tali{hidden}ban fight{hidden}ers") == plain.terms("Taliban fighters")


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
def test_bidi_controls_inside_a_word_are_ignored(control):
    assert plain.terms(f"{control}Tali{control}ban{control}") == plain.terms("Taliban")


def test_curly_apostrophe_possessive_equals_straight_one():
    assert plain.terms("Taliban’s fighters") == plain.terms("Taliban's fighters") == plain.terms("Taliban fighters")


FILLER = (
    "Rice prices rose again at the market in Dhaka this week.",
    "The football season opened with a draw in Madrid on Sunday.",
    "A new bridge over the river will open to traffic next spring.",
    "Scientists counted more migrating birds along the coast this autumn.",
)


def _index(*texts: str, analyzer: Analyzer = plain) -> Index:
    """One single-paragraph document per text (so no passage borrows weight from a neighbour), then
    unrelated filler so idf behaves as in a corpus."""
    passages = [Passage(f"doc{i}", 1, t, PassageKind.BODY) for i, t in enumerate(texts + FILLER, 1)]
    return Index.build(passages, analyzer)


HYPHEN_PASSAGES = (
    "An ISIS-K cell attacked a checkpoint near Jalalabad in the east.",
    "Farmers in Helmand planted wheat after the rains came early.",
    "The ministry announced new counterterrorism measures for the capital.",
)


@pytest.mark.parametrize("question, doc_id", [
    ("ISIS-K", "doc1"),
    ("ISIS checkpoint", "doc1"),
    ("counter-terrorism measures", "doc3"),
])
def test_search_answers_across_hyphen_spellings(question, doc_id):
    hits = _index(*HYPHEN_PASSAGES).search(question, k=3).hits
    assert [h.passage.doc_id for h in hits] == [doc_id]


def test_question_in_full_width_finds_the_same_passages():
    index = _index(*HYPHEN_PASSAGES)
    assert index.search("ＩＳＩＳ－Ｋ checkpoint").hits == index.search("ISIS-K checkpoint").hits


def test_spans_point_at_the_words_they_came_from():
    text = "The Taliban’s 2,000 fighters"
    spans = plain.spans(text)
    assert [text[s.start:s.end] for s in spans] == ["Taliban’s", "2,000", "fighters"]
    assert [s.terms for s in spans] == [tuple(plain.terms(w)) for w in ("Taliban’s", "2,000", "fighters")]


@pytest.mark.parametrize("text, count", [
    ("The fire began on Aug. 14, 2024, near the port. Crews came.", 2),
    ("Sen. Halvard Moe and Capt. Agnes Lind spoke. Nobody else did.", 2),
    ("The vote was held in Aug. The result came later.", 2),  # a month ending a sentence still ends it
])
def test_sentences_are_not_cut_after_a_month_before_its_day_or_after_a_title(text, count):
    from search.text import split_sentences

    assert len(split_sentences(text)) == count
