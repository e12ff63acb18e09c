"""Dated events as list entries: the date at its precision (an unknown year said so), text and sources."""

from __future__ import annotations

from bot.render.words import when
from bot.slack.render.cite import cite
from bot.slack.render.pages import Entry, ListPage, cap
from search.extract.models import Event
from search.models import Document, PassageRef

# An event's text is a short phrase from its sentence; sources after the first few are counted.
MAX_EVENT_CHARS = 400
SHOWN_SOURCES = 4
# Events a page.
EVENTS_A_PAGE = 10


def event_entries(events: tuple[Event, ...], documents: dict[str, Document], public_base_url: str | None
                  ) -> list[Entry]:
    """One entry an event, in the order given (the service's date order)."""
    entries = []
    for e in events:
        sources = [cite(documents, PassageRef(s.doc_id, s.paragraph), public_base_url)
                   for s in e.sources[:SHOWN_SOURCES]]
        extra = len(e.sources) - len(sources)
        where = "; ".join(sources) + (f"; and {extra} more" if extra > 0 else "")
        entries.append(Entry(f"• *{when(e)}* — {cap(e.text, MAX_EVENT_CHARS)}\n     {where}",
                             f"{when(e)}: {cap(e.text, 200)}"))
    return entries


def timeline_page(events: tuple[Event, ...], options: dict[str, str], documents: dict[str, Document],
                  public_base_url: str | None) -> ListPage:
    """The events, with the filters asked for named in the title."""
    filters = [cap(options["actor"], 100)] if options.get("actor") else []
    filters += [f"from {cap(options['from'], 20)}"] if options.get("from") else []
    filters += [f"to {cap(options['to'], 20)}"] if options.get("to") else []
    title = "Timeline" + (f": {' '.join(filters)}" if filters else "")
    empty = "No dated events match." if filters else "No dated events found in this corpus."
    return ListPage(title, event_entries(events, documents, public_base_url), empty, EVENTS_A_PAGE)
