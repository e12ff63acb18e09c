"""Actors, figures and the timeline as Discord list entries, every quote with its source link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.discord.render import link
from bot.discord.render_lists import ENTRY_CHARS, INTRO_CHARS, ListContent
from bot.discord.text import cut_escaped, escape
from bot.links import source_link
from search.extract.models import Actor, Event, Figure, FigureGroup, FigureReport
from search.models import Document

ACTORS_PAGE = 15  # one line each: fifteen read at a glance
ENTRIES_PAGE = 6  # quotes, figures and events take a few lines each
LABEL_CHARS = 60  # an outlet or title naming a source
LINK_CHARS = 512  # a longer address is named in plain text: it would crowd out the quote it supports
_UNKNOWN_YEAR = "unknown-year"


@dataclass(frozen=True, slots=True)
class Sources:
    """The documents of the corpus a list was read from, and the public address links point to."""

    documents: Mapping[str, Document]
    public_base_url: str | None

    def cite(self, doc_id: str, paragraph: int, short: bool = False) -> str:
        """A passage as a markdown link: outlet (or title) and paragraph; plain text when it has no address."""
        doc = self.documents.get(doc_id)
        if doc is None:
            return f"{escape(doc_id[:LABEL_CHARS])}, ¶{paragraph}"
        label = f"¶{paragraph}" if short else \
            f"{cut_escaped(doc.source.outlet or doc.title, LABEL_CHARS)}, ¶{paragraph}"
        url = source_link(doc, paragraph, self.public_base_url).url
        return f"[{label}]({link(url)})" if url and len(url) <= LINK_CHARS else label

    def outlet(self, doc_id: str) -> str:
        """Who published a document (its title when the outlet is not known), escaped."""
        doc = self.documents.get(doc_id)
        return cut_escaped(doc.source.outlet or doc.title if doc else doc_id, LABEL_CHARS)

    def title(self, doc_id: str) -> str:
        """A document's title, escaped."""
        doc = self.documents.get(doc_id)
        return cut_escaped(doc.title if doc else doc_id, LABEL_CHARS)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _quoted(text: str, tail: str) -> str:
    """A quotation cut to leave room for the source line after it, which is never cut."""
    room = ENTRY_CHARS - len(tail) - len("> “”\n")
    return f"> “{cut_escaped(' '.join(text.split()), room)}”\n{tail}"


def actor_line(actor: Actor) -> str:
    """One actor: name, kind, mentions, articles, and a few other names."""
    also = f" · also {cut_escaped(', '.join(actor.aliases), 160)}" if actor.aliases else ""
    return (f"**{cut_escaped(actor.name, 100)}** · {actor.kind} · {_count(actor.mentions, 'mention')} in "
            f"{_count(len(actor.doc_ids), 'article')}{also}")


def actors_content(actors: Sequence[Actor], title: str = "Actors") -> ListContent:
    """The actors list, most mentioned first."""
    return ListContent(f"{title} ({len(actors)})", "", tuple(actor_line(a) for a in actors), ACTORS_PAGE,
                       separator="\n", empty="No actors found.")


def _passage_entries(actor: Actor, sources: Sources) -> list[str]:
    """The passages naming an actor, one entry a document, split where the links would not fit one."""
    by_doc: dict[str, list[str]] = {}
    for passage_id in actor.passage_ids:
        doc_id, _, para = passage_id.rpartition("#p")
        by_doc.setdefault(doc_id, []).append(sources.cite(doc_id, int(para), short=True))
    entries = []
    for doc_id, links in by_doc.items():
        head = f"Named in *{sources.title(doc_id)}*:"
        line = head
        for cited in links:
            if len(line) + 1 + len(cited) > ENTRY_CHARS:
                entries.append(line)
                line = head + " (more)"
            line += " " + cited
        entries.append(line)
    return entries


