"""BM25 scoring as sparse columns: the scores of rank-bm25's BM25Okapi, precomputed.

BM25Okapi (Robertson et al., with the ATIRE idf floor as rank-bm25 implements it):

    idf(t)      = ln(N - n(t) + 0.5) - ln(n(t) + 0.5);  an idf below zero becomes epsilon * mean(idf)
    score(d, q) = sum over query tokens t of
                  idf(t) * (f(t, d) * (k1 + 1) / (f(t, d) + k1 * (1 - b + b * |d| / avgdl)))

N is the number of passages, n(t) the passages containing t, f(t, d) the count of t in d, |d| the
token count of d. Everything but the query is fixed once the corpus is read, so each (passage, term)
weight is computed at build time, in rank-bm25's order of operations, and a query adds up a few
columns. The columns are stored the way a CSC matrix stores them (`indptr`, `indices`, `data`), as
plain arrays: a query reads its columns by slicing, with no per-call matrix overhead.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

K1 = 1.5  # term-frequency saturation: rank-bm25's default
B = 0.75  # length normalisation: rank-bm25's default
EPSILON = 0.25  # floor for terms in more than half the passages, as a share of the mean idf

# Weights stay float64: float32 would halve their memory but move scores by about 1e-7, enough to
# swap two nearly tied passages against the rank-bm25 reference. Passage numbers fit in int32.
_WEIGHT = np.float64
_INDEX = np.int32


@dataclass(frozen=True)
class BM25Matrix:
    """Precomputed BM25Okapi weights, one sparse column per term (passage numbers ascending)."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    doc_len: np.ndarray
    column_max: np.ndarray  # the largest weight of each column (0 for an empty one): pruning's bound

    @classmethod
    def build(cls, corpus: Iterable[Sequence[str]], k1: float = K1, b: float = B,
              epsilon: float = EPSILON) -> BM25Matrix:
        """Weights for a tokenized corpus, read once (a generator is fine); empty gives an empty matrix."""
        vocabulary: dict[str, int] = {}
        term_ids = array("i")
        lengths = array("q")
        for tokens in corpus:
            try:
                ids = [vocabulary[t] for t in tokens]
            except KeyError:
                ids = [vocabulary.setdefault(t, len(vocabulary)) for t in tokens]
            term_ids.extend(ids)
            lengths.append(len(ids))
        return cls._from_ids(vocabulary, np.frombuffer(term_ids, dtype=np.int32),
                             np.frombuffer(lengths, dtype=np.int64), k1, b, epsilon)

    @classmethod
    def _from_ids(cls, vocabulary: dict[str, int], term_ids: np.ndarray, lengths: np.ndarray, k1: float,
                  b: float, epsilon: float) -> BM25Matrix:
        n_docs, n_terms = len(lengths), len(vocabulary)
        doc_len = lengths.astype(np.float64)
        if n_docs == 0 or n_terms == 0:
            return cls(vocabulary, np.zeros(n_terms), np.zeros(n_terms + 1, np.int64), np.zeros(0, _INDEX),
                       np.zeros(0, _WEIGHT), doc_len, np.zeros(n_terms))
        # One key per token occurrence, (term, passage) in one integer; sorting the keys groups a
        # term's occurrences by passage, in passage order, and the run lengths are the counts.
        # Built in place, with passage numbers as int32, to keep the peak near two arrays of keys.
        keys = term_ids.astype(np.int64)
        keys *= n_docs
        keys += np.repeat(np.arange(n_docs, dtype=np.int32), lengths)
        keys.sort()  # a plain sort lets other threads run meanwhile; np.unique may hold the interpreter
        first = np.empty(keys.size, dtype=bool)
        first[0] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        del first
        counts = np.diff(starts, append=keys.size).astype(np.int32)
        keys = keys[starts]
        del starts
        term_of = keys // n_docs
        keys -= term_of * n_docs
        indices = keys.astype(_INDEX)
        del keys
        indptr = np.zeros(n_terms + 1, np.int64)
        np.cumsum(np.bincount(term_of, minlength=n_terms), out=indptr[1:])
        del term_of
        tf = counts.astype(np.float64)
        df = np.diff(indptr)
        cols = np.repeat(np.arange(n_terms, dtype=_INDEX), df)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        idf[idf < 0] = epsilon * idf.mean()
        avgdl = doc_len.sum() / n_docs
        norm = k1 * (1 - b + b * doc_len / avgdl)
        data = tf * (k1 + 1)
        data /= tf + norm[indices]
        data *= idf[cols]
        data = data.astype(_WEIGHT, copy=False)
        return cls(vocabulary, idf, indptr, indices.astype(_INDEX, copy=False), data, doc_len,
                   _column_max(indptr, data))

    @property
    def size(self) -> int:
        """Number of passages."""
        return self.doc_len.size

    def query_weights(self, query: Sequence[str], extra: dict[str, float] | None = None) -> dict[int, float]:
        """Column → weight for a query: a repeated query token counts each time, as in rank-bm25;
        `extra` adds further terms with fractional weights (1.0 would be one more query token).
        Tokens not in the vocabulary are dropped: no passage contains them.
        """
        counts: dict[str, float] = dict(Counter(t for t in query if t in self.vocabulary))
        for term, weight in (extra or {}).items():
            if term in self.vocabulary:
                counts[term] = counts.get(term, 0.0) + weight
        return {self.vocabulary[t]: float(w) for t, w in counts.items()}

    def scores(self, query: Sequence[str], extra: dict[str, float] | None = None) -> np.ndarray:
        """BM25Okapi score of every passage (see `query_weights` for the query's terms)."""
        return self.column_scores(self.query_weights(query, extra))

    def column_scores(self, weights: dict[int, float]) -> np.ndarray:
        """Weighted sum of some columns, as a dense array over the passages."""
        if not weights:
            return np.zeros(self.size)
        spans = [(self.indptr[c], self.indptr[c + 1], w) for c, w in weights.items()]
        rows = np.concatenate([self.indices[s:e] for s, e, _ in spans])
        values = np.concatenate([self.data[s:e] * w for s, e, w in spans])
        return np.bincount(rows, weights=values, minlength=self.size)

    def column(self, term: str) -> np.ndarray:
        """The passages that contain a term, ascending."""
        col = self.vocabulary.get(term)
        if col is None:
            return self.indices[:0]
        return self.indices[self.indptr[col]:self.indptr[col + 1]]

    def column_weights(self, term: str) -> np.ndarray:
        """The BM25 weights of a term in the passages `column(term)` lists, in the same order."""
        col = self.vocabulary.get(term)
        if col is None:
            return self.data[:0]
        return self.data[self.indptr[col]:self.indptr[col + 1]]

    def has(self, term: str, i: int) -> bool:
        """True when passage i contains the term (a binary search in its column)."""
        rows = self.column(term)
        at = int(np.searchsorted(rows, i))
        return at < rows.size and int(rows[at]) == i

    def idf_of(self, term: str) -> float:
        """The idf the scores use for a term; a term no passage contains gets the idf of n(t) = 0."""
        col = self.vocabulary.get(term)
        if col is None:
            n = self.size
            return float(np.log(n + 0.5) - np.log(0.5)) if n else 0.0
        return float(self.idf[col])

    def contains(self, term: str) -> np.ndarray:
        """Boolean mask of the passages that contain a term."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.column(term)] = True
        return mask

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays (the vocabulary dict not counted)."""
        arrays = (self.idf, self.indptr, self.indices, self.data, self.doc_len, self.column_max)
        return sum(a.nbytes for a in arrays)


