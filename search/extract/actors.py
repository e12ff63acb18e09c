"""Actors: every person, group, state and organisation the articles name, each once.

Names are found sentence by sentence (search/extract/names.py); here they are resolved to one actor
each: known names by the alias file and the gazetteer, acronyms by their definition ("… (ETIM)"),
people confirmed anywhere in the corpus, and a bare surname ("Wechsler") by the one person of that
surname. A candidate nobody confirms is dropped, so sentence-initial words and places do not become actors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from search.extract import attribution
from search.extract.models import Actor, Quote, Role
from search.extract.names import NameFinder, RawMention
from search.extract.text import Sentence

# "X, a spokesman, has said …": a person followed (past an optional apposition) by a verb of saying.
_STATES = re.compile(r"^(?:,[^,]{0,120},)?\s*(?:(?:has|had|also|recently|then|later|widely)\s+)*"
                     r"(?:said|says|noted|"
                     r"notes|added|stated|warned|argued|claimed|explained|observes|observed|indicated|"
                     r"indicates|urged|points out|pointed out)\b")
# "the Karzai administration": the name modifies a government and speaks for nobody.
_GOVERNMENT_AFTER = re.compile(r"^\s+(?:administration|government|cabinet|presidency)\b")
_TITLE_PREFIX = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention: which actor, where (offsets in the readable paragraph)."""

    name: str
    kind: str
    surface: str
    doc_id: str
    paragraph: int
    start: int
    end: int
    sentence: Sentence
    role_hint: str | None = None


def resolve(raw: Sequence[RawMention]) -> list[Mention]:
    """Every raw mention that names an actor, resolved to its canonical name and kind."""
    acronyms = {m.acronym_of: (m.name or m.surface, m.kind) for m in raw if m.acronym_of and m.kind}
    known_people = {m.name for m in raw if m.kind == "person" and m.name}
    people = {_person_name(m.surface) for m in raw if m.name is None and m.evidence}
    people -= known_people
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in raw:
        if m.name is None and m.evidence or m.kind == "person":
            by_doc[m.sentence.doc_id].add(m.name or _person_name(m.surface))
    multi = {p for p in people | known_people if len(p.split()) > 1}
    resolved: list[Mention] = []
    for m in raw:
        name, kind = _resolve_one(m, acronyms, people, multi, by_doc[m.sentence.doc_id])
        if name is None or kind is None:
            continue
        s = m.sentence
        resolved.append(Mention(name, kind, m.surface, s.doc_id, s.paragraph, s.start + m.start,
                                s.start + m.end,
                                s, m.role_hint))
    return resolved


def _person_name(surface: str) -> str:
    return _TITLE_PREFIX.sub("", surface)


def _resolve_one(m: RawMention, acronyms: dict[str, tuple[str, str | None]], people: set[str],
                 multi: set[str], doc_people: set[str]) -> tuple[str | None, str | None]:
    if m.name is not None:
        return m.name, m.kind
    if m.surface in acronyms:
        return acronyms[m.surface]
    name = _person_name(m.surface)
    if len(name.split()) == 1:
        full = _by_part(name, multi & doc_people) or _by_part(name, multi)
        if full:
            return full, "person"
    if name in people:
        return name, "person"
    return None, None


def _by_part(word: str, names: set[str]) -> str | None:
    """The one name whose last (else first) word is `word`, or None when none or several."""
    last = {n for n in names if n.split()[-1] == word}
    if len(last) == 1:
        return last.pop()  # a surname is how a person is named again; a given name only when no surname fits
    first = {n for n in names if n.split()[0] == word}
    return first.pop() if not last and len(first) == 1 else None


