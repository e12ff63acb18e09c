"""What the words around a name say it is: an apposition, a place, a work's title, a modifier.

Plain functions over a sentence's text and a name's offsets in it, for search/extract/entities.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.extract.attribution import role_after
from search.extract.nlp import Entity
from search.extract.vocab import (
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    PLACE_NOUNS,
    SAY_VERBS,
    TITLE_WORDS,
    WORK_NOUNS,
)
from search.lexicon.words import STOPWORDS
from search.models import ActorKind

_SAY = "|".join(sorted(SAY_VERBS, key=len, reverse=True))
_SAY_BEFORE = re.compile(r"\b(?:said|says|according to)\s+$")
_SAY_AFTER = re.compile(r"^,?\s+(?:(?:has|had|also|then|later)\s+)?(?:" + _SAY + r")\b")
# A run of capitalised words (with "of"/"for" inside), the shape of a name the model may have missed.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:(?:of|for|de|al|van|von)\s+)?[A-Z][\w’'-]+)*")
_ACRONYM_DEF = re.compile(r"^\s*\(([A-Z][A-Za-z-]{1,9})\)")
# The one or two lowercase words after a name, which may make it a place ("Sheikh X training camp").
# "the Karzai administration": a surname before these names a person's government.
GOVERNMENT_AFTER = re.compile(r"^\s+(?:" + "|".join(sorted(GOVERNMENT_NOUNS)) + r")\b")
_NEXT_LOWER = re.compile(r"^\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")
# ", a historical region …": the head noun of an apposition, read up to its first function word.
_APPOSITION = re.compile(r"^,\s+(?:an?|the)\s+((?:[\w’'-]+\s*){1,6})")


def bare(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        return word[:-2]
    return word[:-1] if word.endswith("'") and len(word) > 2 else word


def low(word: str) -> str:
    return bare(word).casefold().rstrip(".")


def trim_words(words: list[str]) -> list[str]:
    """A span's words without a leading article and a possessive ending or trailing punctuation."""
    words = [w.strip(",;:\"“”()") for w in words]
    words = [w for w in words if w]
    while words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    if words:
        last = bare(words[-1])
        dotted = "." in last.rstrip(".")  # "U.S." keeps its stops; "ISIS-K." ends a sentence
        words[-1] = last if dotted else last.rstrip(".")
    return [w for w in words if w]


def apposition(text: str, end: int) -> ActorKind | str | None:
    """What an apposition right after a name says it is: a person (its head is a role: ", a professor at
    …", ", special advisor to …"), a group, an organisation, "place" (", a historical region"), or None.
    """
    if role_after(text, end):
        return ActorKind.PERSON
    match = _APPOSITION.match(text[end:])
    if not match:
        return None
    words = []
    for word in match.group(1).split():
        if low(word) in STOPWORDS or word[:1].isupper() or word.endswith("ed"):
            break
        words.append(low(word))
    head = words[-1] if words else ""
    if head in PLACE_NOUNS:
        return "place"
    if head in GROUP_NOUNS:
        return ActorKind.GROUP
    if head in ORG_NOUNS:
        return ActorKind.ORGANISATION
    return None


def where(text: str, start: int) -> bool:
    """A word that places the name after it: "in", "near", "outside", "the mayor of"."""
    return bool(re.search(r"(?:\b(?:in|near|outside)|\b(?:mayor|governor|town|city|village) of)\s+$", text[:start]))


def joined(text: str, spans: list[Entity]) -> list[Entity]:
    """Spans with only a space between them as one: the model cut "Beatriz Salcedo" in two."""
    out: list[Entity] = []
    for e in sorted(spans, key=lambda e: e.start):
        if out and text[out[-1].end:e.start] == " " and text[e.start:e.start + 1].isupper() \
                and out[-1].label in ("GPE", "ORG", "PERSON", "NORP") and e.label in ("GPE", "ORG", "PERSON"):
            label = "PERSON" if "PERSON" in (out[-1].label, e.label) else "JOINED"
            out[-1] = Entity(out[-1].start, e.end, label)
        else:
            out.append(e)
    return out


