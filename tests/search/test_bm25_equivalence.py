"""BM25Matrix gives rank-bm25's BM25Okapi scores: thousands of passages, parameter variants, odd queries."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from search.aliases import AliasTable
from search.bm25 import BM25Matrix, top_k
from search.corpus import load_folder
from search.text import Analyzer

REPO = Path(__file__).resolve().parents[2]
PASSAGES = 3000
RTOL = 1e-9  # the same formula in the same order; only summation order and log rounding differ


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(AliasTable.from_toml(REPO / "config" / "aliases.toml"))


@pytest.fixture(scope="module")
def corpus(analyzer: Analyzer) -> list[list[str]]:
    """Seed paragraphs' terms shuffled into passages of varied length, plus rare made-up terms and one
    term in 60% of passages (its idf is negative, so the epsilon floor applies)."""
    rng = random.Random(8)
    seed_terms = [t for p in load_folder(REPO / "seeds").passages for t in analyzer.terms(p.text)]
    out = []
    for i in range(PASSAGES):
        tokens = [rng.choice(seed_terms) for _ in range(rng.randint(3, 80))]
        tokens += [f"zq{rng.randrange(i // 3 + 5)}" for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.6:
            tokens.append("everywhere")
        out.append(tokens)
    out.append([])  # a passage with no terms at all
    return out


@pytest.fixture(scope="module")
def queries(analyzer: Analyzer) -> list[list[str]]:
    import json

    questions = []
    for name in ("dev-questions.json", "more-questions.json"):
        questions += [q["q"] for q in json.loads((REPO / "eval" / name).read_text())["questions"]]
    return [analyzer.terms(q) for q in questions if analyzer.terms(q)]


def assert_same_ranking(ours: np.ndarray, reference: np.ndarray, k: int = 10) -> None:
    """Top k identical, except that passages with equal reference scores may swap places."""
    expected = sorted(range(reference.size), key=lambda i: (-reference[i], i))[:k]
    got = [int(i) for i in top_k(ours, k)]
    for rank, (e, g) in enumerate(zip(expected, got, strict=True)):
        # Scores equal but for the last bits of rounding are ties too: rank-bm25 sums in another order.
        tied = abs(reference[e] - reference[g]) <= 1e-12 * max(1.0, abs(reference[e]))
        assert e == g or tied, f"rank {rank}: expected passage {e}, got {g}"


@pytest.mark.parametrize(("k1", "b", "epsilon"), [(1.5, 0.75, 0.25), (1.2, 0.75, 0.25), (2.0, 0.3, 0.5),
                                                  (0.5, 1.0, 0.1), (1.5, 0.0, 0.25)])
def test_scores_and_top_ten_match_rank_bm25(corpus, queries, k1, b, epsilon) -> None:
    ours = BM25Matrix.build(corpus, k1=k1, b=b, epsilon=epsilon)
    reference = BM25Okapi(corpus, k1=k1, b=b, epsilon=epsilon)
    assert len(queries) >= 50
    for query in queries:
        # With b = 1 rank-bm25 divides 0 by 0 for the passage with no terms; it scores 0 here.
        with np.errstate(invalid="ignore"):
            expected = np.nan_to_num(reference.get_scores(query), nan=0.0)
        got = ours.scores(query)
        np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-12)
        assert_same_ranking(got, expected)


def test_idf_floor_applies_to_terms_in_most_passages(corpus) -> None:
    ours = BM25Matrix.build(corpus)
    reference = BM25Okapi(corpus)
    assert reference.idf["everywhere"] == pytest.approx(0.25 * reference.average_idf)
    assert ours.idf_of("everywhere") == pytest.approx(reference.idf["everywhere"], rel=RTOL)
    np.testing.assert_allclose(ours.scores(["everywhere"]), reference.get_scores(["everywhere"]), rtol=RTOL)


def test_a_repeated_query_token_counts_each_time(corpus, queries) -> None:
    ours = BM25Matrix.build(corpus)
    reference = BM25Okapi(corpus)
    for query in queries[:20]:
        doubled = [query[0], *query, query[0], query[-1]]
        np.testing.assert_allclose(ours.scores(doubled), reference.get_scores(doubled), rtol=RTOL, atol=1e-12)
        assert_same_ranking(ours.scores(doubled), reference.get_scores(doubled))


def test_unknown_query_tokens_score_nothing(corpus, queries) -> None:
    ours = BM25Matrix.build(corpus)
    reference = BM25Okapi(corpus)
    assert not ours.scores(["no-such-term", "zzzzzz"]).any()
    assert not ours.scores([]).any()
    mixed = ["no-such-term", *queries[0], "zzzzzz"]
    np.testing.assert_allclose(ours.scores(mixed), reference.get_scores(mixed), rtol=RTOL, atol=1e-12)


def test_extra_weight_of_one_is_one_more_query_token(corpus, queries) -> None:
    ours = BM25Matrix.build(corpus)
    query = queries[3]
    once_more = ours.scores([*query, query[0]])
    np.testing.assert_allclose(ours.scores(query, {query[0]: 1.0}), once_more, rtol=1e-12)


def test_exactly_tied_passages_rank_in_passage_order() -> None:
    corpus = [["alpha", "beta"], ["gamma"], ["alpha", "beta"], ["alpha", "delta"], ["alpha", "beta"]] * 30
    scores = BM25Matrix.build(corpus).scores(["beta"])
    assert [int(i) for i in top_k(scores, 4)] == [0, 2, 4, 5]


def test_an_empty_corpus_scores_nothing() -> None:
    matrix = BM25Matrix.build([])
    assert matrix.size == 0
    assert matrix.scores(["anything"]).size == 0
