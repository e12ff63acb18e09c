"""Actors, roles and quotes of an article written for these tests, about people and bodies no list in
config/ knows: company and federation names, a public body with "and" in its name, a role set off before a
name, an age after one, a surname that alone confirms a person, quotations over several paragraphs, a
pronoun after a few words of the quoted sentence, editorial brackets and verbs of reporting.
"""

from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import load_folder
from search.extract import Actor, Extraction, Gazetteer, extract
from search.extract.attribution import role_after
from search.extract.entities import MentionFinder
from search.extract.nlp import entities
from search.extract.scoring import score
from search.extract.text import Sentence

ROOT = Path(__file__).resolve().parents[3]
ALIASES = ROOT / "config" / "aliases.toml"
STATES = ROOT / "config" / "states.toml"

ARTICLE = """Tailings Dam Bursts Above Andean Village

Published March 12, 2025

By Ines Laborde

A tailings dam at the Quebrada Alta copper mine gave way on March 9, burying part of the village of \
Santa Rufina under mud and forcing 1,400 people from their homes, Peruvian officials said.

The mine is run by Andina Ridge Corp., which said the dam had passed an inspection in January.

A spokesman, Tomas Villaverde, declined to give the volume of waste stored behind the wall.

Rosa Quispe, 67, lost her house and her goats. "The mud came down the valley like a train," she said. \
"We had ten minutes, maybe less."

The Federation of Mine Workers says the company ignored its warnings. Its president, Ernesto Calderón, \
cited a 2023 report that found cracks in the wall and vowed to take the company to court.

Calderón wrote on social media that "[the] company knew about the cracks for two years."

"The families deserve the truth" about the dam, he said, adding: "We will be in court before the summer."

Lucía Mendaza, a hydrologist at the National Geology and Mining Service, warned that two other dams in \
the valley were built the same way.

"Those walls were raised with the same loose tailings," Mendaza said. "Nobody has measured how much \
water sits behind them.

"If it rains that hard again in April, I would not want to live below any of them."

Julio Paredes lost his bakery on the main square. "We begged them for a second spillway.

"They told us the wall would hold for fifty years," said Paredes.

Mr Villaverde said the company would pay for temporary housing.

Energy Minister Beatriz Salcedo described the breach as a "national disgrace". She also said that \
inspectors would audit every tailings dam in the country by June.

Andina Ridge chief executive Paul Hartmann acknowledged that the company had delayed repairs, but argued \
that the rains were the heaviest in forty years.
"""

GOLD = {
    "actors": [
        {"name": "Tomas Villaverde", "kind": "person", "names": ["Villaverde"], "role": "spokesman",
         "quote": "pay for temporary housing"},
        {"name": "Rosa Quispe", "kind": "person", "quote": "like a train"},
        {"name": "Ernesto Calderón", "kind": "person", "role": "president", "quote": "cited a 2023 report"},
        {"name": "Lucía Mendaza", "kind": "person", "names": ["Mendaza"],
         "role": "hydrologist at the National Geology and Mining Service", "quote": "loose tailings"},
        {"name": "Julio Paredes", "kind": "person", "names": ["Paredes"], "quote": "fifty years"},
        {"name": "Beatriz Salcedo", "kind": "person", "role": "Energy Minister", "quote": "national disgrace"},
        {"name": "Paul Hartmann", "kind": "person", "role": "chief executive", "quote": "delayed repairs"},
        {"name": "Peru", "kind": "state", "names": ["Peruvian"]},
        {"name": "Andina Ridge Corp.", "kind": "organisation", "names": ["Andina Ridge"]},
        {"name": "Federation of Mine Workers", "kind": "organisation"},
        {"name": "National Geology and Mining Service", "kind": "organisation"},
    ],
    "allowed": [],
    "junk": ["Ines Laborde", "Mine Workers", "Mining Service", "National Geology", "Santa Rufina",
             "Quebrada Alta", "Mr", "Mr Villaverde", "Its", "Nobody", "Energy Minister"],
    "figures": [], "figure_groups": [], "events": [],
}


@pytest.fixture(scope="module")
def extraction(tmp_path_factory) -> Extraction:
    folder = tmp_path_factory.mktemp("dam")
    (folder / "andes.txt").write_text(ARTICLE, encoding="utf-8")
    return extract(load_folder(folder).documents, AliasTable.from_toml(ALIASES), Gazetteer.from_toml(STATES))


def _actor(extraction: Extraction, name: str) -> Actor:
    return next(a for a in extraction.actors if a.name == name)


def _quotes(extraction: Extraction, name: str) -> list[str]:
    return [q.text for q in _actor(extraction, name).quotes]


def test_the_article_yields_its_people_and_bodies_and_no_junk(extraction):
    result = score(extraction, GOLD)
    assert result["people"].recall == 1.0, result["people"].missed
    assert result["people"].precision == 1.0, result["people"].wrong
    assert result["groups+states"].recall == 1.0, result["groups+states"].missed
    assert result["organisations"].recall == 1.0, result["organisations"].missed
    assert result["organisations"].precision == 1.0, result["organisations"].wrong
    assert result["kinds"].wrong == []
    assert result["junk"].wrong == []
    assert result["roles"].missed == []
    assert result["quotes"].missed == []


