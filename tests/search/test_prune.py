"""Score-bound pruning and the faster whole-corpus path give exactly the ranking of the plain definition."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from search.aliases import AliasTable
from search.bm25 import top_k
from search.index import CONTEXT_WEIGHT, KIND_WEIGHT, Index
from search.intent import INTENT_BOOST, Intent, has_date, has_quantity
from search.models import Passage, PassageKind
from search.prune import Scoring, pruned_top
from search.synonyms import EXPANSION_WEIGHT, Synonyms
from search.text import Analyzer
from tools.synthetic import passages as synthetic_passages

REPO = Path(__file__).resolve().parents[2]
SIZE = 60_000


def questions() -> list[str]:
    out = []
    for name in ("dev-questions.json", "more-questions.json"):
        out += [q["q"] for q in json.loads((REPO / "eval" / name).read_text())["questions"]]
    return out


@pytest.fixture(scope="module")
def index() -> Index:
    """Synthetic passages in articles of 1 to 40 paragraphs, every ninth a caption."""
    analyzer = Analyzer(AliasTable.from_toml(REPO / "config" / "aliases.toml"))
    synonyms = Synonyms.from_toml(REPO / "config" / "synonyms.toml", analyzer.terms)
    corpus, doc, para = [], 0, 0
    for i, text in enumerate(synthetic_passages(SIZE, seed=5)):
        if para >= 1 + (i * 7919) % 40:
            doc, para = doc + 1, 0
        para += 1
        kind = PassageKind.CAPTION if i % 9 == 0 else PassageKind.BODY
        corpus.append(Passage(f"doc{doc}", para, text, kind))
    return Index.build(corpus, analyzer, synonyms)


@pytest.fixture(scope="module")
def arrays(index: Index) -> dict[str, np.ndarray]:
    """Per passage: kind weight, the two answer-type flags, and whether each neighbour is of its article."""
    docs = np.array([p.doc_id for p in index.passages])
    return {"kinds": np.array([KIND_WEIGHT[p.kind] for p in index.passages]),
            Intent.QUANTITY: np.array([has_quantity(p.text) for p in index.passages]),
            Intent.DATE: np.array([has_date(p.text) for p in index.passages]),
            "prev": np.concatenate(([False], docs[1:] == docs[:-1])),
            "next": np.concatenate((docs[:-1] == docs[1:], [False]))}


def every_passage(index: Index, arrays: dict, question: str, k: int) -> list[tuple[str, float]]:
    """The definition: each passage's own score, its best same-article neighbour, kind and intent."""
    query = index.parse(question)
    own = index.matrix.column_scores(index.matrix.query_weights(query.terms))
    present = set(query.terms)
    for term in present:
        related = [r for r in index.synonyms.related(term) if r not in present and r in index.matrix.vocabulary]
        best = np.zeros(index.matrix.size)
        for other in related:
            rows = index.matrix.column(other)
            best[rows] = np.maximum(best[rows], index.matrix.column_weights(other))
        own = own + EXPANSION_WEIGHT * best
    prev = np.concatenate(([0.0], own[:-1])) * arrays["prev"]
    nxt = np.concatenate((own[1:], [0.0])) * arrays["next"]
    scores = (own + CONTEXT_WEIGHT * np.maximum(prev, nxt)) * arrays["kinds"]
    if query.intent in arrays:
        scores = scores * np.where(arrays[query.intent], INTENT_BOOST, 1.0)
    scores[own <= 0] = 0.0
    return [(index.passages[i].passage_id, round(float(scores[i]), 6)) for i in top_k(scores, k) if scores[i] > 0]


@pytest.mark.parametrize("k", [1, 3, 10])
def test_search_at_scale_ranks_as_scoring_every_passage(index, arrays, k) -> None:
    for question in questions():
        result = index.search(question, k=k)
        got = [(h.passage.passage_id, h.score) for h in result.hits + result.closest]
        assert got == every_passage(index, arrays, question, k), question


def test_pruning_prunes_for_some_questions_and_ranks_the_same(index, arrays) -> None:
    """pruned_top on its own: the same top three wherever it prunes, and it does prune for some questions
    (on this corpus of shuffled seed sentences most questions share common words with most passages).
    """
    kinds = arrays["kinds"]
    pruned = 0
    for question in questions():
        query = index.parse(question)
        wanted = arrays.get(query.intent)
        present = set(query.terms)
        groups = [[index.matrix.vocabulary[r] for r in index.synonyms.related(t)
                   if r not in present and r in index.matrix.vocabulary] for t in present]
        scoring = Scoring(index.matrix.query_weights(query.terms), [g for g in groups if g], EXPANSION_WEIGHT,
                          CONTEXT_WEIGHT, kinds, wanted, INTENT_BOOST, arrays["prev"], arrays["next"],
                          float(kinds.max()))
        best = pruned_top(index.matrix, scoring, 3, min_passages=0)
        if best is None:
            continue
        pruned += 1
        got = [(index.passages[int(i)].passage_id, round(float(s), 6)) for i, s in zip(*best, strict=True)]
        assert got == every_passage(index, arrays, question, 3), question
    print(f"pruned {pruned} of {len(questions())}")
    assert pruned >= 5


def test_a_question_of_one_term_is_scored_whole(index, arrays) -> None:
    """With one term there is nothing to leave out: no bound can prune."""
    col = index.matrix.vocabulary["taliban"]
    single = Scoring({col: 1.0}, [], EXPANSION_WEIGHT, CONTEXT_WEIGHT, arrays["kinds"], None, INTENT_BOOST,
                     arrays["prev"], arrays["next"], 1.0)
    assert pruned_top(index.matrix, single, 3, min_passages=0) is None


def test_pruning_is_not_tried_on_a_small_corpus(index, arrays) -> None:
    col = index.matrix.vocabulary["taliban"]
    pair = Scoring({col: 1.0, index.matrix.vocabulary["kabul"]: 1.0}, [], EXPANSION_WEIGHT, CONTEXT_WEIGHT,
                   arrays["kinds"], None, INTENT_BOOST, arrays["prev"], arrays["next"], 1.0)
    assert pruned_top(index.matrix, pair, 3, min_passages=SIZE + 1) is None
