"""The one analyzer shared by index and query (tokens, through the aliases, to index terms); sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from search.aliases import AliasTable
from search.lexicon.dates import MONTH_ABBREVIATIONS
from search.lexicon.tokens import TOKEN, fold_token, normalize, number_key
from search.lexicon.words import ABBREVIATIONS, word_terms

__all__ = ["Analyzer", "TermSpan", "fold_for_phrase", "normalize", "split_sentences", "unique"]


def fold_for_phrase(text: str) -> str:
    """Text reduced to lowercase words separated by single spaces, for phrase containment checks."""
    words = []
    for match in TOKEN.finditer(normalize(text)):
        raw = match.group().casefold().replace(".", "") if "." in match.group() and not match.group()[0].isdigit() \
            else match.group().casefold()
        words.append(number_key(raw) if raw[0].isdigit() else raw.replace("-", " ").replace("'", ""))
    return " " + " ".join(words) + " "


class _Memo(Enum):
    """What a memo lookup gives for a key it does not hold (None is a value the memos keep)."""

    MISSING = 0


_UNPLANNED: Final = _Memo.MISSING
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
                plan = matched[1] if matched else word_terms(fold_token(raw))
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
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
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
            terms = word_terms(fold_token(raw))
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
                out.extend(terms or ())  # no alias starts before `start`: each plan is terms
            matched = self._alias_at(raws, start)
            if matched is None:
                out.extend(word_terms(fold_token(raws[start])))
                i = start + 1
            else:
                out.extend(matched[1])
                i = start + matched[0]
        for terms in plans[i:]:
            out.extend(terms or ())
        return out

    def _piece(self, piece: str) -> _Piece:
        """A whitespace-separated piece of text: its raw tokens (as `TOKEN.findall` finds them: a
        token never spans whitespace), their plans, and whether its terms stand on their own (no
        alias of several tokens may start in it), with those terms.
        """
        entry = self._pieces.get(piece)
        if entry is None:
            raws = (piece,) if piece.isalpha() else tuple(TOKEN.findall(piece))
            plans = tuple(self._plan_of(r) for r in raws)
            alone = None not in plans
            entry = (raws, plans, alone, tuple(t for terms in plans if terms for t in terms) if alone else ())
            if len(self._pieces) < _MAX_MEMO:
                self._pieces[piece] = entry
        return entry

    def terms_of(self, texts: Iterable[str]) -> list[list[str]]:
        """Index terms of many normalised texts."""
        return [self.terms(t) for t in texts]


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
# A month abbreviation (MONTH_ABBREVIATIONS) ends no sentence before the day it dates ("Aug. 14, 2024").
_DAY_AFTER = re.compile(r"\.\s+[0-3]?\d\b")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation such as Mr. or U.S. rather than a sentence."""
    word = re.search(r"([\w.]+)$", text[max(0, dot - 40):dot])  # only the word before: linear on long text
    if not word:
        return False
    token = word.group(1).casefold().rstrip(".")
    if token in MONTH_ABBREVIATIONS:
        return bool(_DAY_AFTER.match(text, dot))
    return token in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)) or len(token) == 1


def unique(items: Sequence[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
