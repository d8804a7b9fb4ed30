"""Filling in the sign-up form as a browser does: fetch it, keep its token, post from the site."""

from __future__ import annotations

import re
from typing import Any

import requests

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def form_token(base: str) -> str:
    """The token of a freshly served sign-up form."""
    page = requests.get(f"{base}/subscribe", timeout=10)
    page.raise_for_status()
    found = _TOKEN.search(page.text)
    assert found, "the sign-up form has no form_token field"
    return found.group(1)


def post_sign_up(
    base: str,
    data: dict[str, Any],
    *,
    token: str | None = None,
    timeout: float = 10,
    **headers: str,
) -> requests.Response:
    """POST the sign-up form with a valid token and the site's own Origin (unless given)."""
    fields = {"form_token": token if token is not None else form_token(base), **data}
    sent = {"Origin": base, **{k.replace("_", "-"): v for k, v in headers.items()}}
    return requests.post(f"{base}/subscribe", data=fields, headers=sent, timeout=timeout)
