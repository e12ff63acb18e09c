"""The passage index on the seeds: ranking, quoted phrases, and saying honestly that nothing was found."""

from __future__ import annotations

import re

import pytest

from search.index import Index
from search.models import Passage, PassageKind


def plain(text: str) -> str:
    """Lowercase with curly quotes and dashes folded, for checking what a passage says."""
    return text.translate(str.maketrans("‘’“”‐‑", "''\"\"--")).casefold()


@pytest.fixture(scope="module")
def index(service) -> Index:
    return service.corpus.index


def test_question_is_answered_with_passages_that_hold_its_words(index):
    result = index.search("Where did Taliban representatives meet Chinese officials?", k=3)
    assert result.answered
    assert "meet with chinese officials in tianjin" in plain(result.hits[0].passage.text)
    assert result.closest == ()


def test_hits_are_ranked_best_first_and_capped_at_k(index):
    for k in (1, 3, 7):
        hits = index.search("ISIS-K fighters in Afghanistan", k=k).hits
        assert len(hits) == k
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert len({h.passage.passage_id for h in hits}) == k


def test_search_can_be_limited_to_some_documents(index, seed_corpus):
    wanted = next(d.doc_id for d in seed_corpus.documents if d.path.startswith("003_"))
    hits = index.search("ISIS-K fighters", k=5, doc_ids=[wanted]).hits
    assert hits and {h.passage.doc_id for h in hits} == {wanted}


def test_headings_are_never_hits(index):
    hits = index.search("Routed and Dispersed", k=10)
    assert all(h.passage.kind is not PassageKind.HEADING for h in hits.hits + hits.closest)


def test_search_is_repeatable(index):
    first = index.search("drone strikes against terrorists in Pakistan", k=5)
    assert index.search("drone strikes against terrorists in Pakistan", k=5) == first


# --- quoted phrases ----------------------------------------------------------------------------

@pytest.mark.parametrize("question", ['"over-the-horizon"', 'What is the "over-the-horizon" capability?'])
def test_quoted_phrase_returns_only_passages_containing_it(index, question):
    result = index.search(question, k=5)
    assert result.answered
    assert result.hits
    assert all("over-the-horizon" in plain(h.passage.text) for h in result.hits)


def test_quoted_phrase_ranks_the_passages_containing_it_first(index):
    hits = index.search('"over-the-horizon"', k=5).hits
    containing = [h for h in hits if "over-the-horizon" in plain(h.passage.text)]
    assert len(containing) >= 2
    assert list(hits[:len(containing)]) == containing


@pytest.mark.parametrize("question", ['"purple elephants dancing"', '"Biden vowed peace"',
                                      'Did the "Taliban drone factory" open?'])
def test_quoted_phrase_absent_from_the_corpus_is_not_answered(service, question):
    answer = service.ask_sync(question)
    assert not answer.answered
    assert answer.hits == ()
    assert answer.message and "Nothing found" in answer.message


def test_phrase_words_present_apart_still_need_the_phrase(index):
    # Every word is in the corpus, and unquoted the question is answered.
    assert index.search("Biden vowed peace", k=3).answered
    assert not index.search('"Biden vowed peace"', k=3).answered


def test_phrase_matches_across_typographic_quotes_and_case(index):
    result = index.search("“Over-The-Horizon”", k=3)
    assert result.answered
    assert "over-the-horizon" in plain(result.hits[0].passage.text)


# --- nothing found -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["What is the population of Brazil?", "best pizza toppings",
                                      "Who won the 1998 football world cup final?"])
def test_question_the_corpus_cannot_answer_is_not_answered(service, question):
    answer = service.ask_sync(question)
    assert answer.answered is False
    assert answer.hits == ()
    assert answer.message and answer.message.startswith("Nothing found")


