"""Text normalisation and the one token pattern: what a word, a number or an acronym is."""

from __future__ import annotations

import re
import unicodedata

# Characters that carry no meaning for search and can hide text: zero-width, bidi controls, NUL, BOM.
_INVISIBLE = dict.fromkeys(
    [0x00, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
     *range(0x2066, 0x206A), 0x00AD],
    None,
)
# Typographic forms folded to their plain equivalents, so "Taliban’s" and "Taliban's" are one word.
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                      "\u2010": "-", "\u2011": "-"})
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The parts of a raw token: acronyms with dots (U.S.), numbers with thousands separators or decimals
# (2,000; 9.5), and words that may join parts with hyphens or apostrophes (ISIS-K, Taliban's,
# over-the-horizon).
_ACRONYM = r"(?:[^\W\d_]\.){2,}"
_NUMBER = r"\d[\d,.]*\d|\d"
_WORD = r"\w+(?:[-'’‐‑]\w+)*"
TOKEN = re.compile("|".join((_ACRONYM, _NUMBER, _WORD)))
# Tokens of names, for extraction: the same, plus an initial before a capitalised word ("C. Rahimi")
# and the ampersand that joins the words of an organisation's name.
NAME_TOKEN = re.compile("|".join((_ACRONYM, r"[A-Z]\.(?=\s+[A-Z])", _NUMBER, _WORD, "&")))
# A content word: a letter and then at least one more word character, hyphen or apostrophe.
CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]+")


# The same rules as pattern substitutions: str.translate with a dict looks up every character, while
# a character-class search skips plain text at C speed.
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")
_FOLD_MAP = {chr(c): str(v) for c, v in FOLD.items()}
_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in _FOLD_MAP) + "]")
_ANY_RULE = re.compile(_INVISIBLE_RE.pattern[:-1] + _FOLD_RE.pattern[1:-1] + _CONTROL.pattern[1:])
_ASCII_CONTROLS = bytes([0, *range(1, 9), 11, 12, *range(14, 32), 127])  # what _INVISIBLE and _CONTROL take


def normalize(text: str) -> str:
    """Unicode NFKC, invisible and control characters removed, quotes and hyphens folded."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_CONTROLS)) == len(raw):
            return text  # nothing below applies to plain printable ASCII
    elif not _ANY_RULE.search(text):
        return text
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _FOLD_RE.sub(_fold_char, text) if not text.isascii() else text


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_MAP[match.group()]


def raw_tokens(text: str) -> list[str]:
    """The raw tokens of normalised text, as `TOKEN.findall` finds them, faster: a token never
    spans whitespace, so each whitespace-separated piece is tokenised alone, and a piece of letters
    only is one token as it stands.
    """
    out: list[str] = []
    findall = TOKEN.findall
    for piece in text.split():
        if piece.isalpha():
            out.append(piece)
        else:
            out.extend(findall(piece))
    return out


def fold_token(raw: str) -> str:
    """Case-fold a raw token; dotted acronyms lose their dots (U.N. → un)."""
    lower = raw.casefold().translate(FOLD)
    if "." in lower and not lower[0].isdigit():
        lower = lower.replace(".", "")
    return lower


def number_key(raw: str) -> str:
    """Numbers compare by value of their digits: 2,000 and 2000 are one token."""
    return raw.replace(",", "")
