"""The pages' template environment: Jinja2 over bot/web/templates/, every value escaped on output.

Templates never receive HTML built in Python: corpus text, sources.toml fields and query parameters reach
them as plain values, and the environment escapes each `{{ … }}`. The few rules a template cannot state
(marked spans, link addresses, source names, date wording) come from bot/render and search.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from bot.render.links import doc_path, is_web_url, paragraph_anchor
from bot.render.words import PRECISION_LABELS, plural, source_name, when
from bot.web.filters import MAX_DATE_CHARS, MAX_FILTER_CHARS
from search.extract.query import KINDS
from search.models import PassageRef, Span

STYLESHEET = "/static/dossier.css"


def segments(text: str, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each saying whether it is marked; spans are [start, end) offsets."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos or span.end > len(text):
            continue
        out += [(text[pos:span.start], False), (text[span.start:span.end], True)]
        pos = span.end
    out.append((text[pos:], False))
    return [(piece, is_mark) for piece, is_mark in out if piece]


def actor_href(name: str) -> str:
    """The address of one actor's profile."""
    return "/actors?" + urlencode({"name": name})


def ask_href(question: str) -> str:
    """The address of the ask page answering `question`."""
    return "/?" + urlencode({"q": question})


def _escaped(value: object) -> object:
    """Every printed value made safe: markup from a macro stays as it is, anything else is escaped as
    `html.escape` writes it (quotes as &quot; and &#x27;), safe in text and in quoted attributes alike.
    """
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def environment() -> Environment:
    """The one environment of the site, built on first use."""
    env = Environment(loader=PackageLoader("bot.web", "templates"), autoescape=True, finalize=_escaped,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters.update(segments=segments, passage_ref=PassageRef.parse, plural=plural)
    env.tests["web_url"] = is_web_url
    env.globals.update(STYLESHEET=STYLESHEET, KINDS=KINDS, MAX_FILTER_CHARS=MAX_FILTER_CHARS,
                       MAX_DATE_CHARS=MAX_DATE_CHARS, PRECISION_LABELS=PRECISION_LABELS,
                       doc_path=doc_path, paragraph_anchor=paragraph_anchor, source_name=source_name, when=when,
                       actor_href=actor_href, ask_href=ask_href)
    return env


def render(template: str, **context: Any) -> str:
    """A whole page from its template."""
    return environment().get_template(template).render(**context)
