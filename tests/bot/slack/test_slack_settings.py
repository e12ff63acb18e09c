"""Slack settings: the wrong kind of token is a start-up error naming the field, never echoing it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.cli.main import main
from bot.settings import Settings

BOT = "xoxb-1-2-verysecretbotpart"
APP = "xapp-1-A-3-verysecretapppart"


def test_a_bot_token_where_the_app_token_belongs_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(slack_bot_token=BOT, slack_app_token=BOT)
    [error] = caught.value.errors()
    assert error["loc"] == ("slack_app_token",) and "a bot token, xoxb-" in error["msg"]
    assert "verysecret" not in str(caught.value)


def test_an_app_token_where_the_bot_token_belongs_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(slack_bot_token=APP, slack_app_token=APP)
    assert caught.value.errors()[0]["loc"] == ("slack_bot_token",)
    assert "verysecret" not in str(caught.value)


def test_socket_mode_needs_the_app_token_and_http_mode_the_signing_secret() -> None:
    with pytest.raises(ValidationError, match="slack_app_token"):
        Settings(slack_bot_token=BOT)
    with pytest.raises(ValidationError, match="slack_signing_secret"):
        Settings(slack_bot_token=BOT, slack_mode="http")


def test_tokens_are_secrets_in_every_printout() -> None:
    settings = Settings(slack_bot_token=BOT, slack_app_token=APP, slack_admin_user_ids="U1, U2")
    assert settings.slack_admin_user_ids == ("U1", "U2")
    assert "verysecret" not in repr(settings) and "verysecret" not in str(settings.public_dict())


def test_the_api_base_gets_its_trailing_slash_and_must_be_http() -> None:
    assert (
        Settings(slack_api_base_url="http://127.0.0.1:9/api").slack_api_base_url == "http://127.0.0.1:9/api/"
    )
    with pytest.raises(ValidationError, match="slack_api_base_url"):
        Settings(slack_api_base_url="ftp://example/api/")


def test_dossier_run_stops_with_the_field_name_and_no_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOSSIER_SLACK_BOT_TOKEN", BOT)
    monkeypatch.setenv("DOSSIER_SLACK_APP_TOKEN", BOT)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "slack_app_token" in err and "verysecret" not in err
