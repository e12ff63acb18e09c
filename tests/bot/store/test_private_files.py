"""The database is one instance under any name, and only its owner can read it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.errors import InstanceLocked
from bot.store.lock import InstanceLock
from bot.store.store import Store
from tests.bot.process.test_run import PROJECT, WAIT, Dossier
from tests.bot.reload_helpers import corpus_a, write_corpus


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("alias", ["link", "linked folder", "dotted"])
def test_a_second_name_of_the_database_meets_the_same_lock(tmp_path, alias):
    database = tmp_path / "var" / "d.sqlite3"
    database.parent.mkdir()
    database.touch()
    if alias == "link":
        other = tmp_path / "alias.sqlite3"
        other.symlink_to(database)
    elif alias == "linked folder":
        (tmp_path / "elsewhere").symlink_to(database.parent, target_is_directory=True)
        other = tmp_path / "elsewhere" / "d.sqlite3"
    else:
        other = tmp_path / "var" / "." / ".." / "var" / "d.sqlite3"
    with InstanceLock(database):
        with pytest.raises(InstanceLocked, match="already running"):
            InstanceLock(other).acquire()
        assert InstanceLock(other).holder() == os.getpid()


def test_a_second_dossier_run_on_a_linked_database_name_is_refused(tmp_path):
    write_corpus(tmp_path / "corpus", corpus_a())
    (tmp_path / "alias.sqlite3").symlink_to(tmp_path / "dossier.sqlite3")
    run = Dossier(tmp_path, "run", env={"DOSSIER_WEB_PORT": "0"})
    try:
        run.wait_for("Dossier is running")
        env = {**os.environ, "DOSSIER_CORPUS_DIR": str(tmp_path / "corpus"),
               "DOSSIER_DATABASE_PATH": str(tmp_path / "alias.sqlite3"), "DOSSIER_WEB_PORT": "0"}
        second = subprocess.run([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env, text=True,
                                stdin=subprocess.DEVNULL, capture_output=True, timeout=WAIT)
        assert second.returncode == 1 and "already running" in second.stderr
    finally:
        assert run.stop() == 0


async def test_database_wal_shm_lock_are_0600_and_new_folders_0700(tmp_path, usual_umask):
    database = tmp_path / "var" / "deep" / "d.sqlite3"
    existing = mode(tmp_path)
    with InstanceLock(database) as lock:
        store = await Store.open(database)
        try:
            await store.audit("admin", "reload", True, "ok")
            files = [database, database.with_name("d.sqlite3-wal"), database.with_name("d.sqlite3-shm"), lock.path]
            assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
            assert (mode(tmp_path / "var"), mode(tmp_path / "var" / "deep")) == (0o700, 0o700)
        finally:
            await store.close()
    assert mode(tmp_path) == existing  # a folder that existed keeps the mode it had


async def test_an_existing_world_readable_database_is_narrowed(tmp_path, usual_umask):
    database = tmp_path / "d.sqlite3"
    store = await Store.open(database)
    await store.close()
    database.chmod(0o644)
    folder_mode = mode(tmp_path)
    store = await Store.open(database)
    try:
        assert mode(database) == 0o600 and mode(database.with_name("d.sqlite3-wal")) == 0o600
        assert mode(tmp_path) == folder_mode
    finally:
        await store.close()
