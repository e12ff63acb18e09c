"""Grouping figures that measure the same thing, and telling which passages are about the same thing.

Two figures are one measurement when they count the same kind of thing the same way (deaths of troops,
strength in fighters, years of war) and their passages are about the same thing: their content words,
weighted by rarity in the corpus, overlap by at least SAME_STORY of the smaller passage's weight. The
threshold was read from the bundled articles, where passages on one attack share 0.3 or more and
passages on different attacks under 0.2. Two passages that state the same count of the same thing are one
measurement on less when their articles are on the same story: some overlap of the passages is then
enough, and for figures of one measure stating that count, none.

A group is labelled by what it measures, in the words its figures share (see `_label`), and its sources
agree by the rule of `figures_agree`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from search.extract.figures import QUALIFIERS, unit_class
from search.extract.models import Figure, FigureGroup
from search.lexicon.dates import MONTH_NAMES, WEEKDAY_NAMES
from search.lexicon.numbers import NUMBER_WORDS
from search.lexicon.tokens import NAME_TOKEN
from search.lexicon.words import STOPWORDS, content_words
from search.models import PassageRef

SAME_STORY = 0.25
# Passages that state the same count of the same thing ("13 U.S. service members" killed) need less
# overlap to be one story when their articles are on one story (SAME_ARTICLE_STORY): the shared figure
# is evidence of its own. 0.1 still keeps apart the bundled passages on different attacks that share a
# word or two.
SAME_FIGURE_STORY = 0.1
# Articles are about the same story when the cosine of their word vectors (each word weighted by its
# rarity and the number of the article's passages that hold it) reaches SAME_ARTICLE_STORY: the five
# bundled articles, all on one story, score 0.17 to 0.40 with each other and at most 0.11 with the flood
# and election test articles. An aside in one passage ("a 20-year-long war with the US") then joins the
# same count stated elsewhere in the story.
SAME_ARTICLE_STORY = 0.15


def rarity(holding: int, passages: int) -> float:
    """The weight of a word (or actor) found in `holding` of `passages` passages: rarer weighs more."""
    return math.log(1 + passages / max(holding, 1))


class Similarity:
    """Rarity-weighted overlap of the content words of passages, and closeness of their articles."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.words = {pid: content_words(t) for pid, t in texts.items()}
        df = Counter(w for words in self.words.values() for w in words)
        self.passages = max(len(self.words), 1)
        self.idf = {w: rarity(c, self.passages) for w, c in df.items()}
        self._articles: dict[str, dict[str, float]] | None = None
        self._article_pairs: dict[tuple[str, str], float] = {}
        self._weights: dict[str, float] = {}

    def __call__(self, a: str, b: str) -> float:
        """Shared weight of two passages over the weight of the smaller one (0 when either is unknown)."""
        wa, wb = self.words.get(a, frozenset()), self.words.get(b, frozenset())
        smaller = min(self.weight(a), self.weight(b))
        return math.fsum(self.idf[w] for w in sorted(wa & wb)) / smaller if smaller else 0.0

    def weight(self, pid: str) -> float:
        """The summed rarity of a passage's words."""
        if pid not in self._weights:
            self._weights[pid] = math.fsum(self.idf[w] for w in sorted(self.words.get(pid, ())))
        return self._weights[pid]

    def close_pairs(self, pids: Sequence[str], threshold: float) -> list[tuple[str, str]]:
        """Pairs of the passages whose similarity reaches `threshold`, without comparing every pair.

        Prefix filtering: with each passage's words in one global order (rarest first), a pair whose
        shared weight reaches `threshold` of the lighter passage's weight shares one of the words that
        come before the last `threshold` of that passage's weight. So only passages holding one of
        those words of the lighter passage are compared.
        """
        holding: dict[str, list[str]] = defaultdict(list)
        for pid in pids:
            for w in self.words.get(pid, ()):
                holding[w].append(pid)
        order = sorted(pids, key=lambda p: (self.weight(p), p))
        rank = {p: n for n, p in enumerate(order)}
        pairs: list[tuple[str, str]] = []
        for a in order:
            total = self.weight(a)
            if not total:
                continue
            words = sorted(self.words.get(a, ()), key=lambda w: (-self.idf[w], w))
            left, seen = total, set()
            for w in words:
                if left < threshold * total:
                    break
                left -= self.idf[w]
                for b in holding[w]:
                    if rank[b] > rank[a] and b not in seen:
                        seen.add(b)
                        if self(a, b) >= threshold:
                            pairs.append((a, b) if a < b else (b, a))
        return sorted(pairs)

    def articles(self, a: str, b: str) -> float:
        """The cosine of the word vectors of the articles two passages stand in (1 within one article)."""
        doc_a, doc_b = sorted((PassageRef.parse(a).doc_id, PassageRef.parse(b).doc_id))
        if doc_a == doc_b:
            return 1.0
        if self._articles is None:
            counts: dict[str, Counter[str]] = defaultdict(Counter)
            for pid, words in self.words.items():
                counts[PassageRef.parse(pid).doc_id].update(words)
            self._articles = {d: {w: n * self.idf[w] for w, n in c.items()} for d, c in counts.items()}
        if (doc_a, doc_b) not in self._article_pairs:
            va, vb = self._articles.get(doc_a, {}), self._articles.get(doc_b, {})
            norm = math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))
            dot = sum(x * vb.get(w, 0.0) for w, x in va.items())
            self._article_pairs[(doc_a, doc_b)] = dot / norm if norm else 0.0
        return self._article_pairs[(doc_a, doc_b)]


