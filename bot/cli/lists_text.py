"""Plain-text rendering of actors, figures and the timeline for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from bot.printable import one_line
from bot.render.words import plural, when
from bot.render.words import source_name as _source_name
from search.extract.models import Actor, Event, Figure, FigureReport
from search.models import Document, PassageRef


def source_name(documents: dict[str, Document], doc_id: str) -> str:
    """The outlet or title that names a document, on one line (a title may hold a newline)."""
    return one_line(_source_name(documents, doc_id))


def render_actors(actors: Sequence[Actor]) -> str:
    """One line an actor: name, kind, mentions, documents and the names it also goes by."""
    if not actors:
        return "No actors found."
    lines = []
    for a in actors:
        also = f" — also {', '.join(a.aliases[:6])}" if a.aliases else ""
        role = f" — {a.roles[0].text}" if a.roles else ""
        lines.append(f"{a.name} ({a.kind}): {plural(a.mentions, 'mention')} in "
                     f"{plural(len(a.doc_ids), 'article')}"
                     f"{role}{also}")
    return "\n".join(lines)


def render_profile(actor: Actor, documents: dict[str, Document]) -> str:
    """One actor's profile: roles, quotes and the passages that mention it."""
    lines = [f"{actor.name} ({actor.kind}) — {plural(actor.mentions, 'mention')} in "
             f"{plural(len(actor.doc_ids), 'article')}"]
    if actor.aliases:
        lines.append("Also called: " + ", ".join(actor.aliases))
    for role in actor.roles:
        lines.append(f"Role: {role.text} [{role.passage_id}]")
    for quote in actor.quotes:
        doc_id = PassageRef.parse(quote.passage_id).doc_id
        lines.append(f"“{quote.text}” — {source_name(documents, doc_id)} [{quote.passage_id}]")
    lines.append("Passages: " + ", ".join(actor.passage_ids))
    return "\n".join(lines)


def _figure_line(f: Figure, documents: dict[str, Document]) -> str:
    value = f.value_text
    return f"{value}: {f.phrase} — {source_name(documents, f.doc_id)} [{f.passage_id}]"


def render_figures(report: FigureReport, documents: dict[str, Document]) -> str:
    """Groups first, every value with its outlet; then every figure with its sentence."""
    if not report.figures:
        return "No figures found."
    lines = []
    for g in report.groups:
        state = "sources agree" if g.agree else "sources differ"
        lines.append(f"{g.label} ({state}):")
        lines += [f"  {_figure_line(f, documents)}" for f in g.figures]
    if lines:
        lines.append("")
    for f in report.figures:
        lines.append(_figure_line(f, documents))
        lines.append(f"    {f.quote}")
    return "\n".join(lines)


def render_timeline(events: Sequence[Event], documents: dict[str, Document]) -> str:
    """One event a line, in date order, with the passages that report it."""
    if not events:
        return "No dated events found."
    lines = []
    for e in events:
        date = when(e)
        where = "; ".join(f"{source_name(documents, s.doc_id)} [{s.passage_id}]" for s in e.sources)
        lines.append(f"{date}  {e.text}\n    {where}")
    return "\n".join(lines)
