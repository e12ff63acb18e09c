"""The bundled corpus's sources.toml states only what each article itself states, and all of it that a reader
needs: the outlet of every article, the headline of every article that prints one, the dates it prints.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from search.corpus import load_folder
from search.lexicon.dates import find_full_date

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ENTRIES = tomllib.loads((SEEDS / "sources.toml").read_text(encoding="utf-8"))["source"]


def text_of(entry: dict) -> str:
    return (SEEDS / entry["file"]).read_text(encoding="utf-8")


def test_there_is_one_entry_for_each_bundled_article():
    assert sorted(e["file"] for e in ENTRIES) == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"][:3])
def test_every_value_is_stated_by_the_article_itself(entry):
    text = text_of(entry)
    lines = text.splitlines()
    for field in ("title", "outlet", "author"):
        if field in entry:
            assert entry[field] in text, (field, entry[field])
    if "title" in entry:
        assert entry["title"] in lines  # a headline is a line of its own, not a phrase of the body
    for field in ("published", "page_date"):
        if field in entry:
            assert isinstance(entry[field], date)
            printed = [found[1] for line in lines if (found := find_full_date(line)) is not None]
            assert entry[field] in printed, (field, entry[field])
    if "url" in entry:
        assert entry["url"] in text


def test_every_article_names_its_outlet_and_the_one_with_a_publication_line_its_date():
    documents = {d.path: d.source for d in load_folder(SEEDS).documents}
    assert all(source.outlet for source in documents.values())
    dated = {path for path, source in documents.items() if source.published is not None}
    assert dated == {e["file"] for e in ENTRIES if "Published in" in text_of(e)}
