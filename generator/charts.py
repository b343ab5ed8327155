"""Geometry of the build-time SVG target chart: pure numbers, drawn by theme/templates/chart.svg.j2.

A target is a promise, not a result, so the two never look alike: each printed target is an
outlined, dashed mark (a hollow bar to the target level, a hollow band for a range); each reported
value is a filled bar. The legend stands inside the figure, and with no reported value the plot
itself says so. Axis ticks are round numbers with the unit ("50%"). The SVG carries its own colours
and a generic font family, so it reads the same on the page, in an embed and rendered to a PNG.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .model import Actual, Indicator

WIDTH, HEIGHT = 340, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 58, 34  # the legend and its note stand in the top band
NO_VALUE_YET = "Chưa có số liệu thực hiện được công bố"
TARGET_LABEL = "Mục tiêu kế hoạch đặt ra"
ACTUAL_LABEL = "Kết quả đã báo cáo"
MAX_ACTUALS = 3  # the latest few: the chart is a glance, the table lists every value
SLOT_MARK = 0.64  # share of its slot a mark is wide


@dataclass(frozen=True)
class Mark:
    kind: str  # "target" (outlined) | "actual" (filled)
    label: str  # under the axis: the horizon, or the month a value was measured
    printed: str  # as printed or reported, above the mark
    x: float
    width: float
    y: float  # top of the mark
    low_y: float | None  # lower end of a range target (a hollow band from low_y up to y)

    @property
    def lines(self) -> tuple[str, ...]:
        """The printed value in at most two lines that fit its slot (~6.3 px a character at 11 px bold),
        so "Phấn đấu ít nhất 3%" keeps its figure instead of running into the next slot's label."""
        return wrap(self.printed, max(4, int(self.width / SLOT_MARK / 6.3)), 2)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    right: float  # x of the plot's right edge
    baseline: float
    top: float
    unit: str
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...]  # (y, label with unit)
    has_actuals: bool

    @property
    def targets(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == "target")

    @property
    def actuals(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == "actual")


def wrap(text: str, room: int, most: int) -> tuple[str, ...]:
    """Greedy word wrap to `room` characters a line; past `most` lines the last one ends in "…"."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most - 1] + [" ".join(lines[most - 1:])[:room - 1].rstrip() + "…"]
    return tuple(lines) or ("",)


def _fmt(value: float) -> str:
    return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


def round_ticks(peak: float, percent: bool) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10ⁿ) up to the first tick at or above the peak; 0–100 for a
    share that cannot exceed 100 %."""
    if percent and peak <= 100:
        return [0, 25, 50, 75, 100]
    peak = peak or 1.0
    raw = peak / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(peak / step - 1e-9)
    return [i * step for i in range(count + 1)]


def _tick_label(value: float, unit: str) -> str:
    return _fmt(value) + ("%" if unit.startswith("%") else "")


def _year(label: str) -> int | None:
    m = re.search(r"\b(19|20)\d{2}\b", label)
    return int(m.group(0)) if m else None


def target_chart(indicator: Indicator, actuals: Iterable[Actual] = ()) -> Chart | None:
    """One outlined mark per horizon with a numeric target and one filled bar per reported value
    (the latest MAX_ACTUALS, in the target's unit), in time order; None when no target is numeric."""
    numeric = [(t, t.parsed) for t in indicator.targets if t.parsed and t.parsed.numeric is not None]
    if not numeric:
        return None
    units = {p.unit or "" for _, p in numeric}
    if len(units) > 1:
        return None  # mixed units cannot share one axis
    unit = units.pop()
    values = sorted((a for a in actuals if a.parsed.numeric is not None and (a.parsed.unit or "") == unit),
                    key=lambda a: a.date)[-MAX_ACTUALS:]
    # Slots in time order: a value measured in a year stands before that year's target.
    slots: list[tuple[str, object]] = []
    pending = list(values)
    for t, p in numeric:
        year = _year(t.horizon)
        while pending and year is not None and pending[0].date.year <= year:
            slots.append(("actual", pending.pop(0)))
        slots.append(("target", (t, p)))
    slots += [("actual", a) for a in pending]
    peak = max([p.numeric for _, p in numeric] + [a.parsed.numeric for a in values])
    ticks = round_ticks(peak, unit.startswith("%"))
    scale_max = ticks[-1] or 1.0
    baseline, plot_h = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    slot_w = (WIDTH - LEFT - RIGHT) / len(slots)

    def y(v: float) -> float:
        return baseline - plot_h * v / scale_max

    marks = []
    for i, (kind, data) in enumerate(slots):
        x, w = LEFT + i * slot_w + slot_w * (1 - SLOT_MARK) / 2, slot_w * SLOT_MARK
        if kind == "target":
            t, p = data
            marks.append(Mark("target", t.horizon, t.cell.text or "", x, w, y(p.numeric),
                              y(p.low) if p.kind == "range" else None))
        else:
            a = data
            marks.append(Mark("actual", f"{a.date.month}/{a.date.year}", a.value, x, w, y(a.parsed.numeric), None))
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, TOP, unit, tuple(marks),
                 tuple((y(v), _tick_label(v, unit)) for v in ticks), bool(values))


