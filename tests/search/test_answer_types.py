"""What a question asks for, whether a passage holds it, and how the evidence makes a hybrid confidence."""

import pytest

from search.confidence import MIN_CONFIDENCE, hybrid_confidence
from search.intent import Intent, holds_answer_type, new_names, question_intent


@pytest.mark.parametrize(("question", "intent"), [
    ("Who founded the Taliban?", Intent.PERSON),
    ("whom did the envoys recruit?", Intent.PERSON),
    ("Which group claimed the attack?", Intent.PERSON),
    ("Where did ISIS-K's members come from?", Intent.PLACE),
    ("Which countries kept their embassies open?", Intent.PLACE),
    ("How many fighters does ISIS-K have?", Intent.QUANTITY),
    ("How many people who fled were counted?", Intent.QUANTITY),  # "who" inside a clause: still a count
    ("When did the Taliban take Kabul?", Intent.DATE),
    ("Why is the group hard to root out?", Intent.OTHER),
])
def test_the_question_word_says_what_kind_of_answer_is_wanted(question, intent):
    assert question_intent(question) is intent


def test_names_are_capitalised_words_inside_a_sentence_the_question_lacks():
    text = "The death of the founder of the Taliban Mullah Mohammad Omar was announced in July. Then U.N. staff left."
    assert new_names(text, "Who founded the Taliban?") == ["Mullah", "Mohammad", "Omar"]  # not July, not Then


def test_a_who_question_wants_a_name_the_question_does_not_already_give():
    question = "Who leads the Taliban?"
    assert holds_answer_type(Intent.PERSON, "The Taliban leader Hibatullah Akhundzada rarely appears.", question)
    assert not holds_answer_type(Intent.PERSON, "The Taliban said the leader was in good health.", question)
    assert holds_answer_type(Intent.QUANTITY, "About 1,300 fighters.", "How many fighters?")
    assert not holds_answer_type(Intent.DATE, "Many fighters.", "When?")
    assert holds_answer_type(Intent.OTHER, "anything", "Why?")


def test_confidence_grows_with_similarity_and_coverage_and_drops_without_the_answer_type():
    strong = hybrid_confidence(0.7, 0.8, True, True)
    assert strong >= MIN_CONFIDENCE
    assert hybrid_confidence(0.7, 0.2, True, True) < strong
    assert hybrid_confidence(0.3, 0.8, True, True) < strong
    assert hybrid_confidence(0.7, 0.8, False, True) < strong
    assert hybrid_confidence(0.7, 0.8, True, False) < strong
    assert hybrid_confidence(0.1, 0.1, True, True) < MIN_CONFIDENCE
    assert 0.0 <= hybrid_confidence(-0.5, 0.0, False, False) <= hybrid_confidence(1.0, 1.0, True, True) <= 1.0
