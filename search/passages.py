"""The passages of an index, kept compactly: one UTF-8 buffer with offsets, and a few small arrays.

A million passages as Python objects cost about a gigabyte (every text a string, every passage a
record); here they are one buffer of their texts (bytes, or a memory-mapped file when the index was
opened from disk), the start of each text in it, and per passage its article number, paragraph number
and kind, plus the two flags the ranking reads (a count, a date). A `Passage` is made only when one is
asked for, so a question reads just the texts of the hits it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from search.intent import has_date, has_quantity
from search.models import Passage, PassageKind

KINDS = tuple(PassageKind)  # a passage's kind is stored as its position here


@dataclass(frozen=True, eq=False)
class PassageStore(Sequence[Passage]):
    """Every passage of a corpus version, in index order, as arrays; reads like a tuple of Passage."""

    text: np.ndarray  # uint8: every text, UTF-8, one after the other
    offsets: np.ndarray  # int64, one more than there are passages: text i is text[offsets[i]:offsets[i + 1]]
    doc_ids: tuple[str, ...]  # the articles, in the order they first appear
    doc_of: np.ndarray  # int32: each passage's article, a position in doc_ids
    paragraph: np.ndarray  # int32
    kind: np.ndarray  # uint8: a position in KINDS
    quantity: np.ndarray  # bool: the text states a count or an amount (search.intent.has_quantity)
    date: np.ndarray  # bool: the text states a date (search.intent.has_date)

    @classmethod
    def from_passages(cls, passages: Iterable[Passage]) -> PassageStore:
        """The store of some passages, read once (a generator is fine)."""
        doc_numbers: dict[str, int] = {}
        chunks: list[bytes] = []
        doc_of, paragraph, kind, quantity, date = [], [], [], [], []
        kind_code = {k: i for i, k in enumerate(KINDS)}
        for p in passages:
            chunks.append(p.text.encode("utf-8"))
            doc_of.append(doc_numbers.setdefault(p.doc_id, len(doc_numbers)))
            paragraph.append(p.paragraph)
            kind.append(kind_code[p.kind])
            quantity.append(has_quantity(p.text))
            date.append(has_date(p.text))
        offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in chunks], out=offsets[1:])
        text = np.frombuffer(b"".join(chunks), dtype=np.uint8)
        return cls(text, offsets, tuple(doc_numbers), np.array(doc_of, dtype=np.int32),
                   np.array(paragraph, dtype=np.int32), np.array(kind, dtype=np.uint8),
                   np.array(quantity, dtype=bool), np.array(date, dtype=bool))

    def __len__(self) -> int:
        return self.offsets.size - 1

    @overload
    def __getitem__(self, i: int) -> Passage: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Passage, ...]: ...

    def __getitem__(self, i: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        n = len(self)
        if not -n <= i < n:
            raise IndexError("passage index out of range")
        i %= n
        return Passage(self.doc_ids[self.doc_of[i]], int(self.paragraph[i]), self.text_of(i), KINDS[self.kind[i]])

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def text_of(self, i: int) -> str:
        """The text of passage i, read from the buffer."""
        return bytes(self.text[self.offsets[i]:self.offsets[i + 1]]).decode("utf-8")

    def doc_numbers(self) -> dict[str, int]:
        """Article id → its position in doc_ids."""
        return {d: i for i, d in enumerate(self.doc_ids)}

    @property
    def nbytes(self) -> int:
        """Memory the arrays take (or map)."""
        arrays: Sequence[np.ndarray] = (self.text, self.offsets, self.doc_of, self.paragraph, self.kind,
                                        self.quantity, self.date)
        return sum(a.nbytes for a in arrays)
