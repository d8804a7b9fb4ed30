"""``/officials/bulletins``: build, preview, introduce and publish the weekly bulletin.

The same functions as ``tbtalert bulletin build|publish``
(:mod:`tbtalert.bulletin.archive`). Drafts are previewed here, with the
public archive's headers; only published bulletins are public (``/bulletins``).
Building prints PDFs, which takes seconds: the handlers are plain ``def``,
run in FastAPI's thread pool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from tbtalert.bulletin.archive import (
    build_bulletin,
    default_week,
    list_bulletins,
    publish_bulletin,
    read_file,
)
from tbtalert.bulletin.render import LANGUAGES
from tbtalert.bulletin.weeks import Week
from tbtalert.errors import BulletinError
from tbtalert.web.bulletins import file_response, week_or_404
from tbtalert.web.deps import SettingsDep
from tbtalert.web.officials.notifications import official_name
from tbtalert.web.officials.pages import page, redirect, translator
from tbtalert.web.officials.session import OfficialDep, language

router = APIRouter()
HOME = "/officials/bulletins"


@router.get("/bulletins")
def bulletins(request: Request, user: OfficialDep, settings: SettingsDep) -> Response:
    """Every bulletin, drafts too: preview its files, edit its introduction, publish it."""
    return page(
        request,
        "bulletins.html",
        user=user,
        entries=list_bulletins(request.app.state.engine),
        next_week=default_week(settings),
        week_of=Week.parse,
    )


@router.get("/bulletins/{week}/{name}")
def preview(request: Request, user: OfficialDep, week: str, name: str) -> Response:
    """A file of a bulletin, draft or published (its latest revision)."""
    engine = request.app.state.engine
    return file_response(read_file(engine, week_or_404(week), name, published_only=False))


def _build(request: Request, week: Week, intro: str | None) -> str:
    """Build ``week`` in both languages; the flash message saying how it went."""
    tr = translator(language(request))
    app = request.app
    try:
        report = build_bulletin(
            app.state.engine,
            app.state.settings,
            week,
            languages=LANGUAGES,
            out_dir=app.state.settings.bulletin_dir,
            intro=intro,
        )
    except BulletinError as err:
        return err.one_line()
    items = len(report.contents[0].items)
    return tr(
        f"Đã tạo bản nháp tuần {week} (số {report.number}, {items} thông báo).",
        f"Built the draft of {week} (no. {report.number}, {items} notifications).",
    )


@router.post("/bulletins/build")
def build(
    request: Request, user: OfficialDep, week: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    """Build (or rebuild) a week's draft with the latest data."""
    try:
        chosen = Week.parse(week) if week.strip() else default_week(request.app.state.settings)
    except BulletinError as err:
        return redirect(request, HOME, flash=err.one_line())
    return redirect(request, f"{HOME}#w{chosen}", flash=_build(request, chosen, None))


@router.post("/bulletins/{week}/intro")
def introduce(
    request: Request,
    user: OfficialDep,
    week: str,
    intro: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Save the introduction and rebuild the draft with it."""
    chosen = week_or_404(week)
    text = intro.replace("\r\n", "\n").strip()
    return redirect(request, f"{HOME}#w{chosen}", flash=_build(request, chosen, text))


@router.post("/bulletins/{week}/publish")
def publish(request: Request, user: OfficialDep, week: str) -> Response:
    """Publish the draft as it is: public at /bulletins, mailed within minutes."""
    chosen = week_or_404(week)
    tr = translator(language(request))
    try:
        row, changed = publish_bulletin(request.app.state.engine, chosen, by=official_name(user))
    except BulletinError as err:
        raise HTTPException(status_code=404, detail=err.message) from None
    flash = (
        tr(
            f"Đã phát hành bản tin số {row.number}; người đăng ký nhận được thư trong vài phút.",
            f"Published no. {row.number}; subscribers get it within minutes.",
        )
        if changed
        else tr("Bản tin này đã được phát hành.", "This bulletin was already published.")
    )
    return redirect(request, f"{HOME}#w{chosen}", flash=flash)