def profile_content(actor: Actor, sources: Sources) -> ListContent:
    """One actor: kind and other names above; roles, quotes and passages as entries, each with its link."""
    intro = f"**{actor.kind}** · {_count(actor.mentions, 'mention')} in {_count(len(actor.doc_ids), 'article')}"
    if actor.aliases:
        intro += "\nAlso called: " + cut_escaped(", ".join(actor.aliases), INTRO_CHARS - len(intro) - 20)
    entries = [f"Role: {cut_escaped(r.text, 300)} — {sources.cite(*_split(r.passage_id))}" for r in actor.roles]
    entries += [_quoted(q.text, "— " + sources.cite(*_split(q.passage_id))) for q in actor.quotes]
    entries += _passage_entries(actor, sources)
    return ListContent(actor.name, intro, tuple(entries), ENTRIES_PAGE)


def _split(passage_id: str) -> tuple[str, int]:
    doc_id, _, para = passage_id.rpartition("#p")
    return doc_id, int(para)


def _value(f: Figure) -> str:
    return _number(f.value) + (f"–{_number(f.high)}" if f.high is not None else "")


def figure_entry(f: Figure, sources: Sources) -> str:
    """A figure: value, the words it counts, its source, then the sentence it stands in."""
    head = f"**{_value(f)}** · {cut_escaped(f.phrase, 120)} — {sources.cite(f.doc_id, f.paragraph)}"
    room = ENTRY_CHARS - len(head) - len("\n> “”")
    return f"{head}\n> “{cut_escaped(' '.join(f.quote.split()), room)}”"


def group_entry(group: FigureGroup, sources: Sources) -> str:
    """A group's heading: what it measures, whether the sources agree, and every value with its outlet."""
    verdict = "sources agree" if group.agree else "⚠️ sources differ"
    head = f"__**{cut_escaped(group.label, 100)}**__ — {verdict}:"
    values = ""
    for n, f in enumerate(group.figures):
        value = f" {_value(f)} ({sources.outlet(f.doc_id)})" + ("," if n < len(group.figures) - 1 else "")
        if len(head) + len(values) + len(value) > ENTRY_CHARS - 20:
            return f"{head}{values} and {len(group.figures) - n} more below"
        values += value
    return head + values


def figures_content(report: FigureReport, topic: str | None, sources: Sources) -> ListContent:
    """Groups first, each headed by every value with its outlet; then the figures no group holds."""
    entries: list[str] = []
    grouped: set[int] = set()
    headings: set[int] = set()
    for g in report.groups:
        headings.add(len(entries))
        entries.append(group_entry(g, sources))
        entries += [figure_entry(f, sources) for f in g.figures]
        grouped.update(id(f) for f in g.figures)
    entries += [figure_entry(f, sources) for f in report.figures if id(f) not in grouped]
    differ = sum(1 for g in report.groups if not g.agree)
    intro = f"{_count(len(report.figures), 'figure')}; {_count(len(report.groups), 'group')} measuring the " \
        f"same thing, {differ} where the sources differ." if report.figures else ""
    title = f"Figures on “{topic}”" if topic else "Figures"
    return ListContent(title, intro, tuple(entries), ENTRIES_PAGE, empty="No figures found.",
                       headings=frozenset(headings))


def event_date(event: Event) -> str:
    """An event's date with its precision; a date whose year the text does not give says so."""
    if event.precision == _UNKNOWN_YEAR:
        return f"**{event.date.removeprefix('--')}** (year unknown)"
    return f"**{event.date}** ({event.precision})"


def event_entry(event: Event, sources: Sources) -> str:
    """An event: date, text, and the passages that report it (as many as fit, at least the first)."""
    cited = [sources.cite(s.doc_id, s.paragraph) for s in event.sources]
    tail = cited[0]
    for n, more in enumerate(cited[1:], 2):
        if len(tail) + len(more) + 40 > ENTRY_CHARS // 2:
            tail += f" · and {len(cited) - n + 1} more"
            break
        tail += " · " + more
    head = event_date(event) + " — "
    room = ENTRY_CHARS - len(head) - len(tail) - 1
    return f"{head}{cut_escaped(' '.join(event.text.split()), room)}\n{tail}"


def timeline_content(events: Sequence[Event], actor: str | None, sources: Sources) -> ListContent:
    """Events in the service's date order, each with its sources."""
    title = f"Timeline of {actor}" if actor else "Timeline"
    return ListContent(title, f"{_count(len(events), 'dated event')}." if events else "",
                       tuple(event_entry(e, sources) for e in events), ENTRIES_PAGE, empty="No dated events found.")
