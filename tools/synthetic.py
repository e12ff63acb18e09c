"""Deterministic synthetic corpora for the benchmark and the responsiveness test.

Each passage is one to three sentences of the bundled seed articles followed by a sentence of
made-up words. The made-up words are drawn from a pool that grows with the passage's position, so
the vocabulary grows with the corpus the way years of coverage add names; the seed sentences keep
the common words, their frequencies and the bundled questions meaningful at any size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from search.corpus import load_folder
from search.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = 8  # the random seed: every run builds the same corpora
PASSAGES_PER_FILE = 100  # paragraphs in each written article file

_SYLLABLES = ("ka", "lo", "mi", "ru", "te", "va", "zo", "ne", "shi", "pa", "dor", "bel", "qu", "xi", "fen",
              "gar", "hul", "jo", "wen", "yas")
_CONNECTIVES = ("met", "visited", "left", "criticised", "praised", "questioned", "warned", "joined")


def seed_sentences(folder: Path = SEEDS) -> list[str]:
    """Every sentence of the seed corpus's passages, in order."""
    out = []
    for passage in load_folder(folder).passages:
        out.extend(passage.text[s:e] for s, e in split_sentences(passage.text))
    return out


def made_up_word(n: int) -> str:
    """The n-th made-up word: its number written in syllables, at least two of them."""
    n += len(_SYLLABLES)
    parts = []
    while n:
        n, digit = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(reversed(parts))


def passages(count: int, seed: int = SEED) -> Iterator[str]:
    """`count` passage texts; the same count and seed always give the same texts."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    for i in range(count):
        picked = [sentences[rng.randrange(len(sentences))] for _ in range(rng.randint(1, 3))]
        pool = i // 4 + 50  # the made-up vocabulary grows with the corpus
        a, b, c = (made_up_word(int(pool * rng.random() ** 2)) for _ in range(3))
        tail = f"{a.capitalize()} {rng.choice(_CONNECTIVES)} {b.capitalize()} in {c.capitalize()}."
        yield " ".join([*picked, tail])


def write_article(folder: Path, number: int, seed: int = SEED) -> Path:
    """One more article file of PASSAGES_PER_FILE paragraphs, as a newsroom adds one to the folder."""
    body = "\n\n".join(passages(PASSAGES_PER_FILE, seed + number))
    path = folder / f"article_{number:06d}.txt"
    path.write_text(f"Dispatch {number + 1}: {made_up_word(number).capitalize()} report\n\n{body}\n", encoding="utf-8")
    return path


def write_folder(folder: Path, count: int, seed: int = SEED) -> int:
    """Write `count` passages as article files of PASSAGES_PER_FILE paragraphs; returns files written."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = passages(count, seed)
    files = 0
    remaining = count
    while remaining > 0:
        n = min(PASSAGES_PER_FILE, remaining)
        body = "\n\n".join(next(texts) for _ in range(n))
        title = f"Dispatch {files + 1}: {made_up_word(files).capitalize()} report"
        (folder / f"article_{files:06d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        files += 1
        remaining -= n
    return files
