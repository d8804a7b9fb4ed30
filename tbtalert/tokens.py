"""Signed, expiring tokens for the links inside mail: unsubscribe, preferences, confirmation.

A token names the subscriber and the address it was made for, so a link stops
working when the address changes; it is signed with ``settings.secret_key``
and a purpose-specific salt, so an unsubscribe token cannot open preferences.
"""

from __future__ import annotations

from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from tbtalert.config import Settings

Purpose = Literal["unsubscribe", "preferences", "confirm"]


class TokenError(ValueError):
    """A link token is invalid or expired; ``expired`` tells which."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def _serializer(settings: Settings, purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key, salt=f"tbtalert-{purpose}")


def _max_age(settings: Settings, purpose: Purpose) -> int:
    if purpose == "confirm":
        return settings.confirm_max_age_hours * 3600
    return settings.link_max_age_days * 86400


def make_token(settings: Settings, purpose: Purpose, subscriber_id: int, email: str) -> str:
    """A URL-safe token for this subscriber, address and purpose."""
    return str(_serializer(settings, purpose).dumps([subscriber_id, email.lower()]))


def read_token(settings: Settings, purpose: Purpose, token: str) -> tuple[int, str]:
    """Return (subscriber id, email) from a token, or raise TokenError."""
    try:
        data = _serializer(settings, purpose).loads(token, max_age=_max_age(settings, purpose))
    except SignatureExpired:
        raise TokenError("this link has expired", expired=True) from None
    except BadSignature:
        raise TokenError("this link is not valid") from None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int)):
        raise TokenError("this link is not valid")
    return data[0], str(data[1])


def link(settings: Settings, purpose: Purpose, subscriber_id: int, email: str) -> str:
    """The absolute URL of a subscriber's link, built from ``settings.base_url``."""
    path = {"unsubscribe": "unsubscribe", "preferences": "preferences", "confirm": "confirm"}
    token = make_token(settings, purpose, subscriber_id, email)
    return f"{settings.base_url.rstrip('/')}/{path[purpose]}/{token}"
