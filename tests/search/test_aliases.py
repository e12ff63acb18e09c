"""The alias table from config/aliases.toml: one actor's names meet, common words stay words."""

from __future__ import annotations

import re

import pytest

from search.aliases import AliasTable
from search.index import Index
from search.models import Passage, PassageKind
from search.text import Analyzer


def common(analyzer: Analyzer, *texts: str) -> set[str]:
    sets = [set(analyzer.terms(t)) for t in texts]
    return set.intersection(*sets)


@pytest.mark.parametrize("alias", ["ISKP", "IS-K", "Islamic State Khorasan", "Islamic State-Khorasan", "iskp"])
def test_isis_k_aliases_share_a_term_with_isis_k(analyzer, alias):
    assert common(analyzer, alias, "ISIS-K")


def test_isis_k_alias_term_is_not_given_to_the_unrelated_word(analyzer):
    actor_terms = common(analyzer, "ISKP", "IS-K", "Islamic State Khorasan", "ISIS-K")
    assert actor_terms.isdisjoint(analyzer.terms("Taliban fighters in Kabul"))


def test_longest_alias_wins_over_its_prefix(analyzer):
    """"Islamic State Khorasan" is ISIS-K, not "Islamic State" followed by a place."""
    isis_k_only = common(analyzer, "ISIS-K", "ISKP") - set(analyzer.terms("ISIS"))
    assert isis_k_only
    assert isis_k_only <= set(analyzer.terms("Islamic State Khorasan"))
    assert isis_k_only.isdisjoint(analyzer.terms("Islamic State"))


def test_question_about_the_parent_group_meets_the_branch(analyzer):
    assert common(analyzer, "Islamic State", "ISKP")


@pytest.mark.parametrize("name", ["U.S.", "US", "America", "United States", "u.s.", "Washington"])
def test_names_of_the_united_states_share_one_term(analyzer, name):
    assert common(analyzer, name, "U.S.", "US", "America")


def test_pronoun_us_does_not_get_the_united_states_term(analyzer):
    country = common(analyzer, "U.S.", "US", "America")
    assert country.isdisjoint(analyzer.terms("let us know"))
    assert country.isdisjoint(analyzer.terms("Us and them"))


FILLER = (
    "Rice prices rose again at the market in Dhaka this week.",
    "The football season opened with a draw in Madrid on Sunday.",
    "A new bridge over the river will open to traffic next spring.",
    "Scientists counted more migrating birds along the coast this autumn.",
    "The orchestra played a programme of early music to a full hall.",
    "Heavy snow closed mountain roads and schools for two days.",
)


def _index(analyzer: Analyzer, *texts: str) -> Index:
    """One single-paragraph document per text, after them unrelated filler so idf behaves as in a corpus."""
    passages = [Passage(f"doc{i}", 1, t, PassageKind.BODY) for i, t in enumerate(texts + FILLER, 1)]
    return Index.build(passages, analyzer)


def test_question_about_the_us_does_not_find_the_pronoun(analyzer):
    index = _index(analyzer, "The U.S. sent more drones to the base in Qatar in August.",
                   "Tell us what happened to the farmers in the valley, the elders asked.")
    assert [h.passage.doc_id for h in index.search("U.S. drones Qatar", k=3).hits] == ["doc1"]


def test_question_saying_america_finds_text_saying_us(analyzer):
    index = _index(analyzer, "The US sent more drones to the base in Qatar in August.",
                   "Farmers in Helmand planted wheat after the rains came early.")
    assert [h.passage.doc_id for h in index.search("America drones Qatar", k=3).hits] == ["doc1"]


MENTIONS_ISIS_K = re.compile(r"ISIS-K|ISKP|IS-K|Islamic State[- ]Khorasan", re.IGNORECASE)


@pytest.mark.parametrize("question", [
    "What is ISKP?",
    "IS-K attacks",
    "Islamic State Khorasan attacks",
    "ISIS-K attacks",
])
def test_alias_questions_are_answered_with_isis_k_passages(service, question):
    answer = service.ask_sync(question)
    assert answer.answered
    assert MENTIONS_ISIS_K.search(answer.hits[0].passage.text)


def test_alias_question_ranks_an_isis_k_passage_first_even_when_unsure(service):
    answer = service.ask_sync("ISKP")
    shown = answer.hits or answer.closest
    assert MENTIONS_ISIS_K.search(shown[0].passage.text)


def test_alias_file_with_a_parent_chain_gives_every_ancestor_term(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[[actor]]\nname = "Alpha Front"\naliases = ["AF"]\n\n'
                    '[[actor]]\nname = "Alpha Front East"\nparent = "Alpha Front"\naliases = ["AFE"]\n\n'
                    '[[actor]]\nname = "Alpha Front East Cell"\nparent = "Alpha Front East"\n'
                    'exact = ["AFEC"]\n', encoding="utf-8")
    analyzer = Analyzer(AliasTable.from_toml(path))
    assert common(analyzer, "AFEC", "AFE", "AF")
    assert common(analyzer, "AFEC", "Alpha Front East")
    assert not common(analyzer, "afec", "AFE")
