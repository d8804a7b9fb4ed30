"""The polite HTTP client against a real local server: retries, validators, cap, decoding."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from support.httpserver import LocalHTTPServer, Reply
from tbtalert.config import Settings
from tbtalert.errors import FetchError
from tbtalert.http import HttpClient, decode_body, retry_after_seconds

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def nfd(text: str) -> str:
    """Vietnamese as windows-1258 spells it: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONES)
            rest = "".join(c for c in parts if c not in TONES)
            out.append(unicodedata.normalize("NFC", rest) + tones)
    return "".join(out)


class Sleeps(list[float]):
    """Records the waits the client asks for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def plain(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(http_retries=2, http_backoff=0.5, http_timeout=0.5)


def test_user_agent_and_one_session(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route("/a", Reply(body=b"x"))
    with HttpClient(plain) as client:
        client.get(http_server.url("/a"))
        client.get(http_server.url("/a"))
    seen = http_server.hits("/a")
    assert all(s.headers["User-Agent"] == plain.http_user_agent() for s in seen)
    assert "tbt@localhost" in seen[0].headers["User-Agent"]


def test_backoff_doubles_on_5xx_then_succeeds(
    plain: Settings, http_server: LocalHTTPServer
) -> None:
    http_server.route("/flaky", Reply(500), Reply(502), Reply(body=b"ok"))
    sleeps = Sleeps()
    with HttpClient(plain, sleep=sleeps) as client:
        assert client.get(http_server.url("/flaky")).content == b"ok"
    assert sleeps == [0.5, 1.0]


def test_retry_after_is_honoured(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route("/busy", Reply(429, headers={"Retry-After": "7"}), Reply(body=b"ok"))
    sleeps = Sleeps()
    with HttpClient(plain, sleep=sleeps) as client:
        assert client.get(http_server.url("/busy")).content == b"ok"
    assert sleeps == [7.0]


def test_retry_after_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon", now) is None


def test_gives_up_after_retries_naming_url(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route("/down", Reply(503))
    with HttpClient(plain, sleep=Sleeps()) as client, pytest.raises(FetchError) as err:
        client.get(http_server.url("/down"))
    assert "HTTP 503" in str(err.value) and http_server.url("/down") in str(err.value)
    assert len(http_server.hits("/down")) == 3


def test_404_is_not_retried(plain: Settings, http_server: LocalHTTPServer) -> None:
    with HttpClient(plain, sleep=Sleeps()) as client, pytest.raises(FetchError, match="HTTP 404"):
        client.get(http_server.url("/missing"))
    assert len(http_server.hits("/missing")) == 1


def test_timeout_is_retried_then_reported(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route("/slow", Reply(body=b"late", delay=1.0), Reply(body=b"quick"))
    with HttpClient(plain, sleep=Sleeps()) as client:
        assert client.get(http_server.url("/slow")).content == b"quick"
    http_server.route("/slower", Reply(body=b"late", delay=1.0))
    no_retry = plain.model_copy(update={"http_retries": 0})
    with (
        HttpClient(no_retry, sleep=Sleeps()) as client,
        pytest.raises(FetchError, match="timed out"),
    ):
        client.get(http_server.url("/slower"))


def test_unreachable_host_is_one_clear_error(plain: Settings) -> None:
    no_retry = plain.model_copy(update={"http_retries": 0})
    with HttpClient(no_retry) as client, pytest.raises(FetchError) as err:
        client.get("http://127.0.0.1:9/nothing-listens-here")
    assert (
        "cannot connect to http://127.0.0.1:9/nothing-listens-here (connection refused)"
        in err.value.one_line()
    )
    assert "check" in err.value.one_line()


def test_conditional_request_and_304(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route(
        "/feed",
        Reply(
            body=b"<rss/>",
            headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"},
        ),
        Reply(304, headers={"ETag": '"v1"'}),
    )
    with HttpClient(plain) as client:
        first = client.get(http_server.url("/feed"))
        second = client.get(
            http_server.url("/feed"), etag=first.etag, last_modified=first.last_modified
        )
    assert second.not_modified and second.content == b""
    sent = http_server.hits("/feed")[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 02 Nov 2026 10:00:00 GMT"


def test_20_mb_body_is_refused_at_the_cap(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route("/huge", Reply(body=b"x" * 20_000_000))
    with HttpClient(plain, sleep=Sleeps()) as client, pytest.raises(FetchError) as err:
        client.get(http_server.url("/huge"))
    assert "too large (20,000,000 bytes; the limit is 10,000,000 bytes)" in str(err.value)
    assert len(http_server.hits("/huge")) == 1  # not retried


def test_cap_holds_without_content_length(
    make_settings: Callable[..., Settings], http_server: LocalHTTPServer
) -> None:
    # A body streamed past the cap is cut off while reading, not after.
    settings = make_settings(http_max_bytes=100_000)
    http_server.route("/stream", Reply(body=b"y" * 300_000))
    with HttpClient(settings) as client:
        client.max_bytes = 100_000
        raw_get = client.session.get

        def no_length(*args: object, **kw: object):  # type: ignore[no-untyped-def]
            response = raw_get(*args, **kw)  # type: ignore[arg-type]
            del response.headers["Content-Length"]
            return response

        client.session.get = no_length  # type: ignore[method-assign]
        with pytest.raises(FetchError, match="more than that"):
            client.get(http_server.url("/stream"))


def test_host_delay_between_requests_to_one_host(
    make_settings: Callable[..., Settings], http_server: LocalHTTPServer
) -> None:
    settings = make_settings(http_host_delay=30.0)
    http_server.route("/p", Reply(body=b"x"))
    sleeps = Sleeps()
    with HttpClient(settings, sleep=sleeps) as client:
        client.get(http_server.url("/p"))
        assert sleeps == []
        client.get(http_server.url("/p"))
    assert len(sleeps) == 1 and 29.0 < sleeps[0] <= 30.0


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Cà phê nhân".encode("utf-8-sig"), "", "Cà phê nhân"),
        ("Cà phê nhân".encode("utf-16"), "", "Cà phê nhân"),
        (nfd("Cà phê").encode("cp1258"), "text/html; charset=windows-1258", "Cà phê"),
        ("Café".encode("latin-1"), "text/plain; charset=ISO-8859-1", "Café"),
        (b'<?xml version="1.0" encoding="iso-8859-1"?><a>Caf\xe9</a>', "", "Café"),
        (
            nfd('<meta charset="windows-1258"><p>Hồ tiêu</p>').encode("cp1258"),
            "text/html",
            "Hồ tiêu",
        ),
        ("Sắn lát".encode(), "application/json", "Sắn lát"),
    ],
    ids=["utf8-bom", "utf16-bom", "declared-cp1258", "declared-latin1", "xml-decl", "meta", "utf8"],
)
def test_decoding(body: bytes, content_type: str, expected: str) -> None:
    assert expected in decode_body(body, content_type)


def test_declared_charset_over_the_wire(plain: Settings, http_server: LocalHTTPServer) -> None:
    http_server.route(
        "/vi",
        Reply(
            body=nfd("Tiêu chuẩn quốc gia").encode("cp1258"),
            headers={"Content-Type": "text/plain; charset=windows-1258"},
        ),
    )
    with HttpClient(plain) as client:
        assert client.get(http_server.url("/vi")).text() == "Tiêu chuẩn quốc gia"
