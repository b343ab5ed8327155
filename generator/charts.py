"""Geometry of the build-time SVG target chart: pure numbers, drawn by theme/templates/chart.svg.j2."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Indicator


@dataclass(frozen=True)
class Bar:
    label: str  # horizon
    printed: str  # target text as printed
    x: float
    y: float
    width: float
    height: float
    low_y: float | None  # lower end of a range, drawn as a band


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    top: float
    scale_max: float
    unit: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]


WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 320, 200, 40, 10, 16, 34


def _fmt(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def target_chart(indicator: Indicator) -> Chart | None:
    """A bar per horizon with a numeric target; None when fewer than one target is numeric."""
    numeric = [(t, t.parsed) for t in indicator.targets if t.parsed and t.parsed.numeric is not None]
    if not numeric:
        return None
    units = {p.unit or "" for _, p in numeric}
    if len(units) > 1:
        return None  # mixed units cannot share one axis
    unit = units.pop()
    peak = max(p.numeric for _, p in numeric)
    scale_max = 100.0 if unit.startswith("%") and peak <= 100 else peak * 1.15 or 1.0
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(indicator.horizons)
    bars = []
    for t, p in numeric:
        i = indicator.horizons.index(t.horizon)
        h = plot_h * p.numeric / scale_max
        low_y = HEIGHT - BOTTOM - plot_h * p.low / scale_max if p.kind == "range" else None
        bars.append(Bar(t.horizon, t.cell.text or "", LEFT + i * slot + slot * 0.2, HEIGHT - BOTTOM - h, slot * 0.6, h, low_y))
    ticks = tuple((HEIGHT - BOTTOM - plot_h * f, _fmt(scale_max * f)) for f in (0, 0.5, 1))
    return Chart(WIDTH, HEIGHT, HEIGHT - BOTTOM, TOP, scale_max, unit, tuple(bars), ticks)
