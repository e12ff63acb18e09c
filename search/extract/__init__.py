"""Extraction of actors, figures and a timeline from a corpus's documents: rule-based, synchronous, pure."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence

from search.aliases import AliasTable
from search.extract.actors import Mention, build_actors, find_mentions, resolve
from search.extract.figures import all_figures
from search.extract.gazetteer import Gazetteer
from search.extract.grouping import Similarity, group_figures, rarity
from search.extract.models import Actor, Event, EventSource, Extraction, Figure, FigureGroup, Quote, Role
from search.extract.names import NameFinder
from search.extract.text import Sentence, readable, sentences
from search.extract.timeline import Rarity, events_of, merge
from search.models import Document, PassageKind, PassageRef

__all__ = ["Actor", "Event", "EventSource", "Extraction", "Figure", "FigureGroup", "Gazetteer", "Quote",
           "Role", "extract"]


def extract(documents: Sequence[Document], aliases: AliasTable, gazetteer: Gazetteer) -> Extraction:
    """Actors, figures (with groups) and events of a set of documents."""
    started = time.perf_counter()
    texts: dict[tuple[str, int], str] = {}
    by_doc: dict[str, list[Sentence]] = {}
    for doc in documents:
        doc_sentences: list[Sentence] = []
        for p in doc.paragraphs:
            if p.kind is PassageKind.HEADING:
                continue
            text = readable(p.text, p.kind is PassageKind.CAPTION)
            texts[(doc.doc_id, p.number)] = text
            doc_sentences.extend(sentences(doc.doc_id, p.number, text))
        by_doc[doc.doc_id] = doc_sentences
    every = [s for ss in by_doc.values() for s in ss]
    mentions = resolve(find_mentions(NameFinder(aliases, gazetteer), every))
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
    timeline = merge(events, weights, captions)
    seconds = time.perf_counter() - started
    return Extraction(actors, tuple(figures), tuple(groups), tuple(timeline), seconds)


def _actors_by_sentence(mentions: Sequence[Mention]) -> dict[tuple[str, int, int], tuple[str, ...]]:
    found: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for m in mentions:
        key = (m.doc_id, m.paragraph, m.sentence.start)
        if m.name not in found[key]:
            found[key].append(m.name)
    return {k: tuple(v) for k, v in found.items()}
