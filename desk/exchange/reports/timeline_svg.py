"""A dossier's timeline as a self-contained SVG image: one row per meeting, time left to right.

Days are dots, partial dates bars over the days they may fall on; meetings that took place are
filled, the others hollow and dashed, so a printed page still tells fact from expectation.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from desk.store.timeline import TimelineEntry

WIDTH = 760
LABEL = 230
ROW = 18
TOP = 28
COLOURS = {
    "held": "#2e7d32",
    "reported": "#43a047",
    "planned": "#0277bd",
    "expected": "#0288d1",
    "speculated": "#f9a825",
    "denied": "#c62828",
    "cancelled": "#c62828",
}
#: Rows drawn at most: a longer timeline keeps its most recent meetings.
MAX_ROWS = 60


def _years(first: dt.date, last: dt.date) -> list[dt.date]:
    span = max(1, last.year - first.year)
    step = 1 if span <= 12 else 5 if span <= 60 else 10
    return [dt.date(year, 1, 1) for year in range(first.year + 1, last.year + 1, step)]


def timeline_svg(entries: list[TimelineEntry], title: str) -> str:
    """The SVG document (a string); an empty timeline says so instead of drawing nothing."""
    shown = entries[-MAX_ROWS:]
    height = TOP + ROW * max(1, len(shown)) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f"aria-label={quoteattr('Timeline: ' + title)} "
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape('Timeline: ' + title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    if not shown:
        parts.append(f'<text x="10" y="{TOP}" fill="#555">No dated meetings.</text></svg>')
        return "".join(parts)
    first = min(entry.earliest for entry in shown)
    last = max(entry.latest for entry in shown)
    margin = max(15, (last - first).days // 25)
    start, end = first - dt.timedelta(days=margin), last + dt.timedelta(days=margin)
    days = max(1, (end - start).days)
    chart = WIDTH - LABEL - 10

    def x(day: dt.date) -> float:
        return LABEL + chart * (day - start).days / days

    bottom = TOP + ROW * len(shown)
    for year in _years(start, end):
        parts.append(
            f'<line x1="{x(year):.1f}" y1="{TOP - 6}" x2="{x(year):.1f}" y2="{bottom}" '
            'stroke="#ddd"/>'
            f'<text x="{x(year):.1f}" y="{TOP - 10}" text-anchor="middle" fill="#555">'
            f"{year.year}</text>"
        )
    for row, entry in enumerate(shown):
        y = TOP + ROW * row + ROW / 2
        colour = COLOURS.get(entry.status, "#616161")
        happened = entry.happened
        verified = "✓ " if entry.review == "verified" else ""
        label = f"{verified}{entry.shown}  {entry.title}"
        label = label if len(label) <= 42 else label[:41] + "…"
        parts.append(
            f'<text x="4" y="{y + 4:.1f}" fill="#222">{escape(label)}'
            f"<title>{escape(entry.title)} ({escape(entry.status)})</title></text>"
        )
        fill = colour if happened else "#ffffff"
        dash = "" if happened else ' stroke-dasharray="3,2"'
        if entry.is_span:
            left, right = x(entry.earliest), x(entry.latest + dt.timedelta(days=1))
            parts.append(
                f'<rect x="{left:.1f}" y="{y - 5:.1f}" width="{max(2.0, right - left):.1f}" '
                f'height="10" rx="3" fill="{fill}" fill-opacity="{0.85 if happened else 1}" '
                f'stroke="{colour}" stroke-width="1.5"{dash} class="span {escape(entry.status)}"/>'
            )
        else:
            parts.append(
                f'<circle cx="{x(entry.earliest):.1f}" cy="{y:.1f}" r="5" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1.5"{dash} class="point {escape(entry.status)}"/>'
            )
    legend_y = bottom + 16
    parts.append(
        f'<circle cx="{LABEL}" cy="{legend_y - 4}" r="4" fill="#2e7d32"/>'
        f'<text x="{LABEL + 8}" y="{legend_y}" fill="#333">took place</text>'
        f'<circle cx="{LABEL + 90}" cy="{legend_y - 4}" r="4" fill="#fff" stroke="#0288d1" '
        'stroke-dasharray="3,2"/>'
        f'<text x="{LABEL + 98}" y="{legend_y}" fill="#333">expected, planned or speculated</text>'
        f'<rect x="{LABEL + 290}" y="{legend_y - 9}" width="24" height="10" rx="3" fill="#2e7d32"/>'
        f'<text x="{LABEL + 320}" y="{legend_y}" fill="#333">'
        "a partial date: the days it may fall on</text>"
    )
    if len(entries) > len(shown):
        parts.append(
            f'<text x="4" y="{legend_y}" fill="#555">'
            f"the latest {len(shown)} of {len(entries)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