@pytest.mark.parametrize("question", ["What is the population of Brazil?", "best pizza toppings"])
def test_closest_passages_are_offered_when_nothing_is_found(service, question):
    answer = service.ask_sync(question)
    assert answer.closest
    assert all(h.passage.passage_id for h in answer.closest)
    assert "closest" in answer.message


def test_question_with_no_word_in_the_corpus_offers_nothing(service):
    answer = service.ask_sync("Zorblax quintuplets flummoxed")
    assert (answer.answered, answer.hits, answer.closest) == (False, (), ())


@pytest.mark.parametrize("question", [
    "What did Biden vow after the airport blast?",
    "Where did Taliban representatives meet Chinese officials?",
    "Who is Magnus Ranstorp?",
    "How much does Afghanistan's central bank hold in US institutions?",
])
def test_questions_the_corpus_answers_are_answered(service, question):
    answer = service.ask_sync(question)
    assert answer.answered and answer.hits and answer.closest == ()


def test_empty_index_finds_nothing():
    from search.text import Analyzer

    result = Index.build([], Analyzer()).search("Taliban", k=3)
    assert (result.answered, result.hits, result.closest) == (False, (), ())


def test_caption_ranks_below_body_text_saying_the_same():
    from search.text import Analyzer

    text = "Taliban fighters guard the gate of the airport in Kabul on Monday."
    filler = [Passage(f"f{i}", 1, f"Unrelated note number {i} about rice and rain.", PassageKind.BODY)
              for i in range(6)]
    index = Index.build([Passage("cap", 1, text, PassageKind.CAPTION), Passage("body", 1, text, PassageKind.BODY),
                         *filler], Analyzer())
    hits = index.search("Taliban fighters airport", k=2).hits
    assert [h.passage.doc_id for h in hits] == ["body", "cap"]
    assert hits[0].score > hits[1].score


def test_passage_ids_in_hits_name_document_and_paragraph(index):
    for hit in index.search("ISIS-K", k=5).hits:
        assert re.fullmatch(rf"{re.escape(hit.passage.doc_id)}#p{hit.passage.paragraph}", hit.passage.passage_id)


def test_a_quoted_phrase_is_found_however_low_its_passage_ranks():
    from search.text import Analyzer

    strong = [Passage(f"doc{i}", 1, "Dawn patrols: drone strikes, drone strikes and more drone strikes by dawn.",
                      PassageKind.BODY) for i in range(40)]
    weak = Passage("rare", 1, "A long report on supply lines, weather, roads and the winter, which also "
                   "mentions drone strikes at dawn once, among many other things of the season.", PassageKind.BODY)
    index = Index.build([*strong, weak], Analyzer())
    result = index.search('drone strikes "at dawn"', k=3)
    assert [h.passage.doc_id for h in result.hits + result.closest] == ["rare"]


def _small_index() -> Index:
    from search.text import Analyzer

    texts = ["The best harvest in a decade filled the granaries of the valley.",
             "Farmers in the valley sold grain at the market on Monday.",
             "Rain delayed the harvest in the northern districts.",
             "The market council met the farmers about grain prices."]
    # Enough other passages that a word found once weighs nearly as much as a word never seen.
    texts += [f"Notes from week {i} on roads, schools and water supplies." for i in range(60)]
    return Index.build([Passage(f"d{i}", 1, t, PassageKind.BODY) for i, t in enumerate(texts)], Analyzer())


def test_one_shared_word_is_not_an_answer_however_rare_the_word():
    # "best" is as rare as a word can be here, so it carries half the question's weight on its own.
    result = _small_index().search("best laptop", k=3)
    assert not result.answered
    assert result.closest and result.closest[0].passage.doc_id == "d0"


def test_two_shared_words_can_answer():
    result = _small_index().search("best harvest", k=3)
    assert result.answered and result.hits[0].passage.doc_id == "d0"


def test_a_one_word_question_needs_only_that_word():
    result = _small_index().search("granaries", k=3)
    assert result.answered and result.hits[0].passage.doc_id == "d0"
