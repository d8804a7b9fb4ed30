"""The bulletin file in Chromium: it opens from disk and asks for nothing but itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from support.browser import chromium, require_chromium
from support.bulletinweek import WEEK, seed_weeks
from tbtalert.bulletin.content import gather
from tbtalert.bulletin.render import render_html
from tbtalert.bulletin.weeks import Week
from tbtalert.cli.app import open_database
from tbtalert.config import Settings
from tbtalert.scheduler import zone_of
from tbtalert.templating import make_environment

require_chromium()


def test_the_html_file_makes_no_request_and_runs_no_script(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings()
    engine = open_database(settings)
    seed_weeks(engine)
    with Session(engine) as session:
        content = gather(session, Week.parse(WEEK), language="vi", zone=zone_of(settings), number=1)
    path = tmp_path / "bulletin.html"
    path.write_text(render_html(make_environment(settings), content), "utf-8")

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri(), wait_until="load")
        assert page.locator("h1").inner_text() == "Bản tin TBT"
        assert page.locator("svg.chart").count() == 3
        assert page.locator("#sector-coffee .item").count() == 4
        hostile = page.locator("#sector-seafood .item").nth(1).inner_text()
        assert '<script>alert("x")</script>' in hostile  # shown as text
        page.close()
    assert requests == [path.as_uri()]
    assert dialogs == []
