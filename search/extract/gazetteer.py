"""The states of the world and the region names, read from config/states.toml, as token lookups."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


def _plural(demonym: str) -> str | None:
    """The plural a demonym takes for people ("Afghans"); words in -ese, -ish, -ch, -s take none."""
    if demonym.endswith(("ese", "ish", "ch", "s", "sh", "i")) and not demonym.endswith(("ani", "aqi", "ali")):
        return demonym + "s" if demonym.endswith("i") else None
    return demonym + "s"


@dataclass
class Gazetteer:
    """Token sequences (as written) that name a state, and region names that name no actor."""

    states: dict[tuple[str, ...], str] = field(default_factory=dict)
    regions: set[tuple[str, ...]] = field(default_factory=set)
    capitals: set[str] = field(default_factory=set)
    longest: int = 1
    first_words: set[str] = field(default_factory=set)

    @classmethod
    def from_toml(cls, path: Path) -> Gazetteer:
        """Read `state` entries (name, demonyms, capital, aliases) and the `regions` list."""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        gaz = cls()
        for item in data.get("state", []):
            name = item["name"]
            forms = [name, *item.get("aliases", ())]
            if item.get("capital"):
                forms.append(item["capital"])
                gaz.capitals.add(item["capital"])
            for demonym in item.get("demonyms", ()):
                forms.append(demonym)
                plural = _plural(demonym)
                if plural:
                    forms.append(plural)
            for form in forms:
                gaz.states[tuple(form.split())] = name
        gaz.regions = {tuple(r.split()) for r in data.get("regions", ())}
        gaz.longest = max((len(k) for k in [*gaz.states, *gaz.regions]), default=1)
        gaz.first_words = {k[0] for k in gaz.states}
        return gaz

    def state_at(self, words: Sequence[str], i: int) -> tuple[int, str] | None:
        """The longest state name starting at word i: (words spanned, state), or None."""
        if self.first_words and _bare(words[i]) not in self.first_words:
            return None
        for n in range(min(self.longest, len(words) - i), 0, -1):
            key = tuple(_bare(w) for w in words[i:i + n])
            if key in self.states:
                return n, self.states[key]
        return None

    def is_region(self, words: Sequence[str]) -> bool:
        """True when the words name a region or continent, not an actor."""
        return tuple(_bare(w) for w in words) in self.regions


def _bare(word: str) -> str:
    """A word without a possessive ending."""
    word = word.replace("’", "'")
    return word[:-2] if word.endswith("'s") else word
