"""Settings: one typed object, built by :func:`load_settings` and passed in.

Values come from, in rising order of precedence: the defaults declared here,
a ``tbtalert.toml`` file (``--config`` or ``TBTALERT_CONFIG``), and
``TBTALERT_*`` environment variables. Every setting is documented where its
default is declared; the README lists them all (a test checks it).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from tbtalert.errors import ConfigError

SourceKindName = Literal["eping", "eping-export", "wto-document", "feed", "html-list"]


class SourceConfig(BaseModel):
    """One ``[[sources]]`` table: where notifications or standard updates come from."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Stable name of the source, used in logs and commands.")
    kind: SourceKindName = Field(description="Source kind: which fetcher and parser to use.")
    url: str = Field(
        default="", description="URL to fetch (http/https), or a local file or folder path."
    )
    interval_minutes: float = Field(
        default=360,
        gt=0,
        description="How often the main job fetches this source, in minutes (0.5 = 30 s).",
    )
    enabled: bool = Field(default=True, description="Disabled sources are never fetched.")
    quiet_first_run: bool | None = Field(
        default=None,
        description="Record the backlog of the first fetch without mailing it "
        "(default: the global quiet_first_run).",
    )
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="Kind-specific options (API key, filters, CSS selectors, jurisdiction...).",
    )

    @field_validator("name")
    @classmethod
    def _name_is_simple(cls, value: str) -> str:
        if not value or not all(c.isalnum() or c in "-_." for c in value):
            raise ValueError("use letters, digits, '-', '_' or '.' only")
        return value


def _default_sources() -> list[SourceConfig]:
    """The sources a deployment gets with nothing configured."""
    return [
        SourceConfig(
            name="samples",
            kind="eping-export",
            url="package:samples/eping-sample.csv",
            interval_minutes=1440,
            quiet_first_run=False,
            options={"note": "bundled sample notifications, marked as samples"},
        ),
        SourceConfig(
            name="eping",
            kind="eping",
            url="https://eping.wto.org/api/v1/azureSearch/getAll",
            interval_minutes=360,
        ),
    ]


