"""Officials' sessions: a signed cookie, the CSRF token of every form, who is signed in.

The cookie ``tbt_session`` holds a random session id, the account id and a
fingerprint of the account's password hash, signed with ``secret_key`` and
valid ``session_hours``. It is HttpOnly, SameSite=Lax, and Secure when
``base_url`` is https. A visitor gets a session id before signing in (the
sign-in form needs a CSRF token too); signing in issues a new id. Every form
carries ``csrf``, an HMAC of the session id: a form posted from another site,
or without the cookie, is refused. Disabling an account or changing its
password ends its sessions at their next request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session

from tbtalert.config import Settings
from tbtalert.models import User
from tbtalert.web.deps import SessionDep

COOKIE = "tbt_session"
LANG_COOKIE = "tbt_lang"
LANGUAGES = ("vi", "en")
_SALT = "tbtalert.officials.session"


class SignInRequired(Exception):
    """The request needs a signed-in official: HTML goes to /login, JSON gets 401."""


class CsrfRefused(Exception):
    """A form came without the CSRF token of this session."""


@dataclass
class WebSession:
    """What the session cookie says; ``fresh`` when it must be (re)sent."""

    sid: str
    uid: int | None = None
    pw: str = ""
    fresh: bool = False


def _settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key, salt=_SALT)


def new_session(uid: int | None = None, pw: str = "") -> WebSession:
    """A session with a new random id (at first visit, and at every sign-in)."""
    return WebSession(secrets.token_urlsafe(24), uid, pw, fresh=True)


def read_session(request: Request) -> WebSession:
    """The request's session from its cookie, or a new anonymous one (once per request)."""
    cached = getattr(request.state, "web_session", None)
    if isinstance(cached, WebSession):
        return cached
    settings = _settings(request)
    session = new_session()
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data: Any = _serializer(settings).loads(raw, max_age=int(settings.session_hours * 3600))
        except BadSignature:
            data = None
        if isinstance(data, dict) and isinstance(data.get("sid"), str):
            uid = data.get("uid")
            session = WebSession(
                data["sid"], uid if isinstance(uid, int) else None, str(data.get("pw", ""))
            )
    request.state.web_session = session
    return session


def write_session(response: Response, settings: Settings, session: WebSession) -> None:
    """Send the session cookie (signed, HttpOnly, SameSite=Lax, Secure on https)."""
    value = _serializer(settings).dumps({"sid": session.sid, "uid": session.uid, "pw": session.pw})
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(settings.session_hours * 3600),
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.base_url.startswith("https://"),
    )


def clear_session(response: Response, settings: Settings) -> None:
    """Forget the session in the browser."""
    response.delete_cookie(
        COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.base_url.startswith("https"),
    )


def password_fingerprint(user: User) -> str:
    """A short digest of the password hash: a new password ends the old sessions."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def csrf_token(settings: Settings, session: WebSession) -> str:
    """The token every form of this session carries."""
    key = settings.secret_key.encode()
    return hmac.new(key, f"csrf:{session.sid}".encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, token: str) -> None:
    """Raise CsrfRefused unless ``token`` belongs to this request's (existing) session."""
    session = read_session(request)
    expected = csrf_token(_settings(request), session)
    if session.fresh or not hmac.compare_digest(token.encode(), expected.encode()):
        raise CsrfRefused()


async def csrf_guard(request: Request) -> None:
    """Every unsafe request under /officials/ carries the token (form field or header)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    token = request.headers.get("x-csrf-token", "")
    if not token:
        form = await request.form()  # already parsed for the handler: read from memory
        value = form.get("csrf")
        token = value if isinstance(value, str) else ""
    check_csrf(request, token)


def signed_in_user(request: Request, session: Session) -> User | None:
    """The active official this request's session belongs to, if any."""
    web = read_session(request)
    if web.uid is None:
        return None
    user = session.get(User, web.uid)
    if user is None or not user.active or password_fingerprint(user) != web.pw:
        return None
    return user


def current_official(request: Request, session: SessionDep) -> User:
    """The signed-in official, or SignInRequired."""
    user = signed_in_user(request, session)
    if user is None:
        raise SignInRequired()
    return user


def wants_json(request: Request) -> bool:
    """Whether the client asked for JSON rather than a page."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def language(request: Request) -> str:
    """``?lang=`` when given, else the language cookie, else Vietnamese."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "")
    return asked if asked in LANGUAGES else "vi"


OfficialDep = Annotated[User, Depends(current_official)]
