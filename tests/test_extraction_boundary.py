"""search/extract is plain Python: no platform, store, settings or heavy NLP imports."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_THIRD_PARTY = {"Stemmer"}


def test_extraction_imports_only_the_standard_library_search_and_the_stemmer():
    import sys
    for path in (ROOT / "search" / "extract").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            for name in names:
                assert name in sys.stdlib_module_names or name == "search" or name in ALLOWED_THIRD_PARTY, \
                    f"{path.name} imports {name}"
