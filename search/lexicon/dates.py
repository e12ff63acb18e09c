"""Dates written the way news pages write them: "Thursday, Apr 25, 2024", "April 25th, 2023"."""

from __future__ import annotations

import re
from datetime import date

# The one month table: each month's name and its abbreviations, in calendar order.
_MONTH_FORMS = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                ("october", "oct"), ("november", "nov"), ("december", "dec"))
# Every written form of a month, full or abbreviated, and its number.
MONTHS = {name: number for number, names in enumerate(_MONTH_FORMS, start=1) for name in names}
MONTH_NAMES = frozenset(MONTHS)
# The full names, January to December.
FULL_MONTHS = tuple(names[0] for names in _MONTH_FORMS)
# The abbreviations ("Aug.", "Sept."): a full stop after one need not end a sentence.
MONTH_ABBREVIATIONS = MONTH_NAMES - frozenset(FULL_MONTHS)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = frozenset(WEEKDAYS)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\.?,?\s+)?"
# "Month D[th], YYYY" or "D Month YYYY", optionally after a weekday.
_FULL_DATE = re.compile(
    _WEEKDAY + r"(?:" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    + r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?P<year2>\d{4}))",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def find_full_date(text: str) -> tuple[re.Match[str], date] | None:
    """The first complete calendar date written out in text, with its match."""
    for match in _FULL_DATE.finditer(text):
        parsed = _to_date(match)
        if parsed is not None:
            return match, parsed
    for match in _ISO_DATE.finditer(text):
        try:
            return match, date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None


def parse_date(text: str) -> date | None:
    """A date from text that is only a date (ISO or written out), or None."""
    found = find_full_date(text.strip())
    if found is None:
        return None
    match, parsed = found
    rest = (text.strip()[: match.start()] + text.strip()[match.end():]).strip(" ,.")
    return parsed if not rest else None


def _to_date(match: re.Match[str]) -> date | None:
    month_name = (match["month"] or match["month2"]).casefold().rstrip(".")
    day = int(match["day"] or match["day2"])
    year = int(match["year"] or match["year2"])
    try:
        return date(year, MONTHS[month_name], day)
    except ValueError:
        return None
