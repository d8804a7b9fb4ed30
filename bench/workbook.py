"""A generated ``Notification_EN.xlsx``: the WTO daily bulk file's real headers, invented rows.

Written straight as Office Open XML (shared strings, dates as styled serial
numbers, as spreadsheet libraries write them), which is much faster than a
spreadsheet library for 100,000 rows. Row contents are drawn from a seeded
vocabulary with lengths like the real file's (about 45 MB for 105,000 rows).
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from itertools import chain
from pathlib import Path
from xml.sax.saxutils import escape

HEADERS = (
    (Path(__file__).parent.parent / "tests" / "data" / "realdata" / "export_headers_bulk.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
MEMBERS = [
    ("USA", "United States of America"),
    ("EU", "European Union"),
    ("CHN", "China"),
    ("JPN", "Japan"),
    ("KOR", "Korea, Republic of"),
    ("IDN", "Indonesia"),
    ("BRA", "Brazil"),
    ("IND", "India"),
    ("THA", "Thailand"),
    ("SAU", "Saudi Arabia, Kingdom of"),
    ("VNM", "Viet Nam"),
    ("KEN", "Kenya"),
]
OBJECTIVES = [
    "Protection of human health or safety",
    "Consumer information, labelling",
    "Protection of the environment",
    "Prevention of deceptive practices and consumer protection",
    "Quality requirements",
    "Harmonization",
]
HS = ["0901.11", "4001.21", "4403.11", "9403.60", "0801.32", "0904.11", "0306.17", "8415.10"]
EPOCH = date(1899, 12, 30)  # spreadsheet serial day 0


@cache
def _vocabulary(seed: int, size: int = 3000) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvwy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 11))) for _ in range(size)]


def _words(rng: random.Random, vocab: list[str], low: int, high: int) -> str:
    return " ".join(rng.choices(vocab, k=rng.randint(low, high))).capitalize() + "."


def row_values(i: int, n: int, seed: int, changed: bool = False) -> list[str | date]:
    """Row ``i`` (newest first) of an ``n``-row file; ``changed`` edits its title and deadline."""
    rng = random.Random(seed * 1_000_003 + i)
    vocab = _vocabulary(seed)
    code, name = MEMBERS[i % len(MEMBERS)]
    area = "SPS" if i % 3 == 0 else "TBT"
    number = n - i
    symbol = f"G/{area}/N/{code}/{number}"
    kind = "Regular notification"
    if i % 10 == 7:
        symbol += f"/Add.{1 + i % 3}"
        kind = "Addendum to Regular Notification"
    distributed = date(2026, 11, 20) - timedelta(days=i // 30)
    year = f"{distributed.year % 100:02d}"
    dol = f"G/TBTN{year}/{code}{number}" if area == "TBT" else f"G/SPS/N{code}{number}"
    title = _words(rng, vocab, 8, 30)
    deadline = distributed + timedelta(days=60)
    if changed:
        title = "Revised: " + title
        deadline += timedelta(days=30)
    proposed: list[str | date] = [
        rng.choice(["To be determined", "", distributed + timedelta(days=180)]) for _ in range(2)
    ]
    return [
        symbol,
        name,
        distributed,
        kind,
        title,
        _words(rng, vocab, 40, 140),
        _words(rng, vocab, 5, 30),
        "; ".join(rng.sample(HS, rng.randint(0, 3))),
        rng.choice(["", "67.140.20", "83.040; 97.140"]),
        rng.choice(["", "Food safety; Labelling", "Pesticides"]),
        "; ".join(rng.sample(OBJECTIVES, rng.randint(1, 3))),
        proposed[0],
        proposed[1],
        f"https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/T/{dol}.docx",
        deadline,
    ]


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def ref(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(text, len(self.index))


def _cells(number: int, values: list[str | date], strings: _Strings) -> Iterator[str]:
    for col, value in enumerate(values):
        ref = f"{_column(col)}{number}"
        if isinstance(value, date):
            yield f'<c r="{ref}" s="1"><v>{(value - EPOCH).days}</v></c>'
        elif value:
            yield f'<c r="{ref}" t="s"><v>{strings.ref(value)}</v></c>'


_STATIC = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Notifications" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>"
    ),
}


def write_workbook(
    path: Path, n: int, *, seed: int = 1, changed: frozenset[int] = frozenset()
) -> int:
    """Write an ``n``-row bulk file to ``path``; rows in ``changed`` are edited. Returns its size."""
    strings = _Strings()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
        for name, text in _STATIC.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            header: list[str | date] = list(HEADERS)
            body = (row_values(i, n, seed, i in changed) for i in range(n))
            for number, values in enumerate(chain([header], body), start=1):
                cells = "".join(_cells(number, values, strings))
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        with book.open("xl/sharedStrings.xml", "w") as shared:
            shared.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                + f'count="{strings.count}" uniqueCount="{len(strings.index)}">'.encode()
            )
            for text in strings.index:
                shared.write(f'<si><t xml:space="preserve">{escape(text)}</t></si>'.encode())
            shared.write(b"</sst>")
    return path.stat().st_size
