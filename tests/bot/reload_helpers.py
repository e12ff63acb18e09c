"""Corpora and settings written to tmp_path for the store and reload tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.settings import Settings

TOPICS = ("convoy", "harvest", "bridge", "election", "flood", "school", "market", "hospital")


def article(n: int, tag: str, paragraphs: int = 3) -> str:
    """A small article about one topic; `tag` makes versions differ in text."""
    topic = TOPICS[n % len(TOPICS)]
    body = [f"The {topic} report {tag} says officials in Kabul counted {1000 + n} people on day {i}, and the "
            f"{topic} committee met again to discuss the road north." for i in range(1, paragraphs + 1)]
    return f"The {topic.title()} Story Number {n}\n\n" + "\n\n".join(body) + "\n"


def corpus_a() -> dict[str, str]:
    """Three articles."""
    return {f"doc{n}.txt": article(n, "alpha") for n in range(3)}


def corpus_b() -> dict[str, str]:
    """corpus_a with doc1 rewritten longer, doc2 removed and doc3 added."""
    return {"doc0.txt": article(0, "alpha"), "doc1.txt": article(1, "beta", paragraphs=5),
            "doc3.txt": article(3, "beta")}


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Make folder hold exactly these files."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def settings_for(tmp_path: Path, **changes: object) -> Settings:
    """Settings over tmp_path/corpus and tmp_path/dossier.sqlite3, with the project's aliases."""
    values: dict[str, object] = {"corpus_dir": tmp_path / "corpus",
                                 "database_path": tmp_path / "dossier.sqlite3"}
    values.update(changes)
    return Settings(**values)

