"""Actors, figures and the timeline as Discord list entries, every quote with its source link."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.discord.render.paging import ENTRY_CHARS, INTRO_CHARS, ListContent
from bot.discord.render.text import cut_escaped, escape, link
from bot.render.links import source_link
from bot.render.words import plural, source_name, when
from search.extract.models import Actor, Event, Figure, FigureGroup, FigureReport
from search.models import Document, PassageRef

ACTORS_PAGE = 15  # one line each: fifteen read at a glance
ENTRIES_PAGE = 6  # quotes, figures and events take a few lines each
LABEL_CHARS = 60  # an outlet or title naming a source
LINK_CHARS = 512  # a longer address is named in plain text: it would crowd out the quote it supports


@dataclass(frozen=True, slots=True)
class Sources:
    """The documents of the corpus a list was read from, and the public address links point to."""

    documents: dict[str, Document]
    public_base_url: str | None

    def cite(self, ref: PassageRef, short: bool = False) -> str:
        """A passage as a markdown link: its source's name and paragraph; plain text when it has no address."""
        doc = self.documents.get(ref.doc_id)
        if doc is None:
            return f"{escape(ref.doc_id[:LABEL_CHARS])}, ¶{ref.paragraph}"
        label = f"¶{ref.paragraph}" if short else f"{self.outlet(ref.doc_id)}, ¶{ref.paragraph}"
        url = source_link(doc, ref.paragraph, self.public_base_url).url
        return f"[{label}]({link(url)})" if url and len(url) <= LINK_CHARS else label

    def outlet(self, doc_id: str) -> str:
        """A document's source as lists name it (bot/render/words.py), escaped."""
        return cut_escaped(source_name(self.documents, doc_id), LABEL_CHARS)

    def title(self, doc_id: str) -> str:
        """A document's title, escaped."""
        doc = self.documents.get(doc_id)
        return cut_escaped(doc.title if doc else doc_id, LABEL_CHARS)


def _quoted(text: str, tail: str) -> str:
    """A quotation cut to leave room for the source line after it, which is never cut."""
    room = ENTRY_CHARS - len(tail) - len("> “”\n")
    return f"> “{cut_escaped(' '.join(text.split()), room)}”\n{tail}"


def actor_line(actor: Actor) -> str:
    """One actor: name, kind, mentions, articles, and a few other names."""
    also = f" · also {cut_escaped(', '.join(actor.aliases), 160)}" if actor.aliases else ""
    return (f"**{cut_escaped(actor.name, 100)}** · {actor.kind} · {plural(actor.mentions, 'mention')} in "
            f"{plural(len(actor.doc_ids), 'article')}{also}")


def actors_content(actors: Sequence[Actor], title: str = "Actors") -> ListContent:
    """The actors list, most mentioned first."""
    return ListContent(f"{title} ({len(actors)})", "", tuple(actor_line(a) for a in actors), ACTORS_PAGE,
                       separator="\n", empty="No actors found.")


def _passage_entries(actor: Actor, sources: Sources) -> list[str]:
    """The passages naming an actor, one entry a document, split where the links would not fit one."""
    by_doc: dict[str, list[str]] = {}
    for passage_id in actor.passage_ids:
        ref = PassageRef.parse(passage_id)
        by_doc.setdefault(ref.doc_id, []).append(sources.cite(ref, short=True))
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
    intro = f"**{actor.kind}** · {plural(actor.mentions, 'mention')} in {plural(len(actor.doc_ids), 'article')}"
    if actor.aliases:
        intro += "\nAlso called: " + cut_escaped(", ".join(actor.aliases), INTRO_CHARS - len(intro) - 20)
    entries = [f"Role: {cut_escaped(r.text, 300)} — {sources.cite(PassageRef.parse(r.passage_id))}"
               for r in actor.roles]
    entries += [_quoted(q.text, "— " + sources.cite(PassageRef.parse(q.passage_id))) for q in actor.quotes]
    entries += _passage_entries(actor, sources)
    return ListContent(actor.name, intro, tuple(entries), ENTRIES_PAGE)


def figure_entry(f: Figure, sources: Sources) -> str:
    """A figure: value, the words it counts, its source, then the sentence it stands in."""
    head = f"**{f.value_text}** · {cut_escaped(f.phrase, 120)} — {sources.cite(PassageRef(f.doc_id, f.paragraph))}"
    room = ENTRY_CHARS - len(head) - len("\n> “”")
    return f"{head}\n> “{cut_escaped(' '.join(f.quote.split()), room)}”"


def group_entry(group: FigureGroup, sources: Sources) -> str:
    """A group's heading: what it measures, whether the sources agree, and every value with its outlet."""
    verdict = "sources agree" if group.agree else "⚠️ sources differ"
    head = f"__**{cut_escaped(group.label, 100)}**__ — {verdict}:"
    values = ""
    for n, f in enumerate(group.figures):
        value = f" {f.value_text} ({sources.outlet(f.doc_id)})" + ("," if n < len(group.figures) - 1 else "")
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
    intro = f"{plural(len(report.figures), 'figure')}; {plural(len(report.groups), 'group')} measuring the " \
        f"same thing, {differ} where the sources differ." if report.figures else ""
    title = f"Figures on “{topic}”" if topic else "Figures"
    return ListContent(title, intro, tuple(entries), ENTRIES_PAGE, empty="No figures found.",
                       headings=frozenset(headings))


def event_date(event: Event) -> str:
    """An event's date in bold, in the shared wording of bot/render/words.py ("26 August 2021",
    "2 March, year unknown").
    """
    return f"**{when(event)}**"


def event_entry(event: Event, sources: Sources) -> str:
    """An event: date, text, and the passages that report it (as many as fit, at least the first)."""
    cited = [sources.cite(PassageRef(s.doc_id, s.paragraph)) for s in event.sources]
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
    return ListContent(title, f"{plural(len(events), 'dated event')}." if events else "",
                       tuple(event_entry(e, sources) for e in events), ENTRIES_PAGE, empty="No dated events found.")
