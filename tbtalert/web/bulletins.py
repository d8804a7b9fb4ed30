"""The public bulletin archive: ``/bulletins`` lists the published weeks, anyone may read them.

- ``GET /bulletins``                        the list, newest week first
- ``GET /bulletins/2026-W47``               the bulletin as a web page (``?lang=en``)
- ``GET /bulletins/2026-W47/<file>``        a file of the current revision (PDF, CSV, HTML)
- ``GET /bulletins/2026-W47/r1/<file>``     a file of an earlier revision

Drafts are never served here. A bulletin page is served with a Content
Security Policy that allows its inline style and nothing else: no script
runs and nothing is fetched, whatever a notification's text says.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from tbtalert.bulletin.archive import list_bulletins, read_file
from tbtalert.bulletin.render import file_name
from tbtalert.bulletin.weeks import Week
from tbtalert.errors import BulletinError
from tbtalert.models import BulletinFile
from tbtalert.web.deps import SettingsDep, TemplatesDep

router = APIRouter()

BULLETIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def week_or_404(text: str) -> Week:
    """The ISO week a path names, or 404."""
    try:
        return Week.parse(text)
    except BulletinError:
        raise HTTPException(404, "no such week") from None


def file_response(found: BulletinFile | None) -> Response:
    """A stored bulletin file as served: the CSP; PDF and CSV as downloads; 404 when None."""
    if found is None:
        raise HTTPException(404, "no such published bulletin file")
    headers = {"Content-Security-Policy": BULLETIN_CSP, "X-Content-Type-Options": "nosniff"}
    if found.format != "html":
        headers["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return Response(found.content, media_type=MEDIA_TYPES[found.format], headers=headers)


@router.get("/bulletins", response_class=HTMLResponse)
def archive_page(request: Request, templates: TemplatesDep, settings: SettingsDep) -> HTMLResponse:
    """Every published bulletin with its web page, PDF and CSV, in each language built."""
    entries = list_bulletins(request.app.state.engine, published_only=True)
    page = templates.get_template("web/bulletins.html").render(
        entries=entries, lang="vi", week_of=Week.parse
    )
    return HTMLResponse(page)


@router.get("/bulletins/{week}")
def bulletin_page(request: Request, week: str, lang: str = "vi") -> Response:
    """The bulletin of ``week`` as a web page, in ``lang`` (or the language it was built in)."""
    chosen = week_or_404(week)
    engine = request.app.state.engine
    found = read_file(engine, chosen, file_name(chosen, lang, "html"))
    if found is None:
        other = "en" if lang == "vi" else "vi"
        found = read_file(engine, chosen, file_name(chosen, other, "html"))
    return file_response(found)


@router.get("/bulletins/{week}/{name}")
def bulletin_file(request: Request, week: str, name: str) -> Response:
    """A file of the current revision: ``bulletin-2026-W47.pdf``, ``bulletin-2026-W47-en.csv``..."""
    return file_response(read_file(request.app.state.engine, week_or_404(week), name))


@router.get("/bulletins/{week}/r{revision}/{name}")
def bulletin_revision_file(request: Request, week: str, revision: int, name: str) -> Response:
    """A file of an earlier revision of a published week (rebuilt with ``--force``)."""
    found = read_file(request.app.state.engine, week_or_404(week), name, revision=revision)
    return file_response(found)
