"""What kind of answer a question wants, and which passages can hold one.

"How many fighters…" wants a passage that states a number; "When did…" one that states a date. A
passage of the wanted kind gets a modest boost: enough to order passages that match the question
equally well, never enough to lift a passage that does not match it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from search.dates import MONTHS


class Intent(StrEnum):
    """The answer type a question asks for."""

    QUANTITY = "quantity"
    DATE = "date"
    OTHER = "other"


# Boost of a passage that holds the kind of answer the question asks for.
INTENT_BOOST = 1.3

_QUANTITY_QUESTION = re.compile(
    r"\bhow\s+(?:many|much|large|big|strong|numerous)\b|\bnumbers?\s+of\b|\bsize\s+of\b|\bdeath\s+toll\b"
    r"|\bcasualt|\bwhat\s+(?:percentage|proportion|share|amount|sum)\b|\bhow\s+many\b|\bcount\s+of\b",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(r"\bwhen\b|\bwhat\s+(?:year|date|day|month|time)\b|\bsince\s+when\b|\bhow\s+long\s+ago\b",
                            re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A number that counts something: not a year, not the day after a month name.
_COUNT = re.compile(
    r"(?<![\w.,])(?:\$|US\$|€|£)?\d[\d,.]*(?!\d)(?:\s*(?:%|percent|per cent|thousand|million|billion|trillion))?"
    r"|\b(?:dozens?|scores|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_DATE = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2}\b|\b(?:in|since|by|until|of)\s+(?:1[89]|20)\d\d\b"
                   r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_AFTER_MONTH = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s+$", re.IGNORECASE)


def question_intent(question: str) -> Intent:
    """The answer type a question's wording asks for."""
    if _QUANTITY_QUESTION.search(question):
        return Intent.QUANTITY
    if _DATE_QUESTION.search(question):
        return Intent.DATE
    return Intent.OTHER


def has_quantity(text: str) -> bool:
    """True when the text states a count or an amount (a year or a day of the month is not one)."""
    for m in _COUNT.finditer(text):
        token = m.group().strip()
        digits = token.lstrip("$US€£").replace(",", "")
        if _YEAR.match(digits) or _AFTER_MONTH.search(text[: m.start()]):
            continue
        return True
    return False


def has_date(text: str) -> bool:
    """True when the text states a date or a year."""
    return bool(_DATE.search(text))