class Settings(BaseSettings):
    """Every setting of tbtalert, with its default and what it is for."""

    model_config = SettingsConfigDict(env_prefix="TBTALERT_", extra="forbid")

    # Storage
    database_url: str = Field(
        default="sqlite:///./tbtalert.db",
        description="SQLAlchemy database URL: a SQLite file, or postgresql://user@host/db.",
    )
    # Mail
    smtp_host: str = Field(
        default="", description="SMTP server host; empty writes mail as .eml files to outbox_dir."
    )
    smtp_port: int = Field(default=587, description="SMTP server port.")
    smtp_user: str = Field(default="", description="SMTP login user (empty: no login).")
    smtp_password: str = Field(default="", description="SMTP login password.")
    smtp_starttls: bool = Field(default=True, description="Upgrade the connection with STARTTLS.")
    smtp_ssl: bool = Field(default=False, description="Connect with implicit TLS (port 465).")
    smtp_timeout: float = Field(default=30.0, description="Seconds to wait for the SMTP server.")
    smtp_concurrency: int = Field(
        default=4, ge=1, description="SMTP connections used at once when sending."
    )
    smtp_rate_per_minute: int = Field(
        default=0, ge=0, description="At most this many messages a minute (0: no limit)."
    )
    smtp_max_attempts: int = Field(
        default=5, ge=1, description="Attempts for a message on temporary (4xx) failures."
    )
    smtp_backoff: float = Field(
        default=2.0, ge=0, description="Seconds before the first retry of a 4xx; doubles each time."
    )
    smtp_give_up_hours: int = Field(
        default=72,
        ge=1,
        description="Hours an item may stay deferred by temporary (4xx) failures before it fails.",
    )
    smtp_claim_timeout: int = Field(
        default=600,
        ge=0,
        description="Seconds after which mail claimed by a sender on another host is retried.",
    )
    link_max_age_days: int = Field(
        default=365, ge=1, description="Days an unsubscribe or preferences link stays valid."
    )
    confirm_max_age_hours: int = Field(
        default=72, ge=1, description="Hours a sign-up confirmation link stays valid."
    )
    mail_from: str = Field(
        default="TBT Alert <tbt@localhost>", description="Sender address of every message."
    )
    outbox_dir: Path = Field(
        default=Path("outbox"), description="Folder for .eml files while no SMTP host is set."
    )
    # Web and links
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public base URL used in links inside mail (unsubscribe, preferences).",
    )
    secret_key: str = Field(
        default="change-me",
        description="Secret that signs unsubscribe and preference links; set it in production.",
    )
    session_hours: float = Field(
        default=12, gt=0, description="Hours an official stays signed in to /officials/."
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Wrong passwords allowed per account, and per address, before sign-in pauses.",
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, description="Minutes sign-in pauses after too many wrong passwords."
    )
    web_host: str = Field(default="127.0.0.1", description="Address the web UI listens on.")
    web_port: int = Field(default=8000, description="Port the web UI listens on.")
    # Province and wording
    province_name: str = Field(
        default="Quảng Ngãi", description="Province shown in mail, bulletin and web pages."
    )
    agency_name: str = Field(
        default="Sở Khoa học và Công nghệ",
        description="The department that sends the alerts.",
    )
    contact_email: str = Field(
        default="tbt@localhost", description="Enquiry point e-mail shown in every message."
    )
    contact_phone: str = Field(default="", description="Enquiry point phone shown in mail.")
    timezone: str = Field(
        default="Asia/Ho_Chi_Minh", description="Time zone for schedules and dates shown."
    )
    templates_dir: Path | None = Field(
        default=None,
        description="Folder of Jinja2 templates overriding the shipped ones (email/, web/...).",
    )
    subscribers_dir: Path | None = Field(
        default=Path("subscribers"),
        description="Folder of subscriber files synced when the main job starts (if present).",
    )
    sectors_file: Path | None = Field(
        default=None, description="Sector taxonomy YAML to load instead of the shipped one."
    )
    # Fetching
    sources: list[SourceConfig] = Field(
        default_factory=_default_sources, description="The [[sources]] tables."
    )
    quiet_first_run: bool = Field(
        default=True,
        description="A live source's first fetch records its backlog without mailing it.",
    )
    user_agent: str = Field(
        default="",
        description="HTTP User-Agent; empty uses 'tbtalert/<version> (+<base_url>)'.",
    )
    http_timeout: float = Field(default=30.0, description="Seconds before an HTTP request fails.")
    http_retries: int = Field(default=3, ge=0, description="Retries on connect errors, 429, 5xx.")
    http_backoff: float = Field(default=1.0, ge=0, description="First retry delay in seconds.")
    http_max_bytes: int = Field(
        default=10_000_000, description="Largest response body accepted, in bytes."
    )
    http_host_delay: float = Field(
        default=1.0, ge=0, description="Minimum seconds between two requests to one host."
    )
    # Mailing policy and schedule
    reminder_days: int = Field(
        default=21, ge=0, description="Remind N days before a comment deadline (0: never)."
    )
    daily_time: str = Field(default="07:00", description="Local time of the daily digest.")
    weekly_day: str = Field(default="mon", description="Weekday of the weekly digest/bulletin.")
    weekly_time: str = Field(default="07:30", description="Local time of the weekly digest.")
    sweep_minutes: float = Field(
        default=2,
        ge=0,
        description="How often the main job tags notifications other processes stored "
        "(tbtalert import, officials' decisions) and sends their immediate mail (0: never).",
    )
    lease_seconds: int = Field(
        default=60, ge=5, description="A standby takes over when the leader is silent this long."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment variables override the values read from the TOML file,
        # which reach the class as init keyword arguments.
        return (env_settings, init_settings)

    def http_user_agent(self) -> str:
        """The User-Agent sent with every request: names the tool and a contact."""
        from tbtalert import __version__

        return self.user_agent or f"tbtalert/{__version__} (+{self.base_url}; {self.contact_email})"

    def source(self, name: str) -> SourceConfig:
        """Return the source called ``name`` or raise a ConfigError listing the known ones."""
        for src in self.sources:
            if src.name == name:
                return src
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"no source named {name!r}", hint=f"configured sources: {known}")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None


def _describe(err: ValidationError, origin: str) -> str:
    problems = []
    for item in err.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        env_name = f"TBTALERT_{str(item['loc'][0]).upper()}" if item["loc"] else ""
        if env_name in os.environ:
            key = f"{key} (from {env_name})"
        msg = "unknown setting" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append(f"{key}: {msg}")
    return f"{origin}: " + "; ".join(problems)


def load_settings(path: Path | str | None = None, **overrides: Any) -> Settings:
    """Build the settings from the TOML file, the environment and ``overrides``.

    ``path`` defaults to ``TBTALERT_CONFIG``, then ``./tbtalert.toml`` when it
    exists. ``overrides`` win over the file but not over the environment;
    tests use them to point at temporary folders.
    """
    if path is None:
        env_path = os.environ.get("TBTALERT_CONFIG")
        if env_path:
            path = Path(env_path)
        elif Path("tbtalert.toml").exists():
            path = Path("tbtalert.toml")
    data: dict[str, Any] = {}
    origin = "defaults and TBTALERT_* environment"
    if path is not None:
        path = Path(path)
        data = _read_toml(path)
        origin = f"{path} (or TBTALERT_* environment)"
    data.update(overrides)
    try:
        settings = Settings(**data)
    except ValidationError as err:
        raise ConfigError(_describe(err, origin)) from None
    names = [s.name for s in settings.sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{origin}: sources: duplicate name(s) {', '.join(duplicates)}")
    return settings
