"""The filters the actors, figures and timeline pages take: how long each may be, and reading them."""

from __future__ import annotations

from collections.abc import Mapping

from bot.errors import BadFilter

# The longest name, topic or actor a filter takes: longer than any real name, short enough that a
# pasted page of text is refused with a message instead of being searched for.
MAX_FILTER_CHARS = 100
# A date bound is YYYY, YYYY-MM or YYYY-MM-DD.
MAX_DATE_CHARS = 10

# Each filter a page reads, with the most characters it takes.
LIMITS = {"kind": 20, "name": MAX_FILTER_CHARS, "topic": MAX_FILTER_CHARS, "actor": MAX_FILTER_CHARS,
          "from": MAX_DATE_CHARS, "to": MAX_DATE_CHARS}


def read_filters(query: Mapping[str, str], *names: str) -> dict[str, str | None]:
    """The named query parameters, trimmed; empty ones are None. Raises BadFilter for one that is too long."""
    found: dict[str, str | None] = {}
    for name in names:
        value = query.get(name, "").strip()
        if len(value) > LIMITS[name]:
            raise BadFilter(f"The {name} filter takes at most {LIMITS[name]} characters.")
        found[name] = value or None
    return found


def shown(query: Mapping[str, str], name: str) -> str:
    """A filter as the form shows it back: as typed, cut to the characters the filter takes."""
    return query.get(name, "")[:LIMITS[name]]
