"""Finding names in a sentence: capitalised runs split into known actors, organisations and people.

A run of capitalised words is read the way a careful reader reads it: names the alias file or the
state gazetteer knows; organisations and groups by the word that ends their name ("… University",
"… Movement", "… Corp.", "Federation of …"); people by a title before them ("Prime Minister X", "Mr X"),
an apposition after them ("X, a professor at …", "X, 67,") or before them ("a spokesman, X,"), an
attribution verb ("X said", "said X") or "X, who". A capitalised run with none of these (a sentence-initial
word, a place, a book title) is no actor. Editorial brackets ("[Al-Qaeda leader Ayman al-]Zawahiri") are
read through, so the name reads whole; offsets stay those of the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from search.aliases import AliasTable, canonical_term
from search.extract.gazetteer import Gazetteer
from search.extract.text import Sentence
from search.extract.vocab import (
    CONNECTORS,
    GOVERNMENT_NOUNS,
    GROUP_HEADS,
    GROUP_NOUNS,
    OBJECT_SAY_VERBS,
    OFFICE_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    PLACE_NOUNS,
    SAY_VERBS,
    TITLE_WORDS,
)
from search.lexicon.dates import MONTH_NAMES, WEEKDAY_NAMES
from search.lexicon.tokens import NAME_TOKEN
from search.lexicon.words import STOPWORDS
from search.models import ActorKind

# "said X", "according to X", "X, who": the words around a name that make it a person.
_SAY_BEFORE = re.compile(r"\b(?:" + "|".join(SAY_VERBS - OBJECT_SAY_VERBS) + r"|according to)\s*$")
_SAY_AFTER = re.compile(r"^,?\s*(?:(?:has|have|had|was|is|also|then|later|recently|previously|further|"
                        r"once|widely|later|again|separately)\s+){0,3}(?:" + "|".join(SAY_VERBS) + r")\b")
_WHO_AFTER = re.compile(r"^,\s+who\b")
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "outside", "inside", "across"})
# "X, a shopkeeper in Herat, said …": whoever an apposition describes and who then speaks is a person,
# whatever the apposition's noun (its head need not be a known title).
_SAY_AFTER_APPOSITION = re.compile(r"^,\s+(?:an?|the)\s+[^,;:.\"“”]{1,80},\s*(?:" + "|".join(SAY_VERBS) + r")\b")
# "X, 67, …": an age set off by commas after a name is a person's.
_AGE_AFTER = re.compile(r"^,\s+\d{1,3},")
_APPOSITION = re.compile(r"^,\s+(?:\d{1,3},\s+)?((?:[\w’'&.-]+\s*){1,9})")
# "A spokesman, X," / "Its president, X,": a role noun phrase set off by commas right before a name.
_ROLE_APPOSITION = re.compile(r"(?:^|[\s(])(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w’'-]+\s+){0,2}?"
                              r"([a-z][\w-]*)(?:\s+(?:of|for|at|with|to)\b[^,;:.\"“”]{0,60})?,\s*$")
_ACRONYM_DEF = re.compile(r"^\s*\(([A-Z][A-Za-z-]{1,9})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z-]{1,7}$")
# "US-backed", "Kabul-based": an adjective made from a name; its head may still name an actor.
_NAME_ADJECTIVE = re.compile(r"^([^\W\d_][\w.]*)-[a-z]+$")
# Words that end an apposition's head noun: "a Georgetown University professor who …" → professor.
_APPOSITION_CUT = frozenset("of at for in to on with who whom whose that which and told tells said says"
                            .split())


@dataclass(frozen=True, slots=True)
class RawMention:
    """One name found in one sentence; `name`/`kind` are None for a person candidate not yet confirmed."""

    surface: str
    name: str | None
    kind: ActorKind | None
    start: int
    end: int
    sentence: Sentence
    evidence: bool = False
    role_hint: str | None = None
    acronym_of: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The surface's words."""
        return tuple(self.surface.split())


def _bare(word: str) -> str:
    word = word.replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def _low(word: str) -> str:
    return _bare(word).casefold().rstrip(".")


def _proper(word: str) -> bool:
    starts = word[:1].isupper() or word.startswith("al-") and word[3:4].isupper()
    return starts and not any(c.isdigit() for c in word) \
        and not (_NAME_ADJECTIVE.match(word) and word[:1].isupper()) \
        and _low(word) not in MONTH_NAMES | WEEKDAY_NAMES


