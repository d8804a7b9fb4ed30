"""``/officials/sectors``: the taxonomy editor, with a live preview of what a change would tag."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, select

from tbtalert.errors import TaxonomyError
from tbtalert.keywords import LANGUAGES
from tbtalert.models import Sector, Tag
from tbtalert.sector_editor import (
    PREVIEW_DAYS,
    WORD_LISTS,
    Preview,
    changes,
    form_from_spec,
    preview_change,
    save_sector,
    spec_from_form,
)
from tbtalert.sectors import stored_sectors
from tbtalert.web.deps import SessionDep
from tbtalert.web.officials.notifications import official_name
from tbtalert.web.officials.pages import finish, get_or_404, page, redirect, render, translator
from tbtalert.web.officials.session import OfficialDep, language

router = APIRouter()


class SectorForm(BaseModel):
    """The editor's fields (see :func:`tbtalert.sector_editor.spec_from_form`)."""

    name_vi: str = ""
    name_en: str = ""
    hs: str = ""
    hs_exclude: str = ""
    ics: str = ""
    general_chapters: str = ""
    keywords_en: str = ""
    keywords_fr: str = ""
    keywords_es: str = ""
    keywords_vi: str = ""
    broad_en: str = ""
    broad_fr: str = ""
    broad_es: str = ""
    broad_vi: str = ""
    exclude_en: str = ""
    exclude_fr: str = ""
    exclude_es: str = ""
    exclude_vi: str = ""
    exclude_near_en: str = ""
    exclude_near_fr: str = ""
    exclude_near_es: str = ""
    exclude_near_vi: str = ""
    action: str = "save"


FormDep = Annotated[SectorForm, Form()]


def _fields(form: SectorForm) -> dict[str, str]:
    return {k: str(v) for k, v in form.model_dump().items() if k != "action"}


@router.get("/sectors")
def sector_list(request: Request, user: OfficialDep, session: SessionDep) -> Response:
    """Every sector with the size of its rules and its active tags; the latest changes."""
    counts = dict(
        session.exec(
            select(Tag.sector_id, func.count())
            .where(Tag.status == "active")
            .group_by(Tag.sector_id)
        ).all()
    )
    return page(
        request,
        "sectors.html",
        user=user,
        sectors=stored_sectors(session),
        counts=counts,
        changes=changes(session),
    )


def _editor(
    request: Request,
    user: OfficialDep,
    session: Session,
    sector: Sector,
    fields: dict[str, str],
    *,
    preview: Preview | None = None,
    error: str = "",
    status: int = 200,
) -> Response:
    return page(
        request,
        "sector.html",
        user=user,
        status=status,
        sector=sector,
        fields=fields,
        languages=LANGUAGES,
        word_lists=WORD_LISTS,
        preview=preview,
        error=error,
        days=PREVIEW_DAYS,
        history=changes(session, sector.id, limit=10),
    )


@router.get("/sectors/{sector_id}")
def edit(request: Request, sector_id: str, user: OfficialDep, session: SessionDep) -> Response:
    """The editor, filled with the stored rule."""
    sector = get_or_404(session, Sector, sector_id)
    spec = next(s for s in stored_sectors(session) if s["id"] == sector_id)
    return _editor(request, user, session, sector, form_from_spec(spec))


@router.post("/sectors/{sector_id}/preview")
def preview(
    request: Request, sector_id: str, user: OfficialDep, session: SessionDep, form: FormDep
) -> Response:
    """The preview list alone (the editor's script asks for it as the official types)."""
    get_or_404(session, Sector, sector_id)
    spec = spec_from_form(sector_id, _fields(form))
    try:
        result, error = preview_change(session, spec), ""
    except TaxonomyError as err:
        result, error = None, err.message
    html = render(
        request, "_preview.html", user=user, preview=result, error=error, days=PREVIEW_DAYS
    )
    return finish(request, HTMLResponse(html, status_code=200 if result else 422))


@router.post("/sectors/{sector_id}")
def save(
    request: Request, sector_id: str, user: OfficialDep, session: SessionDep, form: FormDep
) -> Response:
    """Save the rule (or, without the script, show the preview first)."""
    sector = get_or_404(session, Sector, sector_id)
    fields = _fields(form)
    spec = spec_from_form(sector_id, fields)
    try:
        if form.action == "preview":
            result = preview_change(session, spec)
            return _editor(request, user, session, sector, fields, preview=result)
        requeued = save_sector(session, spec, by=official_name(user))
    except TaxonomyError as err:
        session.rollback()
        return _editor(request, user, session, sector, fields, error=err.message, status=422)
    session.commit()
    tr = translator(language(request))
    flash = tr(
        f"Đã lưu {sector_id}. {requeued} thông báo sẽ được phân loại lại ở lần chạy tới.",
        f"Saved {sector_id}. {requeued} notifications will be re-tagged at the next run.",
    )
    return redirect(request, f"/officials/sectors/{sector_id}", flash=flash)
