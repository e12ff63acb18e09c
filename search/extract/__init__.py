"""Extraction of actors, figures and a timeline from a corpus's documents: a trained model's entity spans
(search/extract/nlp.py) read under Dossier's named rules; synchronous and pure.

The model's spans are the only costly step. `extract` takes a cache of them keyed by `spans_key` (the
readable text of a document and the model's version): a document found there is not read by the model
again, and the spans of every other document are added to it for the caller to keep.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import MutableMapping, Sequence

from search.aliases import AliasTable
from search.extract.actors import Mention, build_actors, resolve
from search.extract.entities import Corpus, MentionFinder, RawMention
from search.extract.figures import all_figures
from search.extract.gazetteer import Gazetteer
from search.extract.grouping import SAME_ARTICLE_STORY, Similarity, group_figures, rarity
from search.extract.models import Actor, Event, EventSource, Extraction, Figure, FigureGroup, Quote, Role
from search.extract.nlp import SPANS_VERSION, Entity, entities
from search.extract.text import Sentence, readable, sentences
from search.extract.timeline import Rarity, events_of, merge
from search.models import Document, PassageKind, PassageRef

__all__ = ["Actor", "Entity", "Event", "EventSource", "Extraction", "Figure", "FigureGroup", "Gazetteer", "Quote",
           "Role", "SpanCache", "extract", "span_keys", "spans_key"]

# Entity spans of documents by `spans_key`: one tuple of spans for each readable paragraph, in order.
SpanCache = MutableMapping[str, list[tuple[Entity, ...]]]


def spans_key(readable_paragraphs: Sequence[str]) -> str:
    """The cache key of a document's spans: its readable paragraphs and the model's version, hashed."""
    h = hashlib.sha256(SPANS_VERSION.encode())
    for text in readable_paragraphs:
        h.update(b"\x00" + text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def span_keys(documents: Sequence[Document]) -> list[str]:
    """The cache keys of the documents' spans (see `spans_key`), in order."""
    return [spans_key([readable(p.text, p.kind is PassageKind.CAPTION) for p in doc.paragraphs
                       if p.kind is not PassageKind.HEADING]) for doc in documents]


def extract(documents: Sequence[Document], aliases: AliasTable, gazetteer: Gazetteer,
            cache: SpanCache | None = None) -> Extraction:
    """Actors, figures (with groups) and events of a set of documents; `cache` holds spans read before."""
    started = time.perf_counter()
    texts: dict[tuple[str, int], str] = {}
    by_doc: dict[str, list[Sentence]] = {}
    numbers: dict[str, list[int]] = {}
    for doc in documents:
        doc_sentences: list[Sentence] = []
        numbers[doc.doc_id] = []
        for p in doc.paragraphs:
            if p.kind is PassageKind.HEADING:
                continue
            text = readable(p.text, p.kind is PassageKind.CAPTION)
            texts[(doc.doc_id, p.number)] = text
            numbers[doc.doc_id].append(p.number)
            doc_sentences.extend(sentences(doc.doc_id, p.number, text))
        by_doc[doc.doc_id] = doc_sentences
    spans, read_by_model = _spans(numbers, texts, {} if cache is None else cache)
    every = [s for ss in by_doc.values() for s in ss]
    mentions = resolve(_mentions(every, spans, aliases, gazetteer, texts))
    actors = build_actors(mentions, {e.name: e.kind for e in aliases.entries}, texts)
    similarity = Similarity({str(PassageRef(d, n)): t for (d, n), t in texts.items()})
    figures, groups = group_figures(all_figures(every), similarity)
    in_sentence = _actors_by_sentence(mentions)
    events = [e for doc in documents for e in events_of(
        by_doc[doc.doc_id], doc.source.published,
        lambda s: in_sentence.get((s.doc_id, s.paragraph, s.start), ()))]
    weights = Rarity(similarity.idf, {a.name: rarity(len(a.passage_ids), similarity.passages) for a in actors},
                     rarity(1, similarity.passages))
    captions = {str(PassageRef(doc.doc_id, p.number)) for doc in documents for p in doc.paragraphs
                if p.kind is PassageKind.CAPTION}
    timeline = merge(events, weights, captions,
                     lambda a, b: similarity.articles(a, b) >= SAME_ARTICLE_STORY)
    seconds = time.perf_counter() - started
    return Extraction(actors, tuple(figures), tuple(groups), tuple(timeline), seconds, read_by_model)


def _spans(numbers: dict[str, list[int]], texts: dict[tuple[str, int], str],
           cache: SpanCache) -> tuple[dict[tuple[str, int], tuple[Entity, ...]], int]:
    """Every paragraph's entity spans: from the cache, else from the model (added to the cache); and how
    many documents the model read.
    """
    keys = {d: spans_key([texts[(d, n)] for n in ns]) for d, ns in numbers.items()}
    unread = [d for d in numbers if keys[d] not in cache or len(cache[keys[d]]) != len(numbers[d])]
    read = entities([texts[(d, n)] for d in unread for n in numbers[d]])
    at = 0
    for d in unread:
        cache[keys[d]] = read[at:at + len(numbers[d])]
        at += len(numbers[d])
    spans = {(d, n): found for d, ns in numbers.items() for n, found in zip(ns, cache[keys[d]], strict=True)}
    return spans, len(unread)


def _mentions(every: Sequence[Sentence], spans: dict[tuple[str, int], tuple[Entity, ...]],
              aliases: AliasTable, gazetteer: Gazetteer, texts: dict[tuple[str, int], str]) -> list[RawMention]:
    corpus = Corpus.read((texts[key], found) for key, found in spans.items())
    finder = MentionFinder(aliases, gazetteer, corpus)
    for s in every:
        finder.learn(s, spans[(s.doc_id, s.paragraph)])
    finder.settle()
    return [m for s in every for m in finder.find(s, spans[(s.doc_id, s.paragraph)])]


def _actors_by_sentence(mentions: Sequence[Mention]) -> dict[tuple[str, int, int], tuple[str, ...]]:
    found: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for m in mentions:
        key = (m.doc_id, m.paragraph, m.sentence.start)
        if m.name not in found[key]:
            found[key].append(m.name)
    return {k: tuple(v) for k, v in found.items()}
