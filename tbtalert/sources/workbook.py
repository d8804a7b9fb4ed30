"""The first sheet of an .xlsx workbook, read only after it is known to be safe to read.

An .xlsx file is a zip of XML parts. Before openpyxl builds anything,
:func:`check_workbook` refuses, in one line:

- a zip whose parts unpack to more than ``MAX_UNPACKED`` bytes, or a part
  packed more than ``MAX_RATIO`` times (a "zip bomb": one 629 MB cell of
  repeated characters packs into a few hundred KB);
- XML parts declaring a DOCTYPE or entities (entity expansion);
- a sheet with more rows than allowed, or a cell (or shared string) longer
  than ``MAX_CELL`` characters, Excel's own limit;

streaming through the XML with expat, so memory stays flat whatever the
size. It also notes formula cells that carry no saved value: openpyxl would
read them as empty, so their rows are rejected instead of stored blank.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from tbtalert.errors import ImportFileError

MAX_CELL = 32_767
"""Characters in one cell (Excel refuses more)."""
MAX_UNPACKED = 1_000_000_000
"""Bytes all parts of a workbook may unpack to."""
MAX_RATIO = 100
"""How many times a part larger than a megabyte may be packed (XML packs 5 to 20 times)."""
MAX_PARTS = 10_000
_SMALL_PART = 1_000_000
_CHUNK = 1 << 16
# what zipfile and zlib raise for a damaged or unusual archive
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass
class SheetCheck:
    """What the check learnt: rows in the sheet, and formula cells with no saved value."""

    rows: int = 0
    formula_gaps: dict[int, list[str]] = field(default_factory=dict)  # row -> columns


def _refuse(name: str, what: str, hint: str = "") -> ImportFileError:
    return ImportFileError(
        f"{name}: {what}; refused",
        hint=hint or "export the file again from ePing, or save it again from Excel",
    )


def _open(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise ImportFileError(f"{name}: not a readable .xlsx workbook (not a zip file)") from None
    infos = book.infolist()
    if len(infos) > MAX_PARTS:
        raise _refuse(name, f"the workbook has {len(infos):,} parts")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise _refuse(name, f"the workbook unpacks to {unpacked:,} bytes")
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > _SMALL_PART and info.file_size / packed > MAX_RATIO:
            raise _refuse(
                name,
                f"part {info.filename} unpacks {info.file_size / packed:,.0f} times its size "
                f"({info.file_size:,} bytes): a zip bomb, or a huge repeated cell",
            )
    return book


def _read_small(book: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        with book.open(part) as fh:
            return fh.read(_SMALL_PART + 1)[: _SMALL_PART + 1]
    except KeyError:
        raise ImportFileError(f"{name}: not a readable .xlsx workbook (no {part})") from None
    except _ZIP_ERRORS as err:
        raise ImportFileError(f"{name}: not a readable .xlsx workbook ({err})") from None


def _first_sheet(book: zipfile.ZipFile, name: str) -> str:
    """The part of the first sheet, as openpyxl picks it (workbook order)."""
    try:
        workbook = ElementTree.fromstring(_read_small(book, "xl/workbook.xml", name))
        rels = ElementTree.fromstring(_read_small(book, "xl/_rels/workbook.xml.rels", name))
    except ElementTree.ParseError as err:
        raise ImportFileError(f"{name}: not a readable .xlsx workbook ({err})") from None
    sheet = next((e for e in workbook.iter() if e.tag.endswith("}sheet")), None)
    rel_id = sheet.get(_NS_REL) if sheet is not None else None
    target = next(
        (r.get("Target", "") for r in rels.iter() if r.get("Id") == rel_id and rel_id), ""
    )
    if not target:
        raise ImportFileError(f"{name}: not a readable .xlsx workbook (no worksheet)")
    return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)


class _Scan:
    """Streams one XML part through expat, counting what the checks need."""

    def __init__(self, name: str, part: str, max_rows: int) -> None:
        self.name, self.part, self.max_rows = name, part, max_rows
        self.check = SheetCheck()
        self.text = 0  # characters of the current cell or shared string
        self.strings = 0
        self.cell = ""
        self.has_formula = self.has_value = False
        parser = expat.ParserCreate()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        self.parser = parser

    def doctype(self, *_args: Any) -> None:
        raise _refuse(self.name, f"part {self.part} declares a DOCTYPE or XML entities")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            self.check.rows += 1
            if self.check.rows > self.max_rows:
                raise _refuse(
                    self.name,
                    f"more than {self.max_rows:,} rows",
                    "split the file, or raise import_max_rows",
                )
        elif local in ("c", "si"):
            self.text = 0
            self.cell = attrs.get("r", "")
            self.has_formula = self.has_value = False
        elif local == "f":
            self.has_formula = True
        elif local in ("v", "t"):
            self.has_value = True

    def end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "si":
            self.strings += 1
        elif local == "c" and self.has_formula and not self.has_value:
            match = _CELL_REF.fullmatch(self.cell)
            if match:
                self.check.formula_gaps.setdefault(int(match[2]), []).append(match[1])

    def chars(self, data: str) -> None:
        self.text += len(data)
        if self.text > MAX_CELL:
            where = f"cell {self.cell}" if self.cell else f"shared string {self.strings + 1}"
            raise _refuse(
                self.name,
                f"{where} holds more than {MAX_CELL:,} characters (Excel's limit)",
            )

    def feed(self, book: zipfile.ZipFile) -> SheetCheck:
        """Stream the part out of ``book`` through the checks."""
        try:
            with book.open(self.part) as stream:
                while chunk := stream.read(_CHUNK):
                    self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as err:
            raise ImportFileError(
                f"{self.name}: not a readable .xlsx workbook ({self.part}: {err})"
            ) from None
        except _ZIP_ERRORS as err:
            raise ImportFileError(f"{self.name}: not a readable .xlsx workbook ({err})") from None
        return self.check


def check_workbook(data: bytes, name: str, *, max_rows: int) -> SheetCheck:
    """Refuse a workbook that cannot be read safely; return its first sheet's row count and gaps."""
    with _open(data, name) as book:
        sheet = _first_sheet(book, name)
        parts = set(book.namelist())
        if "xl/sharedStrings.xml" in parts:
            _Scan(name, "xl/sharedStrings.xml", max_rows).feed(book)
        if sheet not in parts:
            raise ImportFileError(f"{name}: not a readable .xlsx workbook (no {sheet})")
        return _Scan(name, sheet, max_rows).feed(book)
