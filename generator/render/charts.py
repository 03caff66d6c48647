"""Grade history → inline SVG text (pure). The chart has an accessible name and description;
the page puts a data table beside it with the same facts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from generator.model import dates

ROWS = ((1, "Outstanding"), (2, "Good"), (3, "Requires improvement or adequate"), (4, "Inadequate"), (5, "Ungraded visit or letter"))


@dataclass(frozen=True)
class Layout:
    """A timeline's size in SVG units. Text is 13 units high (site.css), so a layout is
    readable down to the width at which 13 units still show as 11 pixels or more: the wide one
    from about 640 px, the narrow one (row labels on two lines, fewer years labelled) on a
    phone 320 px wide."""

    name: str  # the SVG's class beside "timeline": the page shows one layout at a time (site.css)
    width: int
    height: int
    left: int  # room for the row labels
    right: int
    top: int
    bottom: int
    rows: tuple[tuple[str, ...], ...]  # each row's label, a line per item
    year_gap: int  # the least space between two labelled years


WIDE = Layout("timeline-wide", 760, 250, 230, 20, 20, 40, tuple((name,) for _, name in ROWS), 40)
NARROW = Layout("timeline-narrow", 360, 290, 156, 14, 20, 44,
                (("Outstanding",), ("Good",), ("Requires improvement", "or adequate"), ("Inadequate",),
                 ("Not graded",)), 44)
LAYOUTS = (WIDE, NARROW)


@dataclass(frozen=True)
class Point:
    when: dt.date
    rank: int | None  # the overall grade's rank; None: no overall grade
    label: str  # e.g. "October 2019: Good (overall effectiveness)"
    cited: bool = False
    areas: tuple[int, ...] = ()  # no overall grade, but its areas were graded (2026): their ranks
    predecessor: bool = False  # an inspection of the council this one took over from


def timeline_svg(points: list[Point], chart_id: str, title: str, description: str, layout: Layout = WIDE,
                 events: list[tuple[dt.date, str]] | None = None) -> str:
    """An SVG chart of grades over time: one row per grade, one mark per inspection; `events`
    (a reorganisation) are dashed vertical lines with their label."""
    width, height = layout.width, layout.height
    left, right, top, bottom = layout.left, layout.right, layout.top, layout.bottom
    row_h = (height - top - bottom) / (len(ROWS) - 1)
    events = events or []
    years = [p.when.year for p in points] + [d.year for d, _ in events] or [dates.today().year]
    y0, y1 = min(years), max(years) + 1
    span = max((dt.date(y1, 1, 1) - dt.date(y0, 1, 1)).days, 1)

    def x(d: dt.date) -> float:
        return left + (width - left - right) * (d - dt.date(y0, 1, 1)).days / span

    def y(rank: int | None) -> float:
        return top + row_h * ((rank or 5) - 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline {layout.name}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(description)}</desc>']
    for (rank, _), lines in zip(ROWS, layout.rows):
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(rank):.1f}" y2="{y(rank):.1f}"/>')
        if len(lines) == 1:
            out.append(f'<text class="row-label" x="{left - 10}" y="{y(rank) + 4:.1f}" text-anchor="end">{escape(lines[0])}</text>')
        else:  # lines 15 units apart, centred on the row
            spans = "".join(f'<tspan x="{left - 10}" y="{y(rank) + 4 + 15 * (k - (len(lines) - 1) / 2):.1f}">{escape(line)}</tspan>'
                            for k, line in enumerate(lines))
            out.append(f'<text class="row-label" text-anchor="end">{spans}</text>')
    per_year = (width - left - right) / max(y1 - y0, 1)
    step = next(s for s in (1, 2, 3, 4, 5, 10, 20) if s * per_year >= layout.year_gap or s == 20)
    for year in range(y0, y1 + 1, step):
        xx = x(dt.date(year, 1, 1))
        out.append(f'<line class="tick" x1="{xx:.1f}" x2="{xx:.1f}" y1="{top - 6}" y2="{height - bottom + 6}"/>')
        out.append(f'<text class="year" x="{xx:.1f}" y="{height - bottom + 22}" text-anchor="middle">{year}</text>')
    for when, label in events:
        xx = x(when)
        out.append(f'<line class="event" x1="{xx:.1f}" x2="{xx:.1f}" y1="{top - 12}" y2="{height - bottom + 6}"/>')
        anchor = "end" if xx > width * 0.6 else "start"
        out.append(f'<text class="event-label" x="{xx + (-4 if anchor == "end" else 4):.1f}" y="{top - 4}" '
                   f'text-anchor="{anchor}">{escape(label)}</text>')
    graded = [p for p in sorted(points, key=lambda p: p.when) if p.rank]
    if len(graded) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(p.when):.1f},{y(p.rank):.1f}" for i, p in enumerate(graded))
        out.append(f'<path class="trend" d="{path}"/>')
    for p in sorted(points, key=lambda p: p.when):
        cx, cy = x(p.when), y(p.rank)
        cls = "mark" + (" cited" if p.cited else "") + (" predecessor" if p.predecessor else "")
        if p.rank is None and p.areas:
            # No overall grade: a line over the range of its areas' grades, a dot at each.
            top_, low = y(min(p.areas)), y(max(p.areas))
            out.append(f'<g class="areas"><title>{escape(p.label)}</title>'
                       f'<line class="range" x1="{cx:.1f}" x2="{cx:.1f}" y1="{top_ - 6:.1f}" y2="{low + 6:.1f}"/>'
                       + "".join(f'<circle class="area rank-{r}" cx="{cx:.1f}" cy="{y(r):.1f}" r="4"/>'
                                 for r in sorted(set(p.areas))) + "</g>")
        elif p.rank is None:
            pts = f"{cx:.1f},{cy - 7:.1f} {cx + 7:.1f},{cy:.1f} {cx:.1f},{cy + 7:.1f} {cx - 7:.1f},{cy:.1f}"
            out.append(f'<polygon class="{cls} ungraded" points="{pts}"><title>{escape(p.label)}</title></polygon>')
        else:
            out.append(f'<circle class="{cls} rank-{p.rank}" cx="{cx:.1f}" cy="{cy:.1f}" r="7"><title>{escape(p.label)}</title></circle>')
    out.append("</svg>")
    return "\n".join(out)


def bar_chart_svg(bars: list[tuple[str, int]], chart_id: str, title: str, description: str) -> str:
    """A vertical bar chart of counts (one bar per label), each bar labelled with its count."""
    width, height = 760, 220
    left, right, top, bottom = 40, 10, 20, 40
    n = max(len(bars), 1)
    top_value = max([v for _, v in bars] + [1])
    slot = (width - left - right) / n
    bar_w = max(min(slot * 0.7, 40), 2)

    def y(v: int) -> float:
        return top + (height - top - bottom) * (1 - v / top_value)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
           f'<line class="axis" x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>']
    for k, (label, value) in enumerate(bars):
        x = left + slot * k + (slot - bar_w) / 2
        out.append(f'<rect class="bar" x="{x:.1f}" y="{y(value):.1f}" width="{bar_w:.1f}" height="{y(0) - y(value):.1f}">'
                   f'<title>{escape(label)}: {value}</title></rect>')
        if value:
            out.append(f'<text class="value" x="{x + bar_w / 2:.1f}" y="{y(value) - 4:.1f}" text-anchor="middle">{value}</text>')
        if n <= 20 or k % 2 == 0:
            out.append(f'<text class="label" x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