def svg(chart: Chart, templates: Path) -> str:
    """The chart as a standalone SVG document (for a share image or a comparison page): the same
    template the pages include, so every reader sees the same marks."""
    from .templates import environments  # imported here to keep this module's import light
    figure = environments(templates).markup.get_template("chart.svg.j2").render(chart=chart)
    return figure[figure.index("<svg"):figure.index("</svg>") + len("</svg>")] + "\n"


# ---------------------------------------------------------------- comparison chart (/so-sanh/<id>/)
# One mark per plan and horizon, never a bar: a printed "≥ 80" is a floor, not an amount reached.
# "≥"/">" draws a triangle pointing up (at least), "≤"/"<" one pointing down, "="/"≈" a dot, a range
# a line between its ends. Colour tells the plans apart; the legend and the table name them.
SERIES_COLOURS = ("#1a237e", "#c62828", "#2e7d32", "#6a1b9a", "#e65100", "#00695c")


@dataclass(frozen=True)
class CompareMark:
    series: int
    shape: str  # up | down | dot | range
    x: float
    y: float
    low_y: float | None  # range: lower end
    printed: str
    horizon: str


@dataclass(frozen=True)
class ComparisonChart:
    width: int
    height: int
    baseline: float
    unit: str
    marks: tuple[CompareMark, ...]
    ticks: tuple[tuple[float, str], ...]
    slots: tuple[tuple[float, str], ...]  # (centre x, horizon label)
    colours: tuple[str, ...]


# Geometry of the comparison chart (its own: the target chart keeps a legend band at the top).
CW, CH, CL, CR, CT, CB = 320, 200, 40, 10, 16, 34

_SHAPES = {"≥": "up", ">": "up", "≤": "down", "<": "down"}


def comparison_chart(rows, members: int) -> ComparisonChart | None:
    """rows: comparison_table rows (horizon, cells per member). None when no target is a number."""
    numeric = [(r, i, t) for r in rows for i, t in enumerate(r.cells)
               if t is not None and t.parsed and t.parsed.numeric is not None]
    if not numeric:
        return None
    units = {t.parsed.unit for _, _, t in numeric if t.parsed.unit}
    unit = units.pop() if len(units) == 1 else ""
    peak = max(t.parsed.numeric for _, _, t in numeric)
    percent = all((t.parsed.unit or "%").startswith("%") for _, _, t in numeric)
    scale_max = 100.0 if percent and peak <= 100 else peak * 1.15 or 1.0
    plot_h = CH - CT - CB
    slot = (CW - CL - CR) / len(rows)
    step = slot * 0.7 / max(members, 1)

    def y_of(value: float) -> float:
        return CH - CB - plot_h * value / scale_max

    marks = []
    for r, i, t in numeric:
        x = CL + rows.index(r) * slot + slot * 0.15 + step * (i + 0.5)
        p = t.parsed
        shape = "range" if p.kind == "range" else _SHAPES.get(p.comparator or "=", "dot")
        marks.append(CompareMark(i, shape, x, y_of(p.numeric), y_of(p.low) if p.kind == "range" else None,
                          t.cell.text or "", r.horizon))
    ticks = tuple((y_of(scale_max * f), _compare_tick(scale_max * f)) for f in (0, 0.5, 1))
    slots = tuple((CL + n * slot + slot / 2, r.horizon) for n, r in enumerate(rows))
    return ComparisonChart(CW, CH, CH - CB, unit, tuple(marks), ticks, slots, SERIES_COLOURS)


def _compare_tick(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")
