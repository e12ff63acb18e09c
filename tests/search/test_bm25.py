"""search.bm25.BM25Matrix gives exactly rank_bm25.BM25Okapi's scores, only faster."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from search.bm25 import EPSILON, K1, B, BM25Matrix, top_k

RTOL = 1e-9
N_PASSAGES = 3000


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def made_up_words(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "ri", "zen", "tu", "mar", "vi", "osh", "pe", "dra", "quo", "nim"]
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(out)


@pytest.fixture(scope="module")
def generated(seeds_dir: Path) -> tuple[list[list[str]], list[list[str]]]:
    """~3,000 passages of seed sentences and made-up words, and ~30 queries; the same on every run."""
    rng = random.Random(20240425)
    sentences = [words(s) for f in sorted(seeds_dir.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", f.read_text(encoding="utf-8"))]
    sentences = [s for s in sentences if len(s) >= 4]
    invented = made_up_words(rng, 400)
    zipf = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(invented))))
    corpus = []
    for i in range(N_PASSAGES):
        tokens = [w for s in rng.sample(sentences, rng.randint(1, 3)) for w in s]
        tokens += rng.choices(invented, cum_weights=zipf, k=rng.randint(0, 25))
        if rng.random() < 0.7:
            tokens.append("commonword")  # in most passages: its idf is negative and takes the epsilon floor
        if i % 500 == 0:
            tokens = []  # an empty passage now and then
        rng.shuffle(tokens)
        corpus.append(tokens)
    vocabulary = sorted({t for doc in corpus for t in doc})
    queries = [
        ["taliban"], ["isis", "k", "fighters"], ["the", "the", "the"], ["commonword"],
        ["commonword", "taliban", "commonword"], ["zzunknownzz"], ["zzunknownzz", "kabul", "zzalsonotthere"],
        [], [invented[0]], [invented[0], invented[0], invented[-1]], ["biden", "vowed", "strike"],
        ["2", "000", "fighters"], ["pakistan", "pakistan", "china"], [invented[-1]],
    ]
    while len(queries) < 30:
        query = rng.sample(vocabulary, rng.randint(1, 6))
        if rng.random() < 0.4:
            query.append(query[0])  # a repeated token
        if rng.random() < 0.3:
            query.append("neverseen" + str(len(queries)))
        queries.append(query)
    return corpus, queries


@pytest.fixture(scope="module")
def engines(generated) -> tuple[BM25Matrix, BM25Okapi]:
    corpus, _ = generated
    return BM25Matrix.build(corpus), BM25Okapi(corpus, k1=K1, b=B, epsilon=EPSILON)


def test_generated_corpus_exercises_the_edge_cases(generated, engines):
    corpus, queries = generated
    matrix, okapi = engines
    assert len(corpus) == N_PASSAGES and len(queries) >= 30
    assert any(not doc for doc in corpus)
    assert okapi.idf["commonword"] == pytest.approx(EPSILON * okapi.average_idf)
    assert any(len(set(q)) < len(q) for q in queries)
    assert any(t not in matrix.vocabulary for q in queries for t in q)


def test_parameters_are_rank_bm25_defaults():
    assert (K1, B, EPSILON) == (1.5, 0.75, 0.25)


def test_scores_equal_rank_bm25_for_every_query(generated, engines):
    _, queries = generated
    matrix, okapi = engines
    for query in queries:
        expected = okapi.get_scores(query)
        np.testing.assert_allclose(matrix.scores(query), expected, rtol=RTOL, atol=0, err_msg=str(query))


def test_top_ten_order_equals_rank_bm25_except_exact_ties(generated, engines):
    _, queries = generated
    matrix, okapi = engines
    for query in queries:
        expected = okapi.get_scores(query)
        ours = [int(i) for i in top_k(matrix.scores(query), 10)]
        theirs = [int(i) for i in np.argsort(-expected, kind="stable")[:10]]
        for mine, other in zip(ours, theirs, strict=True):
            if mine != other:
                assert expected[mine] == pytest.approx(expected[other], rel=RTOL, abs=0), query


def test_idf_matches_rank_bm25(engines):
    matrix, okapi = engines
    for term, col in list(matrix.vocabulary.items())[::50]:
        assert matrix.idf[col] == pytest.approx(okapi.idf[term], rel=RTOL)


def test_unknown_and_empty_queries_score_zero(engines):
    matrix, _ = engines
    assert not matrix.scores(["zzunknownzz"]).any()
    assert not matrix.scores([]).any()
    assert matrix.scores([]).shape == (N_PASSAGES,)


def test_repeated_query_token_counts_each_time(engines):
    matrix, _ = engines
    once, twice = matrix.scores(["taliban"]), matrix.scores(["taliban", "taliban"])
    np.testing.assert_allclose(twice, 2 * once, rtol=RTOL)


def test_empty_corpus_gives_empty_scores():
    matrix = BM25Matrix.build([])
    assert matrix.size == 0
    assert matrix.scores(["taliban"]).shape == (0,)


def test_top_k_breaks_ties_by_passage_order():
    scores = np.array([1.0, 3.0, 2.0, 3.0, 0.0, 2.0])
    assert top_k(scores, 4).tolist() == [1, 3, 2, 5]
    assert top_k(scores, 0).tolist() == []
    assert top_k(scores, 10).tolist() == [1, 3, 2, 5, 0, 4]
