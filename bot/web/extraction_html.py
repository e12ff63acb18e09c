"""Pieces shared by the actors, figures and timeline pages: links to passages, outlets, filter forms."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from bot.links import doc_path
from bot.web.html import esc
from search.models import Document

# The longest name, topic or actor a filter takes: longer than any real name, short enough that a
# pasted page of text is refused with a message instead of being searched for.
MAX_FILTER_CHARS = 100
# A date bound is YYYY, YYYY-MM or YYYY-MM-DD.
MAX_DATE_CHARS = 10


def outlet(documents: dict[str, Document], doc_id: str) -> str:
    """The outlet a document comes from, or its title when the manifest names none."""
    doc = documents.get(doc_id)
    return (doc.source.outlet or doc.source.title) if doc else doc_id


def passage_link(passage_id: str, documents: dict[str, Document], label: str | None = None) -> str:
    """A link to the paragraph a passage id (doc_id#pN) names, labelled with its outlet and ¶N."""
    doc_id, _, number = passage_id.rpartition("#p")
    paragraph = int(number) if number.isdigit() else None
    text = label if label is not None else f"{outlet(documents, doc_id)}, ¶{number}"
    return f'<a class="passage-link" href="{esc(doc_path(doc_id, paragraph))}">{esc(text)}</a>'


def actor_href(name: str) -> str:
    """The address of one actor's profile."""
    return "/actors?" + urlencode({"name": name})


def filter_form(action: str, fields: Sequence[tuple[str, str, str, int, str]], button: str) -> str:
    """A GET form of labelled text fields: (name, label, value, maxlength, placeholder) each."""
    inputs = "".join(
        f'<label>{esc(label)}<input name="{esc(name)}" value="{esc(value)}" maxlength="{size}" '
        f'placeholder="{esc(hint)}" autocomplete="off"></label>'
        for name, label, value, size, hint in fields)
    return (f'<form class="filter" action="{esc(action)}" method="get">{inputs}'
            f'<button type="submit">{esc(button)}</button></form>')


def problem(message: str) -> str:
    """A filter that could not be used, said politely."""
    return f'<p class="nothing" role="alert">{esc(message)}</p>'


def plural(n: int, word: str) -> str:
    """'1 mention', '2 mentions'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
