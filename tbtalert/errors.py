"""The project's exception tree.

Every error says what went wrong and what to do about it, naming the file,
key, URL or address involved. The library raises; only the command line turns
an error into one line and a non-zero exit status.

    TbtAlertError                  base: ``str(err)`` is the message, ``err.hint`` what to do
    ├── ConfigError                a setting is missing or invalid (names key and file)
    ├── DatabaseError              the database cannot be opened or is not initialised
    ├── SymbolError                a string is not a WTO notification symbol
    ├── SourceError                a source could not be fetched or parsed
    │   ├── FetchError             network, HTTP status, size cap, timeout (names URL)
    │   │   └── HttpStatusError    the server answered 4xx/5xx (``err.status``)
    │   └── ParseError             the payload is not what the source kind expects
    ├── ImportFileError            a file given by an official cannot be imported
    ├── BadLines                   input lines of ``tbtalert tag`` are not JSON objects
    ├── TaxonomyError              the sector taxonomy is invalid (``err.problems``: each one)
    ├── TagError                   an official's tag decision cannot be applied
    ├── SubscriberFileError        a subscriber file cannot be read or is not YAML
    │   └── SubscriberFileRejected entries are invalid (``err.problems``: entry and reason)
    ├── UnknownMarketError         a market is no member's code, name or alias (also a ValueError)
    ├── TokenError                 a link in a mail is forged, broken or expired (``err.expired``)
    ├── BodyTooLarge               a web request's body went past the cap while it was read
    ├── AccountError               an official's account cannot be added, found or used
    │   ├── SignInRefused          a wrong password, or too many (``err.throttled``)
    │   ├── SignInRequired         a workspace page asked without a session (HTML: /login, JSON: 401)
    │   └── CsrfRefused            a workspace form came without this session's CSRF token
    ├── MailError                  mail could not be rendered or handed to SMTP
    │   └── SendFailure            one message was not accepted (``err.kind``: what to do next)
    ├── BulletinError              a bulletin cannot be built, published or found
    └── SignupLimited              too many sign-ups from one client (``err.retry_after``)

Each message is one line; a list of problems is joined with "; " and also
kept as a list on the error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tbtalert.members import Member


class TbtAlertError(Exception):
    """Base of every error tbtalert raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def one_line(self) -> str:
        """Return the message and the hint as one line for the command line."""
        return f"{self.message} ({self.hint})" if self.hint else self.message


def reason(err: BaseException) -> str:
    """The first line of another library's error (its driver's, when it wraps one)."""
    text = str(getattr(err, "orig", None) or err).strip()
    return text.splitlines()[0] if text else type(err).__name__


class ConfigError(TbtAlertError):
    """A setting is missing or invalid."""

    hint = "check the configuration file and the TBTALERT_* environment variables"


class DatabaseError(TbtAlertError):
    """The database cannot be opened or used."""

    hint = "check TBTALERT_DATABASE_URL and run 'tbtalert init'"

    @classmethod
    def from_driver(cls, err: Exception, doing: str = "") -> DatabaseError:
        """A driver's error (``OperationalError``, ``IntegrityError``…) as one line.

        Their texts carry whole SQL statements and parameter lists; people need
        the statement kind, the driver's first line and what to do.
        """
        return cls(
            f"{doing or 'database error'}{driver_error_place(err)}: {reason(err)[:300]}",
            hint="check that the database is reachable and its schema current "
            "('tbtalert db current'); run again with -v for details",
        )


_TABLE_NAME = re.compile(r"\b(?:INTO|UPDATE|FROM|TABLE(?: IF (?:NOT )?EXISTS)?)\s+\"?(\w+)", re.I)


def driver_error_place(err: Exception) -> str:
    """`` in INSERT into notification``: the failed statement's kind and table, or ""."""
    statement = str(getattr(err, "statement", None) or "").lstrip()
    if not statement:
        return ""
    kind = statement.split(None, 1)[0].upper()
    table = _TABLE_NAME.search(statement[:2000])
    return f" in {kind}" + (f" {'into' if kind == 'INSERT' else 'on'} {table[1]}" if table else "")


class SymbolError(TbtAlertError, ValueError):
    """A string is not a WTO notification symbol."""

    hint = "symbols look like G/TBT/N/USA/1436/Rev.1/Add.2 or G/SPS/N/EU/640"


