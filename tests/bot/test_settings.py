"""Settings: DOSSIER_* variables over the TOML file over defaults; a bad value stops start-up by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.cli.main import main
from bot.core.service import Service
from bot.errors import CorpusUnavailable
from bot.settings import Settings


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A TOML file of our own, named by DOSSIER_CONFIG."""
    path = tmp_path / "dossier.toml"
    path.write_text("top_k = 4\nsnippet_chars = 200\nmax_question_chars = 300\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_CONFIG", str(path))
    return path


def test_dossier_config_names_the_toml_file_to_read(config):
    settings = Settings()
    assert (settings.top_k, settings.snippet_chars, settings.max_question_chars) == (4, 200, 300)


def test_environment_variable_overrides_the_toml_file(config, monkeypatch):
    monkeypatch.setenv("DOSSIER_TOP_K", "7")
    settings = Settings()
    assert settings.top_k == 7
    assert settings.snippet_chars == 200


def test_fields_the_toml_file_leaves_out_keep_their_defaults(config):
    settings = Settings()
    assert settings.max_file_bytes == 5_000_000
    assert settings.corpus_dir.name == "seeds"


def test_relative_paths_fall_back_to_the_project_folder(tmp_path, monkeypatch, repo_root):
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.corpus_dir == repo_root / "seeds"
    assert settings.aliases_path == repo_root / "config" / "aliases.toml"


def test_relative_paths_are_taken_from_the_working_folder_first(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    assert Settings().corpus_dir.resolve() == (tmp_path / "seeds").resolve()


def test_paths_in_the_toml_file_are_used(config, tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    config.write_text(f'corpus_dir = "{corpus.as_posix()}"\ntop_k = 2\n', encoding="utf-8")
    settings = Settings()
    assert (settings.corpus_dir, settings.top_k) == (corpus, 2)


@pytest.mark.parametrize("field, value", [
    ("TOP_K", "abc"), ("TOP_K", "0"), ("TOP_K", "21"), ("SNIPPET_CHARS", "10"),
    ("MAX_QUESTION_CHARS", "1e9"), ("MAX_FILE_BYTES", "-5"),
])
def test_bad_environment_value_is_an_error_naming_the_field(monkeypatch, field, value):
    monkeypatch.setenv(f"DOSSIER_{field}", value)
    with pytest.raises(ValidationError) as caught:
        Settings()
    assert [e["loc"] for e in caught.value.errors()] == [(field.lower(),)]


def test_bad_toml_value_is_an_error_naming_the_field(config):
    config.write_text('top_k = "many"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        Settings()
    assert [e["loc"] for e in caught.value.errors()] == [("top_k",)]


def test_settings_reach_the_service(tmp_settings, seeds_dir):
    for path in seeds_dir.glob("00[01]_*.txt"):
        (tmp_settings.corpus_dir / path.name).write_bytes(path.read_bytes())
    service = Service.load(tmp_settings.model_copy(update={"top_k": 2, "snippet_chars": 120}))
    answer = service.ask_sync("ISIS-K fighters")
    assert len(answer.hits) == 2
    assert all(len(h.snippet.text.strip("… ")) <= 120 for h in answer.hits)
    assert len(service.sources()) == 2


def test_max_question_chars_caps_questions(tmp_settings, seeds_dir):
    (tmp_settings.corpus_dir / "a.txt").write_bytes(next(seeds_dir.glob("001_*.txt")).read_bytes())
    service = Service.load(tmp_settings.model_copy(update={"max_question_chars": 40}))
    answer = service.ask_sync("ISIS-K fighters in Afghanistan and what they want from the Taliban")
    assert len(answer.question) <= 40 and answer.notices


# --- the command line at start-up -----------------------------------------------------------------

CLI_RUNS = {"top-k-abc": {"args": ["ask", "ISIS-K"], "env": {"DOSSIER_TOP_K": "abc"}}}


def test_cli_bad_environment_value_exits_with_the_field_name(cli_runs):
    result = cli_runs["top-k-abc"].result()
    assert result.returncode != 0
    assert "top_k" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == b""


@pytest.mark.parametrize("content", ["top_k = \n", "[[[", b"top_k = 3\n\xff"],
                         ids=["missing-value", "broken-table", "not-utf8"])
def test_cli_unreadable_toml_file_exits_with_its_name(config, capsys, content):
    config.write_bytes(content.encode() if isinstance(content, str) else content)
    assert main(["ask", "ISIS-K"]) == 2
    err = capsys.readouterr().err
    assert str(config) in err and "settings file" in err


def test_missing_corpus_folder_is_a_clear_error(tmp_settings):
    with pytest.raises(CorpusUnavailable, match="nowhere"):
        Service.load(tmp_settings.model_copy(update={"corpus_dir": tmp_settings.corpus_dir / "nowhere"}))


def test_corpus_folder_without_articles_is_a_clear_error(tmp_settings):
    (tmp_settings.corpus_dir / "empty.txt").write_text("")
    with pytest.raises(CorpusUnavailable, match="no article"):
        Service.load(tmp_settings)


@pytest.mark.parametrize("bad", ['https://d.example.org/"onmouseover="x', "https://d.example.org/a b",
                                 "https://d.example.org'", "'https://d.example.org'", "https://user:pw@d.example.org",
                                 "https://dóssier.example.org", "https://d.example.org:99999", "https://d.example.org/<x>",
                                 "https://d.example.org/a\\b", "https://", "https://d.example.org#top"])
def test_public_base_url_must_be_a_plain_http_url(bad):
    with pytest.raises(ValidationError, match="public_base_url"):
        Settings(public_base_url=bad)


@pytest.mark.parametrize("good", ["https://dossier.example.org", "http://127.0.0.1:8080", "https://[::1]:8443/dossier",
                                  "https://news.example.org/tools/dossier-2/"])
def test_public_base_url_takes_hosts_ports_and_paths(good):
    assert Settings(public_base_url=good).public_base_url == good.rstrip("/")
