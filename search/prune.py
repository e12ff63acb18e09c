"""The exact top k without scoring every passage: MaxScore over the question's terms and synonyms.

A passage's final score (search/index.py) is

    own(d)   = sum of w(t) * bm25(t, d) over the question's terms  +  0.5 * best synonym weight, per word
    final(d) = (own(d) + CONTEXT_WEIGHT * max(own(d - 1), own(d + 1)))  * kind * intent     (own(d) > 0)

with the neighbours counted only inside the same article. Every part of `own` is a *component*
(one term's column, or one word's synonyms) whose weight in any passage is at most its bound
`U = w * max weight of its column`. MaxScore (Turtle and Flood, 1995) splits the components in two:
the non-essential ones, whose bounds add up to less than a known lower bound `theta` of the k-th
best final score once the context and the multipliers are allowed for, and the essential rest. A
passage in which, with its neighbours, no essential component occurs cannot reach `theta`, so only
passages near an essential posting are candidates; each candidate gets an upper bound from the
essential sums plus the non-essential bounds, and only those whose bound reaches `theta` are scored
exactly, in the exhaustive path's order of operations, so the scores are the same to the last bit.

`theta` comes from scoring exactly the passages the rarest components rank highest. When no bound
prunes anything (every term common, or a question of one word) the caller scores every passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from search.bm25 import BM25Matrix

# Below this many passages scoring every passage is quicker than trying to prune: on the benchmark's
# corpus the bound seldom prunes, and the attempt costs about 1.5 ms at 100,000 passages (docs/scale.md).
MIN_PASSAGES = 500_000
# Passages scored exactly to find the first lower bound theta (the best by the rarest components).
SEED_PASSAGES = 64
# Components whose columns together hold at most this share of the passages seed theta.
SEED_SHARE = 1 / 16
# Above this share of the passages left to score exactly, pruning saves nothing: the caller scores all.
MAX_CANDIDATE_SHARE = 1 / 64
# Pruning gives up (and the caller scores every passage) when the essential components hold more than
# this share of the question's postings, or occur in more than this share of the passages: bounding
# that many passages costs about what scoring them all does.
MAX_ESSENTIAL_SHARE = 1 / 2
MAX_HELD_SHARE = 1 / 16
# Bounds are widened by this much so that rounding can never drop a passage that ties the k-th.
SLACK = 1e-9

# One part of `own`: (its bound, its postings, its columns, the factor of their weights).
Component = tuple[float, int, tuple[int, ...], float]


@dataclass(frozen=True, slots=True)
class Scoring:
    """How one question scores a passage: its columns in order, and the multipliers around them."""

    weights: dict[int, float]  # column → query weight, in the order the exhaustive sum adds them
    groups: Sequence[Sequence[int]]  # per question word, the columns of its synonyms, in order
    expansion: float  # the weight of a word's best synonym
    context: float  # the share of the best neighbour's own score
    prior: np.ndarray  # per passage: the weight of its kind
    wanted: np.ndarray | None  # per passage: it holds the answer type asked for (None: no type asked)
    boost: float  # the factor for holding it
    same_prev: np.ndarray  # per passage: the previous passage is in the same article
    same_next: np.ndarray
    prior_max: float

    def multiplier(self, rows: np.ndarray) -> np.ndarray:
        """Kind weight times the boost, for some passages (the exhaustive path's order of products)."""
        if self.wanted is None:
            return self.prior[rows]
        return self.prior[rows] * np.where(self.wanted[rows], self.boost, 1.0)


def own_at(matrix: BM25Matrix, s: Scoring, rows: np.ndarray) -> np.ndarray:
    """`own` of the passages `rows` (ascending), added up exactly as the exhaustive path adds it."""
    colsum = np.zeros(rows.size)
    for col, w in s.weights.items():
        at, found = _lookup(matrix, col, rows)
        colsum[found] += matrix.data[at] * w
    total = np.zeros(rows.size)
    for group in s.groups:
        best = np.zeros(rows.size)
        for col in group:
            at, found = _lookup(matrix, col, rows)
            best[found] = np.maximum(best[found], matrix.data[at])
        total += s.expansion * best
    return colsum + total


def _lookup(matrix: BM25Matrix, col: int, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `rows` sits in a column's data, for the rows the column holds, and which they are."""
    start, end = int(matrix.indptr[col]), int(matrix.indptr[col + 1])
    column = matrix.indices[start:end]
    if column.size <= rows.size:  # walk the shorter list, search the longer
        loc = np.searchsorted(rows, column)
        hit = loc < rows.size
        hit[hit] = rows[loc[hit]] == column[hit]
        found = np.zeros(rows.size, dtype=bool)
        found[loc[hit]] = True
        return start + np.flatnonzero(hit), found
    loc = np.searchsorted(column, rows)
    inside = loc < column.size
    found = np.zeros(rows.size, dtype=bool)
    found[inside] = column[loc[inside]] == rows[inside]
    return start + loc[found], found


def final_at(matrix: BM25Matrix, s: Scoring, rows: np.ndarray) -> np.ndarray:
    """The final scores of the passages `rows` (ascending, unique), exactly as scoring all would give."""
    n = matrix.size
    around = np.sort(np.concatenate((rows, np.maximum(rows - 1, 0), np.minimum(rows + 1, n - 1))))
    around = around[np.concatenate(([True], around[1:] != around[:-1]))]
    own_all = own_at(matrix, s, around)
    own = own_all[np.searchsorted(around, rows)]
    prev = own_all[np.searchsorted(around, np.maximum(rows - 1, 0))] * s.same_prev[rows]
    nxt = own_all[np.searchsorted(around, np.minimum(rows + 1, n - 1))] * s.same_next[rows]
    scores = (own + s.context * np.maximum(prev, nxt)) * s.prior[rows]
    if s.wanted is not None:
        scores *= np.where(s.wanted[rows], s.boost, 1.0)
    scores[own <= 0] = 0.0
    return scores


def pruned_top(matrix: BM25Matrix, s: Scoring, k: int,
               min_passages: int = MIN_PASSAGES) -> tuple[np.ndarray, np.ndarray] | None:
    """The k best passages with a positive score and their scores, best first, ties in passage order;
    None when pruning cannot beat scoring every passage (always below `min_passages`).
    """
    n = matrix.size
    if n < min_passages or k <= 0:
        return None
    comps = _components(matrix, s)
    if len(comps) < 2:
        return None
    theta = _first_bound(matrix, s, comps, k)
    if theta <= 0:
        return None
    # The non-essential components: the smallest bounds, while they cannot lift a passage to theta.
    most = (1 + s.context) * s.prior_max * (s.boost if s.wanted is not None else 1.0)
    comps.sort(key=lambda c: c[0])
    rest, cut = 0.0, 0
    while cut < len(comps) and most * (rest + comps[cut][0]) * (1 + SLACK) < theta:
        rest += comps[cut][0]
        cut += 1
    if cut == 0:
        return None
    essential = comps[cut:]
    postings = sum(c[1] for c in essential)
    if postings > sum(c[1] for c in comps) * MAX_ESSENTIAL_SHARE or postings > n * MAX_HELD_SHARE * 2:
        return None
    partial = _partial(matrix, essential, n)
    held = np.flatnonzero(partial)
    if held.size > n * MAX_HELD_SHARE:
        return None
    near = np.zeros(n, dtype=bool)
    near[held] = True
    near[held[held > 0] - 1] = True
    near[held[held < n - 1] + 1] = True
    candidates = np.flatnonzero(near)
    prev = partial[np.maximum(candidates - 1, 0)] * s.same_prev[candidates]
    nxt = partial[np.minimum(candidates + 1, n - 1)] * s.same_next[candidates]
    bound = (partial[candidates] + rest + s.context * (np.maximum(prev, nxt) + rest)) * s.multiplier(candidates)
    chosen = candidates[bound * (1 + SLACK) >= theta]
    if chosen.size > n * MAX_CANDIDATE_SHARE:
        return None
    scores = final_at(matrix, s, chosen)
    keep = scores > 0
    chosen, scores = chosen[keep], scores[keep]
    order = np.lexsort((chosen, -scores))[:k]
    return chosen[order], scores[order]


def _components(matrix: BM25Matrix, s: Scoring) -> list[Component]:
    """(bound, postings, columns, factor) of each part of `own`: a term's query weight, or the expansion
    weight of a word's synonyms (their sum times it bounds the best of them).
    """
    top = matrix.column_max
    sizes = np.diff(matrix.indptr)
    comps: list[Component] = [(w * float(top[c]), int(sizes[c]), (c,), w) for c, w in s.weights.items()]
    for group in s.groups:
        if group:
            comps.append((s.expansion * max(float(top[c]) for c in group), int(sum(sizes[c] for c in group)),
                          tuple(group), s.expansion))
    return comps


def _partial(matrix: BM25Matrix, comps: Sequence[Component],
             n: int) -> np.ndarray:
    """What the components add to each passage, at most: a term's weights, a group's summed ones."""
    rows, values = [], []
    for _, _, cols, w in comps:
        for c in cols:
            start, end = matrix.indptr[c], matrix.indptr[c + 1]
            rows.append(matrix.indices[start:end])
            values.append(matrix.data[start:end] * w)
    if not rows:
        return np.zeros(n)
    return np.bincount(np.concatenate(rows), weights=np.concatenate(values), minlength=n)


def _first_bound(matrix: BM25Matrix, s: Scoring, comps: list[Component],
                 k: int) -> float:
    """A lower bound of the k-th best final score: the k-th best among the passages the rarest
    components rank highest, scored exactly (0 when fewer than k of them score at all).
    """
    n = matrix.size
    by_size = sorted(comps, key=lambda c: c[1])
    seeds: list[Component] = []
    postings = 0
    for comp in by_size:
        if seeds and postings + comp[1] > n * SEED_SHARE:
            break
        seeds.append(comp)
        postings += comp[1]
    partial = _partial(matrix, seeds, n)
    held = np.flatnonzero(partial)
    if held.size > SEED_PASSAGES:
        held = np.sort(held[np.argpartition(-partial[held], SEED_PASSAGES - 1)[:SEED_PASSAGES]])
    scores = final_at(matrix, s, held)
    if np.count_nonzero(scores > 0) < k:
        return 0.0
    return float(np.partition(scores, scores.size - k)[scores.size - k])
