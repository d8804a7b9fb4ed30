"""The one Jinja2 environment every page and mail is rendered through."""

from __future__ import annotations

from datetime import date, datetime
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

    env.filters["date"] = fmt_date
    env.globals["settings"] = settings
    return env
