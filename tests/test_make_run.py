"""`make run`, as a fresh clone meets it: what running needs from requirements.lock, no test tools, no noise."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_installs_the_run_time_lock_only_and_prints_commands_not_comments():
    # --no-print-directory: under `make test` this runs as a sub-make, which would name its directory.
    planned = subprocess.run(["make", "--no-print-directory", "--dry-run", "--always-make", "run"], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    steps = planned.stdout.splitlines()
    assert any("-r requirements.lock" in s for s in steps)
    assert not any("requirements-dev.lock" in s or "playwright" in s or "pytest" in s for s in steps)
    assert not any(s.lstrip().startswith("#") for s in steps)
    assert steps[-1].endswith("dossier run")
    # The run-time lock holds no test or lint tool.
    pinned = {line.split("==")[0] for line in (REPO / "requirements.lock").read_text().splitlines()
              if "==" in line and not line.startswith(" ")}
    assert pinned.isdisjoint({"pytest", "pytest-asyncio", "playwright", "ruff", "mypy", "rank-bm25"})
