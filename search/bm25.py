"""BM25 scoring as a sparse matrix product: the scores of rank-bm25's BM25Okapi, precomputed.

BM25Okapi (Robertson et al., with the ATIRE idf floor as rank-bm25 implements it):

    idf(t)      = ln(N - n(t) + 0.5) - ln(n(t) + 0.5);  an idf below zero becomes epsilon * mean(idf)
    score(d, q) = sum over query tokens t of idf(t) * f(t, d) * (k1 + 1) / (f(t, d) + k1 * (1 - b + b * |d| / avgdl))

N is the number of passages, n(t) the passages containing t, f(t, d) the count of t in d, |d| the
token count of d. Everything but the query is fixed once the corpus is read, so each (passage, term)
weight is computed at build time and a query is the sum of a few matrix columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

K1 = 1.5  # term-frequency saturation: rank-bm25's default
B = 0.75  # length normalisation: rank-bm25's default
EPSILON = 0.25  # floor for terms in more than half the passages, as a share of the mean idf


@dataclass(frozen=True)
class BM25Matrix:
    """Precomputed BM25Okapi weights: one row per passage, one column per term."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: sparse.csc_matrix
    doc_len: np.ndarray

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B,
              epsilon: float = EPSILON) -> BM25Matrix:
        """Weights for a tokenized corpus; an empty corpus gives an empty matrix."""
        vocabulary: dict[str, int] = {}
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        tfs: list[np.ndarray] = []
        doc_len = np.zeros(len(corpus), dtype=np.float64)
        for i, tokens in enumerate(corpus):
            doc_len[i] = len(tokens)
            counts = Counter(tokens)
            ids = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for t in counts), np.int64, len(counts))
            rows.append(np.full(len(counts), i, dtype=np.int64))
            cols.append(ids)
            tfs.append(np.fromiter(counts.values(), np.float64, len(counts)))
        n_docs, n_terms = len(corpus), len(vocabulary)
        if n_docs == 0 or n_terms == 0:
            empty = sparse.csc_matrix((n_docs, n_terms), dtype=np.float64)
            return cls(vocabulary, np.zeros(n_terms), empty, doc_len)
        row = np.concatenate(rows)
        col = np.concatenate(cols)
        tf = np.concatenate(tfs)
        df = np.bincount(col, minlength=n_terms).astype(np.float64)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        idf[idf < 0] = epsilon * idf.mean()
        avgdl = doc_len.sum() / n_docs
        norm = k1 * (1 - b + b * doc_len / avgdl)
        data = idf[col] * tf * (k1 + 1) / (tf + norm[row])
        weights = sparse.csc_matrix((data, (row, col)), shape=(n_docs, n_terms))
        return cls(vocabulary, idf, weights, doc_len)

    @property
    def size(self) -> int:
        """Number of passages."""
        return self.weights.shape[0]

    def scores(self, query: Sequence[str], extra: dict[str, float] | None = None) -> np.ndarray:
        """BM25Okapi score of every passage; a repeated query token counts each time, as in rank-bm25.
        `extra` adds further terms with fractional weights (1.0 would be one more query token).
        """
        counts: Counter[str] | dict[str, float] = Counter(t for t in query if t in self.vocabulary)
        if extra:
            counts = dict(counts)
            for term, weight in extra.items():
                if term in self.vocabulary:
                    counts[term] = counts.get(term, 0.0) + weight
        if not counts or self.size == 0:
            return np.zeros(self.size)
        cols = np.fromiter((self.vocabulary[t] for t in counts), np.int64, len(counts))
        qtf = np.fromiter(counts.values(), np.float64, len(counts))
        return np.asarray(self.weights[:, cols] @ qtf).ravel()

    def idf_of(self, term: str) -> float:
        """The idf the scores use for a term; a term no passage contains gets the idf of n(t) = 0."""
        col = self.vocabulary.get(term)
        if col is None:
            n = self.size
            return float(np.log(n + 0.5) - np.log(0.5)) if n else 0.0
        return float(self.idf[col])

    def row_terms(self, i: int) -> set[str]:
        """The terms passage i contains."""
        if not hasattr(self, "_rows"):  # `_rows` is set last: a concurrent search never sees half the cache
            object.__setattr__(self, "_names", np.array(list(self.vocabulary), dtype=object))
            object.__setattr__(self, "_rows", self.weights.tocsr())
        rows = self._rows
        return set(self._names[rows.indices[rows.indptr[i]:rows.indptr[i + 1]]].tolist())

    def contains(self, term: str) -> np.ndarray:
        """Boolean mask of the passages that contain a term."""
        mask = np.zeros(self.size, dtype=bool)
        col = self.vocabulary.get(term)
        if col is not None:
            start, end = self.weights.indptr[col], self.weights.indptr[col + 1]
            mask[self.weights.indices[start:end]] = True
        return mask


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first; ties keep passage order."""
    if k <= 0 or scores.size == 0:
        return np.zeros(0, dtype=np.int64)
    if k < scores.size:
        part = np.argpartition(-scores, k - 1)[:k]
    else:
        part = np.arange(scores.size)
    return part[np.lexsort((part, -scores[part]))]
