"""``/officials/subscribers``: list, search, add, edit, deactivate, import with a preview, export."""

from __future__ import annotations

import base64
from contextlib import suppress
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select

from tbtalert.errors import SubscriberFileError
from tbtalert.models import Subscriber, SubscriberSector
from tbtalert.subscriber_import import (
    UploadPreview,
    export_csv,
    export_rows,
    export_yaml,
    import_upload,
    preview_upload,
)
from tbtalert.subscribers import (
    FREQUENCIES,
    SubscriberEntry,
    add_subscriber,
    change_subscriber,
    entry_of,
    remove_subscriber,
    sector_ids_of,
)
from tbtalert.web.deps import SessionDep
from tbtalert.web.officials.notifications import sectors
from tbtalert.web.officials.pages import get_or_404, page, redirect, translator
from tbtalert.web.officials.session import OfficialDep, language

router = APIRouter()
PER_PAGE = 50
STATUSES = ("active", "pending", "unsubscribed", "bounced", "removed")


class SubscriberForm(BaseModel):
    """The add/edit form."""

    email: str = ""
    name: str = ""
    company: str = ""
    language: str = "vi"
    frequency: str = "daily"
    sectors: list[str] = []
    markets: str = ""
    areas: list[str] = []
    heartbeat: str = ""

    def entry(self) -> dict[str, Any]:
        """The fields as a subscriber entry."""
        return {
            "email": self.email,
            "name": self.name,
            "company": self.company,
            "language": self.language,
            "frequency": self.frequency,
            "sectors": self.sectors,
            "markets": [m for m in self.markets.replace(",", " ").split() if m],
            "areas": self.areas,
            "heartbeat": bool(self.heartbeat),
        }


FormDep = Annotated[SubscriberForm, Form()]


@router.get("/subscribers")
def subscriber_list(
    request: Request,
    user: OfficialDep,
    session: SessionDep,
    q: str = "",
    status: Annotated[str, Query(pattern="^(|active|pending|unsubscribed|bounced|removed)$")] = "",
    sector: str = "",
    page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
) -> Response:
    """Subscribers by address, searchable by address, name or firm."""
    clauses = []
    if q.strip():
        pattern = f"%{q.strip()}%"
        fields = (Subscriber.email, Subscriber.name, Subscriber.company)
        clauses.append(or_(*(col(f).ilike(pattern) for f in fields)))
    if status:
        clauses.append(col(Subscriber.status) == status)
    if sector:
        clauses.append(
            exists().where(
                and_(
                    col(SubscriberSector.subscriber_id) == Subscriber.id,
                    col(SubscriberSector.sector_id) == sector,
                )
            )
        )
    where = and_(True, *clauses)
    total = int(session.exec(select(func.count()).select_from(Subscriber).where(where)).one())
    rows = session.exec(
        select(Subscriber)
        .where(where)
        .order_by(col(Subscriber.email))
        .limit(PER_PAGE)
        .offset((page_number - 1) * PER_PAGE)
    ).all()
    return page(
        request,
        "subscribers.html",
        user=user,
        rows=rows,
        total=total,
        followed={r.id: sector_ids_of(session, r.id) for r in rows if r.id is not None},
        q=q,
        chosen_status=status,
        sector=sector,
        statuses=STATUSES,
        sectors=sectors(session),
        current=page_number,
        pages=(total + PER_PAGE - 1) // PER_PAGE,
    )


def _form_page(
    request: Request,
    user: OfficialDep,
    session: Session,
    form: dict[str, Any],
    *,
    sub: Subscriber | None = None,
    error: str = "",
) -> Response:
    return page(
        request,
        "subscriber.html",
        user=user,
        status=422 if error else 200,
        sub=sub,
        form=form,
        error=error,
        sectors=sectors(session),
        frequencies=FREQUENCIES,
    )


@router.get("/subscribers/new")
def new_form(request: Request, user: OfficialDep, session: SessionDep) -> Response:
    """An empty form."""
    return _form_page(request, user, session, SubscriberForm().entry())


@router.post("/subscribers/new")
def add(request: Request, user: OfficialDep, session: SessionDep, form: FormDep) -> Response:
    """Add a subscriber (active at once: an official vouches for the address)."""
    try:
        sub = add_subscriber(session, form.entry(), origin="officials-web")
    except SubscriberFileError as err:
        session.rollback()
        return _form_page(request, user, session, form.entry(), error=err.message)
    session.commit()
    tr = translator(language(request))
    return redirect(
        request,
        f"/officials/subscribers?q={sub.email}",
        flash=tr("Đã thêm", "Added") + f" {sub.email}.",
    )


