"""The style sheet, served from the templates folder so officials can restyle it.

The pages carry no inline style or script (the Content-Security-Policy
forbids both): ``templates/web/style.css`` is all their styling.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from tbtalert.web.deps import TemplatesDep

router = APIRouter()


@router.get("/static/style.css")
def style_sheet(templates: TemplatesDep) -> Response:
    """``web/style.css`` from the templates (an official's copy first)."""
    assert templates.loader is not None
    source, _, _ = templates.loader.get_source(templates, "web/style.css")
    return Response(
        source, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )
