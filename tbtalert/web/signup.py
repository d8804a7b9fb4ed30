"""Exporters' self sign-up: the form, the mail it leads to, and the confirmation button.

The rules (limits, what is never changed) live in :mod:`tbtalert.signup`;
here the form is checked (same site, a fresh form token, an empty honeypot,
bounded fields) and the one mail is sent. The answer to a sign-up is the
same whatever happens to the address, so the form does not reveal who
subscribes. ``GET /confirm/<token>`` only shows a button, as for
unsubscribing: a link scanner following it changes nothing.
"""

from __future__ import annotations

from typing import Any

import anyio.from_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlmodel import Session

from tbtalert.config import Settings
from tbtalert.errors import SendFailure
from tbtalert.mail.dispatch import send_one
from tbtalert.signup import SignupOutcome, confirm, sign_up
from tbtalert.subscribers import FREQUENCIES, SubscriberEntry, entry_problem
from tbtalert.tokens import link, read_token_issued
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
from tbtalert.web.security import form_token, form_token_ok, same_origin

router = APIRouter()

HONEYPOT = "website"
"""A field people never see (hidden by the style sheet); bots fill it in."""

STALE_FORM = (
    "Biểu mẫu đã hết hạn hoặc được gửi từ trang khác; vui lòng tải lại trang và thử lại. / "
    "This form has expired or was sent from another site: reload the page and try again."
)


def _form_page(
    templates: Any, session: Session, settings: Settings, status: int = 200, **extra: Any
) -> HTMLResponse:
    return page(
        templates,
        "subscribe.html",
        status,
        sectors=sectors_of(session),
        frequencies=FREQUENCIES,
        lang="vi",
        form_token=form_token(settings),
        honeypot=HONEYPOT,
        **extra,
    )


@router.get("/subscribe", response_class=HTMLResponse)
def subscribe_page(
    settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """The sign-up form."""
    return _form_page(templates, session, settings)


@router.post("/subscribe", response_class=HTMLResponse)
def subscribe(
    request: Request,
    form: FormDep,
    settings: SettingsDep,
    session: SessionDep,
    templates: TemplatesDep,
) -> HTMLResponse:
    """Check the form, apply the sign-up rules, send at most one mail; the same answer always."""
    data = form_entry(form) | {"email": str(form.get("email", ""))[:400]}
    token_ok = form_token_ok(settings, str(form.get("form_token", "")))
    if not (token_ok and same_origin(request, settings)):
        return _form_page(templates, session, settings, 403, error=STALE_FORM, form=data)
    sent = page(templates, "subscribe_sent.html", email=data["email"], lang=data["language"])
    if form.get(HONEYPOT):
        return sent
    known = {s.id for s in sectors_of(session)}
    try:
        entry = SubscriberEntry.model_validate(data)
        problem = "" if set(entry.sectors) <= known else "sectors: unknown sector"
    except ValidationError as err:
        problem = entry_problem(err)
    if problem:
        return _form_page(templates, session, settings, 400, error=problem, form=data)
    client = request.client.host if request.client else "unknown"
    outcome = sign_up(session, settings, entry, client)
    if outcome.mail != "none":
        try:
            anyio.from_thread.run(send_signup_mail, settings, templates, outcome)
        except SendFailure as err:
            return page(templates, "subscribe_sent.html", 503, email=entry.email, error=str(err))
    return sent


async def send_signup_mail(settings: Settings, templates: Any, outcome: SignupOutcome) -> None:
    """Mail the confirmation link, or, to a known address, the link to its own preferences."""
    if outcome.mail == "confirm":
        url = link(settings, "confirm", outcome.subscriber_id, outcome.email)
        kind, context = "confirm", {"confirm_url": url}
    else:
        url = link(settings, "preferences", outcome.subscriber_id, outcome.email)
        kind, context = "manage", {"preferences_url": url}
    await send_one(
        settings,
        templates,
        kind=kind,
        language=outcome.language,
        to_email=outcome.email,
        to_name=outcome.name,
        context={"subscriber_name": outcome.name, **context},
    )


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm_page(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """A page with one button; following the link alone changes nothing."""
    sub = subscriber_of(session, settings, "confirm", token)
    return _confirmed(templates, settings, sub, done=False)


@router.post("/confirm/{token}", response_class=HTMLResponse)
def confirm_now(
    token: str, settings: SettingsDep, session: SessionDep, templates: TemplatesDep
) -> HTMLResponse:
    """Activate a pending sign-up; mail starts with what arrives from now on."""
    sub = subscriber_of(session, settings, "confirm", token)
    _, _, issued = read_token_issued(settings, "confirm", token)
    confirm(session, sub, issued)
    session.commit()
    return _confirmed(templates, settings, sub, done=True)


def _confirmed(templates: Any, settings: Settings, sub: Any, *, done: bool) -> HTMLResponse:
    prefs = link(settings, "preferences", sub.id, sub.email) if sub.status == "active" else ""
    return page(
        templates, "confirmed.html", sub=sub, done=done, preferences_url=prefs, lang=sub.language
    )
