"""Run the `dossier` command line in-process over the test corpus and read what it prints."""

from __future__ import annotations

import json

from bot.cli.main import main


def cli_output(monkeypatch, capsys, corpus_dir, argv, public_base_url=None) -> str:
    monkeypatch.setenv("DOSSIER_CORPUS_DIR", str(corpus_dir))
    # The web tests' service searches with BM25 alone (it is never embedded), so the command line does too.
    monkeypatch.setenv("DOSSIER_DENSE_RETRIEVAL", "false")
    if public_base_url:
        monkeypatch.setenv("DOSSIER_PUBLIC_BASE_URL", public_base_url)
    else:
        monkeypatch.delenv("DOSSIER_PUBLIC_BASE_URL", raising=False)
    capsys.readouterr()
    main(argv)
    return capsys.readouterr().out


def cli_json(monkeypatch, capsys, corpus_dir, argv, public_base_url=None) -> dict:
    return json.loads(cli_output(monkeypatch, capsys, corpus_dir, argv, public_base_url))