# How a qualifier bounds the count it stands before; any other qualifier states the number itself.
_BOUNDS = {"at least": "min", "at most": "max", "up to": "max", "as many as": "max", "more than": "above",
           "over": "above", "just over": "above", "less than": "below", "fewer than": "below",
           "under": "below", "just under": "below", "nearly": "below", "almost": "below"}


def figures_agree(figures: Sequence[Figure]) -> bool:
    """Sources agree when every figure states the same number (and range) and one count fits them all.

    A figure without a qualifier, or with one of approximation ("about", "some"), states the number
    itself; "at least" and "at most" admit it; "more than", "over", "fewer than", "under", "nearly" and
    "almost" exclude it. So "at least 13" agrees with "13", and "more than 60" with "at least 60"; "nearly
    20" does not agree with "20", nor "more than 60" with "60" or with "fewer than 60".
    """
    if len({(f.value, f.high) for f in figures}) > 1:
        return False
    senses = {_BOUNDS.get((f.qualifier or "").replace("(range)", "").replace("range", "").strip(), "is")
              for f in figures}
    return not ("above" in senses and senses - {"above", "min"} or "below" in senses and senses - {"below", "max"})


def group_figures(figures: Sequence[Figure],
                  similarity: Similarity) -> tuple[list[Figure], list[FigureGroup]]:
    """Figures with their group key set, and the groups that hold figures from more than one passage.

    Within one measure (its `measure:unit class` key) two passages are linked when they are about the
    same thing (see `_linked`); the groups are the connected passages. Only pairs that can be linked are
    looked at: passages sharing enough rare words (`Similarity.close_pairs`) and passages stating the same
    count, whose links are tried once for each group already formed, so the work grows with the number
    of figures, not with its square.
    """
    by_key: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, f in enumerate(figures):
        by_key[f"{f.measure}:{unit_class(f)}"][f.passage_id].append(n)
    in_passage: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        in_passage[f.passage_id].append(f)
    groups = _Components()
    for key, passages in by_key.items():
        pids = sorted(passages)
        for a, b in similarity.close_pairs(pids, SAME_STORY):
            groups.union((key, a), (key, b))
    for bucket_key, bucket in _same_counts(figures):
        for key, passages in by_key.items():
            members = [p for p in bucket if p in passages]
            same_measure = key == bucket_key
            for x, a in enumerate(members):
                for b in members[:x]:  # a group already joined is not tried again
                    if groups.find((key, b)) != groups.find((key, a)) and _linked(a, b, same_measure, similarity):
                        groups.union((key, a), (key, b))
    clusters: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, f in enumerate(figures):
        clusters[groups.find((f"{f.measure}:{unit_class(f)}", f.passage_id))].append(n)
    keyed = list(figures)
    found: list[FigureGroup] = []
    for indices in clusters.values():
        first = figures[indices[0]]
        key = f"{first.measure}:{unit_class(first)}:{first.passage_id}"
        for n in indices:
            f = figures[n]
            keyed[n] = Figure(f.value, f.high, f.phrase, f.qualifier, f.unit, f.measure, f.quote, f.doc_id,
                              f.paragraph, key)
        if len({figures[n].passage_id for n in indices}) > 1:
            group = tuple(keyed[n] for n in indices)
            found.append(FigureGroup(key, _label(group, in_passage), group, figures_agree(group)))
    return keyed, found


