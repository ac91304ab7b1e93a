"""Charts as inline SVG drawn on the server: no script, colours from CSS classes only.

Each chart carries a title and a description for screen readers; pages also show the numbers
as a table, so nothing is available only as a picture.
"""

import math
from dataclasses import dataclass
from html import escape
from itertools import count

from markupsafe import Markup

WIDTH = 400
_ids = count(1)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, the text printed after it and a CSS class (its colour)."""

    label: str
    value: float
    text: str
    kind: str = ""


@dataclass(frozen=True)
class Point:
    """One point of a line: where on the axis (label) and how high."""

    label: str
    value: float


def _svg(height: int, title: str, description: str, body: list[str]) -> Markup:
    ident = f"chart-{next(_ids)}"
    return Markup(  # noqa: S704 - every value that comes from data is escaped
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    bars: list[Bar], *, title: str, maximum: float, marks: tuple[float, ...] = ()
) -> Markup:
    """Horizontal bars, each under its label (readable on a phone); ``marks`` draw dashed limits."""
    row, left, right = 50, 4, 116
    span = WIDTH - left - right
    scale = span / maximum if maximum > 0 else 0
    height = row * len(bars) + 12
    body: list[str] = []
    for index, bar in enumerate(bars):
        top = index * row + 4
        length = max(0.0, min(bar.value, maximum)) * scale
        body.append(f'<text x="{left}" y="{top + 14}">{escape(_short(bar.label, 52))}</text>')
        body.append(
            f'<rect class="bar {escape(bar.kind)}" x="{left}" y="{top + 20}" '
            f'width="{length:.1f}" height="20" rx="3"/>'
        )
        body.append(f'<text x="{left + length + 5:.1f}" y="{top + 35}">{escape(bar.text)}</text>')
    for mark in marks:
        x = left + min(mark, maximum) * scale
        body.append(f'<line class="limit" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>')
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return _svg(height, title, description, body)


def line_chart(points: list[Point], *, title: str, target: float | None = None) -> Markup:
    """Values over periods with an optional dashed target line (e.g. 100% of target)."""
    height, left, right, top, bottom = 220, 36, 24, 14, 34
    highest = max([point.value for point in points] + [target or 0, 1])
    ceiling = math.ceil(highest / 50) * 50
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def x(index: int) -> float:
        return left + (plot_w * index / max(len(points) - 1, 1) if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / ceiling)

    body = []
    for step in range(0, int(ceiling) + 1, 50):
        body.append(
            f'<line class="grid" x1="{left}" y1="{y(step):.1f}" x2="{WIDTH - right}" y2="{y(step):.1f}"/>'
        )
        body.append(f'<text x="{left - 6}" y="{y(step) + 4:.1f}" text-anchor="end">{step}</text>')
    if target is not None:
        body.append(
            f'<line class="target" x1="{left}" y1="{y(target):.1f}" x2="{WIDTH - right}" y2="{y(target):.1f}"/>'
        )
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(p.value):.1f}" for i, p in enumerate(points)
    )
    if len(points) > 1:
        body.append(f'<path class="line" d="{path}"/>')
    for index, point in enumerate(points):
        body.append(f'<circle class="dot" cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="4.5"/>')
        body.append(
            f'<text x="{x(index):.1f}" y="{height - 12}" text-anchor="middle">{escape(point.label)}</text>'
        )
    description = "; ".join(f"{point.label}: {point.value:.1f}" for point in points)
    return _svg(height, title, description, body)


def radar_chart(axes: list[Point], *, title: str, maximum: float = 5) -> Markup:
    """A value per axis on a spider web (the seven BerAKHLAK values, 1-5)."""
    height, radius = 300, 92
    cx, cy = WIDTH / 2, height / 2

    def corner(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(axes)
        share = value / maximum
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    body = []
    for ring in range(1, int(maximum) + 1):
        ring_points = " ".join(
            f"{px:.1f},{py:.1f}" for px, py in (corner(i, ring) for i in range(len(axes)))
        )
        body.append(f'<polygon class="web" points="{ring_points}"/>')
    for index, axis in enumerate(axes):
        ex, ey = corner(index, maximum)
        body.append(f'<line class="grid" x1="{cx}" y1="{cy}" x2="{ex:.1f}" y2="{ey:.1f}"/>')
        lx, ly = corner(index, maximum * 1.18)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        body.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(axis.label.split()[0])} {axis.value:.1f}</text>"
        )
    shape = " ".join(
        f"{px:.1f},{py:.1f}" for px, py in (corner(i, a.value) for i, a in enumerate(axes))
    )
    body.append(f'<polygon class="area" points="{shape}"/>')
    description = "; ".join(f"{axis.label}: {axis.value:.1f}" for axis in axes)
    return _svg(height, title, description, body)