def _import_page(
    request: Request,
    user: OfficialDep,
    *,
    preview: UploadPreview | None = None,
    error: str = "",
    filename: str = "",
    data: str = "",
    status: int = 200,
) -> Response:
    return page(
        request,
        "subscribers_import.html",
        user=user,
        status=status,
        preview=preview,
        error=error,
        filename=filename,
        data=data,
    )


@router.get("/subscribers/import")
def import_form(request: Request, user: OfficialDep) -> Response:
    """Choose a YAML or CSV file."""
    return _import_page(request, user)


@router.post("/subscribers/import")
def import_preview(
    request: Request,
    user: OfficialDep,
    session: SessionDep,
    file: Annotated[UploadFile | None, File()] = None,
    filename: Annotated[str, Form()] = "",
    data: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Show every row's outcome or error; with ``confirm``, import the same file."""
    if file is not None and file.filename:
        filename, raw = file.filename, file.file.read()
    else:
        raw = base64.b64decode(data.encode()) if data else b""
    if not filename or not raw:
        return _import_page(request, user, error="empty", status=422)
    try:
        if confirm:
            done = import_upload(session, filename, raw)
        else:
            preview = preview_upload(session, filename, raw)
    except SubscriberFileError as err:
        session.rollback()
        return _import_page(request, user, error=err.message, filename=filename, status=422)
    if confirm:
        session.commit()
        added, changed, same = (done.count(k) for k in ("added", "changed", "unchanged"))
        flash = translator(language(request))(
            f"{filename}: đã nhập — {added} mới, {changed} thay đổi, {same} giữ nguyên.",
            f"{filename}: imported — {added} added, {changed} changed, {same} unchanged.",
        )
        return redirect(request, "/officials/subscribers", flash=flash)
    return _import_page(
        request,
        user,
        preview=preview,
        filename=filename,
        data=base64.b64encode(raw).decode(),
        status=422 if preview.errors else 200,
    )


@router.get("/subscribers/export")
def export(
    session: SessionDep,
    format: Annotated[str, Query(pattern="^(csv|yaml)$")] = "yaml",
    all: str = "",
) -> Response:
    """Download the subscribers as a file import reads (active ones unless ``all``)."""
    rows = export_rows(session, include_inactive=bool(all))
    if format == "csv":
        body, media = export_csv(rows), "text/csv"
    else:
        body, media = export_yaml(rows), "application/yaml"
    disposition = f'attachment; filename="subscribers.{format}"'
    return Response(
        body, media_type=f"{media}; charset=utf-8", headers={"Content-Disposition": disposition}
    )


@router.get("/subscribers/{subscriber_id}")
def edit_form(
    request: Request, subscriber_id: int, user: OfficialDep, session: SessionDep
) -> Response:
    """The stored subscriber as a form."""
    sub = get_or_404(session, Subscriber, subscriber_id)
    form = SubscriberForm(
        email=sub.email,
        name=sub.name,
        company=sub.company,
        language=sub.language,
        frequency=sub.frequency,
        sectors=sector_ids_of(session, subscriber_id),
        markets=" ".join(sub.markets),
        areas=list(sub.areas),
        heartbeat="on" if sub.heartbeat else "",
    )
    return _form_page(request, user, session, form.entry(), sub=sub)


@router.post("/subscribers/{subscriber_id}")
def save(
    request: Request, subscriber_id: int, user: OfficialDep, session: SessionDep, form: FormDep
) -> Response:
    """Save the changes (the address itself does not change)."""
    sub = get_or_404(session, Subscriber, subscriber_id)
    stored = entry_of(session, sub).model_dump()
    changes = form.entry() | {"email": sub.email}
    with suppress(ValidationError):  # a bad value: change_subscriber names the problem
        changes = SubscriberEntry.model_validate(changes).model_dump()  # as stored: sorted...
    try:
        # only what the official changed: the exporter keeps the fields they chose
        change_subscriber(
            session, sub.email, {k: v for k, v in changes.items() if stored.get(k) != v}
        )
    except SubscriberFileError as err:
        session.rollback()
        return _form_page(request, user, session, changes, sub=sub, error=err.message)
    session.commit()
    tr = translator(language(request))
    return redirect(
        request,
        f"/officials/subscribers/{subscriber_id}",
        flash=tr("Đã lưu", "Saved") + f" {sub.email}.",
    )


@router.post("/subscribers/{subscriber_id}/deactivate")
def deactivate(
    request: Request, subscriber_id: int, user: OfficialDep, session: SessionDep
) -> Response:
    """Stop mailing this address (status removed); its history is kept."""
    sub = get_or_404(session, Subscriber, subscriber_id)
    remove_subscriber(session, sub.email)
    session.commit()
    tr = translator(language(request))
    return redirect(
        request,
        f"/officials/subscribers/{subscriber_id}",
        flash=tr("Đã ngừng gửi thư cho", "Mail stopped for") + f" {sub.email}.",
    )
