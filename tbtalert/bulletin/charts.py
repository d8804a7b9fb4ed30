"""The bulletin's charts as inline SVG: no script, no font or image to fetch.

Every label is escaped; the same SVG is shown by browsers and drawn by
WeasyPrint in the PDF.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from tbtalert.bulletin.content import TrendWeek
from tbtalert.mail.mime import clean_line

AREA_COLOURS = {"TBT": "#0b5cab", "SPS": "#2e9d5b", "NAT": "#c4620f"}
SECTOR_LINE = "#7a2e8e"
FONT = 'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"'


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT}>'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(rows: list[tuple[str, int]], title: str, *, colour: str = "#0b5cab") -> Markup:
    """Horizontal bars, one row per (label, value), with the value at the bar's end."""
    width, label_w, row_h = 640, 240, 22
    top = max((v for _, v in rows), default=0) or 1
    scale = (width - label_w - 50) / top
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * row_h
        bar = max(value * scale, 1.0)
        body.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="#1d2733">{escape(clean_line(label, 32))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" '
            f'fill="{colour}" rx="2"/>'
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 15}" font-size="12" '
            f'fill="#1d2733">{value}</text>'
        )
    return _svg(width, max(len(rows), 1) * row_h + 4, title, body)


def _trend_columns(trend: list[TrendWeek], step: float, left: int, base: int, scale: float) -> str:
    parts = []
    for i, point in enumerate(trend):
        x, y = left + i * step + step * 0.2, float(base)
        for area, colour in AREA_COLOURS.items():
            h = point.by_area.get(area, 0) * scale
            if h:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.6:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
        total = sum(point.by_area.values())
        parts.append(
            f'<text x="{x + step * 0.3:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="10" fill="#1d2733">{total}</text>'
            f'<text x="{x + step * 0.3:.1f}" y="{base + 14}" text-anchor="middle" '
            f'font-size="10" fill="#5b6673">W{point.week.number:02d}</text>'
        )
    return "".join(parts)


def trend_chart(trend: list[TrendWeek], title: str, legend: dict[str, str]) -> Markup:
    """Stacked columns of new notifications per week by area, a line for those in the sectors.

    ``legend`` names the areas (TBT, SPS, NAT) and ``in_sectors`` in the reader's language.
    """
    width, height, left, base = 640, 230, 10, 180
    top = max((max(sum(p.by_area.values()), p.in_sectors) for p in trend), default=0) or 1
    scale = (base - 30) / top
    step = (width - 2 * left) / max(len(trend), 1)
    line = " ".join(
        f"{left + i * step + step * 0.5:.1f},{base - p.in_sectors * scale:.1f}"
        for i, p in enumerate(trend)
    )
    body = [
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#d9dee4"/>',
        _trend_columns(trend, step, left, base, scale),
        f'<polyline points="{line}" fill="none" stroke="{SECTOR_LINE}" stroke-width="2"/>',
    ]
    keys = [*AREA_COLOURS.items(), ("in_sectors", SECTOR_LINE)]
    for i, (key, colour) in enumerate(keys):
        x = left + i * 150
        body.append(
            f'<rect x="{x}" y="{height - 16}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{height - 6}" font-size="11" fill="#1d2733">'
            f"{escape(legend.get(key, key))}</text>"
        )
    return _svg(width, height, title, body)
