"""Who said what, and who a person is: quotes and roles read from the words around a name.

Quotations keep the article's words as written, editorial brackets and all ("[The] Taliban fear …"); a
role is read with the brackets dropped, as it describes the person rather than quoting anyone.
"""

from __future__ import annotations

import re

from search.extract.text import shorten
from search.extract.vocab import ROLE_WORDS, SAY_VERBS
from search.lexicon.words import STOPWORDS

_SAY = "|".join(sorted(SAY_VERBS, key=len, reverse=True))
# A quotation: straight or curly double quotes around at least a few words.
QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
# A quotation opened and not closed by the end of its paragraph: it goes on in the next paragraph, which
# opens with a quote mark again (the convention for a quotation over several paragraphs).
_OPEN_QUOTE = re.compile(r"[\"“]([^\"“”]{12,})$")
_SAY_NEAR = re.compile(r"\b(?:" + _SAY + r")\b")
# '"…," he said' and '"…" of their authors, he said': a pronoun and a verb of saying after a quotation,
# past a few words that end the quoted sentence.
_PRONOUN_SAYS = re.compile(r"^[^\"“”.!?]{0,40}?[,.]?\s*\b(?:he|she)\s+(?:" + _SAY + r")\b", re.IGNORECASE)
# "He also said that …", "…, he says.": a reported statement whose speaker is a pronoun.
_PRONOUN_STATES = re.compile(r"^(?:He|She)\s+(?:(?:also|further|later|then|has|had)\s+)*(?:" + _SAY
                             + r"|points out|pointed out)\b|,\s*(?:he|she)\s+(?:" + _SAY + r")\.?$")
# "X, a spokesman, has said …", "X, cited …": a verb of saying after a name, past an optional apposition.
_STATES = re.compile(r"^(?:,[^,]{0,120},)?,?\s*(?:(?:has|had|also|recently|then|later|widely)\s+)*"
                     r"(?:" + _SAY + r"|points out|pointed out)\b")
# '"…," X said. "…"' ends one sentence and opens another; a full stop inside the span between two
# quotations of one sentence would.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[\"“A-Z]")
# Words that end a role phrase read leftwards from a name.
_LEFT_STOP = frozenset("""by said says told tells according with and but while when that which who after as
than if because since including between from into against on in is was are were has have had""".split())
_RIGHT_CUT = re.compile(r",|\bwho\b|\bwhich\b|\b(?:" + _SAY + r")\b|;|\.(?=[\s\"”]|$)")
_ROLE_LIMIT = 120
# 'He added: "…"', 'he said, adding: "…"', '…, he added. "…"': a pronoun and a verb of saying right before.
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she)\s+(?:" + _SAY + r")(?:,\s+\w+ing)?\s*[:.,]?\s*$", re.IGNORECASE)
# "X, 67, a teacher": the age before an apposition's role.
_AGE = re.compile(r"^\d{1,3},\s+")
_MATCHING_MARK = {'"': '"', "“": "”"}


def _low(word: str) -> str:
    word = word.replace("’", "'")
    return (word[:-2] if word.endswith("'s") else word).casefold()


def _unbracketed(text: str) -> str:
    return text.replace("[", "").replace("]", "")


def role_before(text: str, start: int) -> str | None:
    """The role phrase right before a name: "Taliban spokesman", "China's special envoy for …"."""
    before = _unbracketed(text[:start]).rstrip()
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
    after = _unbracketed(text[end:])
    if not after.startswith(", "):
        return None
    rest = _AGE.sub("", after[2:])
    if re.match(r"(?:who|which|said|says|told|tells)\b", rest):
        return None
    cut = _RIGHT_CUT.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    phrase = re.sub(r"^(?:a|an|the|now the|now a|another)\s+", "", phrase.strip())
    if (phrase.count('"') + phrase.count("“") + phrase.count("”")) % 2:
        opener = max(phrase.rfind('"'), phrase.rfind("“"))
        phrase += _MATCHING_MARK.get(phrase[opener], "”")  # a title cut at its full stop is closed again
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
    """The quotations of a paragraph: (start, end, quoted words); the last may be open to its end."""
    spans = [(m.start(), m.end(), m.group(1).strip()) for m in QUOTE.finditer(text)]
    rest = spans[-1][1] if spans else 0
    if opened := _OPEN_QUOTE.search(text, rest):
        spans.append((opened.start(), len(text), opened.group(1).strip()))
    return spans


def is_open(text: str, span: tuple[int, int, str]) -> bool:
    """True for a quotation that runs on past the end of its paragraph."""
    return span[1] == len(text) and text[-1:] not in ('"', "”")


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
    return bool(_PRONOUN_SAYS.match(text[quote_end: quote_end + 60]))


def pronoun_before(text: str, quote_start: int) -> bool:
    """True for 'He added: "…"' — the speaker is the person last quoted or named."""
    return bool(_PRONOUN_BEFORE.search(text[max(0, quote_start - 40): quote_start]))


def same_sentence(text: str, end: int, start: int) -> bool:
    """True when two quotations are one sentence's: 'said IS "…" and the report "…"'."""
    return not _SENTENCE_BREAK.search(text[max(0, end - 2):start + 1])


def states_after(after: str) -> bool:
    """True when a verb of saying follows a name: "X said …", "X, a spokesman, has noted …"."""
    return bool(_STATES.match(after))


def pronoun_states(sentence: str) -> bool:
    """True for a sentence reporting what "he" or "she" said: "He also said that …", "…, he says."."""
    return bool(_PRONOUN_STATES.search(sentence))


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
