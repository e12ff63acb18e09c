"""Extraction grows with the corpus, not with its square, and stays within its memory bound.

tools/extraction_scale.py extracts synthetic one-paragraph articles in a process of its own (the model
loaded before the clock starts) and prints the time and the process's peak memory for each size.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Four times the articles may take at most this many times as long: linear growth with room for a
# machine whose cores are shared (the quadratic grouping this guards against took 10 times as long).
LINEAR_SLACK = 5.0
PEAK_MB = 500


@pytest.fixture(scope="module")
def runs():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "extraction_scale.py"), "1000", "4000", "5000"],
                         capture_output=True, text=True, check=True, timeout=600, cwd=ROOT)
    return {r["documents"]: r for r in map(json.loads, out.stdout.splitlines())}


def test_four_times_the_articles_take_no_more_than_linear_time(runs):
    assert runs[4000]["seconds"] <= LINEAR_SLACK * runs[1000]["seconds"], runs


def test_five_thousand_articles_extract_within_the_memory_bound(runs):
    assert runs[5000]["peak_mb"] <= PEAK_MB, runs[5000]
