"""The timeline: dated events with an ISO date, its precision and the passages that report them.

Years are resolved the way a careful reader resolves them. A date with its year ("August 29, 2021",
"November 2020", "in 2013") keeps it. A date without ("August 26", "in late August") takes the year
that puts it nearest to the article's own dated mentions (full dates in its text, and its publication
date from the manifest), when that is within YEAR_WINDOW_DAYS; otherwise its year is unknown and the
event says so ("--03-02"). The page date a site prints on every page is not the story's date and is
never used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from search.extract.grouping import content_words
from search.extract.models import Event, EventSource
from search.extract.text import Sentence, shorten
from search.extract.when import DateMention, find_dates

# News reports recent events: a month and day within four months of the article's dated mentions is
# in their year. Further away, another year is as likely, so the year is left unknown.
YEAR_WINDOW_DAYS = 120
# Two reports of one date are one event when their sentences share this many content words.
SAME_EVENT_WORDS = 3
_MONTH_WORDS = content_words("january february march april may june july august september october november "
                             "december")


def anchors(sentences: Sequence[Sentence], published: date | None) -> list[date]:
    """The article's own dates: every full date in its text, and its publication date."""
    found = [published] if published else []
    for s in sentences:
        for d in find_dates(s.text):
            if d.kind == "day" and d.year and d.month and d.day:
                try:
                    found.append(date(d.year, d.month, d.day))
                except ValueError:
                    continue
    return found


def resolve_year(month: int, day: int | None, known: Sequence[date]) -> int | None:
    """The year that puts month/day nearest the article's dates, if within the window; else None."""
    best: tuple[int, int] | None = None
    for anchor in known:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidate = date(year, month, day or 15)
            except ValueError:
                continue
            distance = abs((candidate - anchor).days)
            if best is None or distance < best[0]:
                best = (distance, year)
    window = YEAR_WINDOW_DAYS + (0 if day else 15)
    return best[1] if best and best[0] <= window else None


def _iso(d: DateMention, known: Sequence[date]) -> tuple[str, str] | None:
    if d.kind == "year" and d.year:
        return f"{d.year:04d}", "year"
    if d.kind == "month" and d.year and d.month:
        return f"{d.year:04d}-{d.month:02d}", "month"
    if d.kind == "day" and d.year and d.month and d.day:
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day"
    if d.month is None:
        return None
    year = resolve_year(d.month, d.day, known)
    if d.kind == "monthday" and d.day:
        if year is None:
            return f"--{d.month:02d}-{d.day:02d}", "unknown-year"
        return f"{year:04d}-{d.month:02d}-{d.day:02d}", "day"
    if year is None:
        return f"--{d.month:02d}", "unknown-year"
    return f"{year:04d}-{d.month:02d}", "month"


def events_of(doc_sentences: Sequence[Sentence], published: date | None,
              actors_in: Callable[[Sentence], tuple[str, ...]] = lambda s: ()) -> list[Event]:
    """The dated events of one document, one per date mention, in reading order."""
    known = anchors(doc_sentences, published)
    events = []
    for s in doc_sentences:
        for d in find_dates(s.text):
            iso = _iso(d, known)
            if iso is None:
                continue
            events.append(Event(iso[0], iso[1], _event_text(s.text, d.start),
                                (EventSource(s.doc_id, s.paragraph),), actors_in(s)))
    return events


def _event_text(text: str, at: int) -> str:
    """The sentence around a date, cut to its clause when the sentence is long."""
    if len(text) <= 240:
        return text.strip()
    left = max(text.rfind(sep, 0, at) for sep in (";", " – ", " -- ", ". "))
    rights = [i for i in (text.find(sep, at) for sep in (";", " – ", " -- ")) if i >= 0]
    clause = text[left + 1: min(rights) if rights else len(text)].strip(" ,–-")
    return shorten(clause, 240)


def merge(events: Sequence[Event]) -> list[Event]:
    """One event per date and story: reports of one date whose sentences share words become one event."""
    by_date: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        by_date[(e.date, e.precision)].append(e)
    merged: list[Event] = []
    for same_date in by_date.values():
        kept: list[tuple[Event, frozenset[str]]] = []
        for e in same_date:
            words = content_words(e.text) - _MONTH_WORDS
            for n, (k, kwords) in enumerate(kept):
                if len(words & kwords) >= SAME_EVENT_WORDS:
                    sources = tuple(dict.fromkeys(k.sources + e.sources))
                    actors = tuple(dict.fromkeys(k.actors + e.actors))
                    kept[n] = (Event(k.date, k.precision, k.text, sources, actors), kwords | words)
                    break
            else:
                kept.append((e, words))
        merged.extend(k for k, _ in kept)
    merged.sort(key=sort_key)
    return merged


def sort_key(event: Event) -> tuple[int, str, str]:
    """Dated events in date order; events whose year is unknown after them, by month and day."""
    if event.precision == "unknown-year":
        return (1, event.date, event.sources[0].passage_id)
    return (0, event.date, event.sources[0].passage_id)
