"""The one Jinja2 environment every page and mail is rendered through."""

from __future__ import annotations

import functools
import json
import traceback
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import markupsafe
import yaml

from tbtalert.config import Settings
from tbtalert.members import member_name
from tbtalert.paths import shipped_templates_dir


class PublicSettings:
    """The settings as templates see them (``settings.province_name``...): never a secret.

    Templates belong to officials and may be copied anywhere. The signing
    key, the SMTP login, the database URL (it may hold a password) and the
    sources (their URLs may hold keys) are out of their reach: reading one
    is an undefined value, which fails the template.
    """

    HIDDEN = frozenset(
        {"secret_key", "smtp_password", "smtp_user", "smtp_host", "database_url", "sources"}
    )

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def __getattr__(self, name: str) -> Any:
        if name in self.HIDDEN or name not in Settings.model_fields:
            raise AttributeError(name)
        return getattr(self._settings, name)


def make_environment(settings: Settings) -> jinja2.Environment:
    """An environment that looks in ``settings.templates_dir`` first, then the shipped templates.

    Autoescaping follows the template's extension: ``.html`` and ``.xml`` are
    escaped, ``.txt`` is not.
    """
    search = [str(shipped_templates_dir())]
    if settings.templates_dir is not None:
        search.insert(0, str(settings.templates_dir))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        # Compiled templates kept between processes (keyed by the source's
        # checksum, so an edited template is compiled again): compiling them
        # cost a short command a third of a second.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    zone = ZoneInfo(settings.timezone)

    def fmt_date(value: date | datetime | None, style: str = "vi") -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.astimezone(zone).date()
        return value.strftime("%d/%m/%Y") if style == "vi" else value.isoformat()

    wordwrap = env.filters["wordwrap"]

    @functools.lru_cache(maxsize=256)
    def wrapped(text: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> str:
        return str(wordwrap(env, text, *args, **dict(kwargs)))

    def cached_wordwrap(text: str, *args: Any, **kwargs: Any) -> str:
        # Jinja's own filter, remembered: a run wraps the same few paragraphs in every message.
        return wrapped(str(text), args, tuple(sorted(kwargs.items())))

    env.filters["date"] = fmt_date
    env.filters["css_string"] = css_string
    env.filters["wordwrap"] = cached_wordwrap
    env.filters["member_name"] = member_name
    env.globals["settings"] = PublicSettings(settings)
    return env


@functools.cache
def _parse_strings(source: str) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(source)
    assert isinstance(data, dict)
    return data


def template_strings(env: jinja2.Environment, name: str, language: str) -> dict[str, str]:
    """The words of ``language`` in the strings file ``name`` (an official's copy first).

    Parsed once per content: a file edited while tbtalert runs is read again.
    """
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return _parse_strings(source)[language]


def css_string(value: Any) -> markupsafe.Markup:
    """A quoted CSS string for ``content:`` inside ``<style>``: not HTML-escaped, but safe.

    Quotes, backslashes and line breaks are escaped for CSS, and ``<`` too, so
    the text can never close the style element.
    """
    text = json.dumps(str(value), ensure_ascii=False)[1:-1]
    return markupsafe.Markup('"' + text.replace("<", "\\3c ").replace("\\n", "\\a ") + '"')


def describe_template_error(err: Exception) -> str:
    """Where a template failed and why, e.g. ``email/alert.html line 12: 'x' is undefined``."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = f"{err.filename or err.name} line {err.lineno}"
    else:
        # Jinja2 puts the template's own lines into the traceback.
        frames = [
            f
            for f in traceback.extract_tb(err.__traceback__)
            if f.filename.endswith((".html", ".txt", ".xml", ".css"))
        ]
        where = f"{frames[-1].filename} line {frames[-1].lineno}" if frames else "a template"
    what = err.message if isinstance(err, jinja2.TemplateError) else str(err)
    return f"{where}: {what or type(err).__name__}"
