"""Frozen records of what extraction finds: actors, figures (grouped) and dated events."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from search.models import ActorKind, PassageRef

__all__ = ["Actor", "ActorKind", "Event", "EventSource", "Extraction", "Figure", "FigureGroup", "FigureReport",
           "Precision", "Quote", "Role", "number_text"]


class Precision(StrEnum):
    """How precisely an event is dated; with the year unknown the date reads --MM or --MM-DD."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN_YEAR = "unknown-year"


def number_text(value: float) -> str:
    """A number as news writes it: 1,200 or 2.50."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


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
    kind: ActorKind
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
        return str(PassageRef(self.doc_id, self.paragraph))

    @property
    def value_text(self) -> str:
        """The value as people write it: 1,200, 2.50 or a range 30–40."""
        return number_text(self.value) + (f"–{number_text(self.high)}" if self.high is not None else "")


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
        return str(PassageRef(self.doc_id, self.paragraph))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event. `date` is ISO: YYYY, YYYY-MM or YYYY-MM-DD; with the year unknown, --MM or --MM-DD."""

    date: str
    precision: Precision
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
    read_by_model: int = 0  # documents whose entity spans the model read (the others came from the cache)


@dataclass(frozen=True, slots=True)
class FigureReport:
    """Figures on a topic and the groups among them that measure the same thing."""

    figures: tuple[Figure, ...]
    groups: tuple[FigureGroup, ...]
