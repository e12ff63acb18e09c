"""Frozen records of what extraction finds: actors, figures (grouped) and dated events."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Quote:
    """Words the text attributes to an actor, with the passage they stand in."""

    text: str
    passage_id: str


@dataclass(frozen=True, slots=True)
class Role:
    """A role the text gives a person ("Taliban spokesman"), with the passage that says so."""

    text: str
    passage_id: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, group, state or organisation the articles name, once, with every name seen."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    doc_ids: tuple[str, ...]
    passage_ids: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that counts something in the world, with the words it counts and where it stands."""

    value: float
    high: float | None
    phrase: str
    qualifier: str | None
    unit: str
    measure: str
    quote: str
    doc_id: str
    paragraph: int
    group: str

    @property
    def passage_id(self) -> str:
        """The passage the figure stands in."""
        return f"{self.doc_id}#p{self.paragraph}"


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures from different passages that measure the same thing; `agree` says whether their sources
    agree, by the rule of `grouping.figures_agree` (the same number, and one count fitting every qualifier).
    """

    key: str
    label: str
    figures: tuple[Figure, ...]
    agree: bool


@dataclass(frozen=True, slots=True)
class EventSource:
    """A passage that reports an event. `date` is set when the passage dates it less precisely than the
    event ("late August" of a day another passage gives): the date as this passage writes it.
    """

    doc_id: str
    paragraph: int
    date: str = ""

    @property
    def passage_id(self) -> str:
        """The passage id, doc_id#pN."""
        return f"{self.doc_id}#p{self.paragraph}"


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event. `date` is ISO: YYYY, YYYY-MM or YYYY-MM-DD; with the year unknown, --MM or --MM-DD."""

    date: str
    precision: str
    text: str
    sources: tuple[EventSource, ...]
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one corpus version."""

    actors: tuple[Actor, ...] = ()
    figures: tuple[Figure, ...] = ()
    groups: tuple[FigureGroup, ...] = ()
    events: tuple[Event, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class FigureReport:
    """Figures on a topic and the groups among them that measure the same thing."""

    figures: tuple[Figure, ...]
    groups: tuple[FigureGroup, ...]
