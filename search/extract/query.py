"""Looking things up in an extraction: actors by kind or name, figures by topic, events by actor and date."""

from __future__ import annotations

import calendar
import re
from datetime import date

from search.extract.models import Actor, ActorKind, Event, Extraction, FigureReport, Precision
from search.lexicon.words import content_words

KINDS = tuple(kind.value for kind in ActorKind)  # plain strings, as commands and forms offer them
# ASCII digits only: "２０２１" is not a date a filter takes (re's \d would match any script's digits).
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("’", "'")).split())


def actors(extraction: Extraction, kind: str | None = None) -> tuple[Actor, ...]:
    """Actors, most mentioned first, of one kind or all."""
    return tuple(a for a in extraction.actors if kind is None or a.kind == kind)


def find_actors(extraction: Extraction, name: str) -> tuple[Actor, ...]:
    """The actor a name means: exact name or alias first, else every actor whose names contain it."""
    wanted = _fold(name)
    if not wanted:
        return ()
    exact = tuple(a for a in extraction.actors if wanted in {_fold(n) for n in (a.name, *a.aliases)})
    if exact:
        return exact
    return tuple(a for a in extraction.actors
                 if any(re.search(rf"\b{re.escape(wanted)}\b", _fold(n)) for n in (a.name, *a.aliases)))


def figures(extraction: Extraction, topic: str | None = None) -> FigureReport:
    """Figures whose phrase or sentence is about every content word of the topic, and their groups."""
    words = content_words(topic or "")
    matched = {id(f) for f in extraction.figures
               if not words or words <= content_words(f.quote + " " + f.phrase)}
    keys = {f.group for f in extraction.figures if id(f) in matched}
    groups = tuple(g for g in extraction.groups if g.key in keys)
    grouped = {id(f) for g in groups for f in g.figures}
    # A group on the topic comes whole: the disagreement is the point, even where a sentence has no topic
    # word.
    chosen = tuple(f for f in extraction.figures if id(f) in matched or id(f) in grouped)
    return FigureReport(chosen, groups)


def parse_bound(text: str, end: bool) -> date:
    """A date bound from YYYY, YYYY-MM or YYYY-MM-DD: the first day of it, or the last when `end`."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2] or (12 if end else 1)), match[3]
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    last = calendar.monthrange(year, month)[1]
    return date(year, month, int(day) if day else (last if end else 1))


def event_span(event: Event) -> tuple[date, date] | None:
    """The first and last day an event's date covers; None when its year is unknown."""
    if event.precision == Precision.UNKNOWN_YEAR:
        return None
    return parse_bound(event.date, end=False), parse_bound(event.date, end=True)


def events(extraction: Extraction, actor: Actor | None = None, date_from: date | None = None,
           date_to: date | None = None) -> tuple[Event, ...]:
    """Events in date order, involving an actor, known to lie within [date_from, date_to].

    An event dated only "2021" is not listed for August 2021: it is not known to have happened then.
    """
    chosen = []
    for event in extraction.events:
        if actor is not None and actor.name not in event.actors:
            continue
        if date_from or date_to:
            span = event_span(event)
            if span is None or date_from and span[0] < date_from or date_to and span[1] > date_to:
                continue
        chosen.append(event)
    return tuple(chosen)
