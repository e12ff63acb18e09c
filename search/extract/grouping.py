"""Grouping figures that measure the same thing, and telling which passages are about the same thing.

Two figures are one measurement when they count the same kind of thing the same way (deaths of troops,
strength in fighters, years of war) and their passages are about the same thing: their content words,
weighted by rarity in the corpus, overlap by at least SAME_STORY of the smaller passage's weight. The
threshold was read from the bundled articles, where passages on one attack share 0.3 or more and
passages on different attacks under 0.2.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import Stemmer

from search.extract.figures import unit_class
from search.extract.models import Figure, FigureGroup
from search.text import STOPWORDS

SAME_STORY = 0.25
# Passages that state the same count of the same thing ("13 U.S. service members" killed) need less
# overlap to be one story: the shared figure is evidence of its own. 0.1 still keeps apart the bundled
# passages on different attacks that share a word or two.
SAME_FIGURE_STORY = 0.1
_WORD = re.compile(r"[^\W\d_][\w'’-]+")
_stem = Stemmer.Stemmer("english").stemWord


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a text, without function words or numbers."""
    return frozenset(_stem(w.casefold()) for w in _WORD.findall(text) if w.casefold() not in STOPWORDS)


def rarity(holding: int, passages: int) -> float:
    """The weight of a word (or actor) found in `holding` of `passages` passages: rarer weighs more."""
    return math.log(1 + passages / max(holding, 1))


class Similarity:
    """Rarity-weighted overlap of the content words of passages."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.words = {pid: content_words(t) for pid, t in texts.items()}
        df = Counter(w for words in self.words.values() for w in words)
        self.passages = max(len(self.words), 1)
        self.idf = {w: rarity(c, self.passages) for w, c in df.items()}

    def __call__(self, a: str, b: str) -> float:
        """Shared weight of two passages over the weight of the smaller one (0 when either is unknown)."""
        wa, wb = self.words.get(a, frozenset()), self.words.get(b, frozenset())
        smaller = min(sum(self.idf[w] for w in wa), sum(self.idf[w] for w in wb))
        return sum(self.idf[w] for w in wa & wb) / smaller if smaller else 0.0


def group_figures(figures: Sequence[Figure],
                  similarity: Similarity) -> tuple[list[Figure], list[FigureGroup]]:
    """Figures with their group key set, and the groups that hold figures from more than one passage."""
    by_key: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, f in enumerate(figures):
        by_key[f"{f.measure}:{unit_class(f)}"][f.passage_id].append(n)
    in_passage: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        in_passage[f.passage_id].append(f)
    parent = list(range(len(figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: dict[tuple[str, str], bool] = {}
    for passages in by_key.values():
        pids = sorted(passages)
        for x, a in enumerate(pids):
            for b in pids[x + 1:]:
                if (a, b) not in links:
                    links[(a, b)] = _same_story(a, b, in_passage, similarity)
                if links[(a, b)]:
                    for i in passages[a] + passages[b]:
                        parent[find(i)] = find(passages[a][0])
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(figures)):
        clusters[find(n)].append(n)
    keyed = list(figures)
    groups = []
    for members in clusters.values():
        first = figures[members[0]]
        key = f"{first.measure}:{unit_class(first)}:{first.passage_id}"
        for n in members:
            f = figures[n]
            keyed[n] = Figure(f.value, f.high, f.phrase, f.qualifier, f.unit, f.measure, f.quote, f.doc_id,
                              f.paragraph, key)
        if len({figures[n].passage_id for n in members}) > 1:
            groups.append(FigureGroup(key, _label(first), tuple(keyed[n] for n in members)))
    return keyed, groups


def _same_story(a: str, b: str, in_passage: dict[str, list[Figure]], similarity: Similarity) -> bool:
    """Two passages are about the same thing: close in words, or sharing a figure and somewhat close."""
    sim = similarity(a, b)
    if sim >= SAME_STORY:
        return True
    shared = any(_same_count(fa, fb) for fa in in_passage[a] for fb in in_passage[b])
    return sim >= SAME_FIGURE_STORY and shared


def _same_count(a: Figure, b: Figure) -> bool:
    """The same measure of the same thing with the same value, or a value inside the other's range."""
    if a.measure != b.measure or unit_class(a) != unit_class(b) or a.value < 3 or b.value < 3:
        return False
    lo_a, hi_a = a.value, a.high or a.value
    lo_b, hi_b = b.value, b.high or b.value
    return lo_a <= hi_b and lo_b <= hi_a


def _label(figure: Figure) -> str:
    cls = unit_class(figure)
    if figure.measure == "killed":
        return f"{cls} killed"
    if figure.measure == "injured":
        return f"{cls} injured"
    if figure.measure == "years":
        return "years"
    if figure.measure == "money":
        return "money (US$)"
    return cls
