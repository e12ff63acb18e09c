"""Dates as articles write them, found with their spans: full dates, month and year, month and day, years.

"August 26, 2021" and "26 August 2021" are days; "November 2020" a month; "August 26", "31st of August"
and "on Tuesday (August 31)" a day whose year comes from the article; "in late August" a month whose
year comes from the article; "in 2013", "since 2018", "the 2001 invasion" a year.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from search.lexicon.dates import MONTHS

# A four-digit number before one of these counts them ("2019 people"); it is no year.
COUNT_NOUNS = frozenset("""people persons troops soldiers fighters militants civilians families children men
women votes voters refugees migrants residents households homes houses cases deaths dead casualties victims
police officers workers students members dollars euros pounds tonnes tons kilometres kilometers
miles""".split())
_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
# Most specific first; a span taken by one pattern is not read again by a later one.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("day", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("month", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b")),
    ("monthday", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?![,.]?\d|:)")),
    ("monthday", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\b")),
    ("monthonly", re.compile(r"\b(?:(?i:in|since|until|by|from|through|during|of|early|late|mid|last|next"
                             r"|this)"
                             r"[\s-]+)(?:(?i:early|late|mid)[\s-]+)?" + _MONTH + r"\b(?!\s+\d)")),
    ("year", re.compile(r"(?<![\w$.,-])" + _YEAR + r"(?![\w%-]|,\d|\.\d)" + r"(?!\s+(?:" + "|".join(
        sorted(COUNT_NOUNS)) + r")\b)")),
)


# "May" is a month only after a word that introduces a time ("in May", "since May"), never "may struggle".
_MAY_AS_MONTH = re.compile(r"\b(?i:in|since|until|by|of|early|late|mid)[\s-]+May$")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in a text: kind is day, month, monthday (year to resolve), monthonly (year to resolve), year."""

    kind: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in a text, most specific reading first, in reading order."""
    return list(_dates(text))


@functools.lru_cache(maxsize=1 << 14)
def _dates(text: str) -> tuple[DateMention, ...]:
    """find_dates, read once for a sentence that figures, anchors and events all read."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            month = MONTHS[groups["month"].casefold()] if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if kind == "monthonly" and groups["month"] == "May" and not _MAY_AS_MONTH.search(m.group()):
                continue
            taken.append((m.start(), m.end()))
            start = m.start("month") if kind == "monthonly" else m.start()
            found.append(DateMention(kind, start, m.end(), year, month, day))
    found.sort(key=lambda d: d.start)
    return tuple(found)