class _Components:
    """Union-find over (measure key, passage id) nodes; the smaller root joins the larger one's."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        """The root of a node's component."""
        parent = self.parent
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        """Join the components of two nodes."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _linked(a: str, b: str, same_measure: bool, similarity: Similarity) -> bool:
    """Two passages stating the same count are about the same thing when their articles are on the same
    story and, for figures of another measure than the shared count's, the passages are somewhat close
    (a toll of 60 in a flood and one of 60 in an attack are two things).
    """
    if similarity.articles(a, b) < SAME_ARTICLE_STORY:
        return False
    return same_measure or similarity(a, b) >= SAME_FIGURE_STORY


def _same_counts(figures: Sequence[Figure]) -> list[tuple[str, list[str]]]:
    """Passages stating the same count of one measure (`_same_count`), as (measure key, passage ids)
    buckets: one for each stated value, a range holding every value inside it.
    """
    points: dict[tuple[str, float], list[str]] = defaultdict(list)
    ranges: list[Figure] = []
    for f in figures:
        if f.value < 3:
            continue
        if f.high is None:
            points[(f"{f.measure}:{unit_class(f)}", f.value)].append(f.passage_id)
        else:
            ranges.append(f)
    for f in ranges:
        key = f"{f.measure}:{unit_class(f)}"
        for (k, value), pids in points.items():
            if k == key and f.value <= value <= (f.high or f.value):
                pids.append(f.passage_id)
        points[(key, f.value)].append(f.passage_id)
    return [(key, list(dict.fromkeys(pids))) for (key, _), pids in sorted(points.items()) if len(set(pids)) > 1]


def _same_count(a: Figure, b: Figure) -> bool:
    """The same measure of the same thing with the same value, or a value inside the other's range."""
    if a.measure != b.measure or unit_class(a) != unit_class(b) or a.value < 3 or b.value < 3:
        return False
    lo_a, hi_a = a.value, a.high or a.value
    lo_b, hi_b = b.value, b.high or b.value
    return lo_a <= hi_b and lo_b <= hi_a


# Months and weekdays date a story; they do not say what it is about.
_CALENDAR = MONTH_NAMES | WEEKDAY_NAMES
# Words of reporting and estimating say how a count is known, not what happened to what it counts.
_REPORTING = frozenset("reported stated added noted quoted confirmed believed".split()) | {
    w for q in QUALIFIERS for w in q.split()}
_PARTICIPLE = re.compile(r"\b[a-z]{3,}ed\b")
_POSSESSIVE = re.compile(r"['’]s$")


def _label(group: Sequence[Figure], in_passage: dict[str, list[Figure]]) -> str:
    """What a group measures: the name its sentences share, what is counted and what happened to it.

    "ISIS-K: fighters", "Kabul: Afghans killed", "Dornfeld: people evacuated". The name is the one in
    the sentences of the most passages of the group (at least two, and more than half), being neither
    part of a figure's own phrase ("13 U.S. service members") nor a month or weekday. What is counted is
    the noun the phrases give most often, else the class of the unit ("people"); deaths with no noun
    are "deaths". What happened is the measure (killed, injured) or, for other counts, the -ed verb the
    sentences of most passages share ("trapped"), verbs of reporting and estimating aside.
    """
    quotes: dict[str, set[str]] = defaultdict(set)
    for f in group:
        quotes[f.passage_id].add(f.quote)
    topic = _most_shared([_names(sorted(qs), in_passage[pid]) for pid, qs in quotes.items()])
    counted = _counted(group)
    if group[0].measure == "killed" or group[0].measure == "injured":
        happened = group[0].measure if counted != "deaths" else ""
    else:
        happened = _most_shared([[w for q in sorted(qs) for w in _PARTICIPLE.findall(q) if w not in _REPORTING]
                                 for qs in quotes.values()])
    what = " ".join(w for w in (counted, happened) if w)
    return f"{topic}: {what}" if topic else what


