"""The dense side of the live corpus: passage vectors read from the database by text hash, the missing
ones embedded in batches off the event loop and kept, then joined to the version they belong to.

Until a version's vectors are complete it is searched with BM25 alone; answers never wait for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from search.dense import Encoder, PassageVectors, load_encoder, text_hash
from search.models import Passage

log = logging.getLogger("dossier.core.dense")

# Passages embedded and stored in one step: small enough that a question waiting for the cores gets
# them between steps, large enough that the model runs whole batches.
EMBED_STEP = 64


class VectorCache(Protocol):
    """Where passage vectors are kept; `bot.store.Store` is the one implementation."""

    async def passage_vectors(self, model_id: str, hashes: Sequence[str]) -> dict[str, bytes]:
        """Stored vectors (raw float32 bytes) by passage text hash."""
        ...

    async def put_passage_vectors(self, model_id: str, vectors: Sequence[tuple[str, bytes]]) -> None:
        """Keep vectors (text hash, raw float32 bytes)."""
        ...


@dataclass(frozen=True, slots=True)
class DenseVersion:
    """The vectors of one corpus version's passages, in passage order."""

    version: str
    vectors: PassageVectors


@dataclass(frozen=True, slots=True)
class DenseQuery:
    """One question's dense side: its cosine with every passage, and its cosine with any sentences."""

    cosine: np.ndarray
    sentences: Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class EmbedReport:
    """What filling one version's vectors did: how many came from the cache and how many were embedded."""

    version: str
    passages: int
    cached: int
    embedded: int
    seconds: float
    finished: bool = True  # False when a time budget ran out before every passage had its vector


async def fill_vectors(version: str, passages: Sequence[Passage], encoder: Encoder,
                       cache: VectorCache | None, budget_seconds: float | None = None
                       ) -> tuple[DenseVersion | None, EmbedReport]:
    """Every passage's vector: from the cache where its text was seen before, else embedded and kept.

    Each step of EMBED_STEP passages runs in a worker thread and is stored before the next begins, so
    work done before a stop is never repeated. With `budget_seconds`, embedding stops once that much time
    has gone: the steps done are kept, and no version is returned (its questions use BM25 alone).
    """
    started = time.perf_counter()
    hashes = [text_hash(p.text) for p in passages]
    stored = await cache.passage_vectors(encoder.model_id, hashes) if cache is not None else {}
    by_hash: dict[str, np.ndarray] = {}
    for key, raw in stored.items():
        row = np.frombuffer(raw, dtype=np.float32)
        if row.size == encoder.dimensions:  # a row of another shape is a stale entry: embed it again
            by_hash[key] = row
    cached = len(by_hash)
    missing = list(dict.fromkeys(h for h in hashes if h not in by_hash))
    text_of = {h: p.text for h, p in zip(hashes, passages, strict=True)}
    done = 0
    for start in range(0, len(missing), EMBED_STEP):
        if budget_seconds is not None and time.perf_counter() - started > budget_seconds:
            return None, EmbedReport(version, len(passages), cached, done, time.perf_counter() - started, False)
        step = missing[start:start + EMBED_STEP]
        done += len(step)
        rows = await asyncio.to_thread(encoder.encode, [text_of[h] for h in step])
        by_hash.update(zip(step, rows, strict=True))
        if cache is not None:
            await cache.put_passage_vectors(encoder.model_id, [(h, r.tobytes()) for h, r in zip(step, rows,
                                                                                                strict=True)])
    matrix = np.stack([by_hash[h] for h in hashes]) if hashes else np.zeros((0, encoder.dimensions), np.float32)
    report = EmbedReport(version, len(passages), cached, len(missing), time.perf_counter() - started)
    return DenseVersion(version, PassageVectors(encoder.model_id, matrix)), report


class DenseSide:
    """The encoder and the vectors of the live version; shared by the service's threads."""

    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder = encoder
        self._current: DenseVersion | None = None
        self.changed = asyncio.Event()  # set when a new corpus version goes live

    def load(self) -> Encoder | None:
        """Load the encoder once (None when its packages are not installed)."""
        if self.encoder is None:
            self.encoder = load_encoder()
        return self.encoder

    def attach(self, dense: DenseVersion) -> None:
        """Make a version's vectors the ones its questions are searched with."""
        self._current = dense

    def query(self, version: str, question: str) -> DenseQuery | None:
        """The question's cosine with every passage of `version` and a scorer for sentences, or None
        while the version's vectors are not ready.
        """
        current, encoder = self._current, self.encoder
        if current is None or encoder is None or current.version != version:
            return None
        vector = encoder.encode([question])[0]

        def sentences(texts: Sequence[str]) -> np.ndarray:
            return encoder.encode(texts) @ vector

        return DenseQuery(current.vectors.cosine(vector), sentences)
