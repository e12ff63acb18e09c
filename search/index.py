"""The passage index: BM25 over analysed paragraphs, phrase filters, and the "nothing found" rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from search.bm25 import BM25Matrix, top_k
from search.intent import INTENT_BOOST, Intent, has_date, has_quantity, question_intent
from search.models import Hit, Passage, PassageKind
from search.snippets import make_snippet
from search.synonyms import EXPANSION_WEIGHT, Synonyms
from search.text import Analyzer, fold_for_phrase

# Captions carry dates and places but describe a picture, not the story: ranked a step below body text.
KIND_WEIGHT = {PassageKind.BODY: 1.0, PassageKind.CAPTION: 0.8, PassageKind.HEADING: 0.8}

# A question is answered only when the best passage holds at least this share of the question's
# idf weight (a word no passage contains weighs as much as the rarest word can). The README shows
# the measurements behind the value: answerable questions sit well above it, off-corpus ones below.
MIN_COVERAGE = 0.45

# The rarest question terms' passages are gathered until they number this many times the passages
# wanted: enough that their n-th best score is a tight floor for the top n.
_SAMPLE_FACTOR = 4

_PHRASE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


@dataclass(frozen=True, slots=True)
class Query:
    """A question as the index sees it: its terms and the phrases that must appear verbatim."""

    text: str
    terms: tuple[str, ...]
    phrases: tuple[str, ...]
    expansion: dict[str, float]
    intent: Intent = Intent.OTHER


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits for a question; when not answered, the closest passages are offered instead."""

    query: Query
    answered: bool
    hits: tuple[Hit, ...]
    closest: tuple[Hit, ...]
    coverage: float


