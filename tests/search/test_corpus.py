"""Loading a corpus folder: unusable files are skipped with a reason, ids stay put across loads."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from search.corpus import CorpusData, load_folder

ARTICLE = (
    "Taliban Step Up Raids On ISIS-K Hideouts\n\n"
    "The Taliban said on Monday that its fighters had raided three ISIS-K hideouts in Nangarhar.\n\n"
    "A spokesman said dozens of suspects were detained during the operation in the east.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def reasons(corpus: CorpusData) -> dict[str, str]:
    return {s.path: s.reason for s in corpus.report.skipped}


def ids(corpus: CorpusData) -> list[tuple[str, str]]:
    return [(p.passage_id, p.text) for p in corpus.passages]


def test_seeds_load_five_documents_and_skip_nothing(seed_corpus):
    assert len(seed_corpus.documents) == 5
    assert seed_corpus.report.skipped == ()
    assert seed_corpus.report.warnings == ()


def test_manifest_fields_reach_the_source(seed_corpus):
    source = next(d.source for d in seed_corpus.documents if d.path.startswith("002_"))
    assert (source.title, source.outlet, source.published) == (
        "Afghan Taliban ready to help US in countering IS: report", "Dawn", date(2023, 4, 25))


@pytest.mark.parametrize("name, content, reason_words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\n\t\n", "empty"),
    ("latin1.txt", "Café owners in Kabul said the Taliban closed their shops.".encode("latin-1"), "UTF-8"),
    ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00Taliban" * 20, "binary"),
    ("huge.txt", ("The Taliban said more. " * 200).encode(), "limit"),
    ("only-a-headline.txt", b"Just A Headline Here\n", "no article text"),
], ids=["empty", "whitespace", "non-utf8", "nul-bytes", "over-size", "no-text"])
def test_unusable_file_is_skipped_with_a_reason_and_the_rest_load(tmp_path, name, content, reason_words):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, name, content)
    corpus = load_folder(tmp_path, max_file_bytes=2_000)
    assert reason_words.casefold() in reasons(corpus)[name].casefold()
    assert corpus.report.loaded == ("good.txt",)
    assert [d.path for d in corpus.documents] == ["good.txt"]
    assert not corpus.report.ok


def test_every_bad_file_is_named_once(tmp_path):
    write(tmp_path, "a-good.txt", ARTICLE)
    write(tmp_path, "b-empty.txt", b"")
    write(tmp_path, "c-binary.md", b"\x00\x01\x02")
    write(tmp_path, "sub/d-latin1.txt", "caf\xe9 au lait".encode("latin-1"))
    write(tmp_path, "e-good.md", ARTICLE)
    corpus = load_folder(tmp_path)
    assert sorted(reasons(corpus)) == ["b-empty.txt", "c-binary.md", "sub/d-latin1.txt"]
    assert corpus.report.loaded == ("a-good.txt", "e-good.md")


def test_other_suffixes_and_hidden_files_are_not_documents(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "notes.docx", ARTICLE)
    write(tmp_path, ".draft.txt", ARTICLE)
    write(tmp_path, ".cache/old.txt", ARTICLE)
    corpus = load_folder(tmp_path)
    assert corpus.report.loaded == ("good.txt",)
    assert corpus.report.skipped == ()


def test_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_folder(tmp_path / "nowhere")


@pytest.mark.parametrize("manifest", [
    "[[source]\nfile = 'good.txt'\n",
    "source = 5\n",
    "[[source]]\nfile = 7\n",
    "[[source]]\nfile = 'good.txt'\ntitle = 5\n",
    "[[source]]\nfile = 'good.txt'\noutlet = ['Dawn']\npublished = 'yesterday'\n",
    b"\xff\xfe[[source]]",
], ids=["bad-toml", "source-not-a-list", "file-not-a-string", "title-not-a-string", "wrong-types", "not-utf8"])
def test_broken_manifest_is_a_warning_not_a_failure(tmp_path, manifest):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "sources.toml", manifest)
    corpus = load_folder(tmp_path)
    assert corpus.report.warnings
    assert all("sources.toml" in w for w in corpus.report.warnings)
    (doc,) = corpus.documents
    assert doc.source.title == "Taliban Step Up Raids On ISIS-K Hideouts"
    assert doc.source.outlet is None and doc.source.published is None


def test_manifest_entry_for_a_missing_file_is_a_warning(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "sources.toml", "[[source]]\nfile = 'gone.txt'\ntitle = 'Gone'\n")
    corpus = load_folder(tmp_path)
    assert any("gone.txt" in w for w in corpus.report.warnings)
    assert corpus.report.loaded == ("good.txt",)


def test_only_http_urls_become_links(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "sources.toml", "[[source]]\nfile = 'a.txt'\nurl = 'https://example.org/raids'\n"
                                    "[[source]]\nfile = 'b.txt'\nurl = 'javascript:alert(1)'\n")
    a, b = load_folder(tmp_path).documents
    assert (a.source.url, b.source.url) == ("https://example.org/raids", None)


def test_passage_ids_are_identical_across_two_loads(seeds_dir, tmp_path):
    shutil.copytree(seeds_dir, tmp_path / "corpus")
    first, second = load_folder(tmp_path / "corpus"), load_folder(tmp_path / "corpus")
    assert ids(first) == ids(second)
    assert first.content_hash == second.content_hash
    assert len({p.passage_id for p in first.passages}) == len(first.passages)


def test_adding_a_file_keeps_the_ids_of_unchanged_documents(seeds_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    before = load_folder(folder)
    write(folder, "0000_first.txt", ARTICLE)
    write(folder, "zzz/last.md", ARTICLE)
    after = load_folder(folder)
    assert set(ids(before)) < set(ids(after))
    assert {d.path: d.doc_id for d in before.documents}.items() <= {d.path: d.doc_id for d in after.documents}.items()
    assert after.content_hash != before.content_hash


def test_doc_id_is_the_file_name_without_extension(tmp_path):
    write(tmp_path, "raids-2021.txt", ARTICLE)
    write(tmp_path, "notes/kabul report.md", ARTICLE)
    assert [d.doc_id for d in load_folder(tmp_path).documents] == ["notes-kabul-report", "raids-2021"]


def test_headings_stay_in_the_document_but_are_not_passages(seed_corpus):
    document = next(d for d in seed_corpus.documents if d.path.startswith("000_"))
    headings = [p.number for p in document.paragraphs if p.kind.value == "heading"]
    numbers = [p.paragraph for p in seed_corpus.passages if p.doc_id == document.doc_id]
    assert headings and not set(headings) & set(numbers)
    assert sorted(set(headings) | set(numbers)) == list(range(1, len(document.paragraphs) + 1))
