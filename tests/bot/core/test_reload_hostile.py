"""A reload over a hostile folder: unreadable subfolders and links refuse it, naming the entry."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.build import build_corpus
from bot.core.reload import prepare_reload
from bot.core.report import render_report
from bot.errors import ReloadRefused
from tests.bot.reload_helpers import corpus_a, write_corpus
from tests.unprivileged import shared_folder, unprivileged


def _build(folder: Path, follow_links: bool = False):
    return build_corpus(folder, None, None, 5_000_000, follow_links=follow_links)


def _reload(folder: Path, old) -> tuple[bool, str]:
    """The reload of folder over old, as (applied, report text): plain data, to cross a process boundary."""
    try:
        report, _ = asyncio.run(prepare_reload(old, None, "admin", False, lambda: _build(folder)))
    except ReloadRefused as refused:
        return False, render_report(refused.report)
    return True, render_report(report)


def test_an_unreadable_subfolder_refuses_the_reload_and_is_named():
    with shared_folder() as base:
        folder = write_corpus(base / "corpus", {**corpus_a(), "sub/x.txt": corpus_a()["doc0.txt"]})
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        old = _build(folder)
        assert "sub/x.txt" in [d.path for d in old.documents]
        (folder / "sub").chmod(0)
        applied, text = unprivileged(lambda: _reload(folder, old))
    assert not applied
    assert "1 file(s) could not be read" in text
    assert "! sub/: folder cannot be read (Permission denied)" in text
    assert "- sub/x.txt" in text  # what a forced reload would remove, shown, not applied


@pytest.mark.parametrize("target", ["/etc/passwd", "outside.txt"])
def test_a_link_out_of_the_folder_refuses_the_reload_and_is_named(tmp_path, target):
    folder = write_corpus(tmp_path / "corpus", corpus_a())
    old = _build(folder)
    (tmp_path / "outside.txt").write_text("Private memo\n\nThe admin password is hunter2, said the memo.\n")
    (folder / "notes.txt").symlink_to(tmp_path / target if target == "outside.txt" else target)
    applied, text = _reload(folder, old)
    assert not applied
    assert "! notes.txt: is a symbolic link to a path outside the corpus folder" in text
