"""What subscribers receive, over a real SMTP server, parsed with ``email``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.message import EmailMessage
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import T0, add_notification, add_subscriber
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.mail.runs import send, send_reminders
from tbtalert.models import Delivery
from tbtalert.tokens import email_digest, read_token

NOW = T0 + timedelta(hours=2)  # 2026-03-02 10:00 in Ha Noi
HOSTILE = "Coffee <script>alert('x')</script>\r\nBcc: victim@evil.example\r\n\r\nbody"


@pytest.fixture
def mail_settings(smtp_settings: Settings) -> Settings:
    return smtp_settings.model_copy(
        update={
            "base_url": "https://tbt.example.gov.vn",
            "contact_email": "tbt@sokhcn.example.gov.vn",
            "contact_phone": "0255 3822 000",
        }
    )


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k == "href" and v]


def parts(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None, "both parts must be present"
    return text.get_content(), html.get_content()


def by_rcpt(server: LocalSMTPServer) -> dict[str, list[EmailMessage]]:
    out: dict[str, list[EmailMessage]] = {}
    for rec in server.handler.received:
        for rcpt in rec.rcpt_tos:
            out.setdefault(rcpt, []).append(rec.message)
    return out


def check_standard(msg: EmailMessage, settings: Settings, sub_id: int, email: str) -> None:
    """Headers every message carries, and links that are valid and point where they say."""
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith(">")
    assert msg["Date"] and msg["Auto-Submitted"] == "auto-generated"
    assert msg["Precedence"] == "bulk"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsub = re.fullmatch(
        r"<(https://tbt\.example\.gov\.vn/unsubscribe/([^>]+))>", msg["List-Unsubscribe"]
    )
    assert unsub, msg["List-Unsubscribe"]
    assert read_token(settings, "unsubscribe", unsub.group(2)) == (sub_id, email_digest(email))
    text, html = parts(msg)
    assert unsub.group(1) in text and unsub.group(1) in html
    parser = Links()
    parser.feed(html)
    assert parser.hrefs
    for href in parser.hrefs:
        split = urlsplit(href)
        assert split.scheme in ("https", "http", "mailto"), href
        assert split.netloc or split.scheme == "mailto", href
    prefs = [h for h in parser.hrefs if "/preferences/" in h]
    assert prefs and read_token(settings, "preferences", prefs[0].rsplit("/", 1)[1]) == (
        sub_id,
        email_digest(email),
    )
    assert f"mailto:{settings.contact_email}" in parser.hrefs
    assert settings.contact_phone in text


def seed_coffee(engine: Engine) -> dict[str, int]:
    """Notifications for the digest tests (ids by short name)."""
    ids = {}
    ids["usa_open"] = add_notification(
        engine,
        "G/TBT/N/USA/2001",
        title="Labelling of roasted coffee",
        comment_deadline=date(2026, 3, 12),
        entry_into_force=date(2026, 9, 1),
        sectors={"coffee": "HS 090121 under 0901"},
    )
    ids["usa_closed"] = add_notification(
        engine,
        "G/TBT/N/USA/1990",
        title="Coffee pods recycling",
        distribution_date=date(2026, 1, 5),
        comment_deadline=date(2026, 2, 28),
        sectors={"coffee": "'coffee' in products"},
    )
    ids["eu_open"] = add_notification(
        engine,
        "G/TBT/N/EU/1100",
        member="EU",
        title="Contaminants in coffee",
        comment_deadline=date(2026, 4, 30),
        sectors={"coffee": "HS 0901 under 0901"},
    )
    ids["eu_add"] = add_notification(
        engine,
        "G/TBT/N/EU/900/Add.1",
        member="EU",
        base_symbol="G/TBT/N/EU/900",
        doc_type="addendum",
        title="Adoption of the regulation on coffee extracts",
        comment_deadline=None,
        sectors={"coffee": "inherited from G/TBT/N/EU/900"},
    )
    ids["eu_pepper"] = add_notification(
        engine,
        "G/SPS/N/EU/700",
        member="EU",
        title="Maximum residue levels for pepper",
        comment_deadline=date(2026, 3, 20),
        sectors={"pepper_spices": "HS 090411 under 0904"},
    )
    ids["jpn"] = add_notification(
        engine,
        "G/TBT/N/JPN/800",
        member="JPN",
        title="Japanese coffee standard",
        sectors={"coffee": "HS 0901 under 0901"},
    )
    return ids


def section_order(text: str, names: list[str]) -> list[int]:
    return [text.index(n) for n in names]


def test_daily_digest_in_vietnamese_groups_and_orders(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed_coffee(engine)
    sid = add_subscriber(
        engine,
        "an@caphe.example.com",
        name="Nguyễn Văn An",
        sectors=("coffee", "pepper_spices"),
        markets=["EU", "USA"],
        frequency="daily",
    )
    report = send(engine, mail_settings, "daily", now=NOW)
    assert (report.messages, report.sent, report.failed) == (1, 5, 0)
    [msg] = by_rcpt(smtp_server)["an@caphe.example.com"]
    check_standard(msg, mail_settings, sid, "an@caphe.example.com")
    assert (
        msg["Subject"]
        == "[SPS/TBT] 4 thông báo mới, 1 cập nhật: Cà phê, Hồ tiêu, gia vị — Hoa Kỳ, EU"
    )
    text, html = parts(msg)
    assert "Kính gửi Nguyễn Văn An" in text
    assert "Japanese coffee standard" not in text  # JPN is not among the markets
    # sector, then market; open for comment first (soonest deadline), then the rest
    assert section_order(
        text, ["== Cà phê ==", "-- Hoa Kỳ --", "-- EU --", "== Hồ tiêu, gia vị =="]
    ) == sorted(
        section_order(text, ["== Cà phê ==", "-- Hoa Kỳ --", "-- EU --", "== Hồ tiêu, gia vị =="])
    )
    assert text.index("Labelling of roasted coffee") < text.index("Coffee pods recycling")
    assert text.index("Contaminants in coffee") < text.index("Adoption of the regulation")
    assert "Hạn góp ý: 12/03/2026 (còn 10 ngày)" in text
    assert "Hạn góp ý: 28/02/2026 (đã hết hạn)" in text
    assert "Ngày có hiệu lực: 01/09/2026" in text
    assert ">> Cập nhật của thông báo G/TBT/N/EU/900" in text
    assert "Lý do bạn nhận được: Cà phê — HS 090121 under 0901" in text
    assert "Toàn văn: https://members.wto.org/crnattachments/2026/TBT/USA/x.pdf" in text
    assert "Doanh nghiệp cần làm gì".upper() in text
    assert "Cập nhật của thông báo G/TBT/N/EU/900" in html
    assert html.index("Cà phê</h2>") < html.index("Hồ tiêu, gia vị</h2>")
    assert 'style="' in html and "<style" not in html  # CSS inlined
    assert "Why you got this" not in text


def test_weekly_digest_in_english_and_no_second_copy(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed_coffee(engine)
    sid = add_subscriber(engine, "bo@coffee.example.org", language="en", frequency="weekly")
    assert send(engine, mail_settings, "weekly", now=NOW).messages == 1
    [msg] = by_rcpt(smtp_server)["bo@coffee.example.org"]
    check_standard(msg, mail_settings, sid, "bo@coffee.example.org")
    assert msg["Subject"] == (
        "[TBT] 4 new notification(s), 1 update(s): Coffee — United States, European Union, Japan"
    )
    text, _ = parts(msg)
    assert "This week's notifications" in text
    assert "Final date for comments: 12/03/2026 (10 days left)" in text
    assert "Why you got this: Coffee — HS 090121 under 0901" in text
    assert ">> Update of G/TBT/N/EU/900" in text
    assert send(engine, mail_settings, "weekly", now=NOW).messages == 0
    assert len(smtp_server.handler.received) == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_immediate_one_message_per_item(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer, language: str
) -> None:
    seed_coffee(engine)
    sid = add_subscriber(
        engine, "ca@coffee.example.com", language=language, frequency="immediate", markets=["USA"]
    )
    report = send(engine, mail_settings, "immediate", now=NOW)
    assert (report.queued, report.messages) == (2, 2)
    msgs = by_rcpt(smtp_server)["ca@coffee.example.com"]
    subjects = sorted(m["Subject"] for m in msgs)
    word = "thông báo mới" if language == "vi" else "new notification"
    assert all(word in s and s.startswith("[TBT] 1 ") for s in subjects)
    assert any(s.endswith(": Labelling of roasted coffee") for s in subjects)
    for msg in msgs:
        check_standard(msg, mail_settings, sid, "ca@coffee.example.com")


def test_backlog_not_mailed_and_unannounced_never(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    add_notification(engine, "G/TBT/N/USA/1", seen=T0 - timedelta(days=60))  # before subscribing
    add_notification(engine, "G/TBT/N/USA/2", announce=False)  # quiet first run's backlog
    add_notification(engine, "G/TBT/N/USA/3", sectors={"rubber": "HS 40"})  # other sector
    add_notification(engine, "G/TBT/N/USA/4")
    add_subscriber(engine, "d@coffee.example.com", frequency="immediate")
    add_subscriber(engine, "e@coffee.example.com", frequency="immediate", areas=["SPS"])
    assert send(engine, mail_settings, "immediate", now=NOW).messages == 1
    [rec] = smtp_server.handler.received
    assert (
        rec.rcpt_tos == ["d@coffee.example.com"]
        and "G/TBT/N/USA/4" in rec.message["Subject"] + parts(rec.message)[0]
    )


def test_follow_up_reaches_who_got_the_base(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    base = add_notification(engine, "G/TBT/N/USA/50", title="Base rule on coffee")
    add_subscriber(engine, "f@coffee.example.com", frequency="immediate", language="en")
    send(engine, mail_settings, "immediate", now=NOW)
    # The follow-up has no tag of its own (its text names no product).
    add_notification(
        engine,
        "G/TBT/N/USA/50/Add.1",
        base_symbol="G/TBT/N/USA/50",
        base_id=base,
        doc_type="addendum",
        title="Entry into force postponed",
        sectors={"rubber": "unrelated"},
        seen=NOW,
    )
    assert send(engine, mail_settings, "immediate", now=NOW + timedelta(minutes=5)).messages == 1
    msg = smtp_server.handler.received[-1].message
    text, _ = parts(msg)
    assert msg["Subject"].startswith("[TBT] 1 update(s): Coffee")
    assert ">> Update of G/TBT/N/USA/50" in text
    assert "follow-up of G/TBT/N/USA/50, which you received" in text


def test_hostile_title_is_escaped_and_never_becomes_a_header(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    add_notification(
        engine,
        "G/TBT/N/USA/666",
        title=HOSTILE,
        products="<img src=x onerror=alert(1)> beans",
        notification_url="javascript:alert(1)",
        document_urls=["javascript:alert(2)", "https://members.wto.org/ok.pdf"],
    )
    add_subscriber(engine, "g@coffee.example.com", frequency="immediate")
    assert send(engine, mail_settings, "immediate", now=NOW).messages == 1
    [rec] = smtp_server.handler.received
    msg = rec.message
    assert rec.rcpt_tos == ["g@coffee.example.com"]
    assert msg["Bcc"] is None and "victim" not in str(msg.keys())
    raw_headers = rec.data.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in raw_headers
    assert "\n" not in msg["Subject"] and "<script>" in msg["Subject"]  # text, in a header value
    text, html = parts(msg)
    assert "<script>alert('x')</script>" in text  # the text part is not HTML: shown as is
    assert not any(line.startswith("Bcc:") for line in text.splitlines())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "javascript:" not in html
    assert "https://members.wto.org/ok.pdf" in html


def test_deadline_reminder_once_per_item(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    add_notification(engine, "G/TBT/N/USA/70", title="Open long", comment_deadline=date(2026, 5, 1))
    add_notification(
        engine, "G/TBT/N/USA/71", title="Closes soon", comment_deadline=date(2026, 3, 10)
    )
    add_subscriber(engine, "h@coffee.example.com", frequency="immediate")
    send(engine, mail_settings, "immediate", now=NOW)
    assert len(smtp_server.handler.received) == 2
    # Received 8 days before its deadline: already inside the window, no reminder for USA/71.
    assert send_reminders(engine, mail_settings, now=NOW).messages == 0
    # 21 days before USA/70's final date comes the reminder, once.
    later = NOW + timedelta(days=39)  # 2026-04-10: 21 days before 2026-05-01
    report = send_reminders(engine, mail_settings, now=later)
    assert (report.queued, report.messages) == (1, 1)
    msg = smtp_server.handler.received[-1].message
    assert msg["Subject"].startswith("[TBT] Còn 21 ngày để góp ý: 1 thông báo")
    assert "Open long" in parts(msg)[0]
    assert send_reminders(engine, mail_settings, now=later + timedelta(days=1)).messages == 0
    with Session(engine) as session:
        kinds = sorted(d.kind for d in session.exec(select(Delivery)).all())
    assert kinds == ["alert", "alert", "reminder"]


def test_heartbeat_when_nothing_new_and_only_once(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    add_subscriber(
        engine, "i@coffee.example.com", frequency="weekly", heartbeat=True, language="en"
    )
    add_subscriber(engine, "j@coffee.example.com", frequency="weekly")  # did not ask
    add_subscriber(
        engine, "k@coffee.example.com", frequency="weekly", heartbeat=True, sectors=("rubber",)
    )
    add_notification(engine, "G/TBT/N/USA/80", sectors={"rubber": "HS 4001 under 40"})
    report = send(engine, mail_settings, "weekly", now=NOW)
    assert report.messages == 2
    got = by_rcpt(smtp_server)
    assert set(got) == {"i@coffee.example.com", "k@coffee.example.com"}
    [beat] = got["i@coffee.example.com"]
    assert beat["Subject"] == "[TBT] Nothing new for your sectors"
    assert "Nothing new for your sectors this week." in parts(beat)[0]
    assert "Coffee" in parts(beat)[0]
    assert "G/TBT/N/USA/80" in parts(got["k@coffee.example.com"][0])[0]  # a digest, not a heartbeat
    assert send(engine, mail_settings, "weekly", now=NOW + timedelta(hours=1)).messages == 0
    assert send(engine, mail_settings, "weekly", now=NOW + timedelta(days=7)).messages == 2
