"""Question-time expansion with general synonyms: a paraphrased question still meets the article's words."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# A synonym counts for this share of the word the question used: it helps a passage that says the
# same thing in other words, but never outranks a passage with the question's own words.
EXPANSION_WEIGHT = 0.5

# Derivational endings left on an English Snowball stem: the noun of a verb ("founder", "marriage",
# "payment", "foundation" stem to founder, marriag, payment, foundat) keeps an ending the stemmer
# does not remove. A question's stem meets the corpus's stems that add one of these endings to it, and
# those that drop one from it when at least DERIVATION_MIN_ROOT letters are left.
DERIVATION_ENDINGS = ("ment", "ag", "er", "at")
DERIVATION_MIN_ROOT = 4
# Endings only ever added, never dropped: many words merely end in "er" (counter is not one who
# counts, nor number one who is numb), while found → founder adds it.
ADD_ONLY_ENDINGS = frozenset({"er"})


class Synonyms:
    """Groups of words, stemmed by the analyzer, each word expanding to the rest of its groups."""

    def __init__(self, groups: Iterable[Sequence[str]], stem: Callable[[str], Iterable[str]]) -> None:
        self._related: dict[str, set[str]] = {}
        self._known: frozenset[str] = frozenset()  # the corpus's terms, for derivations
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
            for other in self.related(term):
                if other not in present:
                    out[other] = EXPANSION_WEIGHT
        return out

    def with_derivations(self, vocabulary: Iterable[str]) -> Synonyms:
        """These synonyms plus derivations: a term is related to the corpus's terms that are it with a
        DERIVATION_ENDINGS ending added or removed (marri ~ marriag, found ~ founder), whether or not
        the corpus holds the term itself.
        """
        out = Synonyms.empty()
        out._related = self._related
        out._known = frozenset(vocabulary)
        return out

    def related(self, term: str) -> set[str]:
        """The terms a term expands to."""
        found = self._related.get(term, set())
        if not self._known:
            return found
        derived = {term + e for e in DERIVATION_ENDINGS if term + e in self._known}
        derived.update(root for e in DERIVATION_ENDINGS if e not in ADD_ONLY_ENDINGS and term.endswith(e)
                       and len(root := term[:-len(e)]) >= DERIVATION_MIN_ROOT and root in self._known)
        derived.discard(term)
        return found | derived if derived else found
