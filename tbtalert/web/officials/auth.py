"""Signing in and out: ``/login`` and ``/logout``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from tbtalert.errors import SignInRefused
from tbtalert.users import sign_in
from tbtalert.web.deps import SessionDep, SettingsDep
from tbtalert.web.officials.pages import finish, local_target, page, redirect
from tbtalert.web.officials.session import (
    check_csrf,
    clear_session,
    new_session,
    password_fingerprint,
    signed_in_user,
    write_session,
)

router = APIRouter()


@router.get("/login")
def login_page(request: Request, session: SessionDep, next: str = "/officials/") -> Response:
    """The sign-in form (an official already signed in goes on to the workspace)."""
    if signed_in_user(request, session) is not None:
        return redirect(request, local_target(next))
    return page(request, "login.html", user=None, next=local_target(next), email="", error="")


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/officials/",
) -> Response:
    """Check the password (throttled); a new session id on success."""
    check_csrf(request, csrf)
    ip = request.client.host if request.client else "unknown"
    try:
        user = sign_in(session, settings, email=email, password=password, ip=ip)
    except SignInRefused as err:
        status = 429 if err.throttled else 401
        return page(
            request,
            "login.html",
            user=None,
            status=status,
            next=local_target(next),
            email=email,
            error="throttled" if err.throttled else "wrong",
        )
    assert user.id is not None
    response = redirect(request, local_target(next))
    write_session(response, settings, new_session(user.id, password_fingerprint(user)))
    return response


@router.post("/logout")
def logout(request: Request, settings: SettingsDep, csrf: Annotated[str, Form()] = "") -> Response:
    """Sign out: the cookie is cleared."""
    check_csrf(request, csrf)
    response = finish(request, redirect(request, "/login"))
    clear_session(response, settings)
    return response
