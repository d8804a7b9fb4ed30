"""Request dependencies shared by the web routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import jinja2
from fastapi import Depends, Request
from sqlmodel import Session

from tbtalert.config import Settings


def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def get_templates(request: Request) -> jinja2.Environment:
    env = request.app.state.templates
    assert isinstance(env, jinja2.Environment)
    return env


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
TemplatesDep = Annotated[jinja2.Environment, Depends(get_templates)]
