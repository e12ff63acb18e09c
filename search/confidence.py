"""How sure a hybrid answer is: the evidence of BM25, dense similarity and the answer type, together.

    confidence = (similarity + COVERAGE_WEIGHT * coverage) / (1 + COVERAGE_WEIGHT)
                 * (MISSING_TYPE_FACTOR when the best passage lacks the answer type asked for)
                 * (FEW_UNITS_FACTOR when it shares fewer than MIN_FOUND_UNITS of the question's units)

`similarity` is the best passage's cosine with the question, `coverage` the share of the question's
weight it holds (Index.coverage). Neither alone separates answerable from unanswerable questions: the
cosine of questions the corpus cannot answer overlaps that of answerable ones, and a paraphrase holds
little of its question's weight. The weights and the bar were read off the development questions
(185 over the bundled and the BBC corpora, 34 of them unanswerable; docs/retrieval.md): the bar
refuses as many unanswerable questions as a bar can while refusing at most 3% of answerable ones.
BM25 alone keeps its own rule (Index.MIN_COVERAGE).
"""

from __future__ import annotations

# The share of BM25 coverage beside the cosine in the confidence.
COVERAGE_WEIGHT = 0.5
# A best passage without the kind of answer asked for ("who" and no name the question lacks).
MISSING_TYPE_FACTOR = 0.9
# A best passage sharing fewer of the question's units than Index's MIN_FOUND_UNITS.
FEW_UNITS_FACTOR = 0.85
# Below this a hybrid answer is "nothing found", its passages offered as the closest ones.
MIN_CONFIDENCE = 0.367


def hybrid_confidence(similarity: float, coverage: float, typed: bool, enough_units: bool) -> float:
    """The confidence of a hybrid answer from its best passage's evidence (see the module docstring)."""
    value = (similarity + COVERAGE_WEIGHT * coverage) / (1 + COVERAGE_WEIGHT)
    if not typed:
        value *= MISSING_TYPE_FACTOR
    if not enough_units:
        value *= FEW_UNITS_FACTOR
    return max(0.0, min(1.0, value))