def _key(word: str) -> str:
    return word.replace(".", "").casefold()


def _most_shared(found: list[list[str]]) -> str:
    """The item most of the lists hold (at least two, more than half), the earliest seen on a tie."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for items in found:
        for item in dict.fromkeys(_key(i) for i in items):
            counts[item] += 1
        for item in items:
            shown.setdefault(_key(item), item)
    if not counts:
        return ""
    key, n = counts.most_common(1)[0]
    return shown[key] if n >= 2 and n * 2 > len(found) else ""


def _names(quotes: list[str], figures: list[Figure]) -> list[str]:
    """The names (runs of capitalised words) of a passage's sentences, in reading order.

    A sentence's first word is a name only as an acronym ("ISIS-K") or with a name after it; a word of a
    figure's phrase ("U.S." of "13 U.S. service members") is none.
    """
    own = {_key(w) for f in figures for w in NAME_TOKEN.findall(f.phrase)}
    names: list[str] = []
    for quote in quotes:
        tokens = NAME_TOKEN.findall(quote)
        flags = [_name_word(t, own) for t in tokens]
        if flags and flags[0] and not _acronym(tokens[0]) and flags[1:2] != [True]:
            flags[0] = False
        run: list[str] = []
        for token, flag in zip(tokens + [""], flags + [False], strict=True):
            if flag:
                run.append(_POSSESSIVE.sub("", token))
            if run and (not flag or _POSSESSIVE.search(token)):  # "ISIS-K's Kabul airport": two names
                names.append(" ".join(run))
                run = []
    return names


def _name_word(token: str, own: set[str]) -> bool:
    word = _key(_POSSESSIVE.sub("", token))
    return token[:1].isupper() and word not in STOPWORDS and word not in own and word not in _CALENDAR


def _acronym(word: str) -> bool:
    """A word with capitals after its first letter: ISIS-K, SCO, U.S."""
    return any(c.isupper() for c in word[1:])


def _counted(group: Sequence[Figure]) -> str:
    """What a group's figures count: the noun their phrases give most often, else the unit's class."""
    first = group[0]
    if first.measure == "money":
        return "money (US$)" if first.unit == "USD" else f"money ({first.unit})"
    if first.measure in ("percent", "years"):
        return first.measure
    nouns = [n for n in (_noun_of(f) for f in group) if n]
    if nouns:
        counts = Counter(_key(n) for n in nouns)
        best = counts.most_common(1)[0][0]
        return next(n for n in nouns if _key(n) == best)
    if first.measure == "killed":
        return "deaths"
    cls = unit_class(first)
    return cls if cls != "things" else ""


def _noun_of(figure: Figure) -> str:
    """The words of a figure's phrase after its number ("U.S. service members"); its unit when the
    phrase ends at the number ("number of miners … 31", "death toll at 42").
    """
    words = re.sub(r"(?<=\d)-", " ", figure.phrase).split()
    if not words or _number_word(words[-1]):
        return figure.unit
    while words and (_number_word(words[0]) or _key(words[0]) in _REPORTING or _key(words[0]) in _LEADING):
        words = words[1:]
    return " ".join(words)


# Words between a number and what it counts: "about 1,300 of fighters", "two more bodies", "2,000 to 3,000".
_LEADING = frozenset({"of", "more", "other", "to"})


def _number_word(word: str) -> bool:
    return any(c.isdigit() for c in word) or _key(word) in NUMBER_WORDS
