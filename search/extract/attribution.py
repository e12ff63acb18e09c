"""Who said what, and who a person is: quotes and roles read from the words around a name."""

from __future__ import annotations

import re

from search.extract.text import shorten
from search.extract.vocab import ROLE_WORDS, SAY_VERBS
from search.text import STOPWORDS

_SAY = "|".join(sorted(SAY_VERBS, key=len, reverse=True))
# A quotation: straight or curly double quotes around at least a few words.
QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
_SAY_NEAR = re.compile(r"\b(?:" + _SAY + r")\b")
_PRONOUN_SAYS = re.compile(r"^[,.]?\s*(?:he|she)\s+(?:" + _SAY + r")\b", re.IGNORECASE)
# Words that end a role phrase read leftwards from a name.
_LEFT_STOP = frozenset("""by said says told tells according with and but while when that which who after as
than if because since including between from into against on in is was are were has have had""".split())
_RIGHT_CUT = re.compile(r",|\bwho\b|\bwhich\b|\b(?:" + _SAY + r")\b|;|\.(?=[\s\"”]|$)")
_ROLE_LIMIT = 120
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she)\s+(?:" + _SAY + r")\s*:?\s*$", re.IGNORECASE)


def _low(word: str) -> str:
    word = word.replace("’", "'")
    return (word[:-2] if word.endswith("'s") else word).casefold()


def role_before(text: str, start: int) -> str | None:
    """The role phrase right before a name: "Taliban spokesman", "China's special envoy for …"."""
    before = text[:start].rstrip()
    comma = before.endswith(",")
    if comma:
        before = before[:-1]
    words = before.split()
    phrase: list[str] = []
    for word in reversed(words[-12:]):
        bare = word.strip("(),;:\"“”")
        if bare != word and phrase or _low(bare) in _LEFT_STOP:
            break
        phrase.insert(0, bare)
    roles = [n for n, w in enumerate(phrase) if _low(w) in ROLE_WORDS]
    if not roles:
        return None
    first = roles[0]
    while first > 0 and _low(phrase[first - 1]) not in STOPWORDS:
        first -= 1
    role = " ".join(phrase[first:])
    return role if len(role) <= _ROLE_LIMIT else None


def role_after(text: str, end: int) -> str | None:
    """The apposition after a name that says who the person is: ", a professor at Georgetown"."""
    after = text[end:]
    if not after.startswith(", "):
        return None
    rest = after[2:]
    if re.match(r"(?:who|which|said|says|told|tells)\b", rest):
        return None
    cut = _RIGHT_CUT.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    phrase = re.sub(r"^(?:a|an|the|now the|now a|another)\s+", "", phrase.strip())
    if (phrase.count('"') + phrase.count("“") + phrase.count("”")) % 2:
        phrase += "”"
    words = [_low(w) for w in phrase.split()]
    head = []
    for word in words:
        if word in ("of", "at", "for", "in", "to", "and", "on", "with"):
            break
        head.append(word)
    if not head or not any(w in ROLE_WORDS for w in head) or len(phrase) > _ROLE_LIMIT:
        return None
    return phrase.rstrip(" ,")


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """The quotations of a paragraph: (start, end, quoted words)."""
    return [(m.start(), m.end(), m.group(1).strip()) for m in QUOTE.finditer(text)]


def speaker_after(text: str, quote_end: int, people: list[tuple[int, int, str]]) -> str | None:
    """The person named just after a quotation with an attribution verb: '"…," said X' / '"…," X said'."""
    window = text[quote_end: quote_end + 160]
    if not _SAY_NEAR.search(window):
        return None
    for start, _end, name in people:
        if quote_end <= start <= quote_end + 60 and '"' not in text[quote_end:start] \
                and "“" not in text[quote_end:start]:
            return name
    return None


def pronoun_after(text: str, quote_end: int) -> bool:
    """True for '"…," he said' — the speaker is the person last quoted or named."""
    return bool(_PRONOUN_SAYS.match(text[quote_end: quote_end + 30]))


def pronoun_before(text: str, quote_start: int) -> bool:
    """True for 'He added: "…"' — the speaker is the person last quoted or named."""
    return bool(_PRONOUN_BEFORE.search(text[max(0, quote_start - 40): quote_start]))


def speaker_before(text: str, quote_start: int, people: list[tuple[int, int, str]]) -> str | None:
    """The person named just before a quotation with an attribution verb: 'X said: "…"'."""
    best = None
    for _start, end, name in people:
        between = text[end:quote_start]
        if end <= quote_start and quote_start - end <= 160 and _SAY_NEAR.search(between) \
                and not QUOTE.search(between) and "“" not in between and '"' not in between:
            best = name
    return best


def indirect(sentence: str) -> str:
    """An indirect statement as shown: the sentence, shortened."""
    return shorten(sentence, 300)
