"""The weekly bulletin's content and files, on the fixed data set of ``support/bulletinweek.py``.

Weeks are ISO weeks in Asia/Ho_Chi_Minh; the figures, sections and tables of
2026-W10 are checked against EXPECTED on SQLite and PostgreSQL. The files
(HTML, PDF, CSV) are rendered once for the module, on SQLite.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from support.bulletinweek import EXPECTED, HOSTILE_PRODUCTS, WEEK, seed_weeks
from tbtalert.bulletin.content import BulletinContent, gather
from tbtalert.bulletin.render import render_all, render_html
from tbtalert.bulletin.weeks import Week, last_complete_week, placement_day
from tbtalert.cli.app import open_database
from tbtalert.config import Settings, load_settings
from tbtalert.errors import BulletinError
from tbtalert.members import member_name
from tbtalert.templating import make_environment

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def read(engine: Engine, week: str, language: str = "vi") -> BulletinContent:
    with Session(engine) as session:
        return gather(session, Week.parse(week), language=language, zone=HANOI, number=7)


# --- weeks -----------------------------------------------------------------------


def test_week_parse_and_dates() -> None:
    week = Week.parse("2026-W10")
    assert (str(week), week.monday.isoformat(), week.sunday.isoformat()) == (
        "2026-W10",
        "2026-03-02",
        "2026-03-08",
    )
    assert Week.parse("2026w7") == Week(2026, 7)
    assert str(Week.parse("2020-W53")) == "2020-W53"  # 2020 has 53 ISO weeks
    assert Week(2026, 1).shift(-1) == Week(2025, 1).shift(51)
    for bad in ("2026-W54", "2026-W00", "2025-W53", "last week", "2026-10"):
        with pytest.raises(BulletinError, match="is not an ISO week"):
            Week.parse(bad)


def test_last_complete_week_is_counted_in_local_time() -> None:
    # Sunday 17:30 UTC is already Monday 00:30 in Ha Noi: week 10 is over there.
    now = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)
    assert last_complete_week(now, HANOI) == Week(2026, 10)
    assert last_complete_week(now, ZoneInfo("UTC")) == Week(2026, 9)


def test_placement_day_of_news_and_of_backlog() -> None:
    sunday_late = datetime(2026, 3, 8, 16, 30, tzinfo=UTC)  # 23:30 in Ha Noi
    assert placement_day(True, sunday_late, None, HANOI).isoformat() == "2026-03-08"
    monday_early = datetime(2026, 3, 8, 17, 10, tzinfo=UTC)  # 00:10 on Monday in Ha Noi
    assert Week.of(placement_day(True, monday_early, None, HANOI)) == Week(2026, 11)
    backlog = placement_day(False, monday_early, datetime(2026, 1, 5).date(), HANOI)
    assert backlog.isoformat() == "2026-01-05"


# --- content, on SQLite and PostgreSQL ----------------------------------------------


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    seed_weeks(engine)
    return engine


def test_figures_and_their_change(seeded: Engine) -> None:
    content = read(seeded, WEEK)
    assert {f.key: f.value for f in content.figures} == EXPECTED["figures"]
    assert {f.key: f.previous for f in content.figures} == EXPECTED["previous"]
    assert content.figure("new").change == 5
    assert content.reference.isoformat() == "2026-03-09"


def test_sunday_2330_local_is_in_that_week_and_0010_monday_in_the_next(seeded: Engine) -> None:
    symbols = {i.symbol for i in read(seeded, WEEK).items}
    assert "G/TBT/N/JPN/5001" in symbols  # Sunday 23:30 in Ha Noi, 16:30 UTC
    assert "G/TBT/N/KOR/6001" not in symbols  # Monday 00:10 in Ha Noi, still Sunday in UTC
    assert "G/TBT/N/KOR/6001" in {i.symbol for i in read(seeded, "2026-W11").items}


def test_sections_tables_and_the_rest(seeded: Engine) -> None:
    content = read(seeded, WEEK)
    sections = {s.sector_id: [e.item.symbol for e in s.entries] for s in content.sections}
    assert sections == EXPECTED["sections"]
    coffee = content.sections[0]
    assert coffee.name == "Cà phê" and coffee.updates == 1
    assert [e.reason for e in coffee.entries][:2] == [
        "'coffee' in products",
        "HS 090111 under 0901",
    ]
    assert [i.symbol for i in content.others] == EXPECTED["others"]
    assert [i.symbol for i in content.deadlines] == EXPECTED["deadlines"]
    assert [i.symbol for i in content.in_force] == EXPECTED["in_force"]
    assert [i.symbol for i in content.national] == EXPECTED["national"]
    update = next(i for i in content.items if i.symbol.endswith("/Add.1"))
    assert update.is_update and update.base_symbol == "G/TBT/N/USA/2001"
    assert {i.symbol: i.days_left for i in content.items}["G/SPS/N/EU/3001"] == 11
    assert dict(content.by_market)["Hoa Kỳ"] == 2
    assert dict(content.by_sector) == {"Cà phê": 4, "Cao su": 1, "Thủy sản": 2}
    trend = {str(p.week): (sum(p.by_area.values()), p.in_sectors) for p in content.trend}
    assert len(trend) == 12 and trend["2026-W10"] == (7, 5) and trend["2026-W09"] == (2, 1)


def test_english_names(seeded: Engine) -> None:
    content = read(seeded, WEEK, "en")
    assert content.sections[0].name == "Coffee"
    assert dict(content.by_market)["United States"] == 2


# --- files, rendered once -----------------------------------------------------------


@dataclass
class Built:
    settings: Settings
    content: BulletinContent
    html: str
    pdf: bytes
    pages: int
    csv: bytes


def build_files(tmp: Path, week: str, **overrides: object) -> Built:
    settings = load_settings(
        None,
        database_url=f"sqlite:///{tmp / 'tbtalert.db'}",
        subscribers_dir=None,
        sources=[],
        contact_phone="0255 3 822 000",
        **overrides,
    )
    engine = open_database(settings)
    seed_weeks(engine)
    content = read(engine, week)
    engine.dispose()
    rendered = render_all(make_environment(settings), content)
    files = {name.rpartition(".")[2]: data for name, data in rendered.files.items()}
    return Built(
        settings, content, files["html"].decode(), files["pdf"], rendered.pages, files["csv"]
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("TBTALERT_CONFIG", raising=False)
        yield build_files(tmp_path_factory.mktemp("bulletin"), WEEK)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_html_has_the_cover_figures_and_sections(built: Built) -> None:
    html = built.html
    assert "Bản tin TBT" in html and "Số 7" in html
    assert "Tuần 10/2026 (từ 02/03/2026 đến 08/03/2026)" in html
    assert "Sở Khoa học và Công nghệ Quảng Ngãi" in html and "0255 3 822 000" in html
    for section_id in ("intro", "figures", "charts", "sectors", "others", "deadlines", "national"):
        assert f'id="{section_id}"' in html
    for sector in EXPECTED["sections"]:
        assert f'href="#sector-{sector}"' in html and f'id="sector-{sector}"' in html
    assert html.count("<svg") == 3
    assert "Cập nhật của G/TBT/N/USA/2001" in html
    assert "còn 11 ngày" in html


def test_hostile_text_is_escaped(built: Built) -> None:
    html = built.html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bad&lt;/b&gt; reason" in html
    assert "javascript:" not in html
    # only links to the WTO, never anything scraped that is not http(s)
    hrefs = re.findall(r'href="([^"#][^"]*)"', html)
    assert hrefs and all(h.startswith("https://eping.wto.org/") for h in hrefs)


class Tags(HTMLParser):
    """Every tag of a page with its attributes, and the text of its style elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "style":
            self.styles.append(data)


