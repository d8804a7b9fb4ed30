"""Transport: handing a finished message to the world, over SMTP or into the ``.eml`` folder.

Both raise :class:`SendFailure` with ``kind`` telling the sender what to do:
``transient`` (4xx, a lost or refused connection: try again), ``refused``
(5xx for the recipient: the address bounces), ``permanent`` (5xx for the
message: give it up).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

import aiosmtplib

from tbtalert.config import Settings
from tbtalert.errors import FailureKind, SendFailure


class Connection(Protocol):
    """One channel messages go through, used by one sending worker at a time."""

    async def send(self, sender: str, recipient: str, data: bytes, message_id: str) -> None: ...

    async def close(self) -> None: ...


def _plain(address: str) -> bool:
    """An ASCII address with nothing that could end the SMTP command it goes in."""
    return address.isascii() and not any(c in address for c in "<>\r\n ")


def _kind(code: int) -> FailureKind:
    return "permanent" if 500 <= code < 600 else "transient"


class SMTPConnection:
    """A reused SMTP connection: opened on first use, reopened after it is lost."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.smtp: aiosmtplib.SMTP | None = None

    async def _connected(self) -> aiosmtplib.SMTP:
        if self.smtp is not None and self.smtp.is_connected:
            return self.smtp
        s = self.settings
        smtp = aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_user or None,
            password=s.smtp_password.get_secret_value() or None,
            timeout=s.smtp_timeout,
            use_tls=s.smtp_ssl,
            start_tls=False if s.smtp_ssl else s.smtp_starttls,
        )
        try:
            await smtp.connect()
            if smtp.is_ehlo_or_helo_needed:  # connect() greets only to log in or STARTTLS
                await smtp.ehlo()
        except aiosmtplib.SMTPAuthenticationError as err:
            raise SendFailure("permanent", f"SMTP login refused: {err.code} {err.message}") from err
        except (aiosmtplib.SMTPException, OSError) as err:
            where = f"{s.smtp_host}:{s.smtp_port}"
            raise SendFailure("transient", f"cannot connect to {where}: {err}") from err
        self.smtp = smtp
        return smtp

    async def send(self, sender: str, recipient: str, data: bytes, message_id: str) -> None:
        smtp = await self._connected()
        try:
            if _plain(sender) and _plain(recipient):
                await self._transaction(smtp, sender, recipient, data)
            else:  # sendmail asks for SMTPUTF8, or refuses what is not an address
                await smtp.sendmail(sender, [recipient], data)
        except aiosmtplib.SMTPRecipientsRefused as err:
            refused = err.recipients[0]
            await self._reset()
            kind: FailureKind = "refused" if refused.code >= 500 else "transient"
            raise SendFailure(kind, f"{refused.code} {refused.message}") from err
        except aiosmtplib.SMTPServerDisconnected as err:
            await self.close()
            raise SendFailure("transient", f"connection lost: {err}") from err
        except aiosmtplib.SMTPResponseException as err:
            if err.code == 421:
                await self.close()
            await self._reset()
            raise SendFailure(_kind(err.code), f"{err.code} {err.message}") from err
        except (aiosmtplib.SMTPException, OSError) as err:
            await self.close()
            raise SendFailure("transient", f"connection lost: {err}") from err

    @staticmethod
    async def _transaction(smtp: aiosmtplib.SMTP, sender: str, recipient: str, data: bytes) -> None:
        """MAIL, RCPT and DATA for one recipient, raising as ``sendmail`` does.

        ``sendmail`` parses each address four times per message, which costs
        as much as the rest of the client's work on a small message; these
        addresses were checked when they were stored.
        """
        reply = await smtp.execute_command(b"MAIL", b"FROM:<" + sender.encode("ascii") + b">")
        if reply.code != 250:
            raise aiosmtplib.SMTPSenderRefused(reply.code, reply.message, sender)
        reply = await smtp.execute_command(b"RCPT", b"TO:<" + recipient.encode("ascii") + b">")
        if reply.code not in (250, 251):
            refused = aiosmtplib.SMTPRecipientRefused(reply.code, reply.message, recipient)
            raise aiosmtplib.SMTPRecipientsRefused([refused])
        await smtp.data(data)

    async def _reset(self) -> None:
        if self.smtp is not None and self.smtp.is_connected:
            try:
                await self.smtp.rset()
            except (aiosmtplib.SMTPException, OSError):
                await self.close()

    async def close(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            if smtp.is_connected:
                await smtp.quit()
        except (aiosmtplib.SMTPException, OSError):
            smtp.close()


class EmlFolder:
    """Writes each message as a ``.eml`` file named for its Message-ID, atomically.

    The folder is ``outbox_dir``, used while no SMTP server is set. Writing
    the same message twice (a retry after a crash) replaces the file, so the
    folder never holds a message twice.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def send(self, sender: str, recipient: str, data: bytes, message_id: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = message_id.strip("<>").replace("@", "_at_").replace("/", "_")
        target = self.folder / f"{name}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise SendFailure("transient", f"cannot write {target}: {err}") from err

    async def close(self) -> None:
        return None


def open_connection(settings: Settings) -> Connection:
    """An SMTP connection when ``smtp_host`` is set, else the ``.eml`` folder ``outbox_dir``."""
    if settings.smtp_host:
        return SMTPConnection(settings)
    return EmlFolder(settings.outbox_dir)
