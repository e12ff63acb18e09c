"""The fast paths give exactly what the plain definitions give: ranking, tokens, date and count tests."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from search.aliases import AliasTable
from search.corpus import load_folder
from search.index import CONTEXT_WEIGHT, KIND_WEIGHT, Index
from search.intent import _COUNT, _DATE, INTENT_BOOST, Intent, has_date, has_quantity
from search.lexicon.tokens import TOKEN, normalize, raw_tokens
from search.models import Passage, PassageKind
from search.text import Analyzer

REPO = Path(__file__).resolve().parents[2]
ODD = ("May 5 may  5 May. 12 Sept\n3 in 1999 in\u00a02021 of 2020 since 1850 by 20x Monday MONDAY ſunday "
       "2,000 $5 US$5 BUS$5 uS$7 €3 £2 dozens ſcores hundreds THOUSANDS mıllions bİllions 12% 3 percent "
       "1999 4.5 today ſept K İ ı \u2003 \u200b \u00ad \x00 ’s U.S. ISIS-K counter-terrorism "
       "the United States Islamic State Khorasan x , . - 7 07 123 café ﬁ ① ² ٣").split(" ")


def odd_texts(n: int, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    pieces = [*ODD, " ", "  ", "\n", ".", ",", "-", "'"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [p.text for p in load_folder(REPO / "seeds").passages] + odd_texts(4000)


def test_raw_tokens_are_the_token_pattern_matches(texts) -> None:
    for text in texts:
        assert raw_tokens(normalize(text)) == TOKEN.findall(normalize(text))


def test_date_and_count_tests_agree_with_their_patterns(texts) -> None:
    for text in texts:
        assert has_date(text) == bool(_DATE.search(text)), text
        assert has_quantity(text) == any(
            not (m.group().strip().lstrip("$US€£").replace(",", "")[:4].isdigit()
                 and len(m.group().strip().lstrip("$US€£").replace(",", "")) == 4
                 and m.group().strip().lstrip("$US€£").replace(",", "")[:2] in ("18", "19", "20"))
            and not _after_month_plain(text, m.start())
            for m in _COUNT.finditer(text)), text


def _after_month_plain(text: str, end: int) -> bool:
    import re

    from search.intent import _MONTH_NAMES

    return bool(re.search(r"\b(?:" + _MONTH_NAMES + r")\.?\s+$", text[:end], re.IGNORECASE))


def test_repeated_analysis_gives_the_same_terms(texts) -> None:
    analyzer = Analyzer(AliasTable.from_toml(REPO / "config" / "aliases.toml"))
    first = [analyzer.terms(t) for t in texts]
    assert [analyzer.terms(t) for t in reversed(texts)] == first[::-1]
    assert ["@united-states"] == [t for t in analyzer.terms("the United States") if t.startswith("@")]


@pytest.fixture(scope="module")
def big_index() -> Index:
    """2,000 passages in 40 documents: seed paragraphs repeated (many exact ties) and captions."""
    seeds = [p.text for p in load_folder(REPO / "seeds").passages]
    rng = random.Random(3)
    texts = [rng.choice(seeds) + (" " + rng.choice(seeds) if i % 3 else "") for i in range(2000)]
    kinds = [PassageKind.CAPTION if i % 7 == 0 else PassageKind.BODY for i in range(2000)]
    passages = [Passage(f"doc{i // 50}", i % 50 + 1, text, kinds[i]) for i, text in enumerate(texts)]
    return Index.build(passages, Analyzer(AliasTable.from_toml(REPO / "config" / "aliases.toml")))


def brute_force(index: Index, question: str, k: int, doc_ids: list[str] | None) -> list[tuple[int, float]]:
    query = index.parse(question)
    own = index.matrix.scores(query.terms, query.expansion)
    passages = index.passages
    context = [max([own[j] for j in (i - 1, i + 1)
                    if 0 <= j < len(passages) and passages[j].doc_id == passages[i].doc_id] or [0.0])
               for i in range(len(passages))]
    scores = np.array([own[i] + CONTEXT_WEIGHT * context[i] if own[i] > 0 else 0.0 for i in range(len(passages))])
    scores = scores * np.array([KIND_WEIGHT[p.kind] for p in index.passages])
    flag = {Intent.QUANTITY: has_quantity, Intent.DATE: has_date}.get(query.intent)
    if flag is not None:
        scores = scores * np.where([flag(p.text) for p in index.passages], INTENT_BOOST, 1.0)
    if doc_ids is not None:
        scores = scores * np.array([p.doc_id in doc_ids for p in index.passages])
    ranked = sorted((i for i in range(scores.size) if scores[i] > 0), key=lambda i: (-scores[i], i))
    return [(i, round(float(scores[i]), 6)) for i in ranked[:k]]


QUESTIONS = ["How many fighters does ISIS-K have?", "When did the Taliban take Kabul?", "Taliban",
             "Biden vowed to strike ISIS-K", "US Taliban cooperation airport"]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("doc_ids", [None, ["doc3", "doc17", "doc39"]])
def test_search_ranks_as_scoring_every_passage_would(big_index, question, doc_ids) -> None:
    result = big_index.search(question, k=20, doc_ids=doc_ids)
    got = [(big_index.passages.index(h.passage), h.score) for h in result.hits + result.closest]
    assert got == brute_force(big_index, question, 20, doc_ids)


@pytest.mark.parametrize("text, dated", [
    ("The dam opened in March 2019.", True), ("on Aug. 14 the gates shut", True), ("in 2021", True),
    ("a Tuesday meeting", True), ("March 2019's report", True), ("May 12000 people", False),
    ("the March rally", False), ("2019 people marched", False),
])
def test_a_month_with_its_year_is_a_date(text, dated):
    assert has_date(text) is dated and bool(_DATE.search(text)) is dated
