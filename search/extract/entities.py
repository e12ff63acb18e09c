"""Names in a sentence: the trained model's entity spans, read under Dossier's rules.

The model (search/extract/nlp.py) finds where names are and guesses what they are. Its known failings
on news are corrected here, each by one named rule:

- `_trim`: a span's edges. "the" and a possessive ending are no part of a name; a title or role word
  leading a person's span ("President", "Sprinter", "Model") is the role, not the name; so is a
  sentence's first word the corpus writes in lowercase elsewhere ("Matchwinner Keane").
- known names first (`_known`): the alias file and the states gazetteer are matched over the
  capitalised words of every sentence, whatever the model says, so "Washington" and "Chinese officials"
  are the states they stand for. A capital is the state only where it acts ("Beijing said"), never
  where something happens ("in Madrid", "the London marathon").
- `_kind`: the model's label, corrected by the name's own words ("… Ballet", "… Ltd" are
  organisations, "… Party", "… Front" groups) and by the corpus (`Corpus`): a single word the model
  calls an organisation or a place is the person when it is the surname of a person of the same
  document ("Redknapp"), and a place the corpus also calls an organisation is one ("Southampton").
- `apposition` (search/extract/context.py holds the readings of a name's surroundings): what the text
  says a name is outranks the model. "X, a Georgetown University professor" and "X, special advisor to
  …" make X a person whatever the model's label (it calls some people organisations or works); "X, a
  historical region" makes X a place.
- `work_title`, `settle`: a name beside a work's noun ("the game Burnout", "the Twin Peaks cast") or a
  number ("Metal Slug 3") is a title, and so is every other mention of the same name in the corpus and
  every name listed with it ("Knots Landing, Falcon Crest plus …").
- `joined`, `titled`: spans the model cut apart with only a space between them are one name ("Beatriz" +
  "Salcedo"); a title or an office before a name makes it a person's ("Energy Minister X", "Secretary of
  State X", whose "State" is the office's).
- `unlabelled`: a capitalised name the model missed is still read where the words around it say what
  it is: a verb of saying ("said Paredes", "X said"), a title ("Minister X"), a kind of body ("the charity
  X", "the militant group X").
- `_sentence_opener`: a single capitalised word opening a sentence that the corpus writes in lowercase
  elsewhere ("Turnout was low") is no name.
- Places (LOC, FAC, other GPE, "… Airport", "X training camp"), events, works, nationalities outside the
  gazetteer and numbers are no actors; nor is a one-word "person" the text gives an article ("the
  Uighur") or puts before a noun ("Uighur fighters"), plural acronyms ("MPs"), a zone after a time
  ("1500 GMT"); bylines ("By Jane Smith") are none either.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from search.aliases import AliasTable, canonical_term
from search.extract.context import (
    GOVERNMENT_AFTER,
    acronym_after,
    apposition,
    bare,
    cut_at_bracket,
    joined,
    low,
    modifier,
    place,
    split_at_known,
    titled,
    trim_words,
    unlabelled,
    where,
    work_title,
)
from search.extract.gazetteer import Gazetteer
from search.extract.nlp import Entity
from search.extract.text import Sentence
from search.extract.vocab import (
    GROUP_HEADS,
    HONORIFICS,
    OFFICE_WORDS,
    ORG_HEADS,
    SAY_VERBS,
    TITLE_WORDS,
)
from search.lexicon.dates import MONTH_NAMES, WEEKDAY_NAMES
from search.lexicon.tokens import NAME_TOKEN
from search.lexicon.words import STOPWORDS
from search.models import ActorKind

# The model's labels that may name an actor; the rest (dates, numbers, laws, languages) never do. Works
# and products name an actor only when the text says who they are (`apposition`).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})
# Prepositions after which a city is where something happened, not the government acting.
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "outside", "inside", "across", "to", "into", "of",
                                "around", "through", "via", "between", "over"})
# What separates the names of one list: "A, B and C", "A, B plus C".
_LIST_GAP = re.compile(r"(?:,\s*|\s+)(?:(?:and|or|plus)\s+)?(?:the\s+|The\s+)?|,")
# "MPs", "CEOs": the plural of a role's abbreviation is no name; "1500 GMT": a zone after a time is none.
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_NEXT_WORD = re.compile(r"^[\s,]*([A-Za-z’'-]+)")
_BYLINE = re.compile(r"^\s*(?:By|BY|by)\s+$")


@dataclass(frozen=True, slots=True)
class RawMention:
    """One name of a sentence (offsets in it); `name`/`kind` None: a person, resolved in actors.py."""

    surface: str
    name: str | None
    kind: ActorKind | None
    start: int
    end: int
    sentence: Sentence
    evidence: bool = False
    role_hint: str | None = None
    acronym_of: str | None = None


@dataclass
class Corpus:
    """What the whole corpus says about names, for the rules that need more than one sentence."""

    lowercase: frozenset[str] = frozenset()
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: set[str] = field(default_factory=set)
    lists: list[list[str]] = field(default_factory=list)
    organisations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    inside: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, paragraphs: Iterable[tuple[str, Sequence[Entity]]]) -> Corpus:
        """From every (readable text, entities) of the corpus's paragraphs."""
        lowercase: set[str] = set()
        corpus = cls()
        for text, spans in paragraphs:
            lowercase.update(w for w in re.findall(r"\b[a-z][a-z-]+\b", text))
            for e in spans:
                if e.label not in ACTOR_LABELS:
                    continue
                words = trim_words(text[e.start:e.end].split())
                if not words:
                    continue
                corpus.labels[" ".join(words)][e.label] += 1
        corpus.lowercase = frozenset(lowercase)
        return corpus


