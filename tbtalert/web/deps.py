"""Request dependencies and small helpers shared by the web routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import jinja2
from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from tbtalert.config import Settings
from tbtalert.errors import TokenError
from tbtalert.models import Sector, Subscriber
from tbtalert.tokens import Purpose, email_digest, read_token
from tbtalert.web.security import MAX_BODY

# The plain getters are coroutines so FastAPI calls them on the event loop: a
# sync dependency would wait for a worker thread, and every worker thread may
# be waiting for a database lock (``/healthz`` must answer even then).


async def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


async def get_engine(request: Request) -> Engine:
    engine = request.app.state.engine
    assert isinstance(engine, Engine)
    return engine


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


async def get_templates(request: Request) -> jinja2.Environment:
    env = request.app.state.templates
    assert isinstance(env, jinja2.Environment)
    return env


async def read_form(request: Request) -> FormData:
    """The posted form, read on the event loop (routes then run in a worker thread)."""
    return await request.form(max_files=0, max_fields=200, max_part_size=MAX_BODY)


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_session)]
TemplatesDep = Annotated[jinja2.Environment, Depends(get_templates)]
FormDep = Annotated[FormData, Depends(read_form)]


def sectors_of(session: Session) -> list[Sector]:
    """The taxonomy's sectors in their order (for the forms' check boxes)."""
    return list(session.exec(select(Sector).order_by(col(Sector.position))).all())


def subscriber_of(session: Session, settings: Settings, purpose: Purpose, token: str) -> Subscriber:
    """The subscriber a token names, if the token is valid and still matches its address."""
    sid, digest = read_token(settings, purpose, token)
    sub = session.get(Subscriber, sid)
    if sub is None or email_digest(sub.email) != digest:
        raise TokenError("this link is no longer valid")
    return sub


def form_entry(form: Any) -> dict[str, Any]:
    """A subscriber entry's fields from a posted form (checked later, like a file entry)."""
    markets = [m for m in str(form.get("markets", ""))[:2000].replace(",", " ").split() if m]
    return {
        "name": str(form.get("name", "")),
        "company": str(form.get("company", "")),
        "language": str(form.get("language", "vi")),
        "frequency": str(form.get("frequency", "daily")),
        "sectors": [str(s) for s in form.getlist("sectors")],
        "markets": markets,
        "heartbeat": form.get("heartbeat") == "on",
        "bulletin": form.get("bulletin") == "on",
        "affected_first": form.get("affected_first") == "on",
    }
