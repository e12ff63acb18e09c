"""The timeline: dated events with an ISO date, its precision and the passages that report them.

Years are resolved the way a careful reader resolves them. A date with its year ("August 29, 2021",
"November 2020", "in 2013") keeps it. A date without ("August 26", "in late August") takes the year
that puts it nearest to the article's own dated mentions (full dates in its text, and its publication
date from the manifest or a "Published" line), when that is within YEAR_WINDOW_DAYS; otherwise its
year is unknown and the event says so ("--03-02"). The page date a site prints on every page is not the
story's date and is never used. A month and year ("January 2008") is no anchor either: in news it mostly
dates background, and in the bundled articles it would put a briefing "on November 17" of 2021 in 2007.

The same happening told by several passages, in one article or several, is one event with every passage
as its source, at the most precise date any of them gives (see merge()). Weekday references ("late
Thursday") are not dates here and are not resolved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from search.extract.grouping import SAME_FIGURE_STORY, SAME_STORY
from search.extract.models import Event, EventSource, Precision
from search.extract.text import Sentence, shorten
from search.extract.when import DateMention, find_dates
from search.lexicon.dates import FULL_MONTHS
from search.lexicon.words import content_words

# News reports recent events: a month and day within four months of the article's dated mentions is
# in their year. Further away, another year is as likely, so the year is left unknown.
YEAR_WINDOW_DAYS = 120
# How much two reports must overlap (see overlap()) to be one happening; merge() applies them. Measured
# on the bundled and test articles: an event dated less precisely overlaps the closest report of its
# happening at a date inside it by 0.31 or more, and reports of other happenings there by 0.22 at most,
# so SAME_STORY, which parts passages on one story from the rest in grouping, parts these too. Reports
# giving the very same date need less, the date being evidence of its own as a shared figure is: there
# one happening overlaps by 0.13 or more and different ones by 0.08 at most, photo captions aside.
SAME_DATE_OVERLAP = SAME_FIGURE_STORY
# Shorter stems begin unrelated or already-counted words: at six, "afghan" would begin "afghanistan".
SAME_WORD_PREFIX = 7
_MONTH_WORDS = content_words(" ".join(FULL_MONTHS))


def anchors(sentences: Sequence[Sentence], published: date | None) -> list[date]:
    """The article's own dates: every full date in its text, and its publication date (no month-years)."""
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


def _iso(d: DateMention, known: Sequence[date]) -> tuple[str, Precision] | None:
    if d.kind == "year" and d.year:
        return f"{d.year:04d}", Precision.YEAR
    if d.kind == "month" and d.year and d.month:
        return f"{d.year:04d}-{d.month:02d}", Precision.MONTH
    if d.kind == "day" and d.year and d.month and d.day:
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", Precision.DAY
    if d.month is None:
        return None
    year = resolve_year(d.month, d.day, known)
    if d.kind == "monthday" and d.day:
        if year is None:
            return f"--{d.month:02d}-{d.day:02d}", Precision.UNKNOWN_YEAR
        return f"{year:04d}-{d.month:02d}-{d.day:02d}", Precision.DAY
    if year is None:
        return f"--{d.month:02d}", Precision.UNKNOWN_YEAR
    return f"{year:04d}-{d.month:02d}", Precision.MONTH


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


@dataclass(frozen=True, slots=True)
class Rarity:
    """Weights of the words and actors of event reports: `grouping.rarity` over the corpus's passages."""

    words: Mapping[str, float] = field(default_factory=dict)
    actors: Mapping[str, float] = field(default_factory=dict)
    unseen: float = 1.0


def overlap(a: Event, b: Event, weights: Rarity) -> float:
    """Shared weight of two reports' content words and actors over the weight of the lighter report.

    The stemmer leaves some forms of one word apart ("withdrawn", "withdrawal" → "withdraw"); a stem of
    at least SAME_WORD_PREFIX letters that begins another counts as the same word.
    """
    words_a, words_b = _words(a), _words(b)
    shared = words_a & words_b
    shared |= {x for x in words_a - shared for y in words_b - shared if _same_word(x, y)}

    def weight(words: Iterable[str], actors: Iterable[str]) -> float:
        return (sum(weights.words.get(w, weights.unseen) for w in words)
                + sum(weights.actors.get(n, weights.unseen) for n in actors))

    lighter = min(weight(words_a, a.actors), weight(words_b, b.actors))
    return weight(shared, set(a.actors) & set(b.actors)) / lighter if lighter else 0.0


