"""Exporters' links: one-click unsubscribe, and the preferences page.

Every link carries a signed, expiring token (:mod:`tbtalert.tokens`).
``GET /unsubscribe/<token>`` only shows a button: link scanners must not
unsubscribe anyone. ``POST /unsubscribe/<token>`` unsubscribes at once; it is
also what mail clients send for ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058). The preferences page lets an
address that unsubscribed (or bounced) subscribe again, but only through a
link made after its latest unsubscribe: one mailed to it by the sign-up
form, say, not one from an old message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from tbtalert.config import Settings
from tbtalert.errors import SubscriberFileError
from tbtalert.models import Subscriber, utcnow
from tbtalert.subscribers import FREQUENCIES, SELF_CHOSEN, change_subscriber, entry_of
from tbtalert.tokens import calendar_link, read_token_issued
from tbtalert.web.deps import (
    FormDep,
    SessionDep,
    SettingsDep,
    TemplatesDep,
    form_entry,
    sectors_of,
    subscriber_of,
)
from tbtalert.web.pages import page

router = APIRouter()


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """A page with one button; following the link alone changes nothing."""
    sub = subscriber_of(session, settings, "unsubscribe", token)
    return page(templates, "unsubscribe.html", sub=sub, done=False, lang=sub.language)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Unsubscribe now (the page's button, or a mail client's RFC 8058 one-click POST)."""
    sub = subscriber_of(session, settings, "unsubscribe", token)
    if sub.status != "unsubscribed":
        now = utcnow()
        sub.status, sub.status_reason = "unsubscribed", "unsubscribe link"
        sub.updated_at = sub.unsubscribed_at = now
        session.add(sub)
        session.commit()
    return page(templates, "unsubscribe.html", sub=sub, done=True, lang=sub.language)


def _may_return(sub: Subscriber, issued: datetime) -> bool:
    """Whether this link may subscribe again an address that left by its own choice."""
    left = sub.unsubscribed_at
    return sub.status in SELF_CHOSEN and (left is None or issued >= left.replace(microsecond=0))


def _preferences(
    templates: Any,
    session: Session,
    settings: Settings,
    sub: Subscriber,
    issued: datetime,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    assert sub.id is not None
    return page(
        templates,
        "preferences.html",
        status,
        sub=sub,
        calendar_url=calendar_link(settings, sub.id, sub.email),
        entry=entry_of(session, sub),
        sectors=sectors_of(session),
        frequencies=FREQUENCIES,
        lang=sub.language,
        may_return=_may_return(sub, issued),
        **extra,
    )


@router.get("/preferences/{token}", response_class=HTMLResponse)
def preferences_page(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """The subscriber's sectors, markets, frequency and language, as a form."""
    sub = subscriber_of(session, settings, "preferences", token)
    _, _, issued = read_token_issued(settings, "preferences", token)
    return _preferences(templates, session, settings, sub, issued)


@router.post("/preferences/{token}", response_class=HTMLResponse)
def save_preferences(
    token: str, form: FormDep, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Save the form (or subscribe again); a bad value shows the form again with the reason."""
    sub = subscriber_of(session, settings, "preferences", token)
    _, _, issued = read_token_issued(settings, "preferences", token)
    if form.get("action") == "resubscribe":
        if _may_return(sub, issued):
            sub.status, sub.status_reason = "active", "subscribed again on the web"
            sub.updated_at = utcnow()
            session.add(sub)
            session.commit()
        return _preferences(templates, session, settings, sub, issued, saved=True)
    try:
        change_subscriber(session, sub.email, form_entry(form), by_exporter=True)
    except SubscriberFileError as err:
        session.rollback()
        return _preferences(templates, session, settings, sub, issued, 400, error=err.message)
    session.commit()
    return _preferences(templates, session, settings, sub, issued, saved=True)