class SourceError(TbtAlertError):
    """A source could not be fetched or parsed."""

    hint = "check the source's url and options in the configuration"


class FetchError(SourceError):
    """A URL could not be fetched: network, HTTP status, size cap or timeout."""

    hint = "check that the URL answers from this server, or try again later"


class HttpStatusError(FetchError):
    """The server answered with an error status (``status``) after any retries."""

    def __init__(self, message: str, *, status: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


class ParseError(SourceError):
    """A fetched payload is not in the shape its source kind expects."""

    hint = "the site may have changed its format; check the source's kind and options"


class ImportFileError(TbtAlertError):
    """A file given by an official cannot be imported."""

    hint = "export the file again from ePing, or check its columns"


class BadLines(TbtAlertError):
    """Some input lines of ``tbtalert tag`` were not JSON objects."""

    hint = "each line must be one JSON object with title, products, description, hs_codes..."


class TaxonomyError(TbtAlertError):
    """The sector taxonomy is invalid; ``problems`` lists each problem with its place."""

    hint = "fix the listed entries in the sectors file and import it again"

    def __init__(self, *problems: str, hint: str | None = None) -> None:
        super().__init__("; ".join(problems), hint=hint)
        self.problems = list(problems)


class TagError(TbtAlertError):
    """An official's tag decision cannot be applied (unknown notification or sector)."""

    hint = (
        "check the symbol with 'tbtalert tags show' and the sector id with 'tbtalert sectors list'"
    )


class SubscriberFileError(TbtAlertError):
    """A subscriber file is invalid; nothing was imported from it."""

    hint = "fix the listed entries and run 'tbtalert subscribers sync' again"


class AccountError(TbtAlertError):
    """An official's account cannot be added, found or used."""

    hint = "see 'tbtalert users list'"


class SignInRefused(AccountError):
    """A sign-in was refused: unknown address, wrong password, disabled, or throttled."""

    hint = "check the address and password"

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.throttled = throttled


class SignInRequired(AccountError):
    """The request needs a signed-in official: HTML goes to /login, JSON gets 401."""

    hint = "sign in at /login"

    def __init__(self, message: str = "sign-in required") -> None:
        super().__init__(message)


class CsrfRefused(AccountError):
    """A form came without the CSRF token of this session."""

    hint = "reload the page and send the form again"

    def __init__(self, message: str = "the form's CSRF token is missing or wrong") -> None:
        super().__init__(message)


class SubscriberFileRejected(SubscriberFileError):
    """A subscriber file was rejected; ``problems`` lists each bad entry and why."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: rejected, nothing imported: " + "; ".join(problems))
        self.problems = problems


class UnknownMarketError(TbtAlertError, ValueError):
    """A market that is neither a member's code, nor one of its names or aliases."""

    hint = "use a WTO member's code (USA, EU, JPN...) or its name in Vietnamese or English"

    def __init__(self, text: str, suggestions: list[Member]) -> None:
        self.text = text
        self.suggestions = suggestions
        closest = ", ".join(f"{m.code} ({m.en})" for m in suggestions)
        super().__init__(
            f"unknown market {text!r}" + (f"; did you mean {closest}?" if closest else "")
        )


class TokenError(TbtAlertError, ValueError):
    """A link token is invalid or expired; ``expired`` tells which."""

    hint = "use the link in the latest mail, or sign up again on the web page"

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class BulletinError(TbtAlertError):
    """A weekly bulletin cannot be built, published or found (names the week)."""

    hint = "see 'tbtalert bulletin list' for the weeks built and their status"


class BodyTooLarge(TbtAlertError):
    """A request body went past the web server's cap while it was read."""

    hint = "send a smaller form or file"


class MailError(TbtAlertError):
    """Mail could not be rendered or handed to the SMTP server."""

    hint = "check TBTALERT_SMTP_HOST, port, STARTTLS/SSL and credentials"


FailureKind = Literal["transient", "refused", "permanent"]


class SendFailure(MailError):
    """A message was not accepted; ``kind`` says whether to retry, bounce or give up."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class SignupLimited(TbtAlertError):
    """Too many sign-ups came from one client; ``retry_after`` says when to try again (s)."""

    hint = "wait an hour and try again"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
