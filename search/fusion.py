"""How dense similarity joins BM25: min-max normalised scores, summed with a weight.

    fused = DENSE_WEIGHT * minmax(cosine) + (1 - DENSE_WEIGHT) * minmax(bm25)

over every passage of the index (Fox and Shaw's CombSUM over normalised scores; min-max as in
Lee, "Analyses of multiple evidence combination", SIGIR 1997). Normalising puts BM25's unbounded
scores and the cosine on one scale per question; a weighted sum keeps how far apart two passages
are, which reciprocal-rank fusion throws away. `python tools/fusion_sweep.py` measures the choice on
the development questions: RRF (k = 60) and the weights 0.3 to 0.9 are in docs/retrieval.md.
"""

from __future__ import annotations

import numpy as np

# The dense side's share of the fused score: the best S@1 and S@3 over the development question sets
# (bundled corpus and BBC) in `tools/fusion_sweep.py`; see docs/retrieval.md for the table.
DENSE_WEIGHT = 0.7


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
    return weight * minmax(cosine) + (1.0 - weight) * minmax(bm25)