class MentionFinder:
    """Turns a paragraph's entity spans into mentions, with the alias table, gazetteer and corpus."""

    def __init__(self, aliases: AliasTable, gazetteer: Gazetteer, corpus: Corpus | None = None) -> None:
        self.aliases = aliases
        self.gazetteer = gazetteer
        self.corpus = corpus or Corpus()
        self._entry_by_term = {canonical_term(e.name): e for e in aliases.entries}
        self._known_in: dict[tuple[str, int, int, str], list[RawMention]] = {}  # by sentence: read once

    def learn(self, sentence: Sentence, spans: Sequence[Entity]) -> None:
        """Note what a sentence says of its names for the corpus-wide rules: works' titles, names seen
        inside sentences, organisations, and the full names of people, whose surnames then name them alone.
        """
        text = sentence.text
        listed: list[str] = []
        last_end = -1
        for e in self._spans(sentence, spans):
            words, start, end, _ = self._trim(sentence, e)
            if not words:
                continue
            surface = " ".join(words)
            if listed and not _LIST_GAP.fullmatch(text[last_end:e.start]):
                self._close_list(listed)
                listed = []
            listed.append(surface)
            last_end = e.end
            if work_title(text, start, end):
                self.corpus.titles.add(surface)
            if text[:start].strip(" \"“'‘("):
                self.corpus.inside.add(surface)
            person = e.label == "PERSON" or titled(text, e.start) or apposition(text, end) == ActorKind.PERSON
            if person and len(words) > 1 and low(words[0]) not in TITLE_WORDS:
                self.corpus.surnames[sentence.doc_id].add(words[-1])
            elif not person and e.label == "ORG" and len(words) > 1 and not place(words, text[end:]):
                self.corpus.organisations[sentence.doc_id].add(surface)
        self._close_list(listed)

    def _close_list(self, listed: list[str]) -> None:
        if len(listed) > 2:
            self.corpus.lists.append(listed)

    def settle(self) -> None:
        """After every sentence is learnt: the names listed with a work's title ("Knots Landing, Falcon Crest
        plus …") are titles too, as a list names things of one kind.
        """
        for listed in self.corpus.lists:
            if self.corpus.titles.intersection(listed):
                self.corpus.titles.update(listed)

    def _spans(self, sentence: Sentence, spans: Sequence[Entity]) -> list[Entity]:
        """The paragraph's spans inside a sentence, in its offsets, joined and cut as names read."""
        lo, hi = sentence.start, sentence.start + len(sentence.text)
        mine = joined(sentence.text, [cut_at_bracket(Entity(e.start - lo, e.end - lo, e.label), sentence.text)
                                      for e in spans if lo <= e.start and e.end <= hi and e.label in ACTOR_LABELS])
        return split_at_known(sentence.text, mine, [(m.start, m.end) for m in self._known(sentence)])

    def find(self, sentence: Sentence, spans: Sequence[Entity]) -> list[RawMention]:
        """Every name of a sentence, in reading order; `spans` are the paragraph's, in paragraph offsets."""
        mine = self._spans(sentence, spans)
        known = self._known(sentence)
        mine += unlabelled(sentence.text, mine)
        found = [m for m in known if not any(_covers(e, m) and e.label in ("ORG", "PERSON", "FAC", "EVENT")
                                             and (e.start, e.end) != (m.start, m.end) for e in mine)]
        for e in mine:
            if any(m.start < e.end and e.start < m.end for m in found):
                continue
            mention = self._from_entity(sentence, e)
            if mention is not None:
                found.append(mention)
        found.sort(key=lambda m: m.start)
        return found

    # --- names the alias file and the gazetteer know ------------------------------------------

    def _known(self, sentence: Sentence) -> list[RawMention]:
        key = (sentence.doc_id, sentence.paragraph, sentence.start, sentence.text)
        if key not in self._known_in:
            self._known_in[key] = self._read_known(sentence)
        return self._known_in[key]

    def _read_known(self, sentence: Sentence) -> list[RawMention]:
        text = sentence.text
        toks = [(m.group(), m.start(), m.end()) for m in NAME_TOKEN.finditer(text)]
        raws = [t[0] for t in toks]
        found: list[RawMention] = []
        i = 0
        while i < len(toks):
            hit = self._alias(raws, i) if raws[i][:1].isupper() else None
            state = self.gazetteer.state_at(raws, i) if raws[i][:1].isupper() and not hit else None
            if hit:
                n, name, kind = hit
            elif state:
                (n, name), kind = state, ActorKind.STATE
            else:
                i += 1
                continue
            start, end = toks[i][1], toks[i + n - 1][2]
            surface = " ".join(bare(r) for r in raws[i:i + n])
            if not (kind == ActorKind.STATE and self._only_a_place(surface, text, start, end)):
                found.append(RawMention(surface, name, kind, start, end, sentence,
                                        acronym_of=acronym_after(text, end)))
            i += n
        return found

    def _alias(self, raws: list[str], i: int) -> tuple[int, str, ActorKind | None] | None:
        match = self.aliases.match(raws, i)
        if match is None:
            return None
        entry = self._entry_by_term.get(match[1][0])
        return (match[0], entry.name, entry.kind) if entry else None

    def _only_a_place(self, surface: str, text: str, start: int, end: int) -> bool:
        """A capital named as where something happens ("in Madrid", "the London marathon"), not acting."""
        if surface not in self.gazetteer.capitals:
            return False
        before = re.search(r"(\w+)\s+$", text[:start])
        if before and before.group(1).casefold() in PLACE_PREPOSITIONS:
            return True
        after = _NEXT_WORD.match(text[end:])
        if after and not text[end:].lstrip().startswith(","):
            word = after.group(1)
            return word.islower() and word not in SAY_VERBS and word not in STOPWORDS
        return False

    # --- the model's spans --------------------------------------------------------------------

    def _from_entity(self, sentence: Sentence, e: Entity) -> RawMention | None:
        text = sentence.text
        if e.label == "PERSON" and _BYLINE.match(text[:e.start]) and sentence.first_in_paragraph:
            return None  # "By Jane Smith": the reporter, never an actor of the story
        words, start, end, hint = self._trim(sentence, e)
        if not words or not (words[0][:1].isupper() or words[0][:3] in ("al-", "el-", "bin", "ibn")):
            return None  # "anti-Taliban" and "pro-Kremlin" describe, they do not name
        if all(low(w) in STOPWORDS or low(w) in MONTH_NAMES | WEEKDAY_NAMES or low(w) in OFFICE_WORDS
               for w in words):
            return None
        surface = " ".join(words)
        if surface in self.corpus.titles or self._sentence_opener(text, start, words):
            return None
        if _PLURAL_ACRONYM.match(surface) or (surface.isupper() and re.search(r"\d\s+$", text[:start])):
            return None
        told = apposition(text, end)
        if told == "place" or place(words, text[end:]):
            return None
        if isinstance(told, ActorKind):
            kind: ActorKind | None = told
        else:
            kind = self._kind(surface, words, e.label, sentence.doc_id, text, start)
        if kind == ActorKind.PERSON and len(words) == 1 and not GOVERNMENT_AFTER.match(text[end:]) and (
                modifier(text, start, end) or self._unconfirmed(surface, sentence.doc_id)):
            return None
        body = self._body_named_by(surface, sentence.doc_id)
        if body is not None and kind in (ActorKind.PERSON, ActorKind.ORGANISATION, None):
            return RawMention(surface, body, ActorKind.ORGANISATION, start, end, sentence, True, None,
                              acronym_after(text, end))
        if kind is None:
            return None
        acronym = acronym_after(text, end)
        if kind == ActorKind.PERSON:
            return RawMention(surface, None, None, start, end, sentence, True, hint, acronym)
        return RawMention(surface, surface, kind, start, end, sentence, True, None, acronym)

    def _trim(self, sentence: Sentence, e: Entity) -> tuple[list[str], int, int, str | None]:
        """The name inside a span: its words, where they start and end, and a leading role if any."""
        text = sentence.text
        raw = text[e.start:e.end]
        parts = [(m.group(), e.start + m.start(), e.start + m.end()) for m in re.finditer(r"\S+", raw)]
        while parts and parts[0][0].casefold() in ("the", "a", "an"):
            parts = parts[1:]
        hint = None
        if (e.label == "PERSON" or titled(text, e.start)) and len(parts) > 1:
            lead = 0
            while lead < len(parts) - 1 and self._role_word(parts[lead][0], parts[lead][1] == 0):
                lead += 1
            rest = [p[0] for p in parts[lead:]]
            if lead and (len(rest) > 1 or low(parts[lead - 1][0]) in HONORIFICS
                         or bare(rest[0]) in self.corpus.surnames[sentence.doc_id]):
                hint = " ".join(p[0] for p in parts[:lead])
                parts = parts[lead:]
        words = trim_words([p[0] for p in parts])
        if not words or not parts:
            return [], e.start, e.end, None
        start = parts[0][1]
        end = parts[-1][1] + len(words[-1]) if parts[-1][0].startswith(words[-1]) else parts[-1][2]
        return words, start, end, hint

    def _mostly_a_place(self, surface: str) -> bool:
        """One name, one kind: a word the model calls a place at least as often as a person is a place."""
        votes = self.corpus.labels[surface]
        places = votes["GPE"] + votes["LOC"] + votes["FAC"]
        return places > 0 and places >= votes["PERSON"]

    def _body_named_by(self, surface: str, doc_id: str) -> str | None:
        """The organisation of the document whose name begins with these words ("Andina Ridge" for
        "Andina Ridge Corp."): one body, named short.
        """
        longer = [o for o in self.corpus.organisations[doc_id] if o.startswith(surface + " ")]
        return longer[0] if len(longer) == 1 else None

    def _unconfirmed(self, surface: str, doc_id: str) -> bool:
        """A one-word "person" seen only opening sentences, and no surname of a person of the document."""
        return surface not in self.corpus.inside and surface not in self.corpus.surnames[doc_id]

    def _sentence_opener(self, text: str, start: int, words: list[str]) -> bool:
        """A single word opening the sentence that the corpus also writes in lowercase ("Turnout")."""
        return len(words) == 1 and not text[:start].strip(" \"“'‘(") and words[0].casefold() in self.corpus.lowercase

    def _role_word(self, word: str, first: bool) -> bool:
        """A word that leads a person's span as a role: a title, or a sentence opener written in lowercase
        elsewhere in the corpus ("Sprinter", "Matchwinner" when the corpus has "matchwinner").
        """
        folded = low(word)
        return folded in TITLE_WORDS or folded in OFFICE_WORDS or (first and folded in self.corpus.lowercase)

    def _kind(self, surface: str, words: list[str], label: str, doc_id: str, text: str = "",
              start: int = 0) -> ActorKind | None:
        """What a name is, from the model's label, the name's own words and the corpus."""
        lows = [low(w) for w in words]
        if self.gazetteer.is_region(words):
            return None
        if len(words) == 1 and label in ("ORG", "GPE") and where(text, start):
            return None  # "a shopkeeper in Herat", "the mayor of Brcko": a place the model took for a body
        if len(words) == 1 and label in ("ORG", "GPE", "NORP") and words[0] in self.corpus.surnames[doc_id]:
            return ActorKind.PERSON  # "Redknapp" read as a club: the surname of a person of the article
        if len(lows) > 1 and lows[-1] in GROUP_HEADS:
            return ActorKind.GROUP
        if len(lows) > 1 and (lows[-1] in ORG_HEADS or any(w in ORG_HEADS and n + 1 < len(lows)
                                                           and lows[n + 1] in ("of", "for")
                                                           for n, w in enumerate(lows))):
            return ActorKind.ORGANISATION if label != "FAC" else None
        if label in ("WORK_OF_ART", "PRODUCT"):
            return None
        if label == "PERSON" and len(words) == 1 and self._mostly_a_place(surface):
            return None  # "the dam above Riverton": a place the model once took for a person
        if label == "PERSON":
            return ActorKind.PERSON
        if titled(text, start) or label == "JOINED":
            return ActorKind.PERSON
        if label == "ORG":
            return ActorKind.ORGANISATION
        if label == "GPE" and self.corpus.labels[surface]["ORG"] > 0:
            return ActorKind.ORGANISATION  # a town's name the corpus also uses for a club or a firm
        return None  # places, happenings and nationalities the gazetteer does not know


def _covers(e: Entity, m: RawMention) -> bool:
    return e.start <= m.start and m.end <= e.end
