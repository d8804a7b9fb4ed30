"""MIME: a rendered message written as the bytes that are sent.

Header values are single lines (a line break is refused) and both bodies
are encoded, so no scraped text can become a header. The message is written
directly rather than through ``email.message.EmailMessage``, whose header
parsing and folding cost as much as rendering the message.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, formataddr, parseaddr

from tbtalert.config import Settings


@dataclass
class Rendered:
    """The two parts of a message and its subject."""

    subject: str
    text: str
    html: str


def sender(settings: Settings) -> tuple[str, str]:
    """(display name, address) of ``mail_from``, the sender of every message."""
    return parseaddr(settings.mail_from)


def mail_domain(settings: Settings) -> str:
    """The domain of ``mail_from``, which every Message-ID ends with."""
    return sender(settings)[1].rpartition("@")[2] or "tbtalert.invalid"


def new_message_id(settings: Settings, key: str) -> str:
    """A fresh, unique Message-ID such as ``<9f0c….confirm@example.gov.vn>``."""
    return f"<{uuid.uuid4().hex}.{key}@{mail_domain(settings)}>"


def clean_line(text: str, limit: int = 0) -> str:
    """One line of text: every run of whitespace (CR, LF, tabs) becomes one space."""
    line = " ".join(str(text).split())
    if limit and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


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
    """A standard message as sent: both parts, Message-ID, Date and the bulk-mail headers."""
    sender_name, sender_addr = sender(settings)
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
