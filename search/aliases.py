"""The alias table: the different names a corpus uses for one actor, mapped to one index term."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from search.lexicon.tokens import TOKEN, fold_token
from search.lexicon.words import word_terms
from search.models import ActorKind


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One actor as the alias file names it."""

    name: str
    kind: ActorKind | None
    aliases: tuple[str, ...]
    exact: tuple[str, ...]
    parent: str | None

    @property
    def term(self) -> str:
        """The index term every name of this actor becomes; '@' never starts a word token."""
        return canonical_term(self.name)


def canonical_term(name: str) -> str:
    """The index term for an actor's canonical name."""
    return "@" + re.sub(r"[^\w]+", "-", name.casefold()).strip("-")


def _key(raw: str) -> str:
    """How a token is compared with a case-insensitive alias: case-folded, possessive dropped."""
    key = raw.casefold().replace("’", "'")
    return key[:-2] if key.endswith("'s") else key


def _exact_key(raw: str) -> str:
    """How a token is compared with a case-sensitive alias: as written, possessive dropped."""
    raw = raw.replace("’", "'")
    return raw[:-2] if raw.endswith("'s") else raw


class AliasTable:
    """Longest-match lookup of alias name sequences over raw tokens."""

    def __init__(self, entries: Sequence[AliasEntry]) -> None:
        self.entries = tuple(entries)
        by_name = {e.name: e for e in entries}
        # first token key → list of (token keys, exact?, terms), longest first
        self._starts: dict[str, list[tuple[tuple[str, ...], bool, tuple[str, ...]]]] = {}
        self._exact_starts: dict[str, list[tuple[tuple[str, ...], bool, tuple[str, ...]]]] = {}
        for entry in entries:
            terms = [entry.term]
            parent = by_name.get(entry.parent) if entry.parent else None
            while parent is not None and parent.term not in terms:
                terms.append(parent.term)
                parent = by_name.get(parent.parent) if parent.parent else None
            for name, exact in [(entry.name, False), *((a, False) for a in entry.aliases),
                                *((a, True) for a in entry.exact)]:
                raws = TOKEN.findall(name)
                if not raws:
                    continue
                keys = tuple(_exact_key(r) if exact else _key(r) for r in raws)
                table = self._exact_starts if exact else self._starts
                table.setdefault(keys[0], []).append((keys, exact, tuple(terms)))
        for table in (self._starts, self._exact_starts):
            for options in table.values():
                options.sort(key=lambda o: -len(o[0]))

    @classmethod
    def empty(cls) -> AliasTable:
        """A table with no aliases."""
        return cls(())

    @classmethod
    def from_toml(cls, path: Path) -> AliasTable:
        """Read `[[actor]]` entries: name, kind, aliases, exact (case-sensitive names), parent."""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = []
        for item in data.get("actor", []):
            entries.append(AliasEntry(
                name=item["name"],
                kind=ActorKind(item["kind"]) if item.get("kind") else None,
                aliases=tuple(item.get("aliases", ())),
                exact=tuple(item.get("exact", ())),
                parent=item.get("parent"),
            ))
        return cls(entries)

    def with_states(self, forms: dict[tuple[str, ...], str]) -> AliasTable:
        """This table plus the world's states: each state's name, demonyms and capital (as written,
        word tuples mapped to the state's name) become one term, so "Beijing" and "Chinese" find China.
        """
        by_state: dict[str, list[str]] = {}
        for words, name in forms.items():
            by_state.setdefault(name, []).append(" ".join(words))
        known = {e.name for e in self.entries}
        extra = [AliasEntry(name, ActorKind.STATE, (), tuple(f for f in names if f != name) + (name,), None)
                 for name, names in by_state.items() if name not in known]
        merged = [replace(e, exact=e.exact + tuple(by_state.get(e.name, ()))) for e in self.entries]
        return AliasTable([*merged, *extra])

    def match(self, raws: Sequence[str], i: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest alias starting at raw token i: (tokens spanned, index terms), or None."""
        raw = raws[i]
        best: tuple[int, tuple[str, ...]] | None = None
        for table, keyf in ((self._exact_starts, _exact_key), (self._starts, _key)):
            options = table.get(keyf(raw))
            if not options:
                continue
            for keys, exact, terms in options:
                n = len(keys)
                if best is not None and n <= best[0]:
                    break
                if i + n > len(raws):
                    continue
                kf = _exact_key if exact else _key
                if all(kf(raws[i + j]) == keys[j] for j in range(1, n)):
                    words: list[str] = []
                    for j in range(n):
                        words.extend(word_terms(fold_token(raws[i + j])))
                    best = (n, tuple(dict.fromkeys([*terms, *words])))
                    break
        return best

    def longest_from(self, raw: str) -> int:
        """The most tokens an alias starting with this raw token spans (0: none starts with it), so
        `match` at a token depends on that many tokens only.
        """
        options = [*self._exact_starts.get(_exact_key(raw), ()), *self._starts.get(_key(raw), ())]
        return max((len(keys) for keys, _, _ in options), default=0)

    def kind_of(self, name: str) -> ActorKind | None:
        """The kind the alias file gives an actor's canonical name, if any."""
        for entry in self.entries:
            if entry.name == name:
                return entry.kind
        return None