def test_html_references_nothing_outside_itself(built: Built) -> None:
    page = Tags()
    page.feed(built.html)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    loading = [(t, a) for t, a in page.tags if {"src", "srcset", "data", "xlink:href"} & a.keys()]
    assert loading == []
    assert all("url(" not in (a.get("style") or "") for _, a in page.tags)
    css = "".join(page.styles)
    assert css and "url(" not in css and "@import" not in css and "@font-face" not in css


def test_pdf_opens_with_contents_page_numbers_and_diacritics(built: Built) -> None:
    pages = pdf_text(built.pdf)
    assert len(pages) == built.pages >= 3
    text = "\n".join(pages)
    for words in ("Bản tin TBT", "Mục lục", "Số liệu chính", "Thông báo theo ngành hàng"):
        assert words in text
    for words in ("Cà phê", "Thủy sản", "Cao su", "Hạn góp ý trong 30 ngày tới"):
        assert words in text
    for symbol in ("G/TBT/N/USA/2001", "G/SPS/N/EU/3001", "G/TBT/N/JPN/5001", "G/TBT/N/TPKM/7001"):
        assert symbol in text
    assert "TCVN 4193:2026 Cà phê nhân" in text
    assert '<script>alert("x")</script>' in text  # shown as text, never run
    assert f"Trang 1 / {len(pages)}" in pages[0]
    # the table of contents gives each sector's page: where its heading is
    toc = pages[0]
    heading_page = next(n for n, p in enumerate(pages, 1) if re.search(r"^Cà phê ·", p, re.M))
    assert re.search(rf"Cà phê\W*{heading_page}\s*$", toc, re.M)


