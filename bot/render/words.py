"""Wording every renderer shares: how a source is named and how an event's date is said."""

from __future__ import annotations

import calendar

from search.extract.models import Event, Precision
from search.models import Document

# How a date's precision is said beside it, where a renderer shows it apart from the date.
PRECISION_LABELS = {Precision.DAY: "day", Precision.MONTH: "month only", Precision.YEAR: "year only",
                    Precision.UNKNOWN_YEAR: "year unknown"}


def source_name(documents: dict[str, Document], doc_id: str) -> str:
    """What a passage's source is called in a list: the outlet, else the title, else the document id."""
    doc = documents.get(doc_id)
    return (doc.source.outlet or doc.source.title or doc_id) if doc else doc_id


def when(event: Event) -> str:
    """The date as precise as the articles make it: "26 August 2021", "August 2021", "2021",
    "2 March, year unknown".
    """
    parts = event.date.lstrip("-").split("-")
    if event.precision == Precision.UNKNOWN_YEAR:
        month = calendar.month_name[int(parts[0])]
        return (f"{int(parts[1])} {month}" if len(parts) > 1 else month) + ", year unknown"
    if event.precision == Precision.DAY:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if event.precision == Precision.MONTH:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return event.date


def plural(n: int, word: str) -> str:
    """"1 article", "3 articles"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
