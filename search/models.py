"""Frozen records that flow through the search library: files → documents → passages → hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PassageKind(StrEnum):
    """What a paragraph of an article is, as a reader would tell."""

    BODY = "body"
    CAPTION = "caption"
    HEADING = "heading"


class ActorKind(StrEnum):
    """What an actor is: the alias file states it, extraction finds it."""

    PERSON = "person"
    GROUP = "group"
    STATE = "state"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a document came from; a field is None when neither the manifest nor the text says."""

    title: str
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    page_date: date | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One cleaned paragraph of a document, numbered from 1 in reading order."""

    number: int
    text: str
    kind: PassageKind = PassageKind.BODY


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: its id is the file name without extension, stable across reloads."""

    doc_id: str
    path: str
    source: SourceInfo
    paragraphs: tuple[Paragraph, ...]
    content_hash: str

    @property
    def title(self) -> str:
        """The document's display title."""
        return self.source.title


@dataclass(frozen=True, slots=True, order=True)
class PassageRef:
    """Where a passage stands: a document id and a paragraph number, written `doc_id#pN` everywhere."""

    doc_id: str
    paragraph: int

    def __str__(self) -> str:
        return f"{self.doc_id}#p{self.paragraph}"

    @classmethod
    def parse(cls, text: str) -> PassageRef:
        """The reference `doc_id#pN` names; ValueError for anything else."""
        doc_id, sep, number = text.rpartition("#p")
        if not sep or not doc_id or not number.isascii() or not number.isdigit():
            raise ValueError(f"not a passage id: {text[:80]!r}")
        return cls(doc_id, int(number))


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of search: one paragraph of one document."""

    doc_id: str
    paragraph: int
    text: str
    kind: PassageKind

    @property
    def ref(self) -> PassageRef:
        """Where the passage stands."""
        return PassageRef(self.doc_id, self.paragraph)

    @property
    def passage_id(self) -> str:
        """Stable id: document id and paragraph number; unchanged while the text is unchanged."""
        return str(self.ref)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of a snippet to emphasise."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text cut from a passage at sentence boundaries, with the question's terms as spans."""

    text: str
    highlights: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked passage for one question."""

    passage: Passage
    score: float
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A corpus file that was not loaded, and why, in words an admin can act on."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a corpus load read, and what it had to leave out."""

    folder: str
    loaded: tuple[str, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when every file in the folder loaded."""
        return not self.skipped
