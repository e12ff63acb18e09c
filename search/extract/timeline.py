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

import functools
import math
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
    at least SAME_WORD_PREFIX letters that begins another counts as the same word. Sums are exact
    (math.fsum), so the result never depends on the order a set is read in.
    """
    words_a, words_b = _words(a.text), _words(b.text)
    shared = words_a & words_b
    longer: dict[str, list[str]] = defaultdict(list)
    for y in words_b - shared:
        if len(y) >= SAME_WORD_PREFIX:
            longer[y[:SAME_WORD_PREFIX]].append(y)
    shared |= {x for x in words_a - shared if len(x) >= SAME_WORD_PREFIX
               and any(_same_word(x, y) for y in longer.get(x[:SAME_WORD_PREFIX], ()))}

    def weight(words: Iterable[str], actors: Iterable[str]) -> float:
        return math.fsum([*(weights.words.get(w, weights.unseen) for w in words),
                          *(weights.actors.get(n, weights.unseen) for n in actors)])

    lighter = min(weight(words_a, a.actors), weight(words_b, b.actors))
    return weight(shared, set(a.actors) & set(b.actors)) / lighter if lighter else 0.0


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset[str]:
    return content_words(text) - _MONTH_WORDS


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


# A happening told by many passages is recognised by a few of its reports: another report is compared
# with the first PEERS reports of a cluster and with those from its own documents, so merging grows
# with the number of reports rather than its square.
PEERS = 8


class _Cluster:
    """The reports of one happening so far, with its reports by document."""

    def __init__(self, first: Event) -> None:
        self.events = [first]
        self.by_doc: dict[str, list[Event]] = defaultdict(list)
        self._index(first)

    def add(self, event: Event) -> None:
        self.events.append(event)
        self._index(event)

    def _index(self, event: Event) -> None:
        for doc in dict.fromkeys(src.doc_id for src in event.sources):
            self.by_doc[doc].append(event)

    def peers(self, event: Event) -> list[Event]:
        """The reports another report is compared with: the first few, and those of its documents."""
        near = [e for doc in dict.fromkeys(src.doc_id for src in event.sources)
                for e in self.by_doc.get(doc, ())[:PEERS]]
        return list(dict.fromkeys([*self.events[:PEERS], *near]))


def merge(events: Sequence[Event], weights: Rarity | None = None, captions: Collection[str] = (),
          stories: Callable[[str, str], bool] | None = None) -> list[Event]:
    """One event per happening, with every passage that reports it.

    Reports of the same date merge when they overlap by SAME_DATE_OVERLAP; a photo caption (its passage
    id in `captions`) dates its picture, so it joins another report only at SAME_STORY. Then each event
    dated less precisely (a year, a month, a date without its year) merges into the best-overlapping
    event at a date inside it, if they overlap by SAME_STORY; its passages keep the date they give.
    Reports from two documents merge only when `stories` says the documents tell the same story: a
    shared year never joins two stories.
    """
    weights = weights or Rarity()
    clusters: list[_Cluster] = []
    by_date: dict[str, list[_Cluster]] = defaultdict(list)
    for e in events:
        for cluster in by_date[e.date]:
            if _same_date_link(cluster.peers(e), e, weights, captions, stories):
                cluster.add(e)
                break
        else:
            by_date[e.date].append(_Cluster(e))
            clusters.append(by_date[e.date][-1])
    absorbed: set[int] = set()
    for n in sorted(range(len(clusters)), key=lambda i: (-_specificity(clusters[i].events[0].date), i)):
        coarse = clusters[n]
        best: tuple[float, int] | None = None
        for m, fine in enumerate(clusters):
            if m in absorbed or not within(coarse.events[0].date, fine.events[0].date):
                continue
            score = max((overlap(a, b, weights) for a in coarse.events[:PEERS] for b in fine.peers(a)
                         if _one_story(a, b, stories)), default=0.0)
            if score >= SAME_STORY and (best is None or score > best[0]):
                best = (score, m)
        if best is not None:
            for e in coarse.events:
                clusters[best[1]].add(_dated(e))
            absorbed.add(n)
    merged = [_one(c.events) for n, c in enumerate(clusters) if n not in absorbed]
    merged.sort(key=sort_key)
    return merged


def _one_story(a: Event, b: Event, stories: Callable[[str, str], bool] | None) -> bool:
    """Two reports from one document, or from documents `stories` says tell one story."""
    pa, pb = a.sources[0], b.sources[0]
    return pa.doc_id == pb.doc_id or stories is None or stories(pa.passage_id, pb.passage_id)


def _same_date_link(peers: Sequence[Event], event: Event, weights: Rarity, captions: Collection[str],
                    stories: Callable[[str, str], bool] | None) -> bool:
    """True when a report of a date overlaps one of a cluster's reports of that date enough."""
    for other in peers:
        if not _one_story(other, event, stories):
            continue
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
