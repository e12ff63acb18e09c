"""What kind of answer a question wants, and which passages can hold one.

"How many fighters…" wants a passage that states a number; "When did…" one that states a date;
"Who…" one that names someone the question does not name; "Where…" one that names a place the
question does not name. A passage of the wanted kind gets a modest boost: enough to order passages
that match the question equally well, never enough to lift a passage that does not match it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from search.lexicon.dates import MONTHS, WEEKDAYS


class Intent(StrEnum):
    """The answer type a question asks for."""

    QUANTITY = "quantity"
    DATE = "date"
    PERSON = "person"  # a person or an organisation
    PLACE = "place"
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
_PERSON_QUESTION = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:who|whom|whose)\b|\b(?:which|what)\s+(?:person|people|man|woman|group|"
    r"organi[sz]ation|company|firm|official|leader|minister|party|team|militants?)\b", re.IGNORECASE)
_PLACE_QUESTION = re.compile(
    r"^\W*(?:and\s+|so\s+)?where\b|\b(?:which|what)\s+(?:country|countries|city|cities|town|province|region|"
    r"place|state|nation)\b|\bin\s+which\s+(?:country|city|town|province|region)\b", re.IGNORECASE)
# A capitalised word inside a sentence (not its first word): how a name shows in English news text.
_INNER_NAME = re.compile(r"(?<=[\w,;:)\]’'\"] )[A-Z][\w’'-]*[a-z][\w’'-]*|(?<=[\w,;:)] )[A-Z]{2,}\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(WEEKDAYS)
# A number that counts something: not a year, not the day after a month name.
_COUNT = re.compile(
    r"(?<![\w.,])(?:\$|US\$|€|£)?\d[\d,.]*(?!\d)(?:\s*(?:%|percent|per cent|thousand|million|billion|trillion))?"
    r"|\b(?:dozens?|scores|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_DATE = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s+(?:\d{1,2}|(?:1[89]|20)\d\d)\b"
                   r"|\b(?:in|since|by|until|of)\s+(?:1[89]|20)\d\d\b"
                   r"|\b(?:" + _WEEKDAY_NAMES + r")\b", re.IGNORECASE)
_AFTER_MONTH = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s+$", re.IGNORECASE)


# The same tests, fast: the patterns above try dozens of alternatives at every character, while
# most passages hold no digit at all. The fast paths below find the few places a date or a count can
# start and try only there. Case-insensitive patterns equate the characters in _ODD_CASE with ASCII
# letters although lower() does not; text holding one takes the patterns above unchanged.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT = re.compile(r"\d")
_COUNT_WORDS = ("dozen", "scores", "hundreds", "thousands", "millions", "billions")
_NUMBER_START = re.compile(r"[\d$€£]")  # where a number of _COUNT's first branch starts, or "US" before $
_NUMBER = re.compile(_COUNT.pattern.split("|\\b(?:dozens")[0], re.IGNORECASE)
_SPACE_DIGIT = re.compile(r"\s(?=\d)")  # a date's day or year follows whitespace
_DAY_NUMBER = re.compile(r"\d{1,2}\b")
_YEAR_NUMBER = re.compile(r"(?:1[89]|20)\d\d\b")
_MONTH_AT_END = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\Z", re.IGNORECASE)
_YEAR_WORD_AT_END = re.compile(r"\b(?:in|since|by|until|of)\Z", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:" + _WEEKDAY_NAMES + r")\b", re.IGNORECASE)


def _ends_with(pattern: re.Pattern[str], text: str, end: int, longest: int) -> bool:
    """True when text[:end] is whitespace after something `pattern` (anchored at its end) matches:
    what `pattern` followed by trailing whitespace finds in text[:end], without scanning all of it.
    """
    stripped = text[:end].rstrip()
    return len(stripped) < end and bool(pattern.search(stripped, max(0, len(stripped) - longest)))


def question_intent(question: str) -> Intent:
    """The answer type a question's wording asks for."""
    if _QUANTITY_QUESTION.search(question):
        return Intent.QUANTITY
    if _DATE_QUESTION.search(question):
        return Intent.DATE
    if _PERSON_QUESTION.search(question):
        return Intent.PERSON
    if _PLACE_QUESTION.search(question):
        return Intent.PLACE
    return Intent.OTHER


def new_names(text: str, question: str) -> list[str]:
    """Capitalised words inside the text's sentences that the question does not contain: the names a
    passage can answer "who" or "where" with (months and weekdays are dates, not names).
    """
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    return [n for n in _INNER_NAME.findall(text)
            if n.lower() not in asked and n.lower().rstrip(".") not in MONTHS and n.lower() not in WEEKDAYS]


def holds_answer_type(intent: Intent, text: str, question: str) -> bool:
    """Whether a passage holds the kind of answer the question asks for (always, for other questions)."""
    if intent is Intent.QUANTITY:
        return has_quantity(text)
    if intent is Intent.DATE:
        return has_date(text)
    if intent in (Intent.PERSON, Intent.PLACE):
        return bool(new_names(text, question))
    return True


def has_quantity(text: str) -> bool:
    """True when the text states a count or an amount (a year or a day of the month is not one)."""
    lower = text.lower()
    if _ODD_CASE.search(text) or any(w in lower for w in _COUNT_WORDS):
        return any(_counts(m, text) for m in _COUNT.finditer(text))
    if not _DIGIT.search(text):
        return False
    pos = 0
    while (start := _NUMBER_START.search(text, pos)) is not None:
        at = start.start()
        m = None
        if text[at] == "$" and at - 2 >= pos and text[at - 2:at].lower() == "us":
            m = _NUMBER.match(text, at - 2)
        m = m or _NUMBER.match(text, at)
        if m is None:
            pos = at + 1
        elif _counts(m, text):
            return True
        else:
            pos = m.end()
    return False


def _counts(m: re.Match[str], text: str) -> bool:
    """True when a _COUNT match is a count: not a year, not the day after a month name."""
    digits = m.group().strip().lstrip("$US€£").replace(",", "")
    return not (_YEAR.match(digits) or _ends_with(_MONTH_AT_END, text, m.start(), 12))


def has_date(text: str) -> bool:
    """True when the text states a date, a month of a year or a year ("on March 2", "March 2019", "in 2021")."""
    if _ODD_CASE.search(text):
        return bool(_DATE.search(text))
    if "day" in text.lower() and _WEEKDAY.search(text):
        return True
    if not _DIGIT.search(text):
        return False
    for m in _SPACE_DIGIT.finditer(text):
        at = m.end()
        if _DAY_NUMBER.match(text, at) and _ends_with(_MONTH_AT_END, text, at, 12):
            return True
        if _YEAR_NUMBER.match(text, at) and (_ends_with(_YEAR_WORD_AT_END, text, at, 8)
                                              or _ends_with(_MONTH_AT_END, text, at, 12)):
            return True  # "in 2021", and "March 2019"
    return False