def build_actors(mentions: Sequence[Mention], kinds: dict[str, str | None],
                 texts: dict[tuple[str, int], str]) -> tuple[Actor, ...]:
    """Actors from resolved mentions, with roles and quotes for people; `kinds` corrects kinds by name.

    `texts` holds each readable paragraph by (doc_id, paragraph number), for quotations.
    """
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[m.name].append(m)
    quotes = _quotes(mentions, texts)
    actors = []
    for name, ms in grouped.items():
        kind = kinds.get(name) or _vote(ms)
        surfaces = [s for s in dict.fromkeys(m.surface for m in ms) if s != name]
        doc_ids = tuple(dict.fromkeys(m.doc_id for m in ms))
        passages = tuple(dict.fromkeys(f"{m.doc_id}#p{m.paragraph}" for m in ms))
        roles = _roles(ms) if kind == "person" else ()
        actors.append(Actor(name, kind, tuple(surfaces), len(ms), doc_ids, passages, roles,
                            tuple(quotes.get(name, ()))))
    actors.sort(key=lambda a: (-a.mentions, a.name))
    return tuple(actors)


def _vote(ms: Sequence[Mention]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for m in ms:
        counts[m.kind] += 1
    return max(counts, key=lambda k: counts[k])


def _roles(ms: Sequence[Mention]) -> tuple[Role, ...]:
    roles: dict[str, Role] = {}
    for m in ms:
        text = m.sentence.text
        start, end = m.start - m.sentence.start, m.end - m.sentence.start
        for role in (attribution.role_before(text, start), attribution.role_after(text, end)):
            if role and role.casefold() not in {r.casefold() for r in roles}:
                roles[role] = Role(role, f"{m.doc_id}#p{m.paragraph}")
    return tuple(roles.values())


def _quotes(mentions: Sequence[Mention], texts: dict[tuple[str, int], str]) -> dict[str, list[Quote]]:
    """Quotations and statements attributed to people, paragraph by paragraph, in reading order."""
    by_paragraph: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_paragraph[(m.doc_id, m.paragraph)].append(m)
    out: dict[str, list[Quote]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    last_speaker: dict[str, str | None] = {}
    for doc_id, number in sorted(texts):
        text = texts[(doc_id, number)]
        people = [(m.start, m.end, m.name) for m in by_paragraph.get((doc_id, number), [])
                  if m.kind == "person" and not _GOVERNMENT_AFTER.match(text[m.end:])]
        pid = f"{doc_id}#p{number}"
        spans = attribution.quote_spans(text)
        attributed = False
        for start, end, words in spans:
            speaker = (attribution.speaker_after(text, end, people)
                       or attribution.speaker_before(text, start, people))
            pronoun = attribution.pronoun_after(text, end) or attribution.pronoun_before(text, start)
            if speaker is None and pronoun:
                speaker = last_speaker.get(doc_id)
            if speaker is None and start == 0 and len(spans) == 1 and not people:
                speaker = last_speaker.get(doc_id)
            if speaker:
                _add(out, seen, speaker, words, pid)
                attributed = True
                last_speaker[doc_id] = speaker
            elif not attributed:
                last_speaker.pop(doc_id, None)  # an unnamed speaker has the floor now
        if not spans and ("“" in text or text.count('"') % 2):
            last_speaker.pop(doc_id, None)  # a quotation that runs on unattributed into the next paragraph
        if not spans:
            for m in by_paragraph.get((doc_id, number), []):
                if m.kind == "person" and _states(m):
                    _add(out, seen, m.name, attribution.indirect(m.sentence.text), pid)
                    last_speaker[doc_id] = m.name
    return out


def _states(m: Mention) -> bool:
    after = m.sentence.text[m.end - m.sentence.start:]
    return bool(_STATES.match(after))


def _add(out: dict[str, list[Quote]], seen: set[tuple[str, str]], name: str, words: str, pid: str) -> None:
    if (name, words) not in seen:
        seen.add((name, words))
        out[name].append(Quote(words, pid))


def find_mentions(finder: NameFinder, sentences: Sequence[Sentence]) -> list[RawMention]:
    """Raw name mentions of every sentence."""
    return [m for s in sentences for m in finder.find(s)]
