"""What a message says: items grouped for a reader, subject lines, and rendering.

Items are grouped by sector (taxonomy order) then market; inside a market,
items open for comment come first (soonest final date first), then the rest
(newest first). Follow-ups (addenda, corrigenda, revisions) are marked as
updates to their base notification. Rendering goes through the one Jinja2
environment (autoescaped ``.html``, plain ``.txt``) and css-inline; the
message is written as bytes by :func:`build_message`, where header values are
single lines (a line break is refused) and bodies are encoded, so no scraped
text can become a header.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import format_datetime, formataddr, parseaddr
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import css_inline
import jinja2
import markupsafe
import yaml

from tbtalert.config import Settings
from tbtalert.errors import MailError
from tbtalert.members import member_name, names_member
from tbtalert.models import Notification
from tbtalert.symbols import notification_link
from tbtalert.templating import describe_template_error

KINDS = ("alert", "reminder", "heartbeat", "confirm")
_ITEM_PLACEHOLDER = re.compile(r"<!--tbt-item-(\d+)-->")


@dataclass
class SectorReason:
    """One of the reader's sectors on an item, and why it matched."""

    sector_id: str
    name: str
    reason: str


@dataclass
class ItemView:
    """One notification as a reader sees it."""

    symbol: str
    area: str
    member: str
    member_display: str
    title: str
    products: str
    description: str
    sectors: list[SectorReason]
    distribution_date: date | None
    comment_deadline: date | None
    days_left: int | None
    entry_into_force: date | None
    entry_into_force_text: str
    notification_url: str
    document_urls: list[str]
    is_update: bool
    doc_type: str
    base_symbol: str
    names_country: bool = False  # names settings.affected_country as specifically affected

    @property
    def is_open(self) -> bool:
        return self.days_left is not None and self.days_left >= 0


@dataclass
class MarketGroup:
    member: str
    name: str
    items: list[ItemView] = field(default_factory=list)


@dataclass
class SectorGroup:
    sector_id: str
    name: str
    markets: list[MarketGroup] = field(default_factory=list)


def clean_line(text: str, limit: int = 0) -> str:
    """One line of text: every run of whitespace (CR, LF, tabs) becomes one space."""
    line = " ".join(str(text).split())
    if limit and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def _is_web(url: str) -> bool:
    """Only http(s) links go into mail: a scraped ``javascript:`` URL never does."""
    return url.lower().startswith(("http://", "https://"))


def make_item(
    note: Notification,
    reasons: list[SectorReason],
    *,
    language: str,
    today: date,
    country: str = "",
) -> ItemView:
    """The reader's view of a notification; ``reasons`` are the reader's matching sectors.

    ``country`` is the member code of the readers' own country (affected_country).
    """
    days_left = (note.comment_deadline - today).days if note.comment_deadline else None
    return ItemView(
        symbol=note.symbol,
        area=note.area,
        member=note.member,
        member_display=member_name(note.member, language, note.member_name),
        title=note.title,
        products=note.products,
        description=note.description,
        sectors=reasons,
        distribution_date=note.distribution_date,
        comment_deadline=note.comment_deadline,
        days_left=days_left,
        entry_into_force=note.entry_into_force,
        entry_into_force_text=note.entry_into_force_text,
        notification_url=notification_link(note.symbol, note.notification_url),
        document_urls=[u for u in note.document_urls if _is_web(u)],
        is_update=note.doc_type not in ("regular", "national"),
        doc_type=note.doc_type,
        base_symbol=note.base_symbol if note.base_symbol != note.symbol else "",
        names_country=names_member(note.countries_affected or [], country),
    )


def _item_order(item: ItemView) -> tuple[int, int, str]:
    if item.is_open and item.days_left is not None:
        return (0, item.days_left, item.symbol)
    distributed = item.distribution_date.toordinal() if item.distribution_date else 0
    return (1, -distributed, item.symbol)


def _country_first_order(item: ItemView) -> tuple[int, int, int, str]:
    return (0 if item.names_country else 1, *_item_order(item))


def group_items(
    items: list[ItemView], sector_order: list[str], *, affected_first: bool = False
) -> list[SectorGroup]:
    """Group by the item's first sector (taxonomy order), then market, ordered for reading.

    With ``affected_first`` the items that name the reader's country come
    first in their market, and such markets first in their sector.
    """
    order: Callable[[ItemView], tuple[Any, ...]] = (
        _country_first_order if affected_first else _item_order
    )
    rank = {sid: i for i, sid in enumerate(sector_order)}
    groups: dict[str, SectorGroup] = {}
    for item in items:
        first = min(item.sectors, key=lambda s: rank.get(s.sector_id, len(rank)))
        group = groups.setdefault(first.sector_id, SectorGroup(first.sector_id, first.name))
        market = next((m for m in group.markets if m.member == item.member), None)
        if market is None:
            market = MarketGroup(item.member, item.member_display)
            group.markets.append(market)
        market.items.append(item)
    ordered = sorted(groups.values(), key=lambda g: rank.get(g.sector_id, len(rank)))
    for group in ordered:
        for market in group.markets:
            market.items.sort(key=order)
        group.markets.sort(key=lambda m: (min(order(i) for i in m.items), m.name))
    return ordered


