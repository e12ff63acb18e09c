"""The trained model is loaded for extraction only: `dossier ask` never imports spaCy."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import sys
from bot.cli.main import main
code = main(sys.argv[1:])
print("spacy" in sys.modules, code, file=sys.stderr)
"""


def _modules_after(*argv: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=True)
    return done.stderr.strip().splitlines()[-1]


def test_ask_answers_without_importing_spacy():
    assert _modules_after("ask", "how many fighters does ISIS-K have?") == "False 0"


def test_the_actors_list_loads_the_model():
    assert _modules_after("actors", "--json") == "True 0"