def _words(event: Event) -> frozenset[str]:
    return content_words(event.text) - _MONTH_WORDS


def _same_word(x: str, y: str) -> bool:
    short, long = sorted((x, y), key=len)
    return len(short) >= SAME_WORD_PREFIX and long.startswith(short)


def within(coarse: str, fine: str) -> bool:
    """True when ISO date `fine` is a more precise date inside `coarse`: a day in its month or year, a
    month in its year, or, when the coarse date's year is unknown, a date with its month (and day).
    """
    if coarse == fine or len(fine) <= len(coarse):
        return False
    if coarse.startswith("--"):
        month_day = fine[1:] if fine.startswith("--") else fine[4:]
        return month_day.startswith(coarse[1:])
    return not fine.startswith("--") and fine.startswith(coarse + "-")


def merge(events: Sequence[Event], weights: Rarity | None = None,
          captions: Collection[str] = ()) -> list[Event]:
    """One event per happening, with every passage that reports it.

    Reports of the same date merge when they overlap by SAME_DATE_OVERLAP; a photo caption (its passage
    id in `captions`) dates its picture, so it joins another report only at SAME_STORY. Then each event
    dated less precisely (a year, a month, a date without its year) merges into the best-overlapping
    event at a date inside it, if they overlap by SAME_STORY; its passages keep the date they give.
    """
    weights = weights or Rarity()
    clusters: list[list[Event]] = []
    by_date: dict[str, list[list[Event]]] = defaultdict(list)
    for e in events:
        for cluster in by_date[e.date]:
            if _same_date_link(cluster, e, weights, captions):
                cluster.append(e)
                break
        else:
            by_date[e.date].append([e])
            clusters.append(by_date[e.date][-1])
    absorbed: set[int] = set()
    for n in sorted(range(len(clusters)), key=lambda i: -_specificity(clusters[i][0].date)):
        coarse = clusters[n]
        best: tuple[float, int] | None = None
        for m, fine in enumerate(clusters):
            if m in absorbed or not within(coarse[0].date, fine[0].date):
                continue
            score = max(overlap(a, b, weights) for a in coarse for b in fine)
            if score >= SAME_STORY and (best is None or score > best[0]):
                best = (score, m)
        if best is not None:
            clusters[best[1]].extend(_dated(e) for e in coarse)
            absorbed.add(n)
    merged = [_one(c) for n, c in enumerate(clusters) if n not in absorbed]
    merged.sort(key=sort_key)
    return merged


def _same_date_link(cluster: Sequence[Event], event: Event, weights: Rarity, captions: Collection[str]) -> bool:
    """True when a report of a date overlaps one of the cluster's reports of that date enough."""
    for other in cluster:
        in_caption = any(s.passage_id in captions for s in (*other.sources, *event.sources))
        if overlap(other, event, weights) >= (SAME_STORY if in_caption else SAME_DATE_OVERLAP):
            return True
    return False


def _specificity(iso: str) -> int:
    """How many of year, month and day a date gives."""
    return iso.count("-") + 1 if not iso.startswith("--") else iso.count("-") - 1


def _dated(event: Event) -> Event:
    """An event whose sources say the date they give, before it joins a more precise event."""
    sources = tuple(EventSource(s.doc_id, s.paragraph, s.date or event.date) for s in event.sources)
    return Event(event.date, event.precision, event.text, sources, event.actors)


def _one(cluster: Sequence[Event]) -> Event:
    """The reports of one happening as one event: the first report's date and text, every source once."""
    head = cluster[0]
    sources: dict[tuple[str, int], EventSource] = {}
    for e in cluster:
        for src in e.sources:
            sources.setdefault((src.doc_id, src.paragraph), src)
    actors = tuple(dict.fromkeys(a for e in cluster for a in e.actors))
    return Event(head.date, head.precision, head.text, tuple(sources.values()), actors)


def sort_key(event: Event) -> tuple[int, str, str]:
    """Dated events in date order; events whose year is unknown after them, by month and day."""
    if event.precision == Precision.UNKNOWN_YEAR:
        return (1, event.date, event.sources[0].passage_id)
    return (0, event.date, event.sources[0].passage_id)
