"""Settings: defaults, the TOML file, TBTALERT_* overrides, errors that name key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbtalert.config import Settings, load_settings
from tbtalert.errors import ConfigError

TOML = """
database_url = "sqlite:///from-file.db"
smtp_host = "mail.example.com"
smtp_port = 2525
province_name = "Kon Tum"

[[sources]]
name = "eping-tbt"
kind = "eping"
url = "http://127.0.0.1:9/search"
interval_minutes = 30
options = { api_key = "k", areas = ["TBT"] }

[[sources]]
name = "tcvn"
kind = "html-list"
url = "http://127.0.0.1:9/tcvn"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tbtalert.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_run_with_nothing_configured() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///./tbtalert.db"
    assert settings.smtp_host == ""
    assert settings.outbox_dir == Path("outbox")
    assert (settings.web_host, settings.web_port) == ("127.0.0.1", 8000)
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert [s.name for s in settings.sources] == ["samples", "eping-daily"]
    assert settings.source("eping-daily").kind == "eping-bulk"


def test_file_values_and_sources(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, TOML))
    assert settings.database_url == "sqlite:///from-file.db"
    assert (settings.smtp_host, settings.smtp_port) == ("mail.example.com", 2525)
    src = settings.source("eping-tbt")
    assert (src.kind, src.interval_minutes, src.options["areas"]) == ("eping", 30, ["TBT"])
    assert settings.source("tcvn").interval_minutes == 360


def test_environment_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TBTALERT_SMTP_PORT", "465")
    monkeypatch.setenv("TBTALERT_SMTP_STARTTLS", "false")
    monkeypatch.setenv("TBTALERT_DATABASE_URL", "postgresql://postgres@127.0.0.1/test")
    settings = load_settings(write(tmp_path, TOML))
    assert settings.smtp_port == 465
    assert settings.smtp_starttls is False
    assert settings.database_url.startswith("postgresql://")
    assert settings.smtp_host == "mail.example.com"


def test_config_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TBTALERT_CONFIG", str(write(tmp_path, TOML)))
    assert load_settings().province_name == "Kon Tum"


def test_unknown_key_names_key_and_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'smtp_hots = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert "smtp_hots: unknown setting" in str(info.value)
    assert str(path) in str(info.value)


def test_bad_value_in_source_names_the_entry(tmp_path: Path) -> None:
    path = write(tmp_path, '[[sources]]\nname = "x"\nkind = "telepathy"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert "sources.0.kind" in str(info.value)


def test_bad_environment_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TBTALERT_WEB_PORT", "eighty")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "TBTALERT_WEB_PORT" in str(info.value)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "smtp_host = \n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(path) in str(info.value) and "not valid TOML" in str(info.value)


def test_missing_file_is_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_duplicate_source_names_rejected(tmp_path: Path) -> None:
    text = '[[sources]]\nname = "a"\nkind = "feed"\n[[sources]]\nname = "a"\nkind = "feed"\n'
    with pytest.raises(ConfigError, match="duplicate name"):
        load_settings(write(tmp_path, text))


def test_unknown_source_name_lists_known_ones() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings().source("nope")
    assert "samples" in info.value.hint


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [
        f"TBTALERT_{name.upper()}"
        for name in Settings.model_fields
        if f"TBTALERT_{name.upper()}" not in readme
    ]
    assert not missing, f"README does not document: {', '.join(missing)}"
    undescribed = [n for n, f in Settings.model_fields.items() if not f.description]
    assert not undescribed, f"settings without a description: {undescribed}"
