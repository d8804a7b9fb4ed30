"""Signed tokens for the links inside mail: unsubscribe, preferences, confirmation, calendar.

A token carries the subscriber id and a short digest of the address it was
made for, so a link stops working when the address changes (and does not
show the address in the URL). It is signed with ``settings.secret_key`` and
a purpose-specific salt, so an unsubscribe token cannot open preferences,
and it expires (``link_max_age_days``, ``confirm_max_age_hours``). A calendar
link does not expire, since a calendar application cannot be handed a new
one: it stops when the address changes or its owner unsubscribes.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from tbtalert.config import Settings

Purpose = Literal["unsubscribe", "preferences", "confirm", "calendar"]


class TokenError(ValueError):
    """A link token is invalid or expired; ``expired`` tells which."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def email_digest(email: str) -> str:
    """A short digest of an address: binds a token to it without revealing it."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()[:16]


def _signer(settings: Settings, purpose: Purpose) -> TimestampSigner:
    return TimestampSigner(settings.secret_key, salt=f"tbtalert-{purpose}")


def _max_age(settings: Settings, purpose: Purpose) -> int | None:
    if purpose == "calendar":
        return None
    if purpose == "confirm":
        return settings.confirm_max_age_hours * 3600
    return settings.link_max_age_days * 86400


def make_token(settings: Settings, purpose: Purpose, subscriber_id: int, email: str) -> str:
    """A URL-safe token for this subscriber, address and purpose."""
    value = f"{subscriber_id}-{email_digest(email)}"
    return _signer(settings, purpose).sign(value).decode("ascii")


def read_token(settings: Settings, purpose: Purpose, token: str) -> tuple[int, str]:
    """Return (subscriber id, address digest) from a token, or raise TokenError.

    The caller checks the digest against the subscriber's current address
    with :func:`email_digest`.
    """
    try:
        value = _signer(settings, purpose).unsign(token, max_age=_max_age(settings, purpose))
    except SignatureExpired:
        raise TokenError("this link has expired", expired=True) from None
    except BadSignature:
        raise TokenError("this link is not valid") from None
    sid, _, digest = value.decode("ascii", "replace").partition("-")
    if not sid.isdigit() or len(digest) != 16:
        raise TokenError("this link is not valid")
    return int(sid), digest


def link(settings: Settings, purpose: Purpose, subscriber_id: int, email: str) -> str:
    """The absolute URL of a subscriber's link, built from ``settings.base_url``."""
    token = make_token(settings, purpose, subscriber_id, email)
    return f"{settings.base_url.rstrip('/')}/{purpose}/{token}"


def calendar_link(settings: Settings, subscriber_id: int, email: str) -> str:
    """The absolute URL of a subscriber's own calendar (their sectors and markets, iCalendar)."""
    token = make_token(settings, "calendar", subscriber_id, email)
    return f"{settings.base_url.rstrip('/')}/calendar/my/{token}.ics"