def test_a_role_set_off_before_a_name_makes_it_a_person_with_that_role(extraction):
    villaverde = _actor(extraction, "Tomas Villaverde")
    assert [r.text for r in villaverde.roles] == ["spokesman"]  # "Mr" is a form of address, not a role
    assert "Villaverde" in villaverde.aliases
    assert [r.text for r in _actor(extraction, "Ernesto Calderón").roles] == ["president"]


def test_an_age_after_a_name_makes_it_a_person(extraction):
    assert _quotes(extraction, "Rosa Quispe") == ["The mud came down the valley like a train,",
                                                  "We had ten minutes, maybe less."]


def test_a_surname_confirmed_alone_is_the_full_name_the_article_gave(extraction):
    assert "Paredes" not in {a.name for a in extraction.actors}
    assert "Paredes" in _actor(extraction, "Julio Paredes").aliases


def test_a_quotation_over_several_paragraphs_is_its_speakers_throughout(extraction):
    mendaza = _quotes(extraction, "Lucía Mendaza")
    assert "Nobody has measured how much water sits behind them." in mendaza
    assert "If it rains that hard again in April, I would not want to live below any of them." in mendaza
    # named only in the paragraph that closes the quotation
    assert _quotes(extraction, "Julio Paredes") == ["We begged them for a second spillway.",
                                                    "They told us the wall would hold for fifty years,"]


def test_pronouns_and_a_second_quotation_of_one_sentence_keep_the_speaker(extraction):
    calderon = _quotes(extraction, "Ernesto Calderón")
    assert "The families deserve the truth" in calderon  # '"…" about the dam, he said'
    assert "We will be in court before the summer." in calderon  # 'he said, adding: "…"'


def test_quotations_keep_the_articles_words_and_brackets(extraction):
    assert "[the] company knew about the cracks for two years." in _quotes(extraction, "Ernesto Calderón")


@pytest.mark.parametrize("name, opening", [
    ("Ernesto Calderón", "Its president, Ernesto Calderón, cited a 2023 report"),
    ("Paul Hartmann", "Andina Ridge chief executive Paul Hartmann acknowledged"),
    ("Lucía Mendaza", "Lucía Mendaza, a hydrologist at the National Geology and Mining Service, warned"),
    ("Beatriz Salcedo", "She also said that inspectors would audit"),  # beside a quoted word
    ("Tomas Villaverde", "Mr Villaverde said the company would pay"),
])
def test_verbs_of_reporting_make_statements(extraction, name, opening):
    assert any(q.startswith(opening) for q in _quotes(extraction, name))


class Finder:
    """The mention finder over one sentence, with the model's spans of that sentence."""

    def __init__(self) -> None:
        self.finder = MentionFinder(AliasTable.from_toml(ALIASES), Gazetteer.from_toml(STATES))

    def find(self, sentence):
        [spans] = entities([sentence.text])
        return self.finder.find(sentence, spans)


@pytest.fixture(scope="module")
def finder() -> Finder:
    return Finder()


@pytest.mark.parametrize("text, expected", [
    ("Halvorsen Shipping Ltd said on Monday it would sell.", [("Halvorsen Shipping Ltd", "organisation")]),
    ("Brightwater Holdings Inc. said it would appeal.", [("Brightwater Holdings Inc", "organisation")]),
    ("The Ministry of Water warned of more floods.", [("Ministry of Water", "organisation")]),
    ("Croatia and Serbia sent rescuers.", [("Croatia", "state"), ("Serbia", "state")]),
])
def test_organisation_heads_and_joined_names(finder, text, expected):
    found = [(m.name, m.kind) for m in finder.find(Sentence("d", 1, 0, text, True)) if m.kind]
    assert found == expected


def test_a_name_joined_by_of_is_one_body_and_no_speaker_of_its_own(finder):
    mentions = finder.find(Sentence("d", 1, 0, "The Brotherhood of Railway Workers says pay is low.", True))
    assert [(m.name, m.kind) for m in mentions] == [("Brotherhood of Railway Workers", "organisation")]


def test_the_name_after_an_office_is_its_holders(finder):
    [mention] = finder.find(Sentence("d", 1, 0, "Secretary of State Ilse Brandt said the talks failed.", True))
    assert (mention.surface, mention.evidence) == ("Ilse Brandt", True)


def test_a_role_closing_a_quoted_title_closes_it_with_the_mark_that_opened_it():
    text = 'said Nadia Ferreira, author of "Rivers of Ash: A History of the Andes."'
    assert role_after(text, text.index(",")) == 'author of "Rivers of Ash: A History of the Andes"'


@pytest.mark.parametrize("text, speaker, not_people", [
    ("Hamid Nurzai, a shopkeeper in Herat, said the market was empty.", "Hamid Nurzai", {"Herat"}),
    ("Oksana Melnyk, the owner of a bakery near Lviv, says prices doubled.", "Oksana Melnyk", {"Lviv"}),
    ("A doctor from Jalalabad, Aziz Noori, said the clinic was full.", "Aziz Noori", {"Jalalabad"}),
])
def test_whoever_an_apposition_describes_and_then_speaks_is_a_person(finder, text, speaker, not_people):
    mentions = finder.find(Sentence("d", 1, 0, text, True))
    evident = {m.surface for m in mentions if m.evidence}
    assert speaker in evident and not evident & not_people
