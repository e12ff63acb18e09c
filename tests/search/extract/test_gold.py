"""Extraction scored against the reference built by reading the five bundled articles."""

import json
from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import load_folder
from search.extract import Gazetteer, extract
from search.extract.scoring import score, table

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def scores():
    data = load_folder(ROOT / "seeds")
    extraction = extract(data.documents, AliasTable.from_toml(ROOT / "config" / "aliases.toml"),
                         Gazetteer.from_toml(ROOT / "config" / "states.toml"))
    result = score(extraction, json.loads((ROOT / "tests" / "gold" / "extraction.json").read_text("utf-8")))
    print("\n" + table(result))
    return result


def test_people_are_found_with_recall_of_at_least_0_9(scores):
    assert scores["people"].recall >= 0.9, scores["people"].missed
    assert scores["people"].precision >= 0.9, scores["people"].wrong


def test_groups_and_states_are_found_with_recall_of_at_least_0_85(scores):
    assert scores["groups+states"].recall >= 0.85, scores["groups+states"].missed
    assert scores["groups+states"].precision >= 0.9, scores["groups+states"].wrong


def test_organisations_are_found(scores):
    assert scores["organisations"].recall >= 0.85, scores["organisations"].missed


def test_no_junk_actors_credits_mastheads_weekdays_or_sentence_openers(scores):
    assert scores["junk"].wrong == []


def test_people_carry_the_roles_and_quotes_the_text_gives_them(scores):
    assert scores["roles"].recall >= 0.8, scores["roles"].missed
    assert scores["quotes"].recall >= 0.8, scores["quotes"].missed


def test_figures_are_found_with_recall_of_at_least_0_8(scores):
    assert scores["figures"].recall >= 0.8, scores["figures"].missed
    assert scores["figures"].precision >= 0.8, scores["figures"].wrong


def test_figures_measuring_the_same_thing_are_grouped(scores):
    assert scores["groups"].recall >= 0.7, scores["groups"].missed


def test_timeline_recall_of_at_least_0_8_and_no_event_in_the_wrong_year(scores):
    assert scores["timeline"].recall >= 0.8, scores["timeline"].missed
    assert scores["wrong_year"].wrong == []


def test_an_event_reported_by_several_passages_appears_once_and_apart_from_other_events(scores):
    assert scores["duplicated"].wrong == []
    assert scores["merged"].wrong == []
