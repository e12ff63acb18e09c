"""The one analyzer shared by index and query: normalisation, tokens, aliases, stemming, stopwords."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from search.aliases import AliasTable

# Characters that carry no meaning for search and can hide text: zero-width, bidi controls, NUL, BOM.
_INVISIBLE = dict.fromkeys(
    [0x00, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
     *range(0x2066, 0x206A), 0x00AD],
    None,
)
# Typographic forms folded to their plain equivalents, so "Taliban’s" and "Taliban's" are one word.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                       "\u2010": "-", "\u2011": "-"})
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Raw tokens: acronyms with dots (U.S.), numbers with thousands separators or decimals (2,000; 9.5),
# and words that may join parts with hyphens or apostrophes (ISIS-K, Taliban's, over-the-horizon).
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d[\d,.]*\d|\d|\w+(?:[-'’‐‑]\w+)*")

# English function words and question words: they say nothing about what a passage is about.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren as at be because been before being
    below between both but by can cannot could couldn did didn do does doesn doing don dont down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself his how i
    if in into is isn it its itself just let me more most mustn my myself no nor not now of off on once only
    or other ought our ours ourselves out over own same shan she should shouldn so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was
    wasn we were weren us what when where which while who whom whose why will with won would wouldn you your
    yours yourself yourselves also many much does tell me please according""".split()
)

_stemmer = Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """Unicode NFKC, invisible and control characters removed, quotes and hyphens folded."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _CONTROL.sub(" ", text).translate(_FOLD)


def fold_for_phrase(text: str) -> str:
    """Text reduced to lowercase words separated by single spaces, for phrase containment checks."""
    words = []
    for match in _TOKEN.finditer(normalize(text)):
        raw = match.group().casefold().replace(".", "") if "." in match.group() and not match.group()[0].isdigit() \
            else match.group().casefold()
        words.append(_number(raw) if raw[0].isdigit() else raw.replace("-", " ").replace("'", ""))
    return " " + " ".join(words) + " "


def _number(raw: str) -> str:
    """Numbers compare by value of their digits: 2,000 and 2000 are one token."""
    return raw.replace(",", "")


@lru_cache(maxsize=200_000)
def _word_terms(lower: str) -> tuple[str, ...]:
    """Index terms for one case-folded word that is not an alias."""
    if lower[0].isdigit():
        return (_number(lower),)
    if lower.endswith("'s"):
        lower = lower[:-2]
    lower = lower.replace("'", "")
    if "-" not in lower:
        if lower in STOPWORDS or not lower:
            return ()
        return (_stemmer.stemWord(lower),)
    parts = [p for p in lower.split("-") if p]
    # A hyphenated word is indexed whole (joined, so counter-terrorism meets counterterrorism)
    # and by its meaningful parts (so over-the-horizon also meets horizon).
    terms = [_stemmer.stemWord("".join(parts))]
    for part in parts:
        if part in STOPWORDS or (len(part) == 1 and not part.isdigit()):
            continue
        stem = _number(part) if part[0].isdigit() else _stemmer.stemWord(part)
        if stem not in terms:
            terms.append(stem)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class TermSpan:
    """The index terms that one stretch of text [start, end) contributes."""

    start: int
    end: int
    terms: tuple[str, ...]


class Analyzer:
    """Turns text into index terms; the same instance serves the index and the questions."""

    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases or AliasTable.empty()

    def spans(self, text: str) -> list[TermSpan]:
        """Index terms with the character range each came from, for highlighting."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        out: list[TermSpan] = []
        i = 0
        while i < len(tokens):
            matched = self.aliases.match([t[2] for t in tokens], i)
            if matched is not None:
                length, terms = matched
                out.append(TermSpan(tokens[i][0], tokens[i + length - 1][1], terms))
                i += length
                continue
            start, end, raw = tokens[i]
            terms = _word_terms(_lower(raw))
            if terms:
                out.append(TermSpan(start, end, terms))
            i += 1
        return out

    def terms(self, text: str) -> list[str]:
        """Index terms of normalised text, in order; repeated terms repeat."""
        raws = _TOKEN.findall(normalize(text))
        out: list[str] = []
        match = self.aliases.match
        i = 0
        while i < len(raws):
            matched = match(raws, i)
            if matched is not None:
                out.extend(matched[1])
                i += matched[0]
                continue
            out.extend(_word_terms(_lower(raws[i])))
            i += 1
        return out

    def terms_of(self, texts: Iterable[str]) -> list[list[str]]:
        """Index terms of many normalised texts."""
        return [self.terms(t) for t in texts]


def _lower(raw: str) -> str:
    """Case-fold a raw token; dotted acronyms lose their dots (U.N. → un)."""
    lower = raw.casefold().translate(_FOLD)
    if "." in lower and not lower[0].isdigit():
        lower = lower.replace(".", "")
    return lower


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of a paragraph, cut after . ! ? (and closing quotes) before a capital or quote."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if _is_abbreviation(text, m.start()):
            continue
        bounds.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset("mr mrs ms dr prof gen col lt sgt st jr sr vs no inc corp co ltd u.s u.n e.g i.e".split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation such as Mr. or U.S. rather than a sentence."""
    word = re.search(r"([\w.]+)$", text[max(0, dot - 40):dot])  # only the word before: linear on long text
    if not word:
        return False
    token = word.group(1).casefold().rstrip(".")
    return token in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)) or len(token) == 1


def unique(items: Sequence[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
