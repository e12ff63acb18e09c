"""Plain-text rendering of actors, figures and the timeline for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from search.extract.models import Actor, Event, Figure, FigureReport
from search.models import Document


def _outlet(documents: dict[str, Document], doc_id: str) -> str:
    doc = documents.get(doc_id)
    return (doc.source.outlet or doc.source.title) if doc else doc_id


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_actors(actors: Sequence[Actor]) -> str:
    """One line an actor: name, kind, mentions, documents and the names it also goes by."""
    if not actors:
        return "No actors found."
    lines = []
    for a in actors:
        also = f" — also {', '.join(a.aliases[:6])}" if a.aliases else ""
        role = f" — {a.roles[0].text}" if a.roles else ""
        lines.append(f"{a.name} ({a.kind}): {_count(a.mentions, 'mention')} in "
                     f"{_count(len(a.doc_ids), 'article')}"
                     f"{role}{also}")
    return "\n".join(lines)


def render_profile(actor: Actor, documents: dict[str, Document]) -> str:
    """One actor's profile: roles, quotes and the passages that mention it."""
    lines = [f"{actor.name} ({actor.kind}) — {_count(actor.mentions, 'mention')} in "
             f"{_count(len(actor.doc_ids), 'article')}"]
    if actor.aliases:
        lines.append("Also called: " + ", ".join(actor.aliases))
    for role in actor.roles:
        lines.append(f"Role: {role.text} [{role.passage_id}]")
    for quote in actor.quotes:
        doc_id = quote.passage_id.split("#", 1)[0]
        lines.append(f"“{quote.text}” — {_outlet(documents, doc_id)} [{quote.passage_id}]")
    lines.append("Passages: " + ", ".join(actor.passage_ids))
    return "\n".join(lines)


def figure_value(f: Figure) -> str:
    """A figure's value as people write it: 1,200, 2.50 or a range 30–40."""
    return _number(f.value) + (f"–{_number(f.high)}" if f.high is not None else "")


def _figure_line(f: Figure, documents: dict[str, Document]) -> str:
    value = figure_value(f)
    return f"{value}: {f.phrase} — {_outlet(documents, f.doc_id)} [{f.passage_id}]"


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
        date = e.date + (" (year unknown)" if e.precision == "unknown-year" else "")
        where = "; ".join(f"{_outlet(documents, s.doc_id)} [{s.passage_id}]" for s in e.sources)
        lines.append(f"{date}  {e.text}\n    {where}")
    return "\n".join(lines)
