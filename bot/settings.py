"""One Settings class: DOSSIER_* environment variables over config/dossier.toml over defaults."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = Path("config/dossier.toml")
# A public address is written into every source link and page: a plain http(s) URL of ASCII host
# (a name, IPv4 or [IPv6]), optional port and path, and nothing that could end an attribute or a
# Markdown/mrkdwn link (quotes, spaces, angle brackets, backslashes), no user:password@, query or fragment.
_BASE_URL = re.compile(r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*"
                       r"[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%!$&*+,;=:@/-]*)?")


def resolve(path: Path) -> Path:
    """A relative path from the working folder if it exists there, else from the project folder."""
    if path.is_absolute() or path.exists() or path.parent.is_dir() and path.parent != Path("."):
        return path
    candidate = PROJECT_ROOT / path
    return candidate if candidate.exists() or candidate.parent.is_dir() else path


def config_file() -> Path | None:
    """The TOML file to read: DOSSIER_CONFIG, else config/dossier.toml when present."""
    named = os.environ.get("DOSSIER_CONFIG")
    if named:
        if not Path(named).is_file():
            raise FileNotFoundError(f"DOSSIER_CONFIG names {named}, which is not a file")
        return Path(named)
    found = resolve(DEFAULT_CONFIG)
    return found if found.is_file() else None


class Settings(BaseSettings):
    """Everything a deployer can set; validated once at start-up."""

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore", validate_default=True,
                                      hide_input_in_errors=True)

    corpus_dir: Path = Field(Path("seeds"),
                             description="Folder of .txt/.md/.html/.pdf articles and sources.toml.")
    aliases_path: Path = Field(Path("config/aliases.toml"), description="Alias and kind list of actors.")
    synonyms_path: Path = Field(Path("config/synonyms.toml"), description="Question-time synonym groups.")
    states_path: Path = Field(Path("config/states.toml"), description="Gazetteer of states for actor extraction.")
    database_path: Path = Field(Path("var/dossier.sqlite3"), description="SQLite file for versions and logs.")
    top_k: int = Field(3, ge=1, le=20, description="Hits in an answer.")
    snippet_chars: int = Field(300, ge=80, le=1000, description="Longest snippet, in characters.")
    max_question_chars: int = Field(500, ge=20, le=5000, description="Longer questions are cut to this.")
    max_file_bytes: int = Field(5_000_000, ge=1_000, description="Larger corpus files are skipped.")
    corpus_follow_links: bool = Field(
        False, description="Follow symbolic links whose target stays inside the corpus folder; others are skipped.")
    # Adding an article by link (bot/core/fetch.py): the page is fetched within these limits; the size cap
    # is max_file_bytes. Loopback, private, link-local and metadata addresses are refused unless the
    # link's host is listed in fetch_allowed_hosts.
    fetch_timeout_seconds: float = Field(20.0, gt=0, le=300, description="Longest wait for a page to arrive.")
    fetch_max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed when fetching a link.")
    fetch_allowed_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Hosts a link may name even at a private or loopback address, comma-separated.")
    dense_retrieval: bool = Field(True, description="Fuse dense similarity with BM25 when the encoder is "
                                                    "installed (extra `dense`); false: BM25 alone.")
    web_host: str = Field("127.0.0.1", min_length=1, description="Address the web page listens on.")
    web_port: int = Field(8080, ge=0, le=65535, description="Port of the web page; 0 picks a free one.")
    public_base_url: str | None = Field(
        None, description="Address people reach the web page at; source links point there when set.")
    watch_corpus: bool = Field(False, description="Reload by itself when the corpus folder changes.")
    watch_interval_seconds: float = Field(2.0, ge=0.05, le=3600,
                                          description="How often watch mode looks at the corpus folder.")
    watch_debounce_seconds: float = Field(
        3.0, ge=0, le=3600, description="Watch mode reloads once the folder has been still this long.")

    # Slack (bot/slack/): the adapter starts when slack_bot_token is set.
    slack_bot_token: SecretStr | None = Field(None, description="Bot User OAuth token, xoxb-….")
    slack_app_token: SecretStr | None = Field(None, description="App-level token for Socket Mode, xapp-….")
    slack_signing_secret: SecretStr | None = Field(None,
                                                   description="Signing secret, verifies HTTP-mode requests.")
    slack_mode: Literal["socket", "http"] = Field("socket", description="Socket Mode or an HTTP endpoint.")
    slack_http_host: str = Field("0.0.0.0", description="Address the HTTP-mode endpoint listens on.")
    slack_http_port: int = Field(3000, ge=1, le=65535, description="Port of the HTTP-mode endpoint.")
    slack_command_prefix: str = Field("", pattern=r"^[a-z0-9_-]{0,20}$",
                                      description="Before each command name: dossier- gives /dossier-ask.")
    slack_admin_user_ids: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Slack user ids allowed /reload and /stats, comma-separated.")
    slack_api_base_url: str = Field("https://slack.com/api/",
                                    description="Slack Web API base, for proxies and tests.")

    # Discord (bot/discord/): the adapter starts with `dossier run` when a token is set.
    discord_token: SecretStr | None = Field(None, description="Bot token from the Discord developer portal.")
    discord_guild_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Servers to sync slash commands to at once; empty syncs globally.")
    discord_admin_user_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Users allowed /reload and /stats besides Manage Server holders.")
    discord_admin_role_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Roles allowed /reload and /stats besides Manage Server holders.")
    discord_api_base_url: str = Field("https://discord.com/api/v10", pattern=r"^https?://\S+$",
                                      description="Discord REST base, for a proxy or a test server.")
    discord_gateway_url: str = Field("wss://gateway.discord.gg/", pattern=r"^wss?://\S+$",
                                     description="Discord gateway websocket, for a proxy or a test server.")
    rate_limit_questions: int = Field(5, ge=1, le=1000, description="Questions one user may ask per window.")
    rate_limit_seconds: float = Field(60.0, gt=0, le=86_400, description="The rate limit's window (seconds).")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Constructor arguments, then environment, then the TOML file."""
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml = config_file()
        if toml is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml))
        return tuple(sources)

    @field_validator("corpus_dir", "aliases_path", "synonyms_path", "database_path", "states_path", mode="after")
    @classmethod
    def _resolve_path(cls, value: Path) -> Path:
        return resolve(value)

    @field_validator("public_base_url", mode="after")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        text = value.strip()
        parsed = urlsplit(text)
        try:
            port_ok = parsed.port is None or 0 < parsed.port
        except ValueError:  # a port over 65535
            port_ok = False
        if parsed.scheme not in ("http", "https") or not _BASE_URL.fullmatch(text) or not port_ok:
            raise ValueError("must be a plain http(s) address such as https://dossier.example.org (ASCII host, "
                             "optional port and path; no quotes, spaces, user name, query or fragment)")
        return text.rstrip("/")

    @field_validator("slack_admin_user_ids", "fetch_allowed_hosts", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_kind(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            kind = " (an app-level token, xapp-)" if value.get_secret_value().startswith("xapp-") else ""
            raise ValueError(f"is not a bot token{kind}: the Bot User OAuth token starts with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_kind(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            kind = " (a bot token, xoxb-)" if value.get_secret_value().startswith("xoxb-") else ""
            raise ValueError(f"is not an app-level token{kind}: the Socket Mode token starts with xapp-")
        return value

    @field_validator("slack_api_base_url")
    @classmethod
    def _api_base(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @model_validator(mode="after")
    def _slack_complete(self) -> Settings:
        if self.slack_bot_token is None:
            return self
        if self.slack_mode == "socket" and self.slack_app_token is None:
            raise ValueError("slack_app_token: Socket Mode needs the app-level token (xapp-…)")
        if self.slack_mode == "http" and self.slack_signing_secret is None:
            raise ValueError("slack_signing_secret: HTTP mode needs the signing secret to verify requests")
        return self

    @property
    def slack_enabled(self) -> bool:
        """True when a Slack bot token is configured, so `dossier run` starts the Slack adapter."""
        return self.slack_bot_token is not None

    @field_validator("discord_guild_ids", "discord_admin_user_ids", "discord_admin_role_ids", mode="before")
    @classmethod
    def _id_list(cls, value: Any) -> Any:
        """Ids as a TOML/JSON list or, from the environment, separated by commas: `1,2` or `[1, 2]`."""
        if isinstance(value, str):
            text = value.strip().removeprefix("[").removesuffix("]")
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to print: secrets are never included."""
        return {name: str(value) for name, value in self.model_dump().items() if "token" not in name
                and "secret" not in name}
