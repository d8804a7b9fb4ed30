"""Rows of a workbook's first worksheet, read by calamine one slice of rows at a time.

python-calamine (Rust) reads the WTO's daily file about eight times faster
than openpyxl's read-only mode, but it holds a whole worksheet in memory,
each cell with its own copy of its text: about 330 MB for 105,000
notifications (``bench/bulk.py`` measures both). So the worksheet is cut at
its ``</row>`` tags, without parsing it, into slices of rows written as the
sheets of a temporary workbook that keeps the original's shared strings and
styles; calamine then holds the shared strings and one slice at a time.

Rows come back as lists of cell values (text, numbers, dates; ``""`` for an
empty cell), each cell in its column, the header row first.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Generator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import IO, Any

from lxml import etree

from tbtalert.errors import ImportFileError

ROWS_PER_SLICE = 2_000
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHEET_PARTS = ("xl/worksheets/", "xl/chartsheets/")
_READ = 1 << 20
_HEAD = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_ROOT = re.compile(rb"<((?:\w+:)?worksheet)\b")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")


def read_rows(
    source: Path | bytes, name: str, *, rows_per_slice: int = ROWS_PER_SLICE
) -> Generator[list[Any], None, None]:
    """Every row of the first worksheet of ``source`` (a path or the file's bytes).

    ``name`` (a path or URL) is named in the ImportFileError raised for a
    file that is not a readable workbook. Close the iterator (or read it to
    the end) to remove the temporary workbook.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tbtalert-xlsx-")))
        sliced = folder / "slices.xlsx"
        try:
            original = stack.enter_context(
                zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
            )
            count = _write_slices(original, sliced, rows_per_slice)
            book = CalamineWorkbook.from_path(str(sliced))
        except (
            zipfile.BadZipFile,
            zlib.error,
            KeyError,
            etree.XMLSyntaxError,
            CalamineError,
            OSError,
        ) as err:
            raise ImportFileError(f"{name}: not a readable .xlsx workbook ({err})") from None
        stack.callback(book.close)
        for index in range(count):
            try:
                sheet = book.get_sheet_by_index(index)
            except CalamineError as err:
                raise ImportFileError(f"{name}: not a readable .xlsx workbook ({err})") from None
            if sheet.start is None:
                continue
            first_row, first_column = sheet.start
            pad = [""] * first_column
            # iter_rows starts at row 0 (the rows above the slice come empty) but at
            # the first filled column: skip those rows, pad the columns back
            for row in islice(sheet.iter_rows(), first_row, None):
                yield pad + row if pad else row


def _first_sheet(book: zipfile.ZipFile) -> str:
    """The part name of the workbook's first worksheet (``xl/worksheets/sheet1.xml``)."""
    workbook = etree.fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet")
    if first is None:
        raise KeyError("the workbook lists no sheet")
    rel_id = first.get(f"{{{_DOC_REL}}}id")
    rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target", "") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _write_slices(original: zipfile.ZipFile, path: Path, rows_per_slice: int) -> int:
    """Write the sliced workbook to ``path``; return how many slices it holds."""
    sheet_part = _first_sheet(original)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in original.infolist():
            if info.filename.startswith(_SHEET_PARTS) or info.filename in (
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "[Content_Types].xml",
            ):
                continue
            with original.open(info) as src, out.open(info.filename, "w") as dst:
                shutil.copyfileobj(src, dst, _READ)
        with original.open(sheet_part) as sheet:
            count = _split_sheet(sheet, out, rows_per_slice)
        out.writestr("xl/workbook.xml", _workbook(original.read("xl/workbook.xml"), count))
        out.writestr(
            "xl/_rels/workbook.xml.rels",
            _relationships(original.read("xl/_rels/workbook.xml.rels"), count),
        )
        out.writestr("[Content_Types].xml", _content_types(original, count))
    return count


class _Slices:
    """Writes rows into slice parts of at most ``size`` rows each."""

    def __init__(self, out: zipfile.ZipFile, opening: bytes, closing: bytes, size: int) -> None:
        self.out, self.opening, self.closing, self.size = out, opening, closing, size
        self.count = self.rows = 0
        self.part: IO[bytes] | None = None

    def write(self, data: bytes) -> int:
        """Write the complete rows at the start of ``data``; return the bytes used."""
        used = last = 0
        for match in _ROW_END.finditer(data):
            self.rows, last = self.rows + 1, match.end()
            if self.rows == self.size:
                self._open().write(data[used:last])
                self.close()
                used = last
        if last > used:
            self._open().write(data[used:last])
            used = last
        return used

    def _open(self) -> IO[bytes]:
        if self.part is None:
            self.part = self.out.open(f"xl/worksheets/slice{self.count}.xml", "w")
            self.part.write(self.opening)
        return self.part

    def close(self) -> None:
        if self.part is not None:
            self.part.write(self.closing)
            self.part.close()
            self.part, self.rows, self.count = None, 0, self.count + 1


def _split_sheet(sheet: IO[bytes], out: zipfile.ZipFile, rows_per_slice: int) -> int:
    """Copy the sheet's rows into slices of ``rows_per_slice`` rows; return the slice count."""
    buffer = b""
    while (head := _HEAD.search(buffer)) is None:
        more = sheet.read(_READ)
        if not more:
            return 0  # no sheetData: an empty sheet
        buffer += more
    if head.group(1):  # <sheetData/>
        return 0
    root = _ROOT.search(buffer)
    prefix = head.group(0)[1 : head.group(0).index(b"sheetData")]
    closing = b"</" + prefix + b"sheetData></" + (root.group(1) if root else b"worksheet") + b">"
    slices = _Slices(out, _DIMENSION.sub(b"", buffer[: head.end()]), closing, rows_per_slice)
    buffer = buffer[head.end() :]
    while True:
        end = _DATA_END.search(buffer)
        used = slices.write(buffer if end is None else buffer[: end.start()])
        more = b"" if end is not None else sheet.read(_READ)
        if not more:
            break
        buffer = buffer[used:] + more
    slices.close()
    return slices.count


def _workbook(data: bytes, count: int) -> bytes:
    """The workbook part listing the slices, with the original's properties (its date system)."""
    root = etree.fromstring(data)
    for child in list(root):
        if etree.QName(child).localname in ("sheets", "definedNames", "externalReferences"):
            root.remove(child)
    sheets = etree.Element(f"{{{_MAIN}}}sheets")
    for index in range(count):
        etree.SubElement(
            sheets,
            f"{{{_MAIN}}}sheet",
            {
                "name": f"rows{index}",
                "sheetId": str(index + 1),
                f"{{{_DOC_REL}}}id": f"rSlice{index}",
            },
        )
    properties = [i for i, c in enumerate(root) if etree.QName(c).localname == "workbookPr"]
    root.insert(properties[0] + 1 if properties else 0, sheets)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _relationships(data: bytes, count: int) -> bytes:
    root = etree.fromstring(data)
    for rel in list(root):
        if rel.get("Type", "").endswith(("/worksheet", "/chartsheet")):
            root.remove(rel)
    for index in range(count):
        etree.SubElement(
            root,
            f"{{{_PKG_REL}}}Relationship",
            {
                "Id": f"rSlice{index}",
                "Type": f"{_DOC_REL}/worksheet",
                "Target": f"worksheets/slice{index}.xml",
            },
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _content_types(original: zipfile.ZipFile, count: int) -> bytes:
    root = etree.fromstring(original.read("[Content_Types].xml"))
    for item in list(root):
        if item.get("PartName", "").lstrip("/").startswith(_SHEET_PARTS):
            root.remove(item)
    for index in range(count):
        etree.SubElement(
            root,
            f"{{{_TYPES}}}Override",
            {"PartName": f"/xl/worksheets/slice{index}.xml", "ContentType": _SHEET_TYPE},
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