class NameFinder:
    """Finds the names in sentences, with the alias table and the gazetteer."""

    def __init__(self, aliases: AliasTable, gazetteer: Gazetteer) -> None:
        self.aliases = aliases
        self.gazetteer = gazetteer
        self._entry_by_term = {canonical_term(e.name): e for e in aliases.entries}

    def find(self, sentence: Sentence) -> list[RawMention]:
        """Every name in a sentence, known or candidate, in reading order."""
        if "[" not in sentence.text and "]" not in sentence.text:
            return self._find(sentence)
        kept = [n for n, c in enumerate(sentence.text) if c not in "[]"]
        bare = replace(sentence, text="".join(sentence.text[n] for n in kept))
        return [replace(m, start=kept[m.start], end=kept[m.end - 1] + 1, sentence=sentence)
                for m in self._find(bare)]

    def _find(self, sentence: Sentence) -> list[RawMention]:
        text = sentence.text
        toks = [(m.group(), m.start(), m.end()) for m in NAME_TOKEN.finditer(text)]
        raws = [t[0] for t in toks]
        found: list[RawMention] = []
        i = 0
        while i < len(toks):
            if _proper(raws[i]) or raws[i] == "al":
                k = self._chunk_end(toks, text, i)
                while i < k and _low(raws[i]) in STOPWORDS and raws[i] != "al" and not self._alias(raws, i):
                    i += 1
                if i >= k:
                    i = max(i, k) if k > i else i + 1
                    continue
                self._read_chunk(toks, text, i, k, sentence, found)
                i = k
            else:
                self._adjective(toks, i, sentence, found)
                i += 1
        return found

    def _adjective(self, toks: list[tuple[str, int, int]], i: int, sentence: Sentence,
                   found: list[RawMention]) -> None:
        """The actor at the head of a name adjective: "US-backed" mentions the US."""
        match = _NAME_ADJECTIVE.match(toks[i][0])
        if not match or not toks[i][0][:1].isupper():
            return
        head = match.group(1)
        alias = self._alias([head], 0)
        state = self.gazetteer.state_at([head], 0)
        known = (alias[1], alias[2]) if alias else (state[1], ActorKind.STATE) if state else None
        if known:
            start = toks[i][1]
            found.append(RawMention(head, known[0], known[1], start, start + len(head), sentence))

    # --- chunks -------------------------------------------------------------------------------

    def _chunk_end(self, toks: list[tuple[str, int, int]], text: str, i: int) -> int:
        """End of the capitalised run starting at i, joined by connectors and single spaces only."""
        j = i + 1
        if raws_possessive(toks[i][0]):
            return j
        while j < len(toks):
            gap = text[toks[j - 1][2]:toks[j][1]]
            if gap.strip():
                break
            word = toks[j][0]
            if _proper(word):
                j += 1
                if raws_possessive(word):
                    break
            elif word.casefold() in CONNECTORS and j + 1 < len(toks) and _proper(toks[j + 1][0]) \
                    and not text[toks[j][2]:toks[j + 1][1]].strip():
                j += 1
            else:
                break
        return j

    def _alias(self, raws: list[str], i: int) -> tuple[int, str, ActorKind | None] | None:
        match = self.aliases.match(raws, i)
        if match is None or not any(c.isupper() for c in "".join(raws[i:i + match[0]])):
            return None
        entry = self._entry_by_term.get(match[1][0])
        return (match[0], entry.name, entry.kind) if entry else None

    def _read_chunk(self, toks: list[tuple[str, int, int]], text: str, i: int, k: int, sentence: Sentence,
                    found: list[RawMention]) -> None:
        raws = [t[0] for t in toks]
        words = raws[i:k]
        alias = self._alias(raws, i)
        state = self.gazetteer.state_at(raws[:k], i)
        known_whole = alias and alias[0] >= k - i or state and state[0] >= k - i
        if _place(words, text[toks[k - 1][2]:]) and not known_whole:
            return  # "Nangarhar province", "… International Airport"; but "the Kenyan county" names Kenya
        if (kind := _headed(words)) and not (alias and alias[0] >= k - i):
            found.append(self._mention(toks, text, i, k, sentence, name=_org_name(words), kind=kind))
            return
        p, joint = i, None
        run: list[int] = []
        while p < k:
            alias = self._alias(raws, p)
            if alias:
                self._flush(toks, text, run, sentence, found, joint)
                run, joint = [], None
                found.append(self._mention(toks, text, p, p + alias[0], sentence, alias[1], alias[2]))
                p += alias[0]
                continue
            state = self.gazetteer.state_at(raws[:k], p) if not run else None
            if state:
                found.append(self._mention(toks, text, p, p + state[0], sentence, state[1], ActorKind.STATE))
                p, joint = p + state[0], None
                continue
            if raws[p].casefold() in CONNECTORS:
                self._flush(toks, text, run, sentence, found, joint)
                joint = _joint(raws[p], [raws[q] for q in run])
                run, p = [], p + 1
                continue
            run.append(p)
            p += 1
        self._flush(toks, text, run, sentence, found, joint)

    def _flush(self, toks: list[tuple[str, int, int]], text: str, run: list[int], sentence: Sentence,
               found: list[RawMention], joint: str | None = None) -> None:
        """One run of a chunk as a name; `joint` tells what joins it to the run before (see _joint)."""
        if not run:
            return
        words = [toks[p][0] for p in run]
        if self.gazetteer.is_region(words):
            return
        lead = next((n for n, w in enumerate(words) if _low(w) not in OFFICE_WORDS), len(words))
        if joint == "office" and 0 < lead < len(words) and len(words) - lead <= 4:
            found.append(self._mention(toks, text, run[lead], run[-1] + 1, sentence, None, None, True))
            return  # "Secretary of State X": the office's words, then the holder's name
        roles = [n for n, w in enumerate(words) if _low(w) in TITLE_WORDS]
        if roles == [0] and len(words) == 2 and _apposition_kind(text[toks[run[-1]][2]:]) == ActorKind.PERSON:
            roles = []  # "Emir Hodzic, a coordinator …": a first name that is also a title
        if roles:
            last = roles[-1]
            tail = last + 1
            while tail < len(words) and _low(words[tail]) in OFFICE_WORDS:
                tail += 1
            if roles[0] > 0:
                self._flush(toks, text, run[:roles[0]], sentence, found)
            if 0 < len(words) - tail <= 4:
                hint = " ".join(words[: last + 1])
                found.append(self._mention(toks, text, run[tail], run[-1] + 1, sentence, None, None,
                                           evidence=True, role_hint=hint))
            return
        if kind := _headed(words):
            found.append(self._mention(toks, text, run[0], run[-1] + 1, sentence, _org_name(words), kind))
            return
        if all(_low(w) in OFFICE_WORDS or _low(w) in STOPWORDS for w in words):
            return
        found.append(self._candidate(toks, text, run[0], run[-1] + 1, sentence, tail=joint is not None))

    def _mention(self, toks: list[tuple[str, int, int]], text: str, a: int, b: int, sentence: Sentence,
                 name: str | None, kind: ActorKind | None, evidence: bool = False,
                 role_hint: str | None = None) -> RawMention:
        start, end = toks[a][1], toks[b - 1][2]
        surface = " ".join(_bare(t[0]) if n == b - 1 else t[0] for n, t in enumerate(toks[a:b], start=a))
        acronym = _ACRONYM_DEF.match(text[end:])
        return RawMention(surface, name, kind, start, end, sentence, evidence, role_hint,
                          acronym.group(1) if acronym else None)

    def _candidate(self, toks: list[tuple[str, int, int]], text: str, a: int, b: int,
                   sentence: Sentence, tail: bool = False) -> RawMention:
        """A name of unknown kind and its evidence of a person; a `tail` ends a longer name ("… of X says")."""
        start, end = toks[a][1], toks[b - 1][2]
        before, after = text[:start], text[end:]
        mention = self._mention(toks, text, a, b, sentence, None, None)
        kind = _apposition_kind(after)
        if kind in (ActorKind.GROUP, ActorKind.ORGANISATION):
            return RawMention(mention.surface, mention.surface, kind, start, end, sentence, True, None,
                              mention.acronym_of)
        prev = re.search(r"(\w+)\s+$", before)
        prev_word = prev.group(1) if prev else ""
        if prev_word in ORG_NOUNS or prev_word in GROUP_NOUNS:  # "the charity X", "the militant group X"
            kind = ActorKind.ORGANISATION if prev_word in ORG_NOUNS else ActorKind.GROUP
            return RawMention(mention.surface, mention.surface, kind, start, end, sentence, True, None,
                              mention.acronym_of)
        nxt = re.match(r"\s+(\w+)", after)
        spoke = bool(_SAY_AFTER.match(after) or _SAY_BEFORE.search(before) or _WHO_AFTER.match(after)
                     or _SAY_AFTER_APPOSITION.match(after))
        if b - a == 1 and not before.strip(" \"“'‘(") or tail:
            spoke = False  # "Critics said": one capitalised word opening a sentence is no name by itself
        elif prev_word in PLACE_PREPOSITIONS and after.startswith(","):
            spoke = False  # "a shopkeeper in Herat, said": the place ends an apposition about someone else
        evidence = bool(spoke or kind == ActorKind.PERSON or (nxt and nxt.group(1).casefold() in GOVERNMENT_NOUNS)
                        or _role_before(before, after) or _AGE_AFTER.match(after))
        if _ACRONYM.match(mention.surface) and kind is None:
            evidence = False
        return RawMention(mention.surface, None, None, start, end, sentence, evidence, None,
                          mention.acronym_of)


