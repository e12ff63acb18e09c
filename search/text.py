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


# The same rules as pattern substitutions: str.translate with a dict looks up every character, while
# a character-class search skips plain text at C speed.
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")
_FOLD_MAP = {chr(c): v for c, v in _FOLD.items()}
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
    """The raw tokens of normalised text, as `_TOKEN.findall` finds them, faster: a token never
    spans whitespace, so each whitespace-separated piece is tokenised alone, and a piece of letters
    only is one token as it stands.
    """
    out: list[str] = []
    findall = _TOKEN.findall
    for piece in text.split():
        if piece.isalpha():
            out.append(piece)
        else:
            out.extend(findall(piece))
    return out


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


_UNPLANNED = object()
# raw tokens, their plans, whether its terms stand alone, and those terms
_Piece = tuple[tuple[str, ...], tuple[tuple[str, ...] | None, ...], bool, tuple[str, ...]]
_MAX_MEMO = 1_000_000  # entries each memo of an analyzer keeps: a few hundred MB at most


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
        # Memos of the analysis: raw token → its terms, or None when an alias of several tokens may
        # start at it; then the tokens an alias may span → what the alias table makes of them.
        self._plan: dict[str, tuple[str, ...] | None] = {}
        self._spans: dict[tuple[str, ...], tuple[int, tuple[str, ...]] | None] = {}
        self._pieces: dict[str, _Piece] = {}
        self._reach: dict[str, int] = {}  # the few raw tokens that start aliases of several tokens

    def _plan_of(self, raw: str) -> tuple[str, ...] | None:
        plan = self._plan.get(raw, _UNPLANNED)
        if plan is _UNPLANNED:
            longest = self.aliases.longest_from(raw)
            if longest > 1:
                plan = None
                self._reach[raw] = longest
            else:
                matched = self.aliases.match([raw], 0) if longest else None
                plan = matched[1] if matched else _word_terms(_lower(raw))
            if len(self._plan) < _MAX_MEMO:
                self._plan[raw] = plan
        return plan

    def _alias_at(self, raws: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
        """`aliases.match(raws, i)`, remembered by the tokens the match can depend on."""
        reach = self._reach.get(raws[i]) or self.aliases.longest_from(raws[i])
        key = tuple(raws[i:i + reach])
        found = self._spans.get(key, _UNPLANNED)
        if found is _UNPLANNED:
            found = self.aliases.match(key, 0)
            if len(self._spans) < _MAX_MEMO:
                self._spans[key] = found
        return found

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
        pieces = normalize(text).split()
        try:
            entries = [self._pieces[p] for p in pieces]
        except KeyError:
            entries = [self._piece(p) for p in pieces]
        if all(e[2] for e in entries):
            return [t for e in entries for t in e[3]]
        raws = [r for e in entries for r in e[0]]
        plans = [plan for e in entries for plan in e[1]]
        out: list[str] = []
        i = 0
        for start in [j for j, plan in enumerate(plans) if plan is None]:
            if start < i:
                continue
            for terms in plans[i:start]:
                out.extend(terms)
            matched = self._alias_at(raws, start)
            if matched is None:
                out.extend(_word_terms(_lower(raws[start])))
                i = start + 1
            else:
                out.extend(matched[1])
                i = start + matched[0]
        for terms in plans[i:]:
            out.extend(terms)
        return out

    def _piece(self, piece: str) -> _Piece:
        """A whitespace-separated piece of text: its raw tokens (as `_TOKEN.findall` finds them: a
        token never spans whitespace), their plans, and whether its terms stand on their own (no
        alias of several tokens may start in it), with those terms.
        """
        entry = self._pieces.get(piece)
        if entry is None:
            raws = (piece,) if piece.isalpha() else tuple(_TOKEN.findall(piece))
            plans = tuple(self._plan_of(r) for r in raws)
            alone = None not in plans
            entry = (raws, plans, alone, tuple(t for terms in plans for t in terms) if alone else ())
            if len(self._pieces) < _MAX_MEMO:
                self._pieces[piece] = entry
        return entry

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
# Abbreviations whose full stop ends no sentence: titles before a name ("Sen. Halvard Moe"), company
# suffixes, Latin shorthand.
_ABBREVIATIONS = frozenset("""mr mrs ms dr prof gen col lt sgt st jr sr vs no inc corp co ltd u.s u.n e.g i.e
sen rep gov capt cmdr adm maj brig pres supt insp det cpl pvt rev fr hon atty amb""".split())
# A month abbreviation ends no sentence before the day it dates ("Aug. 14, 2024", "Sept. 9").
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DAY_AFTER = re.compile(r"\.\s+[0-3]?\d\b")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation such as Mr. or U.S. rather than a sentence."""
    word = re.search(r"([\w.]+)$", text[max(0, dot - 40):dot])  # only the word before: linear on long text
    if not word:
        return False
    token = word.group(1).casefold().rstrip(".")
    if token in _MONTH_ABBREVIATIONS:
        return bool(_DAY_AFTER.match(text, dot))
    return token in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)) or len(token) == 1


def unique(items: Sequence[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
