"""Mailing the bulletin: once published, to those who asked, once each, with links; the opt-in.

Mail goes to a real SMTP server (aiosmtpd); the crash test kills a real
``tbtalert bulletin send`` with SIGKILL in the middle and runs it again.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.bulletinweek import WEEK, seed_weeks
from support.mailfactory import add_subscriber
from support.polling import wait_until
from support.sending import sender_env
from support.smtpserver import LocalSMTPServer
from tbtalert.bulletin.archive import build_bulletin, publish_bulletin, weekly_bulletin
from tbtalert.bulletin.mailing import mail_due, send_bulletin_mail
from tbtalert.bulletin.weeks import Week
from tbtalert.config import Settings
from tbtalert.jobs import weekly_job
from tbtalert.models import BulletinDelivery, Subscriber
from tbtalert.subscribers import sync_subscribers
from tbtalert.tokens import link

W10 = Week.parse(WEEK)


def bulletin_mail(smtp: LocalSMTPServer) -> dict[str, list[object]]:
    """Received bulletin messages by recipient."""
    found: dict[str, list[object]] = {}
    for rec in smtp.handler.received:
        found.setdefault(rec.rcpt_tos[0], []).append(rec.message)
    return found


def test_published_bulletin_is_mailed_once_to_those_who_asked(
    engine: Engine, smtp_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed_weeks(engine)
    add_subscriber(engine, "an@caphe.example.com", bulletin=True, name="Nguyễn Văn An")
    add_subscriber(engine, "bich@ginseng.example.org", bulletin=True, language="en")
    add_subscriber(engine, "no-bulletin@example.com")
    add_subscriber(engine, "gone@example.com", bulletin=True, status="unsubscribed")
    build_bulletin(engine, smtp_settings, W10, languages=("vi", "en"), intro="Kính gửi.")
    assert not mail_due(engine)
    assert send_bulletin_mail(engine, smtp_settings).queued == 0  # a draft is not mailed

    publish_bulletin(engine, W10, by="Nguyễn Thị Lan")
    assert mail_due(engine)
    report = send_bulletin_mail(engine, smtp_settings)
    assert (report.queued, report.sent, report.failed) == (2, 2, 0)
    mail = bulletin_mail(smtp_server)
    assert sorted(mail) == ["an@caphe.example.com", "bich@ginseng.example.org"]

    vi = mail["an@caphe.example.com"][0]
    assert vi["Subject"] == "Bản tin TBT số 1, tuần 10/2026: 7 thông báo mới, 5 còn hạn góp ý"
    assert vi["List-Unsubscribe"].startswith(f"<{smtp_settings.base_url}/unsubscribe/")
    assert vi.get_content_type() == "multipart/alternative"  # the PDF is linked, not attached
    text = vi.get_body(("plain",)).get_content()
    base = smtp_settings.base_url
    assert "Kính gửi Nguyễn Văn An," in text and "Kính gửi." in text
    assert f"Đọc bản tin: {base}/bulletins/2026-W10?lang=vi" in text
    assert f"Tải bản PDF: {base}/bulletins/2026-W10/bulletin-2026-W10.pdf" in text
    assert "Thông báo mới: 7 (so với tuần trước: 2)" in text
    assert "Cà phê: 4" in text and "Thủy sản: 2" in text
    html = vi.get_body(("html",)).get_content()
    assert f'href="{base}/bulletins/2026-W10/bulletin-2026-W10.pdf"' in html

    en = mail["bich@ginseng.example.org"][0]
    assert en["Subject"].startswith("TBT Bulletin no. 1, week 10/2026: 7 new notification(s)")
    assert "/bulletins/2026-W10/bulletin-2026-W10-en.pdf" in en.get_body(("plain",)).get_content()

    # Again: nothing. A subscriber who asks later gets the next bulletin, not this one.
    add_subscriber(engine, "late@example.com", bulletin=True)
    again = send_bulletin_mail(engine, smtp_settings)
    assert (again.queued, again.sent) == (0, 0) and not mail_due(engine)
    assert len(smtp_server.handler.received) == 2


def test_the_main_jobs_weekly_step(
    engine: Engine, smtp_settings: Settings, smtp_server: LocalSMTPServer, tmp_path: Path
) -> None:
    seed_weeks(engine)
    add_subscriber(engine, "an@caphe.example.com", bulletin=True)
    monday = datetime(2026, 3, 9, 0, 30, tzinfo=UTC)  # 07:30 in Ha Noi, week 11 begins
    draft = weekly_bulletin(engine, smtp_settings, monday)
    assert (draft.week, draft.status, draft.number) == ("2026-W10", "draft", 1)
    assert sorted(p.name for p in smtp_settings.bulletin_dir.iterdir())[:2] == [
        "bulletin-2026-W10-en.csv",
        "bulletin-2026-W10-en.html",
    ]
    assert send_bulletin_mail(engine, smtp_settings).sent == 0

    auto = smtp_settings.model_copy(update={"bulletin_autopublish": True})
    published = weekly_bulletin(engine, auto, monday)
    assert (published.status, published.published_by) == (
        "published",
        "tbtalert (bulletin_autopublish)",
    )
    assert send_bulletin_mail(engine, auto).sent == 1
    assert weekly_bulletin(engine, auto, monday).revision == 1  # published: left as it is

    # The scheduled job itself: digests, this week's bulletin (an empty week), its mail.
    report = weekly_job(engine, auto)
    assert report.bulletin.endswith(" published") and report.bulletin_mail is not None
    assert report.bulletin_mail.sent == 1
    assert len(smtp_server.handler.received) == 2


def test_subscribers_choose_the_bulletin(
    web_site: tuple[Settings, Engine, str], tmp_path: Path
) -> None:
    settings, engine, _ = web_site
    sid = add_subscriber(engine, "an@caphe.example.com")
    url = link(settings, "preferences", sid, "an@caphe.example.com")
    page = requests.get(url, timeout=30).text
    assert 'name="bulletin"' in page and "Nhận bản tin TBT hằng tuần" in page
    form = {"sectors": "coffee", "frequency": "daily", "language": "vi", "bulletin": "on"}
    assert requests.post(url, data=form, timeout=30).status_code == 200
    with Session(engine) as session:
        sub = session.get(Subscriber, sid)
        assert sub is not None and sub.bulletin and "bulletin" in sub.owned

    listed = tmp_path / "firms.yaml"
    listed.write_text(
        "subscribers:\n  - email: tieu@pepper.example.com\n    sectors: [pepper_spices]\n"
        "    bulletin: true\n",
        "utf-8",
    )
    assert sync_subscribers(engine, listed)[0].added == 1
    with Session(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.bulletin == True)).all()  # noqa: E712
        assert sorted(s.email for s in row) == ["an@caphe.example.com", "tieu@pepper.example.com"]


SUBSCRIBERS, CONCURRENCY = 40, 4


def sender(database_url: str, port: int, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = sender_env(database_url, port, smtp_concurrency=str(CONCURRENCY))
    return subprocess.Popen(
        [sys.executable, "-m", "tbtalert", "bulletin", "send"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_sigkill_mid_send_then_restart_mails_each_subscriber_once(
    engine: Engine,
    settings: Settings,
    database_url: str,
    smtp_server: LocalSMTPServer,
    tmp_path: Path,
) -> None:
    emails = [f"exporter{i:02d}@coffee.example.com" for i in range(SUBSCRIBERS)]
    for email in emails:
        add_subscriber(engine, email, bulletin=True)
    build_bulletin(engine, settings, W10)
    publish_bulletin(engine, W10, by="Nguyễn Thị Lan")
    handler = smtp_server.handler
    handler.rcpt_delay = 0.05  # a slow server, so the kill lands mid-send

    first = sender(database_url, smtp_server.port, tmp_path)
    wait_until(lambda: len(handler.received) >= 8 or first.poll() is not None, 120, interval=0.005)
    first.send_signal(signal.SIGKILL)
    first.wait()
    at_kill = len(handler.received)
    assert first.returncode == -signal.SIGKILL
    assert 8 <= at_kill < SUBSCRIBERS, "the kill must land in the middle of the send"
    with Session(engine) as session:
        states = Counter(d.status for d in session.exec(select(BulletinDelivery)))
    assert states["sending"] > 0 and states["sent"] < SUBSCRIBERS

    handler.rcpt_delay = 0.0
    second = sender(database_url, smtp_server.port, tmp_path)
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, out.decode()

    ids_of: dict[str, set[str]] = {}
    copies: Counter[str] = Counter()
    for rec in handler.received:
        ids_of.setdefault(rec.rcpt_tos[0], set()).add(rec.message["Message-ID"])
        copies[rec.message["Message-ID"]] += 1
    assert sorted(ids_of) == emails
    assert all(len(ids) == 1 for ids in ids_of.values()), "one bulletin message per subscriber"
    repeats = sum(n - 1 for n in copies.values())
    assert repeats <= CONCURRENCY, f"{repeats} messages repeated (same Message-ID)"
    print(f"received {len(handler.received)}, {at_kill} before the kill, {repeats} repeated")

    with Session(engine) as session:
        assert {d.status for d in session.exec(select(BulletinDelivery))} == {"sent"}
    third = sender(database_url, smtp_server.port, tmp_path)
    out, _ = third.communicate(timeout=120)
    assert third.returncode == 0 and b"0 sent" in out, out.decode()
    assert len(handler.received) == SUBSCRIBERS + repeats
