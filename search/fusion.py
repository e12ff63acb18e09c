"""How dense similarity joins BM25: a weighted sum of the cosine and the min-max normalised BM25 score.

    fused = DENSE_WEIGHT * max(cosine, 0) + (1 - DENSE_WEIGHT) * minmax(bm25)

over every passage of the index (Fox and Shaw's CombSUM; min-max as in Lee, "Analyses of multiple
evidence combination", SIGIR 1997). BM25's scores are unbounded, so they are put on [0, 1] per
question; the cosine already lies on a fixed scale, and stretching it with min-max as well would turn
a question the model reads poorly (a bare name: "Who is Magnus Ranstorp?") into strong dense evidence
that outweighs the one passage naming the person. A weighted sum keeps how far apart two passages
are, which reciprocal-rank fusion throws away. `python tools/fusion_sweep.py` measures the choice on
the development questions; the tables (this rule, min-max on both sides, RRF k = 60) are in
docs/retrieval.md.
"""

from __future__ import annotations

import numpy as np

# The dense side's share of the fused score: the best S@1 and S@3 over the development question sets
# (bundled corpus and BBC) in `tools/fusion_sweep.py`, with no loss on the direct questions; see
# docs/retrieval.md for the table.
DENSE_WEIGHT = 0.8


def minmax(scores: np.ndarray) -> np.ndarray:
    """Scores mapped onto [0, 1]; all zeros when every score is the same."""
    if scores.size == 0:
        return scores
    low, high = float(scores.min()), float(scores.max())
    if high <= low:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def fuse(bm25: np.ndarray, cosine: np.ndarray, weight: float = DENSE_WEIGHT) -> np.ndarray:
    """The fused score of every passage from its BM25 score and its cosine with the question."""
    if bm25.shape != cosine.shape:
        raise ValueError("BM25 and cosine scores must cover the same passages")
    return weight * np.clip(cosine, 0.0, 1.0) + (1.0 - weight) * minmax(bm25)
