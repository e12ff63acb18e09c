"""Figures as list entries: groups first, every value with its outlet, quote and link; then the rest."""

from __future__ import annotations

from bot.slack.render.cite import cite, outlet
from bot.slack.render.pages import MAX_ENTRY_CHARS, Entry, ListPage, cap
from search.extract.models import Figure, FigureGroup, FigureReport, number_text
from search.models import Document, PassageRef

# The sentence a figure stands in, shown up to this many characters.
MAX_QUOTE_CHARS = 350
# Large values read as the articles write them: "60 billion", not eleven digits.
LARGE = ((1e9, "billion"), (1e6, "million"))
# Entries a page: a group with its quotes is long.
FIGURES_A_PAGE = 6


def number(figure: Figure) -> str:
    """The value as written for people: thousands separated (`number_text`), large values in words
    ("60 billion"), a range as low–high.
    """
    def one(value: float) -> str:
        for size, word in LARGE:
            if value >= size:
                return f"{value / size:,.4g} {word}"
        return number_text(value)
    return one(figure.value) + (f"–{one(figure.high)}" if figure.high is not None else "")


def figure_entries(report: FigureReport, documents: dict[str, Document], public_base_url: str | None
                   ) -> list[Entry]:
    """One entry a group (the disagreement stated first), then one entry each figure outside the groups."""
    entries = [_group(g, documents, public_base_url) for g in report.groups]
    grouped = {id(f) for g in report.groups for f in g.figures}
    entries += [_single(f, documents, public_base_url) for f in report.figures if id(f) not in grouped]
    return entries


def _group(group: FigureGroup, documents: dict[str, Document], base_url: str | None) -> Entry:
    values = " · ".join(f"*{number(f)}* ({outlet(documents, f.doc_id)})" for f in group.figures)
    verdict = "sources agree" if group.agree else "sources differ"
    head = f"*{cap(group.label, 150)}* — {verdict}: {values}"
    text = head
    skipped = 0
    for f in group.figures:
        detail = "\n" + _detail(f, documents, base_url)
        if len(text) + len(detail) > MAX_ENTRY_CHARS - 40:
            skipped += 1
            continue
        text += detail
    text += f"\n_{skipped} more quotes did not fit._" if skipped else ""
    plain = " · ".join(f"{number(f)} ({outlet(documents, f.doc_id)})" for f in group.figures)
    return Entry(text, cap(f"{group.label}, {verdict}: ", 150) + plain[:250])


def _single(figure: Figure, documents: dict[str, Document], base_url: str | None) -> Entry:
    return Entry(_detail(figure, documents, base_url),
                 f"{number(figure)}: {cap(figure.phrase, 150)} ({outlet(documents, figure.doc_id)})")


def _detail(f: Figure, documents: dict[str, Document], base_url: str | None) -> str:
    """`• *value* phrase — outlet · link` and the sentence quoted below it."""
    where = cite(documents, PassageRef(f.doc_id, f.paragraph), base_url)
    return (f"• *{number(f)}* {cap(f.phrase, 150)} — {where}\n"
            f"> {cap(f.quote, MAX_QUOTE_CHARS)}")


def figures_page(report: FigureReport, options: dict[str, str], documents: dict[str, Document],
                 public_base_url: str | None) -> ListPage:
    """The figures on a topic (all when none was given), groups first."""
    title = f"Figures on “{cap(options['topic'], 100)}”" if options.get("topic") else "Figures"
    empty = "No figures on that topic." if options.get("topic") else "No figures found in this corpus."
    return ListPage(title, figure_entries(report, documents, public_base_url), empty, FIGURES_A_PAGE)
