"""The workspace's stylesheet and script, served from the templates folder (no CDN).

Officials may restyle them like any template (``templates_dir``).
"""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from tbtalert.web.deps import TemplatesDep

router = APIRouter()

ASSETS = {"officials.css": "text/css", "officials.js": "text/javascript"}


@router.get("/assets/{name}")
def asset(name: str, templates: TemplatesDep) -> Response:
    """One of ASSETS, cached for an hour."""
    if name not in ASSETS:
        raise HTTPException(status_code=404)
    assert templates.loader is not None
    try:
        source, _, _ = templates.loader.get_source(templates, f"web/officials/{name}")
    except jinja2.TemplateNotFound:
        raise HTTPException(status_code=404) from None
    return Response(
        source,
        media_type=f"{ASSETS[name]}; charset=utf-8",
        headers={"Cache-Control": "private, max-age=3600"},
    )