def _joint(connector: str, before: list[str]) -> str | None:
    """How "of"/"for" joins a run to the one before: 'office' after a title, else 'of'; None otherwise."""
    if connector.casefold() not in ("of", "for"):
        return None
    if before and all(_low(w) in TITLE_WORDS | OFFICE_WORDS for w in before):
        return "office"
    return "of"


def raws_possessive(word: str) -> bool:
    """True for a word with a possessive ending ("Taliban’s")."""
    return word.replace("’", "'").endswith("'s")


def _headed(words: list[str]) -> ActorKind | None:
    """'organisation' or 'group' when the words end with (or are headed by) such a name's head word."""
    lows = [_low(w) for w in words]
    joined = [n for n, low in enumerate(lows) if low in ("and", "&")]
    if joined and not (any(low in ORG_HEADS for low in lows[: joined[0]]) or lows[0] in OFFICE_WORDS):
        return None  # "Croatia and Red Cross" are two actors; "National Geology and Mining Service" is one
    if lows[-1] in GROUP_HEADS and len(lows) > 1:
        return ActorKind.GROUP
    if lows[-1] in ORG_HEADS and len(lows) > 1:
        return ActorKind.ORGANISATION
    for n, low in enumerate(lows[:-1]):
        if low in ORG_HEADS and (lows[n + 1] in CONNECTORS and n > 0 or lows[n + 1] in ("of", "for")):
            return ActorKind.ORGANISATION  # "… Institute for …", "Federation of …"
    return None