def test_csv_lists_the_week_and_neutralises_formulas(built: Built) -> None:
    assert built.csv.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(built.csv.decode("utf-8-sig"))))
    assert len(rows) == len(built.content.items) == 8
    by_symbol = {r["symbol"]: r for r in rows}
    assert by_symbol["G/TBT/N/TPKM/7001"]["products"] == "'" + HOSTILE_PRODUCTS
    assert by_symbol["G/TBT/N/TPKM/7001"]["notification_url"] == ""
    coffee = by_symbol["G/SPS/N/EU/3001"]
    assert coffee["sectors"] == "coffee; seafood" and coffee["sector_names"] == "Cà phê; Thủy sản"
    assert coffee["days_left"] == "11" and coffee["member_name"] == member_name("EU", "vi")
    assert by_symbol["VNM:tcvn-4193-2026"]["title"].startswith("TCVN 4193:2026 Cà phê nhân")


def test_an_empty_week_is_a_short_valid_bulletin(tmp_path: Path) -> None:
    empty = build_files(tmp_path, "2026-W30")
    assert empty.content.empty
    assert "Tuần này không có thông báo mới" in empty.html
    assert 'id="sectors"' not in empty.html
    pages = pdf_text(empty.pdf)
    assert len(pages) <= 2 and "Tuần này không có thông báo mới" in "".join(pages)
    assert empty.csv.decode("utf-8-sig").count("\n") == 1  # the header row only


def test_officials_templates_win(tmp_path: Path) -> None:
    own = tmp_path / "own" / "bulletin"
    own.mkdir(parents=True)
    shipped = Path(__file__).parent.parent / "templates" / "bulletin" / "strings.yaml"
    text = shipped.read_text("utf-8").replace('title: "Bản tin TBT"', 'title: "Bản tin Hàng rào"')
    (own / "strings.yaml").write_text(text, "utf-8")
    settings = load_settings(None, templates_dir=tmp_path / "own", sources=[])
    content = BulletinContent(Week(2026, 10), "vi", 1, Week(2026, 11).monday, [], *[[]] * 10)
    html = render_html(make_environment(settings), content)
    assert "<h1>Bản tin Hàng rào</h1>" in html