def _column_max(indptr: np.ndarray, data: np.ndarray) -> np.ndarray:
    """The largest value of each column of a CSC layout, 0 for an empty column."""
    top = np.zeros(indptr.size - 1)
    filled = np.flatnonzero(np.diff(indptr) > 0)
    if filled.size:
        top[filled] = np.maximum.reduceat(data, indptr[filled])
    return top


# Above this many scores, top_k first drops every score below the k-th best of the block maxima.
_BLOCK = 1024


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first; ties keep passage order."""
    if k <= 0 or scores.size == 0:
        return np.zeros(0, dtype=np.int64)
    if scores.size >= 4 * _BLOCK * k:
        # k blocks each hold a score at least the k-th best block maximum, so the k best scores (and
        # every score tied with the k-th) are at or above it: a few passes instead of a partition.
        whole = scores.size // _BLOCK * _BLOCK
        maxima = scores[:whole].reshape(-1, _BLOCK).max(axis=1)
        floor = np.partition(maxima, maxima.size - k)[maxima.size - k]
        part = np.flatnonzero(scores >= floor)
    elif k < scores.size:
        part = np.argpartition(-scores, k - 1)[:k]
        # argpartition picks arbitrarily among passages tied with the k-th score: keep those above
        # it and fill up with the earliest of the tied ones, as the ordering promises.
        kth = scores[part].min()
        above = part[scores[part] > kth]
        part = np.concatenate([above, np.flatnonzero(scores == kth)[:k - above.size]])
    else:
        part = np.arange(scores.size)
    return part[np.lexsort((part, -scores[part]))][:k]
