"""Exporters' links: one-click unsubscribe, preferences, sign-up and confirmation.

Every link carries a signed, expiring token (:mod:`tbtalert.tokens`).
``GET /unsubscribe/<token>`` only shows a button: link scanners must not
unsubscribe anyone. ``POST /unsubscribe/<token>`` unsubscribes at once; it is
also what mail clients send for ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058). Self sign-up is double opt-in: the
address stays ``pending``, and gets nothing but the confirmation mail, until
the link in that mail is followed.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.errors import SubscriberFileError
from tbtalert.mail.dispatch import send_one
from tbtalert.mail.transport import SendFailure
from tbtalert.models import Sector, Subscriber, utcnow
from tbtalert.subscribers import (
    FREQUENCIES,
    SubscriberEntry,
    change_subscriber,
    entry_of,
    entry_problem,
    upsert_subscriber,
)
from tbtalert.tokens import Purpose, TokenError, calendar_link, email_digest, link, read_token
from tbtalert.web.deps import SessionDep, SettingsDep, TemplatesDep

router = APIRouter()


def _page(templates: Any, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(f"web/{name}").render(**context)
    return HTMLResponse(html, status_code=status)


def _subscriber(session: Session, settings: Settings, purpose: Purpose, token: str) -> Subscriber:
    """The subscriber a token names, if the token is valid and still matches its address."""
    sid, digest = read_token(settings, purpose, token)
    sub = session.get(Subscriber, sid)
    if sub is None or email_digest(sub.email) != digest:
        raise TokenError("this link is no longer valid")
    return sub


def _sectors(session: Session) -> list[Sector]:
    return list(session.exec(select(Sector).order_by(col(Sector.position))).all())


def link_error(request: Request, err: Exception) -> HTMLResponse:
    """The page for a forged, broken or expired link (any route: a TokenError escaped it)."""
    assert isinstance(err, TokenError)
    templates = request.app.state.templates
    return _page(templates, "link_error.html", 400, expired=err.expired, message=str(err))


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """A page with one button; following the link alone changes nothing."""
    sub = _subscriber(session, settings, "unsubscribe", token)
    return _page(templates, "unsubscribe.html", sub=sub, done=False, lang=sub.language)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Unsubscribe now (the page's button, or a mail client's RFC 8058 one-click POST)."""
    sub = _subscriber(session, settings, "unsubscribe", token)
    if sub.status != "unsubscribed":
        sub.status, sub.status_reason, sub.updated_at = "unsubscribed", "unsubscribe link", utcnow()
        session.add(sub)
        session.commit()
    return _page(templates, "unsubscribe.html", sub=sub, done=True, lang=sub.language)


def _preferences_context(
    session: Session, settings: Settings, sub: Subscriber, **extra: Any
) -> dict[str, Any]:
    entry = entry_of(session, sub)
    assert sub.id is not None
    return {
        "sub": sub,
        "calendar_url": calendar_link(settings, sub.id, sub.email),
        "entry": entry,
        "sectors": _sectors(session),
        "frequencies": FREQUENCIES,
        "lang": sub.language,
        **extra,
    }


@router.get("/preferences/{token}", response_class=HTMLResponse)
def preferences_page(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """The subscriber's sectors, markets, frequency and language, as a form."""
    sub = _subscriber(session, settings, "preferences", token)
    return _page(templates, "preferences.html", **_preferences_context(session, settings, sub))


def _form_entry(form: Any) -> dict[str, Any]:
    markets = [m for m in str(form.get("markets", "")).replace(",", " ").split() if m]
    return {
        "name": str(form.get("name", "")),
        "company": str(form.get("company", "")),
        "language": str(form.get("language", "vi")),
        "frequency": str(form.get("frequency", "daily")),
        "sectors": [str(s) for s in form.getlist("sectors")],
        "markets": markets,
        "heartbeat": form.get("heartbeat") == "on",
    }


@router.post("/preferences/{token}", response_class=HTMLResponse)
async def save_preferences(
    token: str,
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    templates: TemplatesDep,
) -> HTMLResponse:
    """Save the form; a bad value shows the form again with the reason."""
    sub = _subscriber(session, settings, "preferences", token)
    changes = _form_entry(await request.form())
    try:
        change_subscriber(session, sub.email, changes, by_exporter=True)
    except SubscriberFileError as err:
        session.rollback()
        ctx = _preferences_context(session, settings, sub, error=err.message)
        return _page(templates, "preferences.html", 400, **ctx)
    session.commit()
    return _page(
        templates, "preferences.html", **_preferences_context(session, settings, sub, saved=True)
    )


@router.get("/subscribe", response_class=HTMLResponse)
def subscribe_page(session: SessionDep, templates: TemplatesDep) -> HTMLResponse:
    """The sign-up form."""
    return _page(
        templates, "subscribe.html", sectors=_sectors(session), frequencies=FREQUENCIES, lang="vi"
    )


async def send_confirmation(settings: Settings, templates: Any, sub: Subscriber) -> None:
    """Mail the confirmation link (the only mail a pending address ever gets)."""
    assert sub.id is not None
    url = link(settings, "confirm", sub.id, sub.email)
    await send_one(
        settings,
        templates,
        kind="confirm",
        language=sub.language,
        to_email=sub.email,
        to_name=sub.name,
        context={"subscriber_name": sub.name, "confirm_url": url},
    )


@router.post("/subscribe", response_class=HTMLResponse)
async def subscribe(
    request: Request, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Record a pending subscription and mail the confirmation link.

    The answer is the same whether the address is new or known, so the form
    does not reveal who subscribes. An active subscriber is left as it is.
    """
    form = await request.form()
    data = _form_entry(form) | {"email": str(form.get("email", ""))}
    known = {s.id for s in _sectors(session)}
    try:
        entry = SubscriberEntry.model_validate(data)
        problem = "" if set(entry.sectors) <= known else "sectors: unknown sector"
    except ValidationError as err:
        problem = entry_problem(err)
    if problem:
        ctx = {"sectors": _sectors(session), "frequencies": FREQUENCIES, "lang": "vi"}
        return _page(templates, "subscribe.html", 400, error=problem, form=data, **ctx)
    existing = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).first()
    if existing is None or existing.status != "active":
        upsert_subscriber(session, entry, "web")
        sub = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).one()
        sub.status, sub.status_reason, sub.updated_at = "pending", "signed up on the web", utcnow()
        session.add(sub)
        session.commit()
        try:
            await send_confirmation(settings, templates, sub)
        except SendFailure as err:
            return _page(templates, "subscribe_sent.html", 503, email=entry.email, error=str(err))
    return _page(templates, "subscribe_sent.html", email=entry.email, lang=entry.language)


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Activate a pending sign-up; mail starts with what arrives from now on."""
    sub = _subscriber(session, settings, "confirm", token)
    if sub.status == "pending":
        now = utcnow()
        sub.status, sub.status_reason, sub.subscribed_at, sub.updated_at = (
            "active",
            "confirmed on the web",
            now,
            now,
        )
        session.add(sub)
        session.commit()
    assert sub.id is not None
    prefs = link(settings, "preferences", sub.id, sub.email)
    return _page(templates, "confirmed.html", sub=sub, preferences_url=prefs, lang=sub.language)
