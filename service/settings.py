"""Service configuration, from environment variables prefixed MUTU_ (e.g. MUTU_PORT=9000)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MUTU_", extra="ignore")

    model: str | None = Field(None, description="model version or version directory (default: CURRENT of the registry)")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1)
    max_posts: int = Field(1000, ge=1, description="posts per request")
    max_text_chars: int = Field(20_000, ge=1, description="characters per post")
    max_body_bytes: int = Field(10_000_000, ge=1, description="request body size")
    review_threshold: float = Field(0.6, ge=0, le=1, description="needs_review when confidence is below this")
    cors_origins: list[str] = Field(default_factory=list, description='JSON list, e.g. ["https://dashboard.example.go.id"]')
    log_level: str = "info"
    api_key: SecretStr | None = Field(None, description="Bearer key for write endpoints; unset = writes disabled")
    database_url: str | None = Field(None, description="labels store (SQLAlchemy URL; default data/labels.sqlite)")
    web_max_upload_bytes: int = Field(20_000_000, ge=1, description="file size the web page accepts")
    web_max_rows: int = Field(200_000, ge=1, description="posts per file the web page accepts")
    reload_interval: float = Field(5.0, ge=0, description="seconds between checks of models/CURRENT; 0 = never")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