def work_title(text: str, start: int, end: int) -> bool:
    """A name beside a work's noun ("the game Burnout", "the Twin Peaks cast") or a number ("Metal Slug 3")."""
    before = re.search(r"(?:^|\s)([a-z][\w-]*)\s+$", text[:start])
    after = re.match(r"^\s+([a-z][\w-]*|\d+\b(?![.,]\d))", text[end:])
    return bool(before and before.group(1) in WORK_NOUNS
                or after and (after.group(1) in WORK_NOUNS or after.group(1).isdigit()))


def place(words: list[str], after: str) -> bool:
    """A name of a place: "… Airport", "Sheikh X training camp", "Nangarhar province"."""
    if low(words[-1]) in PLACE_NOUNS:
        return True
    nxt = _NEXT_LOWER.match(after)
    return bool(nxt and (nxt.group(1) in PLACE_NOUNS or (nxt.group(2) or "") in PLACE_NOUNS
                         and nxt.group(1) not in STOPWORDS))


def modifier(text: str, start: int, end: int) -> bool:
    """A one-word name used as a word of description: "the Uighur", "Uighur fighters"."""
    if re.search(r"\b(?:the|The)\s+$", text[:start]):
        return True
    nxt = _NEXT_LOWER.match(text[end:])
    word = nxt.group(1) if nxt else ""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in SAY_VERBS \
        and word not in STOPWORDS


def cut_at_bracket(e: Entity, text: str) -> Entity:
    """A span ends before a bracket it runs into: "Shanghai Cooperation Organization (SCO"."""
    cut = text.find("(", e.start, e.end)
    return Entity(e.start, cut, e.label) if cut > e.start else e


def titled(text: str, start: int) -> bool:
    """A title or an office right before a name: "Energy Minister X", "Secretary of State X", "A spokesman,
    X,".
    """
    before = text[max(0, start - 40):start]
    words = re.findall(r"[\w’'-]+", before)[-3:]
    if re.search(r"\b[a-z][\w-]*,\s+$", before) and low(words[-1]) in TITLE_WORDS:
        return True
    return bool(words) and (words[-1][:1].isupper() and low(words[-1]) in TITLE_WORDS
                            or len(words) >= 2 and words[-1] == "of" and low(words[-2]) in TITLE_WORDS)


def acronym_after(text: str, end: int) -> str | None:
    """The acronym a name defines in brackets right after it: "East Turkestan Islamic Movement (ETIM)"."""
    match = _ACRONYM_DEF.match(text[end:])
    return match.group(1) if match else None


def unlabelled(text: str, spans: Sequence[Entity]) -> list[Entity]:
    """Capitalised names the model left unlabelled, where the words around them say what they are."""
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        start, end = run.start(), run.end()
        if any(e.start < end and start < e.end for e in spans) or low(run.group()) in STOPWORDS:
            continue
        before, after = text[:start], text[end:]
        prev = re.search(r"(\w+)\s+$", before)
        prev_word = prev.group(1) if prev else ""
        if prev_word in ORG_NOUNS or prev_word in GROUP_NOUNS:
            found.append(Entity(start, end, "ORG"))
        elif " " not in run.group() and GOVERNMENT_AFTER.match(after):
            found.append(Entity(start, end, "PERSON"))  # "the Karzai administration"
        elif start and (_SAY_BEFORE.search(before) or _SAY_AFTER.match(after)
                        or prev_word.casefold() in TITLE_WORDS):
            found.append(Entity(start, end, "PERSON"))
    return found


def split_at_known(text: str, spans: list[Entity], known: Sequence[tuple[int, int]]) -> list[Entity]:
    """A span that opens with a known name: a person's is that name and then the person ("Taliban Mullah
    Mohammad Omar"); a body's one more word before a plural noun is a unit of the known actor ("Taliban
    Fateh fighters"), which stays the actor named.
    """
    out = []
    for e in spans:
        lead = next((end for start, end in known if start == e.start and end < e.end), None)
        rest = text[lead:e.end].strip() if lead is not None else ""
        if lead is not None and e.label == "PERSON" and len(rest.split()) >= 2 and rest[:1].isupper():
            out.append(Entity(e.end - len(rest), e.end, e.label))
        elif lead is not None and e.label == "ORG" and len(rest.split()) == 1 and modifier(text, e.end, e.end):
            continue
        else:
            out.append(e)
    return out
