"""General English word lists and the one stemmer: what a word says, and the index terms it becomes."""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from search.lexicon.tokens import CONTENT_WORD, number_key

# English function words and question words: they say nothing about what a passage is about.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren as at be because been before being
    below between both but by can cannot could couldn did didn do does doesn doing don dont down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself his how i
    if in into is isn it its itself just let me more most mustn my myself no nor not now of off on once only
    or other ought our ours ourselves out over own same shan she should shouldn so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was
    wasn we were weren us what when where which while who whom whose why will with won would wouldn you your
    yours yourself yourselves also many much does tell me please according""".split()
)
# Abbreviations whose full stop ends no sentence: titles before a name ("Sen. Halvard Moe"), company
# suffixes, Latin shorthand.
ABBREVIATIONS = frozenset("""mr mrs ms dr prof gen col lt sgt st jr sr vs no inc corp co ltd u.s u.n e.g i.e
sen rep gov capt cmdr adm maj brig pres supt insp det cpl pvt rev fr hon atty amb""".split())

# The English Snowball stemmer, one instance for the index, the questions and extraction.
stem = Stemmer.Stemmer("english").stemWord


@lru_cache(maxsize=200_000)
def word_terms(lower: str) -> tuple[str, ...]:
    """Index terms for one case-folded word (see `tokens.fold_token`) that is not an alias."""
    if lower[0].isdigit():
        return (number_key(lower),)
    if lower.endswith("'s"):
        lower = lower[:-2]
    lower = lower.replace("'", "")
    if "-" not in lower:
        if lower in STOPWORDS or not lower:
            return ()
        return (stem(lower),)
    parts = [p for p in lower.split("-") if p]
    # A hyphenated word is indexed whole (joined, so counter-terrorism meets counterterrorism)
    # and by its meaningful parts (so over-the-horizon also meets horizon).
    terms = [stem("".join(parts))]
    for part in parts:
        if part in STOPWORDS or (len(part) == 1 and not part.isdigit()):
            continue
        term = number_key(part) if part[0].isdigit() else stem(part)
        if term not in terms:
            terms.append(term)
    return tuple(terms)


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a text, without function words or numbers."""
    return frozenset(stem(w.casefold()) for w in CONTENT_WORD.findall(text) if w.casefold() not in STOPWORDS)
