import os

import pytest

from bot.errors import InstanceLocked
from bot.store.lock import InstanceLock, lock_path


def test_a_second_lock_on_the_same_database_is_refused_with_the_owner_pid(tmp_path):
    database = tmp_path / "var" / "d.sqlite3"
    first = InstanceLock(database)
    first.acquire()
    try:
        assert lock_path(database).read_text().strip() == str(os.getpid())
        other = InstanceLock(database)
        assert other.holder() == os.getpid()
        with pytest.raises(InstanceLocked, match=f"already running on {database}.*pid {os.getpid()}"):
            other.acquire()
    finally:
        first.release()
    assert InstanceLock(database).holder() is None
    with InstanceLock(database):  # free again once released
        pass


def test_locks_of_different_databases_are_independent(tmp_path):
    with InstanceLock(tmp_path / "a.sqlite3"), InstanceLock(tmp_path / "b.sqlite3"):
        pass
