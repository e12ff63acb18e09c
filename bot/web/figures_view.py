"""The figures page (groups of values that measure one thing, then every figure) and the timeline page."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

from bot.extraction_text import figure_value
from bot.web.extraction_html import (
    MAX_DATE_CHARS,
    MAX_FILTER_CHARS,
    actor_href,
    filter_form,
    outlet,
    passage_link,
    plural,
    problem,
)
from bot.web.html import esc, page
from search.extract.models import Event, Figure, FigureGroup, FigureReport
from search.models import Document

# How a date's precision is said next to it: a date known only to the month is not a day.
PRECISION = {"day": "day", "month": "month only", "year": "year only", "unknown-year": "year unknown"}


def _value(f: Figure, documents: dict[str, Document]) -> str:
    return (f'<li><strong class="value">{esc(figure_value(f))}</strong> {esc(f.phrase)} — '
            f"{passage_link(f.passage_id, documents, f'{outlet(documents, f.doc_id)}, ¶{f.paragraph}')}</li>")


def _group(g: FigureGroup, documents: dict[str, Document]) -> str:
    state = "Sources agree" if g.agree else "Sources differ"
    css = "agree" if g.agree else "differ"
    values = "".join(_value(f, documents) for f in g.figures)
    return (f'<section class="group {css}"><h3>{esc(g.label)}</h3><p class="state">{state}: '
            f'{plural(len(g.figures), "report")}.</p><ul class="values">{values}</ul></section>')


def _figure(f: Figure, documents: dict[str, Document]) -> str:
    return (f'<li class="hit"><p class="figure"><strong class="value">{esc(figure_value(f))}</strong> '
            f'{esc(f.phrase)}</p><blockquote>“{esc(f.quote)}”</blockquote>'
            f'<p class="source">{passage_link(f.passage_id, documents)}</p></li>')


def figures_page(report: FigureReport | None, documents: dict[str, Document], topic: str = "",
                 message: str | None = None) -> str:
    """Groups first with every value and its outlet, then every figure with its sentence and link."""
    form = filter_form("/figures", [("topic", "Topic", topic, MAX_FILTER_CHARS, "killed, fighters, dollars…")],
                       "Show")
    parts = ["<h1>Figures</h1><p>The numbers the articles state. Where several passages measure one thing, "
             "their values are shown side by side.</p>", form]
    if message or report is None:
        parts.append(problem(message or "No figures."))
    elif not report.figures:
        parts.append('<p class="nothing">No figures found.</p>')
    else:
        if report.groups:
            parts.append("<h2>Compared</h2>" + "".join(_group(g, documents) for g in report.groups))
        parts.append(f"<h2>Every figure ({len(report.figures)})</h2>"
                     f'<ol class="hits">{"".join(_figure(f, documents) for f in report.figures)}</ol>')
    return page(f"Figures: {topic}" if topic else "Figures", "".join(parts), active="/figures")


def _when(event: Event) -> str:
    """The date as people read it; a date whose year is unknown says so instead of guessing one."""
    if event.precision == "unknown-year":
        month, _, day = event.date.removeprefix("--").partition("-")
        shown = calendar.month_name[int(month)] + (f" {int(day)}" if day else "")
    else:
        shown = event.date
    label = PRECISION.get(event.precision, event.precision)
    return (f'<time datetime="{esc(event.date)}">{esc(shown)}</time>'
            f'<span class="precision">{esc(label)}</span>')


def _event(event: Event, documents: dict[str, Document]) -> str:
    actors = ""
    if event.actors:
        actors = '<p class="meta">With ' + ", ".join(
            f'<a href="{esc(actor_href(a))}">{esc(a)}</a>' for a in event.actors) + "</p>"
    sources = " · ".join(passage_link(s.passage_id, documents) for s in event.sources)
    return (f'<li class="event"><p class="when">{_when(event)}</p><p class="what">{esc(event.text)}</p>'
            f'{actors}<p class="source">{sources}</p></li>')


def timeline_page(events: Sequence[Event], documents: dict[str, Document], actor: str = "", date_from: str = "",
                  date_to: str = "", message: str | None = None) -> str:
    """Events in date order, each with its date's precision and a link to every passage reporting it."""
    form = filter_form("/timeline", [
        ("actor", "Actor", actor, MAX_FILTER_CHARS, "anyone"),
        ("from", "From", date_from, MAX_DATE_CHARS, "YYYY-MM-DD"),
        ("to", "To", date_to, MAX_DATE_CHARS, "YYYY-MM-DD")], "Show")
    parts = ["<h1>Timeline</h1><p>Dated events in date order. Dates whose year the article does not give "
             "come last, with the year left unknown.</p>", form]
    if message:
        parts.append(problem(message))
    elif not events:
        parts.append('<p class="nothing">No dated events found.</p>')
    else:
        parts.append(f"<p>{plural(len(events), 'event')}.</p>"
                     f'<ol class="timeline">{"".join(_event(e, documents) for e in events)}</ol>')
    return page("Timeline", "".join(parts), active="/timeline")