@cache
def _strings(source: str) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(source)
    assert isinstance(data, dict)
    return data


def strings(env: jinja2.Environment, language: str) -> dict[str, str]:
    """The words of the mail in ``language``, from ``templates/email/strings.yaml``."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "email/strings.yaml")
    return _strings(source)[language]


def _names_list(names: list[str], limit: int = 3) -> str:
    unique = list(dict.fromkeys(n for n in names if n))
    shown = ", ".join(unique[:limit])
    return shown + (f" +{len(unique) - limit}" if len(unique) > limit else "")


def subject_line(
    t: dict[str, str], kind: str, items: list[ItemView], groups: list[SectorGroup]
) -> str:
    """A subject that says what is inside, e.g. '[TBT] 3 thông báo mới: Cà phê — EU, Hoa Kỳ'."""
    areas = "/".join(sorted({i.area for i in items if i.area in ("TBT", "SPS")})) or "TBT"
    sectors = _names_list([g.name for g in groups])
    members = _names_list([i.member_display for i in items])
    updates = sum(1 for i in items if i.is_update)
    fresh = len(items) - updates
    if kind == "reminder":
        days = min(i.days_left or 0 for i in items)
        text = t["subject_reminder"].format(days=days, n=len(items), sectors=sectors)
    elif kind == "heartbeat":
        text = t["subject_heartbeat"]
    elif kind == "confirm":
        text = t["subject_confirm"]
    else:
        parts = []
        if fresh:
            parts.append(t["subject_new"].format(n=fresh))
        if updates:
            parts.append(t["subject_updates"].format(n=updates))
        text = f"{', '.join(parts)}: {sectors} — {members}"
        if len(items) == 1:
            text += f": {clean_line(items[0].title, 80)}"
    return clean_line(f"[{areas}] {text}", 200)


@dataclass
class Rendered:
    """The two parts of a message and its subject."""

    subject: str
    text: str
    html: str


class Renderer:
    """Renders messages through the shared Jinja2 environment, inlining CSS once per message."""

    def __init__(self, settings: Settings, env: jinja2.Environment) -> None:
        self.settings = settings
        self.env = env
        self.zone = ZoneInfo(settings.timezone)
        self.inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
        # One digest item reads the same in every message of a run that shows it
        # with the same sectors and reasons: render it once (``_item.html``/``.txt``).
        self.items: dict[tuple[Any, ...], str] = {}
        self.templates: dict[str, jinja2.Template] = {}
        self.words: dict[str, dict[str, str]] = {}

    def strings(self, language: str) -> dict[str, str]:
        """The words of ``language``, read once per run."""
        found = self.words.get(language)
        if found is None:
            found = self.words[language] = strings(self.env, language)
        return found

    def template(self, name: str) -> jinja2.Template:
        """A template, looked up once per run (the environment re-checks files on every lookup)."""
        found = self.templates.get(name)
        if found is None:
            found = self.templates[name] = self.env.get_template(name)
        return found

    def render_item(self, item: ItemView, fmt: str, language: str) -> str:
        """``email/_item.<fmt>`` for this item, rendered once per run and reused.

        The HTML fragment gets its CSS inlined here, once, from ``email/style.css``.
        """
        reasons = tuple((s.sector_id, s.name, s.reason) for s in item.sectors)
        key = (fmt, language, item.symbol, item.days_left, reasons)
        out = self.items.get(key)
        if out is None:
            t = self.strings(language)
            out = self.template(f"email/_item.{fmt}").render(item=item, t=t, lang=language)
            if fmt == "html":
                css = self.template("email/style.css").render()
                out = markupsafe.Markup(self.inliner.inline_fragment(out, css))
            self.items[key] = out
        return out

    def render(self, kind: str, language: str, context: dict[str, Any]) -> Rendered:
        """Render ``email/<kind>.txt`` and ``.html`` with the words of ``language``.

        A broken template (an official's copy in ``templates_dir``, say)
        raises :class:`MailError` naming the file and line.
        """
        try:
            return self._render(kind, language, context)
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as err:
            # Errors a template's own expressions can raise, e.g. {{ n + "x" }}.
            raise MailError(
                f"cannot render the {kind} mail in {language!r}: {describe_template_error(err)}",
                hint="fix that template (or remove your copy from templates_dir), then send again",
            ) from None

    def _render(self, kind: str, language: str, context: dict[str, Any]) -> Rendered:
        t = self.strings(language)
        items: list[ItemView] = context.get("items", [])
        groups: list[SectorGroup] = context.get("groups", [])
        subject = subject_line(t, kind, items, groups)
        fragments: list[str] = []

        def render_item(item: ItemView, fmt: str) -> str:
            fragment = self.render_item(item, fmt, language)
            if fmt != "html":
                return fragment
            # The page is inlined without its items (already inlined): a
            # placeholder stands for each, swapped back after inlining.
            fragments.append(fragment)
            return markupsafe.Markup(f"<!--tbt-item-{len(fragments) - 1}-->")

        ctx = {
            "t": t,
            "lang": language,
            "kind": kind,
            "subject": subject,
            "render_item": render_item,
            **context,
        }
        text = self.template(f"email/{kind}.txt").render(ctx)
        html = self.inliner.inline(self.template(f"email/{kind}.html").render(ctx))
        html = _ITEM_PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)
        return Rendered(subject, text, html)

    def local_today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()


def encoded_words(value: str, separator: str = "\r\n ") -> str:
    """``value`` as RFC 2047 base64 encoded words of at most 76 characters, folded by default.

    Each word carries whole characters and at most 45 bytes of UTF-8 (60
    base64 characters with 12 of framing).
    """
    chunks: list[str] = []
    start, size = 0, 0
    for i, char in enumerate(value):
        width = len(char.encode("utf-8"))
        if size + width > 45:
            chunks.append(value[start:i])
            start, size = i, 0
        size += width
    chunks.append(value[start:])
    return separator.join(
        f"=?utf-8?b?{base64.b64encode(c.encode('utf-8')).decode('ascii')}?=" for c in chunks
    )


def header_line(name: str, value: str) -> str:
    """``Name: value`` and CRLF, with non-ASCII text as RFC 2047 encoded words.

    ``value`` must be one line: every caller passes text through
    :func:`clean_line` or builds it itself, and a line break is refused here
    too, so scraped text can never start a header of its own.
    """
    if "\r" in value or "\n" in value:
        raise ValueError(f"line break in the {name} header")
    return f"{name}: {value if value.isascii() else encoded_words(value)}\r\n"


def address(name: str, addr: str) -> str:
    """``Name <addr>`` for a header, the name encoded when not ASCII."""
    if any(c in addr for c in '\r\n<>" '):
        raise ValueError(f"not a mail address: {addr!r}")
    name = clean_line(name, 100)
    if not name:
        return addr
    if name.isascii():
        return formataddr((name, addr))
    # Words apart by spaces, not folded: header_line takes one line.
    return f"{encoded_words(name, ' ')} <{addr}>"


def build_message(
    settings: Settings,
    rendered: Rendered,
    *,
    to_email: str,
    to_name: str,
    message_id: str,
    now: datetime,
    unsubscribe_url: str | None,
) -> bytes:
    """A standard message as sent: both parts, Message-ID, Date and the bulk-mail headers.

    Written directly rather than through ``email.message.EmailMessage``, whose
    header parsing and folding cost as much as rendering the message.
    """
    sender_name, sender_addr = parseaddr(settings.mail_from)
    headers = [
        header_line("From", address(sender_name, sender_addr)),
        header_line("To", address(to_name, to_email)),
        header_line("Subject", clean_line(rendered.subject, 200)),
        header_line("Date", format_datetime(now)),
        header_line("Message-ID", message_id),
        "Auto-Submitted: auto-generated\r\n",
        "Precedence: bulk\r\n",
    ]
    if unsubscribe_url:
        headers.append(header_line("List-Unsubscribe", f"<{unsubscribe_url}>"))
        headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
    boundary, body = alternative_body(rendered.text, rendered.html)
    headers.append("MIME-Version: 1.0\r\n")
    headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n')
    return ("".join(headers) + "\r\n" + body).encode("ascii")


def base64_lines(data: bytes) -> bytes:
    """``data`` in base64, in lines of 76 characters each ending in CRLF (RFC 2045).

    One C call and a slice per line: ``base64.encodebytes`` calls the encoder
    once per line, which cost more than rendering the text part.
    """
    encoded = binascii.b2a_base64(data, newline=False)
    lines = [encoded[i : i + 76] for i in range(0, len(encoded), 76)]
    return b"\r\n".join(lines) + b"\r\n" if lines else b""


def alternative_body(text: str, html: str) -> tuple[str, str]:
    """The multipart/alternative body: text (quoted-printable) and HTML (base64), CRLF lines.

    Built here rather than with ``set_content``/``add_alternative``, which
    cost more than everything else in rendering a digest; both parts are
    encoded (binascii), so their content can never reach the headers, and
    their part headers are fixed.
    """
    boundary = f"=_tbt_{uuid.uuid4().hex}"
    text_data = binascii.b2a_qp(text.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")
    html_data = base64_lines(html.encode("utf-8"))
    body = (
        f"--{boundary}\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        f"{text_data.decode('ascii')}\r\n"
        f"--{boundary}\r\n"
        'Content-Type: text/html; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{html_data.decode('ascii')}"
        f"--{boundary}--\r\n"
    )
    return boundary, body