def _org_name(words: list[str]) -> str:
    name = " ".join(words)
    return _bare(name[4:] if name.startswith("The ") else name)


def _place(words: list[str], after: str) -> bool:
    """True when the words name a place: '… Airport', 'Nangarhar province', 'Sheikh X training camp'."""
    if _low(words[-1]) in PLACE_NOUNS:
        return True
    nxt = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", after)
    return bool(nxt and (nxt.group(1) in PLACE_NOUNS or (nxt.group(2) or "") in PLACE_NOUNS
                         and nxt.group(1) not in STOPWORDS))


def _apposition_kind(after: str) -> ActorKind | None:
    """What an apposition after a name says it is: 'person', 'group', 'organisation', or None."""
    if _WHO_AFTER.match(after):
        return ActorKind.PERSON
    match = _APPOSITION.match(after)
    if not match:
        return None
    words = []
    for word in match.group(1).split()[:9]:
        if _low(word) in _APPOSITION_CUT:
            break
        words.append(_low(word))
    head = words[-1] if words else ""
    if head in TITLE_WORDS:
        return ActorKind.PERSON
    if head in GROUP_NOUNS:
        return ActorKind.GROUP
    if head in ORG_NOUNS:
        return ActorKind.ORGANISATION
    return None


def _role_before(before: str, after: str) -> bool:
    """True when a lowercase role noun stands before the name: 'Guard member X', 'A spokesman, X, …'."""
    match = re.search(r"(\w[\w-]*)\s+$", before) or after.startswith(",") and _ROLE_APPOSITION.search(before)
    return bool(match and match.group(1).islower() and match.group(1) in TITLE_WORDS)
