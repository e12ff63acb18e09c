"""HTML building blocks shared by every page: escaping, marked text, links and the page layout.

Every string from the corpus or from a request passes through `esc` (or `marked`) before it reaches
the page; nothing else builds HTML from data.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.links import is_web_url
from search.models import Span

# The navigation bar, in order. Each page of the site adds its entry here, so every page shows the
# same tabs.
NAV: tuple[tuple[str, str], ...] = (("/", "Ask"), ("/actors", "Actors"), ("/figures", "Figures"),
                                    ("/timeline", "Timeline"), ("/sources", "Sources"))

STYLESHEET = "/static/dossier.css"


def esc(text: object) -> str:
    """Text made safe for HTML content and quoted attribute values."""
    return escape(str(text), quote=True)


def marked(text: str, spans: Sequence[Span]) -> str:
    """Escaped text with each span wrapped in <mark>; spans are [start, end) offsets into `text`."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos or span.end > len(text):
            continue
        out += [esc(text[pos:span.start]), "<mark>", esc(text[span.start:span.end]), "</mark>"]
        pos = span.end
    out.append(esc(text[pos:]))
    return "".join(out)


def external_link(url: str | None, label: str) -> str:
    """A link that leaves the site: only http(s) addresses, never sending the page or a referrer."""
    if not is_web_url(url):
        return ""
    return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(label)}</a>'


def _nav(active: str) -> str:
    items = []
    for path, label in NAV:
        current = ' aria-current="page"' if path == active else ""
        items.append(f'<a href="{path}"{current}>{esc(label)}</a>')
    return "".join(items)


def page(title: str, body: str, active: str = "") -> str:
    """A whole HTML page: head, navigation and the given (already escaped) body."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{esc(title)} · Dossier</title>'
        f'<link rel="stylesheet" href="{STYLESHEET}"></head>'
        f'<body><header class="top"><a class="brand" href="/">Dossier</a>'
        f'<nav aria-label="Sections">{_nav(active)}</nav></header>'
        f'<main>{body}</main></body></html>\n'
    )
