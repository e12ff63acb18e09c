"""One Settings class: DOSSIER_* environment variables over config/dossier.toml over defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = Path("config/dossier.toml")


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

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore", validate_default=True)

    corpus_dir: Path = Field(Path("seeds"), description="Folder of .txt/.md articles and sources.toml.")
    aliases_path: Path = Field(Path("config/aliases.toml"), description="Alias and kind list of actors.")
    synonyms_path: Path = Field(Path("config/synonyms.toml"), description="Question-time synonym groups.")
    states_path: Path = Field(Path("config/states.toml"), description="Gazetteer of states for actor extraction.")
    database_path: Path = Field(Path("var/dossier.sqlite3"), description="SQLite file for versions and logs.")
    top_k: int = Field(3, ge=1, le=20, description="Hits in an answer.")
    snippet_chars: int = Field(300, ge=80, le=1000, description="Longest snippet, in characters.")
    max_question_chars: int = Field(500, ge=20, le=5000, description="Longer questions are cut to this.")
    max_file_bytes: int = Field(5_000_000, ge=1_000, description="Larger corpus files are skipped.")
    web_host: str = Field("127.0.0.1", min_length=1, description="Address the web page listens on.")
    web_port: int = Field(8080, ge=0, le=65535, description="Port of the web page; 0 picks a free one.")
    public_base_url: str | None = Field(
        None, description="Address people reach the web page at; source links point there when set.")
    watch_corpus: bool = Field(False, description="Reload by itself when the corpus folder changes.")
    watch_interval_seconds: float = Field(2.0, ge=0.05, le=3600,
                                          description="How often watch mode looks at the corpus folder.")
    watch_debounce_seconds: float = Field(
        3.0, ge=0, le=3600, description="Watch mode reloads once the folder has been still this long.")

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
        parsed = urlsplit(value.strip())
        if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query or parsed.fragment:
            raise ValueError("must be an http(s) address such as https://dossier.example.org")
        return value.strip().rstrip("/")

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to print: secrets are never included."""
        return {name: str(value) for name, value in self.model_dump().items() if "token" not in name
                and "secret" not in name}
