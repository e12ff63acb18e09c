"""The passage index: BM25 over analysed paragraphs, phrase filters, and the "nothing found" rule."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from search.bm25 import BM25Matrix, top_k
from search.confidence import MIN_CONFIDENCE, hybrid_confidence
from search.fusion import DENSE_WEIGHT, fuse
from search.intent import INTENT_BOOST, Intent, holds_answer_type, question_intent
from search.models import Hit, Passage, PassageKind
from search.passages import KINDS, PassageStore
from search.prune import MIN_PASSAGES, Scoring, pruned_top
from search.snippets import make_snippet
from search.synonyms import EXPANSION_WEIGHT, Synonyms
from search.text import Analyzer, fold_for_phrase, normalize, split_sentences

# Captions carry dates and places but describe a picture, not the story: ranked a step below body text.
KIND_WEIGHT = {PassageKind.BODY: 1.0, PassageKind.CAPTION: 0.8, PassageKind.HEADING: 0.8}

# A question is answered only when the best passage holds at least this share of the question's
# idf weight (a word no passage contains weighs as much as the rarest word can). The README shows
# the measurements behind the value: answerable questions sit well above it, off-corpus ones below.
MIN_COVERAGE = 0.36
# ... and at least this many of the question's units (all of them when it has fewer): one shared
# word ("best", "population", "army") is how off-corpus questions reach the best passage, while a
# question the corpus answers shares a name and a word, or two words, with its passage.
MIN_FOUND_UNITS = 2

# Share of the best neighbouring paragraph's score a passage inherits (see Index._with_context).
CONTEXT_WEIGHT = 0.3
# Credit, in the nothing-found rule, for a question word found only in a neighbouring paragraph.
NEIGHBOUR_CREDIT = 0.5

# A capitalised name in the question that no passage contains ("population of Brazil") is strong
# evidence the corpus is about something else: it weighs this many times the rarest word.
UNKNOWN_NAME_WEIGHT = 2.0

# Phrase-folded passage texts kept for later phrase questions (a few MB), then forgotten.
FOLDED_KEPT = 20_000

_PHRASE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


@dataclass(frozen=True, slots=True)
class Query:
    """A question as the index sees it: its terms and the phrases that must appear verbatim."""

    text: str
    terms: tuple[str, ...]
    phrases: tuple[str, ...]
    expansion: dict[str, float]
    intent: Intent = Intent.OTHER
    units: tuple[tuple[tuple[str, ...], bool], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits for a question; when not answered, the closest passages are offered instead."""

    query: Query
    answered: bool
    hits: tuple[Hit, ...]
    closest: tuple[Hit, ...]
    coverage: float
    retrieval: str = "bm25"  # "hybrid" when dense similarity joined BM25
    similarity: float = 0.0  # the best passage's cosine with the question (hybrid only)
    confidence: float = 0.0  # coverage for BM25 alone; search.confidence for hybrid


