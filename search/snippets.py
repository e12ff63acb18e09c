"""The one or two sentences of a passage that best answer a question, with its terms as spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from search.intent import INTENT_BOOST, Intent, has_date, has_quantity
from search.models import Snippet, Span
from search.text import Analyzer, fold_for_phrase, split_sentences

ELLIPSIS = "…"
# With dense similarity, a sentence scores its cosine with the question plus this share of its question
# weight relative to the passage's best sentence. Read off the development questions' snippet@1 (BBC:
# 0.611 at 0, 0.593 at 0.25, 0.574 at 0.5 and 1, 0.537 at 2; the bundled sets the same or better at 0):
# the cosine alone picks the answering sentence best; the question weight then only breaks ties.
LEXICAL_SHARE = 0.0


def make_snippet(text: str, query_terms: set[str], idf: Callable[[str], float], analyzer: Analyzer,
                 max_chars: int = 300, phrases: Iterable[str] = (),
                 related: dict[str, float] | None = None, intent: Intent = Intent.OTHER,
                 similarity: Callable[[Sequence[str]], np.ndarray] | None = None) -> Snippet:
    """Pick the sentence that carries the most question weight, add its best neighbour if it fits,
    cut at sentence boundaries (or word boundaries around the matches when one sentence is too long).

    A sentence holding the kind of answer the question asks for (a number for "how many", a date for
    "when") weighs INTENT_BOOST times more, as its passage does in the ranking. With `similarity` (each
    sentence's cosine with the question, search.dense) a sentence weighs its cosine plus LEXICAL_SHARE
    of its share of the best sentence's question weight, so the sentence that answers in other words wins.
    """
    wanted = {Intent.QUANTITY: has_quantity, Intent.DATE: has_date}.get(intent)
    sentences = split_sentences(text) or [(0, len(text))]
    folded_phrases = [fold_for_phrase(p) for p in phrases]

    def weight(rng: tuple[int, int]) -> float:
        sentence = text[rng[0]:rng[1]]
        terms = {t for span in analyzer.spans(sentence) for t in span.terms}
        score = sum(idf(t) for t in terms & query_terms)
        score += sum(idf(t) * w for t, w in (related or {}).items() if t in terms)
        score += sum(2.0 for p in folded_phrases if p in fold_for_phrase(sentence))
        return score * INTENT_BOOST if wanted is not None and wanted(sentence) else score

    weights = [weight(s) for s in sentences]
    if similarity is not None and len(sentences) > 1:
        cosines = similarity([text[a:b] for a, b in sentences])
        top = max(weights) or 1.0
        weights = [(float(c) + LEXICAL_SHARE * w / top + 1e-6 * w / top)
                   * (INTENT_BOOST if wanted is not None and wanted(text[a:b]) else 1.0)
                   for c, w, (a, b) in zip(cosines, weights, sentences, strict=True)]
    best = max(range(len(sentences)), key=lambda i: (weights[i], -i))
    start, end = sentences[best]
    if end - start <= max_chars:
        neighbours = [j for j in (best + 1, best - 1) if 0 <= j < len(sentences)]
        neighbours.sort(key=lambda j: (-weights[j], j < best))
        for j in neighbours:
            s, e = sentences[j]
            if max(end, e) - min(start, s) <= max_chars:
                start, end = min(start, s), max(end, e)
                break
        piece = text[start:end]
        prefix = ELLIPSIS + " " if start > 0 else ""
        suffix = " " + ELLIPSIS if end < len(text.rstrip()) else ""
    else:
        piece, prefix, suffix = _window(text[start:end], query_terms, analyzer, max_chars)
        prefix = prefix or (ELLIPSIS + " " if start > 0 else "")
        suffix = suffix or (" " + ELLIPSIS if end < len(text.rstrip()) else "")
    spans = _highlights(piece, query_terms, folded_phrases, analyzer, offset=len(prefix))
    return Snippet(prefix + piece + suffix, tuple(spans))


def _window(sentence: str, query_terms: set[str], analyzer: Analyzer, max_chars: int) -> tuple[str, str, str]:
    """The stretch of an over-long sentence with the most matched terms, cut at spaces."""
    hits = [s for s in analyzer.spans(sentence) if query_terms.intersection(s.terms)]
    budget = max_chars - 4
    best_start, best_count = 0, -1
    for at in [h.start for h in hits] or [0]:
        begin = max(0, at - budget // 4)
        count = sum(1 for x in hits if begin <= x.start and x.end <= begin + budget)
        if count > best_count:
            best_start, best_count = begin, count
    begin = best_start
    if begin > 0:
        space = sentence.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 40 else begin
    stop = min(len(sentence), begin + budget)
    if stop < len(sentence):
        space = sentence.rfind(" ", begin, stop)
        stop = space if space > begin else stop
    return sentence[begin:stop].strip(), ELLIPSIS + " " if begin > 0 else "", " " + ELLIPSIS \
        if stop < len(sentence.rstrip()) else ""


def _highlights(piece: str, query_terms: set[str], folded_phrases: list[str], analyzer: Analyzer,
                offset: int) -> list[Span]:
    """Spans of the words that matched a question term, merged where they touch."""
    spans = sorted((s.start + offset, s.end + offset) for s in analyzer.spans(piece)
                   if query_terms.intersection(s.terms))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1].end + 1 and piece[merged[-1].end - offset:start - offset].strip() == "":
            merged[-1] = Span(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Span(start, end))
    return merged


def term_spans(text: str, query_terms: set[str], analyzer: Analyzer) -> tuple[Span, ...]:
    """Spans of a whole text whose words match a question term, for marking them where the text is shown."""
    return tuple(_highlights(text, query_terms, [], analyzer, offset=0))
