"""Question-time expansion with general synonyms: a paraphrased question still meets the article's words."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# A synonym counts for this share of the word the question used: it helps a passage that says the
# same thing in other words, but never outranks a passage with the question's own words.
EXPANSION_WEIGHT = 0.5


class Synonyms:
    """Groups of words, stemmed by the analyzer, each word expanding to the rest of its groups."""

    def __init__(self, groups: Iterable[Sequence[str]], stem: Callable[[str], Iterable[str]]) -> None:
        self._related: dict[str, set[str]] = {}
        for group in groups:
            stems = {s for word in group for s in stem(word)}
            for s in stems:
                self._related.setdefault(s, set()).update(stems - {s})

    @classmethod
    def empty(cls) -> Synonyms:
        """No expansion."""
        return cls((), lambda w: [w])

    @classmethod
    def from_toml(cls, path: Path, stem: Callable[[str], Iterable[str]]) -> Synonyms:
        """Read `groups = [[...], ...]` from a TOML file."""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(data.get("groups", []), stem)

    def expand(self, terms: Sequence[str]) -> dict[str, float]:
        """Related terms not already in the question, each with its weight."""
        present = set(terms)
        out: dict[str, float] = {}
        for term in present:
            for other in self._related.get(term, ()):
                if other not in present:
                    out[other] = EXPANSION_WEIGHT
        return out

    def related(self, term: str) -> set[str]:
        """The terms a term expands to."""
        return self._related.get(term, set())
