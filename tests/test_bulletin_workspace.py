"""The officials' workspace for the bulletin: build, preview a draft, introduce it, publish it."""

from __future__ import annotations

import requests
from sqlalchemy.engine import Engine

from support.bulletinweek import WEEK, seed_weeks
from support.officials import NAME, add_official, form_token, signed_in
from tbtalert.bulletin.mailing import mail_due
from tbtalert.config import Settings


def test_build_preview_introduce_and_publish(web_site: tuple[Settings, Engine, str]) -> None:
    _, engine, base = web_site
    seed_weeks(engine)
    add_official(engine)
    http = signed_in(base)
    listing = http.get(f"{base}/officials/bulletins", timeout=30)
    assert listing.status_code == 200 and "Chưa có bản tin nào." in listing.text

    token = form_token(listing.text)
    built = http.post(
        f"{base}/officials/bulletins/build", data={"csrf": token, "week": WEEK}, timeout=300
    )
    assert (
        built.status_code == 200
        and "Đã tạo bản nháp tuần 2026-W10 (số 1, 8 thông báo)." in built.text
    )
    assert 'href="/officials/bulletins/2026-W10/bulletin-2026-W10-en.pdf"' in built.text

    draft = http.get(f"{base}/officials/bulletins/2026-W10/bulletin-2026-W10.pdf", timeout=30)
    assert draft.status_code == 200 and draft.content.startswith(b"%PDF-")
    assert (
        requests.get(f"{base}/bulletins/2026-W10", timeout=30).status_code == 404
    )  # not public yet
    anonymous = requests.get(
        f"{base}/officials/bulletins/2026-W10/bulletin-2026-W10.pdf", timeout=30
    )
    assert not anonymous.content.startswith(b"%PDF-")  # sent to the sign-in page

    intro = "Kính gửi quý doanh nghiệp <b>cà phê</b>.\r\n\r\nĐoạn hai."
    http.post(
        f"{base}/officials/bulletins/2026-W10/intro",
        data={"csrf": token, "intro": intro},
        timeout=300,
    )
    page = http.get(f"{base}/officials/bulletins/2026-W10/bulletin-2026-W10.html", timeout=30)
    assert "<p>Kính gửi quý doanh nghiệp &lt;b&gt;cà phê&lt;/b&gt;.</p>" in page.text
    assert "<p>Đoạn hai.</p>" in page.text

    refused = requests.post(f"{base}/officials/bulletins/2026-W10/publish", timeout=30)
    assert refused.status_code in (303, 401, 403) or "/login" in refused.url
    assert not mail_due(engine)
    published = http.post(
        f"{base}/officials/bulletins/2026-W10/publish", data={"csrf": token}, timeout=30
    )
    assert "Đã phát hành bản tin số 1" in published.text
    assert f"bởi {NAME}" in published.text
    assert requests.get(f"{base}/bulletins/2026-W10", timeout=30).status_code == 200
    assert mail_due(engine)
    assert 'action="/officials/bulletins/2026-W10/publish"' not in published.text