class Index:
    """BM25 over the passages of one corpus version; immutable once built."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer, matrix: BM25Matrix,
                 synonyms: Synonyms | None = None) -> None:
        self.passages = tuple(passages)
        self.analyzer = analyzer
        self.matrix = matrix
        self.synonyms = synonyms or Synonyms.empty()
        self._prior = np.array([KIND_WEIGHT[p.kind] for p in self.passages], dtype=np.float64)
        self._max_prior = float(self._prior.max()) if self.passages else 1.0
        doc_numbers: dict[str, int] = {}
        self._doc_numbers = doc_numbers
        numbers = (doc_numbers.setdefault(p.doc_id, len(doc_numbers)) for p in self.passages)
        self._doc_of = np.fromiter(numbers, np.int32, len(self.passages))
        self._quantity = np.fromiter((has_quantity(p.text) for p in self.passages), bool, len(self.passages))
        self._date = np.fromiter((has_date(p.text) for p in self.passages), bool, len(self.passages))
        self._folded: list[str | None] = [None] * len(self.passages)

    @classmethod
    def build(cls, passages: Sequence[Passage], analyzer: Analyzer, synonyms: Synonyms | None = None) -> Index:
        """Analyse every passage and precompute its BM25 weights."""
        matrix = BM25Matrix.build(analyzer.terms(p.text) for p in passages)
        return cls(passages, analyzer, matrix, synonyms)

    def parse(self, question: str) -> Query:
        """Terms of the question, their synonyms, the quoted phrases it asks for, and its answer type."""
        phrases = tuple(p.strip() for p in _PHRASE.findall(question) if self.analyzer.terms(p))
        terms = tuple(self.analyzer.terms(question))
        return Query(question, terms, phrases, self.synonyms.expand(terms), question_intent(question))

    def _folded_text(self, i: int) -> str:
        folded = self._folded[i]
        if folded is None:
            folded = self._folded[i] = fold_for_phrase(self.passages[i].text)
        return folded

    def coverage(self, query: Query, i: int) -> float:
        """Share of the question's idf weight that passage i contains; a word met only through a
        synonym counts at the synonym weight."""
        total = found = 0.0
        for term in set(query.terms):
            weight = self.matrix.idf_of(term)
            total += weight
            if self.matrix.has(term, i):
                found += weight
            elif any(self.matrix.has(s, i) for s in self.synonyms.related(term)):
                found += weight * EXPANSION_WEIGHT
        return found / total if total > 0 else 0.0

    def search(self, question: str | Query, k: int = 3, snippet_chars: int = 300,
               doc_ids: Sequence[str] | None = None) -> SearchResult:
        """The k best passages for a question, optionally only from some documents."""
        query = question if isinstance(question, Query) else self.parse(question)
        weights = self.matrix.query_weights(query.terms, query.expansion)
        order, scores = self._best(self.matrix.column_scores(weights), weights, query.intent, max(k * 4, 20),
                                   doc_ids)
        phrase_ok = True
        if query.phrases:
            folded = [fold_for_phrase(p) for p in query.phrases]
            matching = [i for i in order if all(f in self._folded_text(i) for f in folded)]
            phrase_ok = bool(matching)
            order = matching + [i for i in order if i not in matching]
        coverage = self.coverage(query, order[0]) if order else 0.0
        answered = bool(order) and phrase_ok and coverage >= MIN_COVERAGE
        chosen = [self._hit(i, scores[i], query, snippet_chars) for i in order[:k]]
        if answered:
            return SearchResult(query, True, tuple(chosen), (), coverage)
        return SearchResult(query, False, (), tuple(chosen), coverage)

    def _final(self, raw: np.ndarray, rows: np.ndarray, intent: Intent,
               wanted: np.ndarray | None) -> np.ndarray:
        """Ranking scores of some passages: BM25 times the kind prior, the intent boost and the
        document filter, multiplied in that order.
        """
        scores = raw[rows] * self._prior[rows]
        if intent is Intent.QUANTITY:
            scores = scores * np.where(self._quantity[rows], INTENT_BOOST, 1.0)
        elif intent is Intent.DATE:
            scores = scores * np.where(self._date[rows], INTENT_BOOST, 1.0)
        if wanted is not None:
            scores = scores * np.isin(self._doc_of[rows], wanted)
        return scores

    def _best(self, raw: np.ndarray, weights: dict[int, float], intent: Intent, n: int,
              doc_ids: Sequence[str] | None) -> tuple[list[int], dict[int, float]]:
        """The n passages with the highest positive ranking score, best first, ties in passage order,
        and their scores. Only passages that can reach the top are scored in full: the n-th best score
        of the passages holding the question's rarest terms bounds what a top passage's BM25 can be.
        """
        wanted = None
        if doc_ids is not None:
            numbers = {self._doc_numbers[d] for d in doc_ids if d in self._doc_numbers}
            wanted = np.array(sorted(numbers), np.int32)
        columns = sorted(weights, key=lambda c: self.matrix.indptr[c + 1] - self.matrix.indptr[c])
        sample: list[np.ndarray] = []
        size = 0
        for col in columns:
            rows = self.matrix.indices[self.matrix.indptr[col]:self.matrix.indptr[col + 1]]
            sample.append(rows)
            size += rows.size
            if size >= _SAMPLE_FACTOR * n:
                break
        used = len(sample)
        rows = np.unique(np.concatenate(sample)) if sample else np.zeros(0, np.int32)
        scores = self._final(raw, rows, intent, wanted)
        positive = scores[scores > 0]
        if used < len(columns):
            if positive.size >= n:
                # Every passage in the top n scores at least the sample's n-th best, so its BM25 is at
                # least that over the largest multiplier (less a hair for rounding).
                floor = np.partition(positive, positive.size - n)[positive.size - n]
                boost = INTENT_BOOST if intent in (Intent.QUANTITY, Intent.DATE) else 1.0
                rows = np.flatnonzero(raw >= floor / (self._max_prior * boost) * (1 - 1e-9))
            else:  # too few in the sample (a document filter): every passage with a term competes
                rows = np.flatnonzero(raw)
            scores = self._final(raw, rows, intent, wanted)
        keep = scores > 0
        rows, scores = rows[keep], scores[keep]
        picked = top_k(scores, n)
        best = [int(r) for r in rows[picked]]
        return best, dict(zip(best, (float(s) for s in scores[picked]), strict=True))

    def _hit(self, i: int, score: float, query: Query, snippet_chars: int) -> Hit:
        passage = self.passages[i]
        snippet = make_snippet(passage.text, set(query.terms), self.matrix.idf_of, self.analyzer,
                               snippet_chars, query.phrases, query.expansion)
        return Hit(passage, round(score, 6), snippet)
