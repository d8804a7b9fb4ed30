"""The one Jinja2 environment every page and mail is rendered through."""

from __future__ import annotations

import functools
import traceback
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from tbtalert.config import Settings
from tbtalert.paths import shipped_templates_dir


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
    env.filters["wordwrap"] = cached_wordwrap
    env.globals["settings"] = settings
    return env


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
