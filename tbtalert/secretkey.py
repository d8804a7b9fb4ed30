"""The secret that signs the links in mail: make one, and refuse a guessable one.

Anyone who knows the signing key and a subscriber's address can forge that
subscriber's unsubscribe and preferences links. ``serve`` and ``run`` call
:func:`check_secret_key` before they open the web port: on a public address
the default or a short key stops the start; on loopback it only warns.
"""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

from tbtalert.config import DEFAULT_SECRET_KEY, Settings
from tbtalert.errors import ConfigError

MIN_LENGTH = 32
"""Characters a secret key needs at least (``tbtalert secret`` makes 64)."""

HOW_TO = (
    "generate one with 'tbtalert secret' and set TBTALERT_SECRET_KEY "
    "(or secret_key in tbtalert.toml)"
)


def new_secret_key() -> str:
    """A fresh random key: 48 random bytes, URL-safe base64 (64 characters)."""
    return secrets.token_urlsafe(48)


def is_loopback(base_url: str) -> bool:
    """Whether ``base_url`` points at this machine only (links cannot leave it)."""
    host = (urlsplit(base_url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def weakness(key: str) -> str:
    """Why ``key`` is not fit to sign links, or "" when it is."""
    if key == DEFAULT_SECRET_KEY:
        return "secret_key is the default 'change-me'"
    if len(key) < MIN_LENGTH:
        return f"secret_key is {len(key)} characters long (at least {MIN_LENGTH} needed)"
    return ""


def check_secret_key(settings: Settings) -> str:
    """Raise ConfigError for a weak key on a public ``base_url``; return a warning on loopback.

    The returned text is "" when the key is fine.
    """
    problem = weakness(settings.secret_key.get_secret_value())
    if not problem:
        return ""
    if not is_loopback(settings.base_url):
        raise ConfigError(
            f"{problem}, and base_url {settings.base_url} is public: "
            "anyone could forge unsubscribe and preferences links",
            hint=HOW_TO,
        )
    return f"{problem}; acceptable only while base_url is loopback ({HOW_TO})"
