"""Actors: every person, group, state and organisation the articles name, each once.

Names are found sentence by sentence (search/extract/entities.py); here they are resolved to one actor
each: known names by the alias file and the gazetteer, acronyms by their definition ("… (ETIM)"),
people confirmed anywhere in the corpus, and a bare surname ("Wechsler") by the one person of that
surname. A candidate nobody confirms is dropped, so sentence-initial words and places do not become actors.

Quotations are given to speakers paragraph by paragraph, with the floor: the person last quoted or
reported, whom "he said" and a quotation standing alone mean.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from search.extract import attribution
from search.extract.entities import RawMention
from search.extract.models import Actor, ActorKind, Quote, Role
from search.extract.text import Sentence, sentences
from search.extract.vocab import HONORIFICS
from search.models import PassageRef

# "the Karzai administration": the name modifies a government and speaks for nobody.
_GOVERNMENT_AFTER = re.compile(r"^\s+(?:administration|government|cabinet|presidency)\b")
_TITLE_PREFIX = re.compile(r"^(?:(?:" + "|".join(h.capitalize() for h in HONORIFICS) + r")\.?\s+)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention: which actor, where (offsets in the readable paragraph)."""

    name: str
    kind: ActorKind
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
    known_people = {m.name for m in raw if m.kind == ActorKind.PERSON and m.name}
    people = {_person_name(m.surface) for m in raw if m.name is None and m.evidence}
    people -= known_people
    people |= _full_names(raw, people)
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in raw:
        if m.name is None and m.evidence or m.kind == ActorKind.PERSON:
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


def _full_names(raw: Sequence[RawMention], people: set[str]) -> set[str]:
    """Full names of people confirmed only by a surname: "Papadaki said" confirms "Maria Papadaki, 67".

    A confirmed one-word name is the person of the one longer, unconfirmed name of the same document
    that ends with it.
    """
    single = {p for p in people if len(p.split()) == 1}
    longer: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in raw:
        name = _person_name(m.surface)
        if m.name is None and len(name.split()) > 1 and name.split()[-1] in single:
            longer[(m.sentence.doc_id, name.split()[-1])].add(name)
    confirmed = {(m.sentence.doc_id, _person_name(m.surface)) for m in raw if m.name is None and m.evidence}
    return {next(iter(names)) for key, names in longer.items() if len(names) == 1 and key in confirmed}


def _resolve_one(m: RawMention, acronyms: dict[str, tuple[str, ActorKind]], people: set[str],
                 multi: set[str], doc_people: set[str]) -> tuple[str | None, ActorKind | None]:
    if m.name is not None:
        return m.name, m.kind
    if m.surface in acronyms:
        return acronyms[m.surface]
    name = _person_name(m.surface)
    if len(name.split()) == 1:
        full = _by_part(name, multi & doc_people) or _by_part(name, multi)
        if full:
            return full, ActorKind.PERSON
    if name in people:
        return name, ActorKind.PERSON
    return None, None


def _by_part(word: str, names: set[str]) -> str | None:
    """The one name whose last (else first) word is `word`, or None when none or several."""
    last = {n for n in names if n.split()[-1] == word}
    if len(last) == 1:
        return last.pop()  # a surname is how a person is named again; a given name only when no surname fits
    first = {n for n in names if n.split()[0] == word}
    return first.pop() if not last and len(first) == 1 else None


