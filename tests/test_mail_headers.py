"""Headers and bodies written by hand: any text survives the trip, no text adds a header."""

from __future__ import annotations

import base64
import email
import email.policy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tbtalert.mail.mime import address, base64_lines, header_line

one_line = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\r\n"),
        min_size=1,
        max_size=300,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def parse(*lines: str) -> email.message.EmailMessage:
    raw = ("".join(lines) + "\r\nbody\r\n").encode("ascii")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


@given(one_line)
def test_any_subject_round_trips(subject: str) -> None:
    line = header_line("Subject", subject)
    assert all(len(part) <= 998 for part in line.split("\r\n"))
    msg = parse(line)
    assert msg["Subject"] == subject
    assert list(msg.keys()) == ["Subject"]


@given(one_line.filter(lambda s: len(s) <= 100))  # longer names are cut to 100
def test_any_display_name_round_trips(name: str) -> None:
    msg = parse(header_line("To", address(name, "an@caphe.example.com")))
    [addr] = msg["To"].addresses
    assert addr.addr_spec == "an@caphe.example.com"
    if len(name.encode("utf-8")) <= 45 or name.isascii():
        assert addr.display_name == name
    else:
        # A long name takes several encoded words. Mail readers join them as
        # RFC 2047 says; Python's address parser keeps the space between them.
        assert addr.display_name.replace(" ", "") == name.replace(" ", "")


@pytest.mark.parametrize("value", ["Title\r\nBcc: victim@example.com", "x\nTo: a@b.example.com"])
def test_a_line_break_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="line break"):
        header_line("Subject", value)


def test_a_broken_address_is_refused() -> None:
    with pytest.raises(ValueError, match="not a mail address"):
        address("An", "an@example.com>\r\nBcc: x@example.com")


@given(st.binary(max_size=2000))
def test_base64_body_lines_decode_to_the_data(data: bytes) -> None:
    encoded = base64_lines(data)
    lines = encoded.split(b"\r\n")
    assert lines[-1] == b""  # every line ends in CRLF
    assert all(len(line) <= 76 for line in lines)
    assert base64.b64decode(b"".join(lines)) == data