class Index:
    """BM25 over the passages of one corpus version; immutable once built."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer, matrix: BM25Matrix,
                 synonyms: Synonyms | None = None) -> None:
        self.passages = passages if isinstance(passages, PassageStore) else PassageStore.from_passages(passages)
        self.analyzer = analyzer
        self.matrix = matrix
        self.synonyms = synonyms or Synonyms.empty()
        store = self.passages
        self._prior = np.array([KIND_WEIGHT[k] for k in KINDS], dtype=np.float64)[store.kind]
        self._prior_max = float(self._prior.max()) if self._prior.size else 1.0
        self._doc_numbers = store.doc_numbers()
        self._doc_of = store.doc_of
        self._quantity = store.quantity
        self._date = store.date
        self._folded: dict[int, str] = {}  # phrase-folded texts of the passages phrase questions checked
        docs = self._doc_of
        self._same_doc_prev = np.concatenate(([False], docs[1:] == docs[:-1]))
        self._same_doc_next = np.concatenate((docs[:-1] == docs[1:], [False]))

    @classmethod
    def build(cls, passages: Sequence[Passage], analyzer: Analyzer, synonyms: Synonyms | None = None) -> Index:
        """Analyse every passage and precompute its BM25 weights."""
        matrix = BM25Matrix.build(analyzer.terms(p.text) for p in passages)
        return cls.over(passages, analyzer, matrix, synonyms)

    @classmethod
    def over(cls, passages: Sequence[Passage], analyzer: Analyzer, matrix: BM25Matrix,
             synonyms: Synonyms | None = None) -> Index:
        """The index over a matrix just built or opened from its files: words one derivational ending
        apart in its vocabulary join the synonyms.
        """
        return cls(passages, analyzer, matrix, (synonyms or Synonyms.empty()).with_derivations(matrix.vocabulary))

    def parse(self, question: str) -> Query:
        """Terms of the question, their synonyms, the quoted phrases it asks for, and its answer type."""
        phrases = tuple(p.strip() for p in _PHRASE.findall(question) if self.analyzer.terms(p))
        terms = tuple(self.analyzer.terms(question))
        units = []
        for span in self.analyzer.spans(normalize(question)):
            is_name = span.start > 0 and question[span.start:span.start + 1].isupper()
            units.append((span.terms, is_name))
        return Query(question, terms, phrases, self.synonyms.expand(terms), question_intent(question),
                     tuple(dict.fromkeys(units)))

    def _folded_text(self, i: int) -> str:
        folded = self._folded.get(i)
        if folded is None:
            if len(self._folded) >= FOLDED_KEPT:
                self._folded.clear()
            folded = self._folded[i] = fold_for_phrase(self.passages.text_of(i))
        return folded

    def coverage(self, query: Query, i: int) -> tuple[float, int]:
        """Share of the question's weight that passage i contains, and how many units it holds.

        The question is weighed by units: a word, or a name with its alias and part terms (ISKP and
        its actor term; counter-terrorism and counterterror). A unit weighs the idf of its rarest
        known term, and the rarest possible idf when the corpus has none of them, doubled for a
        capitalised name; it is found when the passage holds any of its terms, and counts at the
        synonym weight when the passage holds only a synonym, and at NEIGHBOUR_CREDIT when only a
        neighbouring paragraph of the same article holds it (the speaker of a quote, say). Each unit
        found in any of these ways counts among the units found.
        """
        total = found = 0.0
        held = 0
        near = [j for j, same in ((i - 1, self._same_doc_prev[i]), (i + 1, self._same_doc_next[i])) if same]
        for terms, is_name in query.units:
            known = [t for t in terms if t in self.matrix.vocabulary]
            if known:
                weight = max(self.matrix.idf_of(t) for t in known)
            else:
                weight = self.matrix.idf_of(terms[0]) * (UNKNOWN_NAME_WEIGHT if is_name else 1.0)
            total += weight
            if any(self.matrix.has(t, i) for t in known):
                found += weight
                held += 1
            elif any(self.matrix.has(t, j) for t in known for j in near):
                found += weight * NEIGHBOUR_CREDIT
                held += 1
            elif any(self.matrix.has(r, i) for t in terms for r in self.synonyms.related(t)):
                found += weight * EXPANSION_WEIGHT
                held += 1
        return (found / total if total > 0 else 0.0), held

    def search(self, question: str | Query, k: int = 3, snippet_chars: int = 300,
               doc_ids: Sequence[str] | None = None, cosine: np.ndarray | None = None,
               dense_weight: float = DENSE_WEIGHT,
               sentence_similarity: Callable[[Sequence[str]], np.ndarray] | None = None) -> SearchResult:
        """The k best passages for a question, optionally only from some documents.

        `cosine`, the question's cosine with every passage (search.dense), makes the search hybrid:
        it is fused with the BM25 scores (search.fusion), so a passage in other words can rank.
        `sentence_similarity` (sentences → their cosines with the question) lets snippets choose the
        sentence that answers in other words.
        """
        query = question if isinstance(question, Query) else self.parse(question)
        phrase_ok = True
        # Pruning is exact for BM25 alone; a fused ranking needs every passage's cosine.
        best = self._pruned(query, k) if doc_ids is None and not query.phrases and cosine is None else None
        if best is None:
            best, phrase_ok = self._score_all(query, k, doc_ids, cosine, dense_weight)
        order = [int(i) for i in best[0]]
        scores = dict(zip(order, (float(v) for v in best[1]), strict=True))
        coverage, held = self.coverage(query, order[0]) if order else (0.0, 0)
        enough_units = held >= min(MIN_FOUND_UNITS, len(query.units))
        if sentence_similarity is not None:
            sentence_similarity = self._sentences_at_once(order[:k], sentence_similarity)
        chosen = tuple(self._hit(i, scores[i], query, snippet_chars, sentence_similarity) for i in order[:k])
        if cosine is None:
            answered = bool(order) and phrase_ok and coverage >= MIN_COVERAGE and enough_units
            return SearchResult(query, answered, chosen if answered else (), () if answered else chosen,
                                coverage, "bm25", 0.0, coverage)
        similarity = float(cosine[order[0]]) if order else 0.0
        typed = bool(order) and holds_answer_type(query.intent, self.passages[order[0]].text, query.text)
        confidence = hybrid_confidence(similarity, coverage, typed, enough_units) if order else 0.0
        answered = bool(order) and phrase_ok and confidence >= MIN_CONFIDENCE
        return SearchResult(query, answered, chosen if answered else (), () if answered else chosen,
                            coverage, "hybrid", similarity, confidence)

    def _score_all(self, query: Query, k: int, doc_ids: Sequence[str] | None, cosine: np.ndarray | None = None,
                   dense_weight: float = DENSE_WEIGHT) -> tuple[tuple[np.ndarray, np.ndarray], bool]:
        """The k best passages with a positive score, by scoring every passage (fused with `cosine` when
        given), and whether the quoted phrases were found (when not, the phrases are not required).
        """
        phrase_ok = True
        own = self.matrix.column_scores(self.matrix.query_weights(query.terms))
        synonyms = self._synonym_scores(query)
        if synonyms is not None:
            own += synonyms
        scores = self._with_context(own)
        scores *= self._prior
        wanted = {Intent.QUANTITY: self._quantity, Intent.DATE: self._date}.get(query.intent)
        if wanted is not None:
            scores[wanted] *= INTENT_BOOST  # x * 1.0 is x: only the boosted passages change
        # A passage must match the question itself: context only reorders passages that do.
        scores[own <= 0] = 0.0
        if cosine is not None:
            scores = fuse(scores, cosine, dense_weight)
        if doc_ids is not None:
            numbers = [self._doc_numbers[d] for d in doc_ids if d in self._doc_numbers]
            scores *= np.isin(self._doc_of, numbers)
        if query.phrases:
            # Quoted phrases filter the whole corpus, not just the best-scoring candidates.
            with_phrases = np.zeros(scores.size, dtype=bool)
            with_phrases[self._phrase_rows(query.phrases)] = True
            phrase_ok = bool((scores[with_phrases] > 0).any())
            if phrase_ok:
                scores[~with_phrases] = 0.0
        order = np.array([i for i in top_k(scores, k) if scores[i] > 0], dtype=np.int64)
        return (order, scores[order]), phrase_ok

    def _pruned(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The same k best by MaxScore (search/prune.py); None when scoring every passage is as quick."""
        if self.matrix.size < MIN_PASSAGES:
            return None
        groups = [[self.matrix.vocabulary[r] for r in sorted(group)] for group in self._synonym_groups(query)]
        wanted = {Intent.QUANTITY: self._quantity, Intent.DATE: self._date}.get(query.intent)
        scoring = Scoring(self.matrix.query_weights(query.terms), groups, EXPANSION_WEIGHT, CONTEXT_WEIGHT,
                          self._prior, wanted, INTENT_BOOST, self._same_doc_prev, self._same_doc_next,
                          self._prior_max)
        return pruned_top(self.matrix, scoring, k)

    def _sentences_at_once(self, rows: Sequence[int], similarity: Callable[[Sequence[str]], np.ndarray]
                           ) -> Callable[[Sequence[str]], np.ndarray]:
        """The similarity of every sentence of the shown passages in one call of the model, then looked up."""
        texts = [p.text for p in (self.passages[i] for i in rows)]
        sentences = list(dict.fromkeys(t[a:b] for t in texts for a, b in split_sentences(t)))
        known = dict(zip(sentences, similarity(sentences), strict=True)) if sentences else {}

        def lookup(asked: Sequence[str]) -> np.ndarray:
            missing = [s for s in asked if s not in known]
            if missing:
                known.update(zip(missing, similarity(missing), strict=True))
            return np.array([known[s] for s in asked], dtype=np.float64)

        return lookup


    def _phrase_rows(self, phrases: Sequence[str]) -> list[int]:
        """The passages that contain every phrase as written: those holding all its terms, checked."""
        rows: np.ndarray | None = None
        for phrase in phrases:
            for term in set(self.analyzer.terms(phrase)):
                column = self.matrix.column(term)
                rows = column if rows is None else np.intersect1d(rows, column, assume_unique=True)
        folded = [fold_for_phrase(p) for p in phrases]
        return [int(i) for i in (rows if rows is not None else ())
                if all(f in self._folded_text(int(i)) for f in folded)]

    def _synonym_scores(self, query: Query) -> np.ndarray | None:
        """For each question word, its best synonym's BM25 weight in each passage, at EXPANSION_WEIGHT.

        The best one, not the sum: a word with many synonyms must not outweigh the words themselves.
        None when no question word has a synonym in the corpus.
        """
        groups = self._synonym_groups(query)
        if not groups:
            return None
        total = np.zeros(self.matrix.size)
        for related in groups:
            if len(related) == 1:  # adding 0.0 leaves a score as it is: only the column's rows change
                weights = np.maximum(self.matrix.column_weights(related[0]), 0.0)
                total[self.matrix.column(related[0])] += EXPANSION_WEIGHT * weights
                continue
            best = np.zeros(self.matrix.size)
            for other in related:
                rows, weights = self.matrix.column(other), self.matrix.column_weights(other)
                best[rows] = np.maximum(best[rows], weights)
            total += EXPANSION_WEIGHT * best
        return total

    def _synonym_groups(self, query: Query) -> list[list[str]]:
        """Per question word with synonyms in the corpus, those synonyms, in the order scores add them."""
        present = set(query.terms)
        groups = []
        for term in present:
            related = [r for r in self.synonyms.related(term) if r not in present and r in self.matrix.vocabulary]
            if related:
                groups.append(related)
        return groups

    def _with_context(self, scores: np.ndarray) -> np.ndarray:
        """Add a share of the neighbouring paragraphs' scores: a quote continued from the paragraph
        before, or attributed in the one after, belongs to the speaker named there.
        """
        if CONTEXT_WEIGHT == 0 or scores.size < 2:
            return scores.copy()
        near = np.zeros_like(scores)
        np.multiply(scores[:-1], self._same_doc_prev[1:], out=near[1:])
        np.maximum(near[:-1], scores[1:] * self._same_doc_next[:-1], out=near[:-1])
        near *= CONTEXT_WEIGHT
        near += scores  # the same sum as scores + CONTEXT_WEIGHT * near: addition commutes exactly
        return near

    def _hit(self, i: int, score: float, query: Query, snippet_chars: int,
             similarity: Callable[[Sequence[str]], np.ndarray] | None = None) -> Hit:
        passage = self.passages[i]
        snippet = make_snippet(passage.text, set(query.terms), self.matrix.idf_of, self.analyzer,
                               snippet_chars, query.phrases, query.expansion, query.intent, similarity)
        return Hit(passage, round(score, 6), snippet)
