"""The bulletin's three files from one content: HTML (Jinja2), PDF (WeasyPrint) and CSV.

The HTML is self-contained (inline CSS and SVG, no script, nothing to
fetch). The PDF is printed from that same HTML; WeasyPrint is given a URL
fetcher that refuses everything, so no text in a notification can make it
read a file or the network. The CSV lists the week's items, one row each.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from typing import Any, NoReturn

import jinja2

from tbtalert import spreadsheet
from tbtalert.bulletin.charts import bar_chart, trend_chart
from tbtalert.bulletin.content import TOP_MARKETS, BulletinContent
from tbtalert.bulletin.weeks import Week
from tbtalert.errors import BulletinError
from tbtalert.templating import describe_template_error, template_strings

FORMATS = ("html", "pdf", "csv")
LANGUAGES = ("vi", "en")  # those of bulletin/strings.yaml, Vietnamese first
CSV_FIELDS = [
    "week",
    "symbol",
    "area",
    "doc_type",
    "base_symbol",
    "member",
    "member_name",
    "title",
    "products",
    "distribution_date",
    "comment_deadline",
    "days_left",
    "entry_into_force",
    "sectors",
    "sector_names",
    "reasons",
    "notification_url",
]


def file_name(week: Week, language: str, fmt: str) -> str:
    """``bulletin-2026-W47.pdf`` in Vietnamese, ``bulletin-2026-W47-en.pdf`` in English."""
    suffix = "" if language == "vi" else f"-{language}"
    return f"bulletin-{week}{suffix}.{fmt}"


def bulletin_strings(env: jinja2.Environment, language: str) -> dict[str, str]:
    """The bulletin's words in ``language``, from ``bulletin/strings.yaml`` (officials' copy first)."""
    return template_strings(env, "bulletin/strings.yaml", language)


def _charts(content: BulletinContent, t: dict[str, str]) -> dict[str, Any]:
    markets = content.by_market[:TOP_MARKETS]
    rest = sum(n for _, n in content.by_market[TOP_MARKETS:])
    if rest:
        markets.append((t["other_markets"], rest))
    legend = {"TBT": "TBT", "SPS": "SPS", "NAT": t["figure_national"]}
    return {
        "sectors": bar_chart(content.by_sector, t["chart_sectors"]),
        "markets": bar_chart(markets, t["chart_markets"], colour="#2e9d5b"),
        "trend": trend_chart(
            content.trend, t["chart_trend"], legend | {"in_sectors": t["legend_in_sectors"]}
        ),
    }


def _template_failed(err: Exception) -> NoReturn:
    raise BulletinError(
        f"cannot render the bulletin: {describe_template_error(err)}",
        hint="fix that template (or remove your copy from templates_dir), then build again",
    ) from None


def render_html(env: jinja2.Environment, content: BulletinContent) -> str:
    """The bulletin as one HTML page, from ``bulletin/bulletin.html``."""
    t = bulletin_strings(env, content.language)
    try:
        return env.get_template("bulletin/bulletin.html").render(
            c=content, t=t, charts=_charts(content, t), lang=content.language
        )
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as err:
        _template_failed(err)


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the bulletin fetches nothing (asked for {url[:100]!r})")


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF printed from ``html`` and its number of pages."""
    # WeasyPrint reports every CSS property it does not know (the stylesheet
    # also serves browsers) and each step, some while it is imported: noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        import weasyprint  # imported here: it loads Pango, which only building a PDF needs
    except (ImportError, OSError) as err:
        raise BulletinError(
            f"cannot load WeasyPrint to print the bulletin's PDF: {err}",
            hint="install Pango and a font with Vietnamese letters, e.g. on Debian: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
        ) from None

    document = weasyprint.HTML(string=html, url_fetcher=_refuse).render()
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf, len(document.pages)


def render_csv(content: BulletinContent) -> bytes:
    """The week's items as CSV (UTF-8 with a byte-order mark, so spreadsheets read Vietnamese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for item in content.items:
        row = {
            "week": str(content.week),
            "symbol": item.symbol,
            "area": item.area,
            "doc_type": item.doc_type,
            "base_symbol": item.base_symbol,
            "member": item.member,
            "member_name": item.member_display,
            "title": item.title,
            "products": item.products,
            "distribution_date": item.distribution_date,
            "comment_deadline": item.comment_deadline,
            "days_left": item.days_left,
            "entry_into_force": item.entry_into_force or item.entry_into_force_text,
            "sectors": "; ".join(s.sector_id for s in item.sectors),
            "sector_names": "; ".join(s.name for s in item.sectors),
            "reasons": "; ".join(f"{s.name}: {s.reason}" for s in item.sectors),
            "notification_url": item.notification_url,
        }
        writer.writerow(spreadsheet.row([row[f] for f in CSV_FIELDS]))
    return out.getvalue().encode("utf-8-sig")


@dataclass
class Rendered:
    """A bulletin's files in one language: name → bytes, and the PDF's page count."""

    language: str
    files: dict[str, bytes]
    pages: int


def render_all(env: jinja2.Environment, content: BulletinContent) -> Rendered:
    """The three files of ``content``."""
    html = render_html(env, content)
    pdf, pages = render_pdf(html)
    week, lang = content.week, content.language
    return Rendered(
        lang,
        {
            file_name(week, lang, "html"): html.encode("utf-8"),
            file_name(week, lang, "pdf"): pdf,
            file_name(week, lang, "csv"): render_csv(content),
        },
        pages,
    )