def build_actors(mentions: Sequence[Mention], kinds: dict[str, ActorKind | None],
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
        passages = tuple(dict.fromkeys(str(PassageRef(m.doc_id, m.paragraph)) for m in ms))
        roles = _roles(ms) if kind == ActorKind.PERSON else ()
        actors.append(Actor(name, ActorKind(kind), tuple(surfaces), len(ms), doc_ids, passages, roles,
                            tuple(quotes.get(name, ()))))
    actors.sort(key=lambda a: (-a.mentions, a.name))
    return tuple(actors)


def _vote(ms: Sequence[Mention]) -> ActorKind:
    counts: dict[ActorKind, int] = defaultdict(int)
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
                roles[role] = Role(role, str(PassageRef(m.doc_id, m.paragraph)))
    return tuple(roles.values())


@dataclass
class _Floor:
    """Who has the floor in one document, and a quotation still open over its paragraphs."""

    speaker: str | None = None
    pending: list[tuple[str, str]] = field(default_factory=list)  # (words, passage id) of the open quotation
    opener: str | None = None  # its speaker as far as the text has told
    named: bool = False  # True when the text named or pointed to that speaker, not only gave the floor


def _quotes(mentions: Sequence[Mention], texts: dict[tuple[str, int], str]) -> dict[str, list[Quote]]:
    """Quotations and statements attributed to people, paragraph by paragraph, in reading order."""
    by_paragraph: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_paragraph[(m.doc_id, m.paragraph)].append(m)
    out: dict[str, list[Quote]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    floors: dict[str, _Floor] = defaultdict(_Floor)
    for doc_id, number in sorted(texts):
        text, pid, floor = texts[(doc_id, number)], str(PassageRef(doc_id, number)), floors[doc_id]
        spans = attribution.quote_spans(text)
        outside = [(m.start, m.end, m.name) for m in by_paragraph.get((doc_id, number), [])
                   if m.kind == ActorKind.PERSON and not _GOVERNMENT_AFTER.match(text[m.end:])
                   and not any(a <= m.start < b for a, b, _ in spans)]
        if floor.pending and not (spans and spans[0][0] == 0):
            _close(out, seen, floor)  # the open quotation ended with the paragraph before
        taken: set[int] = set()
        n = 0
        for sentence in sentences(doc_id, number, text):
            stop = sentence.start + len(sentence.text)
            while n < len(spans) and spans[n][0] < stop:
                _quotation(out, seen, floor, text, spans, n, outside, taken, pid)
                n += 1
            _statement(out, seen, floor, sentence, stop, spans, outside, taken, pid)
    for floor in floors.values():
        _close(out, seen, floor)
    return out


def _quotation(out: dict[str, list[Quote]], seen: set[tuple[str, str]], floor: _Floor, text: str,
               spans: list[tuple[int, int, str]], n: int, outside: list[tuple[int, int, str]],
               taken: set[int], pid: str) -> None:
    """The speaker of the n-th quotation of a paragraph, or of the open quotation it goes on with."""
    start, end, words = spans[n]
    speaker = attribution.speaker_after(text, end, outside) or attribution.speaker_before(text, start, outside)
    named = speaker is not None
    if not named and (attribution.pronoun_after(text, end) or attribution.pronoun_before(text, start)):
        speaker, named = _referent(outside, start, floor.speaker), True
    elif not named and n - 1 in taken and attribution.same_sentence(text, spans[n - 1][1], start) \
            and not any(spans[n - 1][1] <= a < start for a, _, _ in outside):
        speaker, named = floor.speaker, True  # 'said IS "…" and the report "…"': one speaker, one sentence
    elif not named and start == 0 and len(spans) == 1 and not outside:
        speaker = floor.speaker  # a quotation standing alone is the floor's
    taken.add(n)
    if floor.pending and n == 0 and start == 0:  # the open quotation goes on in this paragraph
        if named and not floor.named:
            floor.opener, floor.named = speaker, True
        floor.pending.append((words, pid))
    elif attribution.is_open(text, spans[n]):
        floor.pending, floor.opener, floor.named = [(words, pid)], speaker, named
    elif speaker:
        _add(out, seen, speaker, words, pid)
        floor.speaker = speaker
    else:
        taken.discard(n)
        if not taken:
            floor.speaker = None  # an unnamed speaker has the floor now
    if floor.pending and not attribution.is_open(text, spans[n]):
        _close(out, seen, floor)


def _statement(out: dict[str, list[Quote]], seen: set[tuple[str, str]], floor: _Floor, sentence: Sentence,
               stop: int, spans: list[tuple[int, int, str]], outside: list[tuple[int, int, str]],
               taken: set[int], pid: str) -> None:
    """A sentence that reports what a person said ("X said …", "He also noted …"), unless it quotes someone.

    A quoted word or title inside the sentence ('an informal "understanding"') leaves it a statement.
    """
    for n, (a, b, _) in enumerate(spans):
        if a < stop and b > sentence.start and (n in taken or a < sentence.start or b > stop):
            return
    speaker = next((name for a, b, name in outside
                    if sentence.start <= a < stop and attribution.states_after(sentence.text[b - sentence.start:])),
                   None)
    if speaker is None and attribution.pronoun_states(sentence.text):
        speaker = _referent(outside, sentence.start, floor.speaker)
    if speaker:
        _add(out, seen, speaker, attribution.indirect(sentence.text), pid)
        floor.speaker = speaker


def _referent(outside: list[tuple[int, int, str]], position: int, floor: str | None) -> str | None:
    """Whom "he" or "she" means: the floor, unless this paragraph has named only others before."""
    before = [name for a, _, name in outside if a < position]
    return floor if floor in before or not before else before[-1]


def _close(out: dict[str, list[Quote]], seen: set[tuple[str, str]], floor: _Floor) -> None:
    """An open quotation ends: its paragraphs go to its speaker, who has the floor."""
    if floor.pending:
        if floor.opener:
            for words, pid in floor.pending:
                _add(out, seen, floor.opener, words, pid)
        floor.speaker = floor.opener
    floor.pending, floor.opener, floor.named = [], None, False


def _add(out: dict[str, list[Quote]], seen: set[tuple[str, str]], name: str, words: str, pid: str) -> None:
    if (name, words) not in seen:
        seen.add((name, words))
        out[name].append(Quote(words, pid))
