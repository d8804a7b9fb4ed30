"""Reading a text file an official gives: bounded in size, strictly decoded, no NUL.

A file is read only after its size is checked; it is decoded as UTF-8
(a BOM may say UTF-8 or UTF-16), or by an encoding the official names, and
never guessed: a byte that does not decode is reported with its line and
position, so ``cà phê`` is never stored as ``cÃ phÃª``. Each problem raises
the caller's error class with one line saying what to do.
"""

from __future__ import annotations

from pathlib import Path

from tbtalert.errors import TbtAlertError
from tbtalert.http import BOMS


def read_capped(path: Path, max_bytes: int, error: type[TbtAlertError]) -> bytes:
    """The bytes of ``path``, refusing (before reading) a file larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(
                f"{path}: {size:,} bytes, more than the {max_bytes:,} accepted",
                hint="check that this is the right file",
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror})", hint="check the path") from None
    if len(data) > max_bytes:  # it grew while being read
        raise error(f"{path}: more than the {max_bytes:,} bytes accepted")
    return data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(
    data: bytes, name: str, error: type[TbtAlertError], encoding: str | None = None
) -> str:
    """``data`` as text: a BOM, else ``encoding``, else UTF-8; no guessing, no NUL."""
    codec = encoding or "utf-8"
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            data, codec = data[len(bom) :], bom_codec
            break
    try:
        text = data.decode(codec)
    except LookupError:
        raise error(f"unknown encoding {encoding!r}", hint="e.g. utf-8, cp1258, utf-16") from None
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise error(
            f"{name}: not valid {codec} at line {_line_of(data, err.start)}, "
            f"byte {err.start + 1} (0x{bad})",
            hint="save the file as UTF-8 (in Excel: 'CSV UTF-8'), or name its encoding",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise error(
            f"{name}: a NUL character at line {line}: this is not a text file, or it is damaged",
            hint="export the file again",
        )
    return text
