"""What every platform does the same way: how an answer is paged and how a source filter is read."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.models import Answer
from bot.errors import BadFilter
from search.models import Document

# Paging stops after this many passages: further ones are rarely worth a reader's time. The page size
# is the `top_k` setting (3 by default: what reads comfortably on a phone).
MAX_HITS = 30


@dataclass(frozen=True, slots=True)
class AnswerPage:
    """One page of an answer: `answer.hits` holds this page's passages (or the closest ones when nothing
    answered), `offset` the number shown before it, `more` whether a further page exists.
    """

    answer: Answer
    offset: int
    more: bool


def whole_number(text: str) -> int:
    """A count a person typed (`top`, a page): ASCII digits only, at most four of them.

    Python's int() also reads full-width "３" and Arabic-Indic "٣"; a count is typed in ASCII digits
    here, so that what is accepted is what every platform, log and link shows the same way.
    """
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise ValueError(f"not a whole number in digits 0-9: {text[:20]!r}")
    return int(text)


def fetch_size(offset: int, page_size: int) -> int:
    """How many passages to search for to show the page at `offset` and know whether another follows."""
    return min(offset + page_size + 1, MAX_HITS + 1)


def page_of(answer: Answer, offset: int, page_size: int) -> AnswerPage:
    """The page of `answer` starting at `offset`."""
    if not answer.answered:
        return AnswerPage(dataclasses.replace(answer, closest=answer.closest[:page_size]), 0, False)
    end = offset + page_size
    more = len(answer.hits) > end and end < MAX_HITS
    return AnswerPage(dataclasses.replace(answer, hits=answer.hits[offset:end]), offset, more)


def match_sources(documents: Sequence[Document], wanted: str) -> tuple[str, ...]:
    """The documents a source filter names: its id, else its title in full, else words of its title
    (case aside). Raises BadFilter when none matches.
    """
    folded = wanted.strip().casefold()
    exact = tuple(d.doc_id for d in documents if d.doc_id.casefold() == folded)
    found = exact or tuple(d.doc_id for d in documents if d.title.casefold() == folded) \
        or tuple(d.doc_id for d in documents if folded and folded in d.title.casefold())
    if not found:
        raise BadFilter("No document matches that source; /sources lists them.")
    return found
