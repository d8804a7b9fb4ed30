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
    ├── TaxonomyError              the sector taxonomy is invalid (lists every problem)
    ├── TagError                   an official's tag decision cannot be applied
    ├── SubscriberFileError        a subscriber file is invalid (file, entry, reason)
    ├── AccountError               an official's account cannot be added, found or used
    │   └── SignInRefused          a wrong password, or too many (``err.throttled``)
    ├── MailError                  mail could not be rendered or handed to SMTP
    └── SchedulerError             the main job cannot start or hold its lease
"""

from __future__ import annotations


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
        orig = getattr(err, "orig", None)
        text = str(orig if orig is not None else err).strip()
        first = text.splitlines()[0][:300] if text else type(err).__name__
        statement = str(getattr(err, "statement", None) or "").lstrip().split(" ", 1)[0]
        where = f" ({statement.upper()})" if statement else ""
        return cls(
            f"{doing or 'database error'}{where}: {first}",
            hint="check that the database is reachable and its schema current "
            "('tbtalert db current'); run again with -v for details",
        )


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


class TaxonomyError(TbtAlertError):
    """The sector taxonomy is invalid."""

    hint = "fix the listed entries in the sectors file and import it again"


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


class MailError(TbtAlertError):
    """Mail could not be rendered or handed to the SMTP server."""

    hint = "check TBTALERT_SMTP_HOST, port, STARTTLS/SSL and credentials"


class SchedulerError(TbtAlertError):
    """The main job cannot start or hold its lease."""

    hint = "check that the database is reachable and no other instance is misconfigured"
