"""A hostile corpus folder: links, loops, huge and unreadable entries are named, never read through."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from search.corpus import load_folder
from search.folder import read_bounded
from tests.unprivileged import shared_folder, unprivileged

ARTICLE = (
    "Taliban Step Up Raids On ISIS-K Hideouts\n\n"
    "The Taliban said on Monday that its fighters had raided three ISIS-K hideouts in Nangarhar.\n\n"
    "A spokesman said dozens of suspects were detained during the operation in the east.\n"
)
SECRET = "Private memo\n\nThe admin password of the newsroom server is hunter2, said the memo.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "raid.txt").write_text(ARTICLE)
    return folder


def reasons(folder: Path, **options: bool) -> tuple[list[str], dict[str, str], str]:
    data = load_folder(folder, **options)
    text = " ".join(p.text for p in data.passages)
    return [d.path for d in data.documents], {s.path: s.reason for s in data.report.skipped}, text


def test_link_to_a_file_outside_the_folder_is_named_and_not_read(tmp_path):
    folder = corpus(tmp_path)
    (tmp_path / "memo.txt").write_text(SECRET)
    (folder / "memo.txt").symlink_to(tmp_path / "memo.txt")
    for follow in (False, True):
        loaded, skipped, text = reasons(folder, follow_links=follow)
        assert loaded == ["raid.txt"]
        assert "outside the corpus folder" in skipped["memo.txt"]
        assert "hunter2" not in text


def test_link_to_etc_passwd_is_named_and_not_read(tmp_path):
    folder = corpus(tmp_path)
    (folder / "notes.txt").symlink_to("/etc/passwd")
    loaded, skipped, text = reasons(folder, follow_links=True)
    assert loaded == ["raid.txt"]
    assert "outside the corpus folder" in skipped["notes.txt"]
    assert "root:" not in text


def test_link_to_a_folder_outside_is_named_and_not_walked(tmp_path):
    folder = corpus(tmp_path)
    private = tmp_path / "private"
    private.mkdir()
    (private / "memo.txt").write_text(SECRET)
    (folder / "more").symlink_to(private, target_is_directory=True)
    loaded, skipped, text = reasons(folder, follow_links=True)
    assert loaded == ["raid.txt"] and "outside" in skipped["more"] and "hunter2" not in text


def test_link_loop_and_dangling_link_are_named(tmp_path):
    folder = corpus(tmp_path)
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    for follow in (False, True):
        loaded, skipped, _ = reasons(folder, follow_links=follow)
        assert loaded == ["raid.txt"]
        assert "loop" in skipped["loop-a.txt"] and "loop" in skipped["loop-b.txt"]
        assert "dangling" in skipped["gone.txt"]


def test_links_inside_the_folder_are_followed_only_when_allowed(tmp_path):
    folder = corpus(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "story.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    (folder / "alias.txt").symlink_to(folder / "sub" / "story.txt")
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    loaded, skipped, _ = reasons(folder)
    assert loaded == ["raid.txt", "sub/story.txt"]
    assert "links are not followed" in skipped["alias.txt"] and "links are not followed" in skipped["sub/up"]
    loaded, skipped, _ = reasons(folder, follow_links=True)
    assert loaded == ["alias.txt", "raid.txt", "sub/story.txt"]
    assert list(skipped) == ["sub/up"] and "already read" in skipped["sub/up"]


def test_a_link_to_an_image_is_not_the_corpus_business(tmp_path):
    folder = corpus(tmp_path)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (folder / "photo.jpg").symlink_to(tmp_path / "photo.jpg")
    assert reasons(folder)[1] == {}


def test_manifest_through_a_link_is_ignored_with_a_warning(tmp_path):
    folder = corpus(tmp_path)
    (tmp_path / "elsewhere.toml").write_text('[[source]]\nfile = "raid.txt"\ntitle = "Planted title"\n')
    (folder / "sources.toml").symlink_to(tmp_path / "elsewhere.toml")
    data = load_folder(folder)
    assert data.documents[0].title != "Planted title"
    assert any("sources.toml" in w and "link" in w for w in data.report.warnings)


def test_a_pipe_named_like_an_article_is_named_without_blocking(tmp_path):
    folder = corpus(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    loaded, skipped, _ = reasons(folder)
    assert loaded == ["raid.txt"] and "not a regular file" in skipped["pipe.txt"]
    with pytest.raises(ValueError, match="not a regular file"):
        read_bounded(folder / "pipe.txt", 1000)


def test_sparse_file_over_the_limit_is_refused_in_bounded_time_and_memory(tmp_path):
    folder = corpus(tmp_path)
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(3 * 1024**3)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded, skipped, _ = reasons(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded == ["raid.txt"]
    assert skipped["huge.txt"] == "file is 3,221,225,472 bytes, over the 5,000,000-byte limit"
    assert time.perf_counter() - started < 2 and peak < 5_000_000


def test_read_bounded_reads_at_most_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    (tmp_path / "corpus").mkdir()
    assert read_bounded(path, 1000) == b"x" * 1000
    with pytest.raises(ValueError, match="1,000 bytes, over the 999-byte limit"):
        read_bounded(path, 999)
    with pytest.raises(ValueError, match="outside the corpus folder"):
        read_bounded(path, 1000, root=tmp_path / "corpus")


def _load_names(folder: Path) -> tuple[list[str], dict[str, str]]:
    data = load_folder(folder)
    return [d.path for d in data.documents], {s.path: s.reason for s in data.report.skipped}


def test_unreadable_subfolder_is_named_like_an_unreadable_file():
    with shared_folder() as base:
        folder = corpus(base)
        (folder / "sub").mkdir()
        (folder / "sub" / "x.txt").write_text(ARTICLE)
        (folder / "sub").chmod(0)
        loaded, skipped = unprivileged(lambda: _load_names(folder))
    assert loaded == ["raid.txt"]
    assert skipped == {"sub/": "folder cannot be read (Permission denied); its files were not loaded"}
