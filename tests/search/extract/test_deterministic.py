"""The same corpus gives the same actors, figures and timeline in every process, whatever the hash seed."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import sys
from dataclasses import replace
from pathlib import Path
from search.aliases import AliasTable
from search.corpus import load_folder
from search.extract import Gazetteer, extract
docs = [d for folder in sys.argv[1:] for d in load_folder(Path(folder)).documents]
aliases = AliasTable.from_toml(Path("config/aliases.toml"))
result = extract(docs, aliases, Gazetteer.from_toml(Path("config/states.toml")))
print(repr(replace(result, seconds=0.0)))
"""


def _extract(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    folders = [str(ROOT / "seeds"), str(ROOT / "tests" / "fixtures" / "flood")]
    return subprocess.run([sys.executable, "-c", SCRIPT, *folders], capture_output=True, text=True, check=True,
                          env=env, cwd=ROOT, timeout=300).stdout


def test_two_hash_seeds_give_the_same_extraction():
    first, second = _extract("1"), _extract("2")
    assert first and first == second
