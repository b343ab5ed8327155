"""The share images (og:image) of an indicator (its targets as marks, the locality, the unit, the source),
of a comparison (each locality's targets side by side, as printed) and of a plan (its size and the
targets a resident meets at the ward office).

Drawn with Pillow from the data of the page's chart (generator/charts.py), in the bundled Be Vietnam
Pro font (theme/fonts/, SIL OFL 1.1: every Vietnamese letter, no system font needed). Why Pillow and
not the chart SVG through resvg: resvg-py took 45-60 ms per 1200×630 card here (text outlines and
an RGBA PNG), Pillow ~10 ms; the budget is 10 ms per indicator (bench/share_images.py).
The card is drawn in one ink on white, in grey levels written as a 16-colour palette (4-bit PNG):
antialiased text stays smooth, and the file is ~8 KB and quick to encode.
"""
from __future__ import annotations

import functools
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import kinds
from .charts import Chart, target_chart
from .labels import SITE_NAME
from .output import write_data_file
from .comparison_table import comparison_table, member_label
from .summary import key_targets
from .targets import with_unit
from .model import Comparison, Indicator, Plan, Portal

# The card is laid out in units of a 1200×630 canvas (the 1.91:1 of every large link preview) and
# drawn at SCALE of it: 800×420 px. Facebook shows a large preview from 600×315 up and phones show it
# at most ~400 CSS px wide, so 800 px stays sharp on them, and a card costs ~45 % of the pixels to
# draw and store (bench/run.py at 10,000 pages: 17 KB → 8 KB a card, 8 → 4 ms).
W, H = 1200, 630  # layout units
SCALE = 2 / 3
WIDTH, HEIGHT = round(W * SCALE), round(H * SCALE)  # pixels of the PNG (og:image:width/height)
MARGIN = 64
FONTS = Path(__file__).resolve().parent.parent / "theme" / "fonts"
REGULAR, BOLD = FONTS / "BeVietnamPro-Regular.ttf", FONTS / "BeVietnamPro-Bold.ttf"
# Grey levels of the one ink (0 = ink, 255 = paper), mapped to indigo by the palette.
INK, SOFT, GRID, BAND, TRACK, PAPER = 0, 95, 205, 150, 238, 255
INK_RGB = (26, 35, 126)  # Material indigo 900, the portal's primary colour, darker for contrast


@dataclass(frozen=True)
class Mark:
    horizon: str
    printed: str  # the target as printed, or "không đọc được"
    high: float | None  # height of the target on the chart's scale, 0..1; None: nothing to draw
    low: float | None = None  # lower end of a range


@dataclass(frozen=True)
class Card:
    title: str
    place: str  # "Phường Hải An, thành phố Hải Phòng"
    unit: str | None
    source: str  # "Nguồn: UBND phường Hải An, Kế hoạch 726/KH-UBND, Phụ lục I"
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...] = ()  # (height 0..1, label) of the chart's grid lines


def marks_from_chart(ind: Indicator, chart: Chart | None) -> tuple[tuple[Mark, ...], tuple[tuple[float, str], ...]]:
    """Every horizon of the indicator, placed as the page's chart places it (the only code that reads the
    chart's geometry): heights are fractions of the chart's plot, so the card follows the chart's scale."""
    heights: dict[str, tuple[float, float | None]] = {}
    ticks: tuple[tuple[float, str], ...] = ()
    if chart is not None:
        span = chart.baseline - chart.top

        def frac(y: float) -> float:
            return max(0.0, min(1.0, (chart.baseline - y) / span))

        # The chart's target marks: `targets` once the chart draws reported values apart from targets
        # (issue 12), `bars` before; both carry label, y and low_y.
        target_marks = getattr(chart, "targets", None) or getattr(chart, "bars", ())
        heights = {b.label: (frac(b.y), frac(b.low_y) if b.low_y is not None else None) for b in target_marks}
        ticks = tuple((frac(y), label) for y, label in chart.ticks)
    marks = []
    for t in ind.targets:
        printed = "không đọc được" if t.cell.unreadable else (t.cell.text or "—")
        high, low = heights.get(t.horizon, (None, None))
        marks.append(Mark(t.horizon, printed, high, low))
    return tuple(marks), ticks


def unit_of(ind: Indicator) -> str | None:
    """The unit as the unit column prints it or, where that column is blank, as every numeric cell prints it
    ("70%", "85%" → "%"); None when neither says."""
    if ind.unit.text and not ind.unit.unreadable:
        return ind.unit.text
    printed = {t.parsed.unit for t in ind.targets if t.parsed and t.parsed.kind in ("number", "range")}
    return printed.pop() if len(printed) == 1 and None not in printed else None


def card_for(ind: Indicator, chart: Chart | None, place: str, source: str) -> Card:
    unit = unit_of(ind)
    marks, ticks = marks_from_chart(ind, chart)
    return Card(ind.name.rstrip("."), place, unit, source, marks, ticks)


def alt_text(card: Card) -> str:
    """What the image shows, for og:image:alt (screen readers, and where images do not load)."""
    unit = f" ({card.unit})" if card.unit else ""
    targets = "; ".join(f"{m.horizon}: {m.printed}" for m in card.marks)
    return f"{card.title}{unit} — {card.place}. Mục tiêu: {targets}. {card.source}"


@functools.lru_cache(maxsize=None)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: Vietnamese text is NFC, one glyph per precomposed letter; raqm (complex scripts) costs more.
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size, layout_engine=ImageFont.Layout.BASIC)


LEVELS = 16  # shades of the ink kept in the PNG: antialiasing looks the same as 256, the file is ~45 % smaller
_TO_LEVEL = [round(g * (LEVELS - 1) / 255) for g in range(256)]


@functools.lru_cache(maxsize=1)
def _palette() -> list[int]:
    """LEVELS colours from ink (index 0) to paper (the last), for the 4-bit PNG."""
    return [round(ink + (255 - ink) * k / (LEVELS - 1)) for k in range(LEVELS) for ink in INK_RGB]


@functools.lru_cache(maxsize=2048)
def _stamp(text: str, bold: bool, size: int, anchor: str) -> tuple[Image.Image, int, int]:
    """A string's antialiased mask (at its drawn size, in pixels) and its offset from the anchor point.
    Horizons, values, tick labels, places and sources recur on many cards, and rasterising glyphs is
    most of a card's cost."""
    font = _font(bold, round(size * SCALE))
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return mask, left, top


def _text(img: Image.Image, xy: tuple[float, float], text: str, bold: bool, size: int, fill: int,
          anchor: str = "la") -> None:
    mask, left, top = _stamp(text, bold, size, anchor)
    img.paste(fill, (round(xy[0] * SCALE) + left, round(xy[1] * SCALE) + top), mask)


def _line(draw: ImageDraw.ImageDraw, xy: tuple[float, ...], fill: int, width: int) -> None:
    draw.line(tuple(v * SCALE for v in xy), fill=fill, width=max(1, round(width * SCALE)))


def _box(draw: ImageDraw.ImageDraw, xy: tuple[float, ...], fill: int) -> None:
    draw.rectangle(tuple(round(v * SCALE) for v in xy), fill=fill)


@functools.lru_cache(maxsize=16384)
def _width(text: str, bold: bool, size: int) -> float:
    """Advance width of a word or line in layout units; Vietnamese syllables recur on every card, so
    words are measured once."""
    return _font(bold, size).getlength(text)


def _line_width(words: list[str], bold: bool, size: int) -> float:
    # Words measured one by one plus the spaces between them (no kerning across a space in these fonts).
    return sum(_width(w, bold, size) for w in words) + _width(" ", bold, size) * (len(words) - 1)


def _wrap(text: str, bold: bool, size: int, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap; when the text needs more lines, the last one is cut at a word and ends in "…"."""
    lines: list[list[str]] = []
    line: list[str] = []
    for word in text.split():
        if line and _line_width(line + [word], bold, size) > width:
            lines.append(line)
            line = [word]
        else:
            line.append(word)
    if line:
        lines.append(line)
    if len(lines) <= max_lines and all(_line_width(x, bold, size) <= width for x in lines):
        return [" ".join(x) for x in lines]
    last = " ".join(w for x in lines[max_lines - 1:] for w in x)
    while _width(last + "…", bold, size) > width and len(last) > 1:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [" ".join(x) for x in lines[:max_lines - 1]] + [last.rstrip(" ,;:") + "…"]


def _frame(place: str, title: str, unit: str | None, source: str, title_lines: int,
           targets: bool = True) -> tuple[Image.Image, int]:
    """A blank card with what every card has: the place line, the title, the "targets, not results" line
    and the source footer; returns it and where its body starts."""
    img = Image.new("L", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    text_width = W - 2 * MARGIN
    y = 44
    _text(img, (MARGIN, y), place, True, 26, SOFT)
    y += 46
    for line in _wrap(title, True, 42, text_width, title_lines):
        _text(img, (MARGIN, y), line, True, 42, INK)
        y += 54
    y += 6
    # Seen alone on Zalo or Facebook, the figures must not read as results (issue 12: targets are not achievements).
    unit_text = f" · Đơn vị tính: {unit}" if unit else ""
    if targets:
        _text(img, (MARGIN, y), f"Mục tiêu kế hoạch đặt ra (chưa phải kết quả){unit_text}", False, 24, SOFT)
    _line(draw, (MARGIN, H - 72, W - MARGIN, H - 72), GRID, 2)
    site_w = _width(SITE_NAME, True, 22)
    for i, line in enumerate(_wrap(source, False, 22, text_width - site_w - 32, 1)):
        _text(img, (MARGIN, H - 56 + i * 28), line, False, 22, SOFT)
    _text(img, (W - MARGIN - site_w, H - 56), SITE_NAME, True, 22, INK)
    return img, y + 40


def render(card: Card) -> bytes:
    """The card as PNG bytes (WIDTH×HEIGHT, palette of one ink)."""
    img, y = _frame(card.place, card.title, card.unit, card.source, 3)
    _draw_marks(img, ImageDraw.Draw(img), card, top=y, bottom=H - 96)
    return _png(img)


def _png(img: Image.Image) -> bytes:
    # The grey levels become indexes into a palette from ink to paper: a 4-bit PNG of one ink.
    levels = img.point(_TO_LEVEL)
    out = Image.frombuffer("P", levels.size, levels.tobytes(), "raw", "P", 0, 1)
    out.putpalette(_palette())
    buffer = io.BytesIO()
    # zlib's run-length strategy (Z_RLE = 3; Pillow passes compress_type to zlib): flat areas and runs of
    # one shade are most of a card; ~25 % faster to encode than the default strategy, files ~15 % larger.
    out.save(buffer, "PNG", bits=4, compress_level=6, compress_type=zlib.Z_RLE)
    return buffer.getvalue()


def _draw_marks(img: Image.Image, draw: ImageDraw.ImageDraw, card: Card, top: int, bottom: int) -> None:
    """A slot per horizon: the target as a mark at its height on the chart's scale, the printed value above
    it, the horizon below. A target without a number to place is written in its slot instead."""
    marks = card.marks
    if not marks:
        return
    label_y = bottom - 30
    base = label_y - 12
    left = MARGIN + (64 if card.ticks else 0)
    slot = (W - MARGIN - left) / len(marks)
    # The value above each mark, whole: one line when it fits, else two smaller lines ("Phấn đấu ít
    # nhất 3%" must not lose its figure to an ellipsis).
    def value_label(printed: str) -> tuple[int, list[str]]:
        one = _wrap(printed, True, 30, slot - 8, 1)
        return (30, one) if not one[0].endswith("…") else (22, _wrap(printed, True, 22, slot - 8, 2))

    labels = [value_label(m.printed) if m.high is not None else None for m in marks]  # placed marks only
    plot_top = top + (44 if all(len(v[1]) == 1 for v in labels if v) else 62)  # room above the highest mark
    plot_h = max(base - plot_top, 1)
    charted = any(m.high is not None for m in marks)
    if charted:
        for frac, label in card.ticks:
            ty = base - plot_h * frac
            _line(draw, (left, ty, W - MARGIN, ty), GRID, 1)
            _text(img, (left - 10, ty), label, False, 20, SOFT, "rm")
    for i, m in enumerate(marks):
        x0 = left + i * slot
        cx = x0 + slot / 2
        _text(img, (cx, label_y), m.horizon, True, 24, INK, "mt")
        if m.high is None:
            # No number to place (text, unreadable, blank): the words as printed, in the slot.
            size = 30 if slot > 500 else 24  # one wide slot: words as large as the values
            lines = _wrap(m.printed, False, size, slot - 16, 5 if charted else 6)
            ty = (plot_top + base) / 2 - len(lines) * size * 0.65
            for line in lines:
                _text(img, (cx, ty), line, False, size, SOFT if m.printed in ("không đọc được", "-") else INK, "mt")
                ty += size * 1.3
            continue
        w = min(slot * 0.62, 150)
        _box(draw, (cx - w / 2, plot_top, cx + w / 2, base), TRACK)
        y_high = base - plot_h * m.high
        if m.low is not None:
            _box(draw, (cx - w / 2, y_high, cx + w / 2, base - plot_h * m.low), BAND)
        _box(draw, (cx - w / 2 - 6, y_high - 4, cx + w / 2 + 6, y_high + 4), INK)  # the target mark
        size, lines = labels[i]
        ty = y_high - 12
        for line in reversed(lines):
            _text(img, (cx, ty), line, True, size, INK, "mb")
            ty -= size * 1.15
    _line(draw, (left, base, W - MARGIN, base), SOFT, 2)



@dataclass(frozen=True)
class TableCard:
    """A card of rows and columns, values as printed: a comparison's (a row per locality, a column per
    horizon) or a plan's (a row per key target, one column)."""

    title: str
    place: str  # the line above the title: "So sánh giữa 3 kế hoạch", or the plan's place and size
    unit: str | None
    horizons: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (label, printed value per column; "–": none)
    more: str  # what was left out for room, said on the card ("" for nothing)
    source: str


MAX_ROWS, MAX_COLUMNS = 5, 5  # five horizons: the city's 2025-2045 lists


def _merged(plans: list[str], labels: list[str], titles: dict[str, str], cells: list[list[str]]
            ) -> tuple[list[str], list[list[str]]]:
    """One row per plan where its members never print the same horizon (Hải Dương's 2030 and 2045
    indicators of one group), so the card needs no "(mốc …)" labels; members that overlap keep their rows."""
    rows: dict[str, list[int]] = {}
    for m, plan in enumerate(plans):
        rows.setdefault(plan, []).append(m)
    out_labels, out_columns = [], []
    for plan, members in rows.items():
        printed = [[h for h in range(len(cells)) if cells[h][m] != "–"] for m in members]
        if len(members) > 1 and len({h for p in printed for h in p}) == sum(len(p) for p in printed):
            out_labels.append(titles[plan])
            out_columns.append([next((cells[h][m] for m in members if cells[h][m] != "–"), "–") for h in range(len(cells))])
        else:
            for m in members:
                out_labels.append(labels[m])
                out_columns.append([cells[h][m] for h in range(len(cells))])
    return out_labels, [[column[h] for column in out_columns] for h in range(len(cells))]


def comparison_card(name: str, plans: int, labels: list[str], units: list[str | None], horizons: list[str],
                    cells: list[list[str]]) -> TableCard:
    """plans: how many plans the members come from; labels: each row's label (one per member); cells[h][m]: member m's value at horizon h as printed
    ("không đọc được", "–" for none). The first MAX_COLUMNS horizons (years come first), MAX_ROWS members."""
    shown = labels if len(labels) <= MAX_ROWS else labels[:MAX_ROWS - 1]
    columns = horizons[:MAX_COLUMNS]
    rows = tuple((label, tuple(cells[h][m] for h in range(len(columns)))) for m, label in enumerate(shown))
    unit = units[0] if len(set(units)) == 1 else None
    hidden = len(horizons) - len(columns)
    source = "Giá trị đúng như bản in của từng kế hoạch" + (f" · {hidden} mốc khác trên trang" if hidden else "")
    left = len(labels) - len(shown)
    return TableCard(name, f"So sánh giữa {plans} kế hoạch", unit, tuple(columns), rows,
                     f"và {left} chỉ tiêu khác trên trang so sánh" if left else "", source)


def table_alt(card: TableCard) -> str:
    """What a comparison's or plan's card shows, for og:image:alt."""
    # A comparison names each horizon; a plan's single column ("Mục tiêu gần nhất") has the year in its values.
    name = (lambda h: f"{h} ") if len(card.horizons) > 1 else (lambda h: "")
    rows = "; ".join(f"{label}: " + ", ".join(f"{name(h)}{v}" for h, v in zip(card.horizons, values) if v != "–")
                     for label, values in card.rows)
    unit = f" ({card.unit})" if card.unit else ""
    said = ". ".join(x.rstrip(".") for x in (f"Mục tiêu: {rows}" if rows else "", card.more) if x)
    return f"{card.title}{unit} — {card.place}. {said}."


def plan_card(plan: Plan, issuer: str, tasks: int, indicators: list[Indicator], year: int) -> TableCard:
    """A plan's card: its place, title and size, and the targets a resident meets at the ward office
    (summary.key_targets: the nearest printed target of each), with their unit."""
    chosen = key_targets(indicators, year)
    rows = tuple((k.indicator.name.rstrip("."), (f"{with_unit(k.target, k.indicator)} · {k.target.horizon}",))
                 for k in chosen[:MAX_ROWS])
    size = f"{tasks} nhiệm vụ · {len(indicators)} chỉ tiêu"
    source = f"Nguồn: {issuer}, Kế hoạch {plan.symbol}" if plan.symbol else f"Nguồn: {issuer}"
    left = len(chosen) - len(rows)
    more = (f"và {left} mục tiêu khác trên trang kế hoạch" if left else "") if rows else (
        "Kế hoạch không có bảng chỉ tiêu: các nhiệm vụ, đơn vị chủ trì và thời hạn có trên trang kế hoạch."
        if not indicators else "Các chỉ tiêu và mục tiêu theo mốc năm có trên trang kế hoạch.")
    return TableCard(plan.title, f"{place_of(plan)} · {size}", None, ("Mục tiêu gần nhất",) if rows else (), rows,
                     more, source)


def plan_card_of(plan: Plan, portal: Portal, year: int) -> TableCard:
    return plan_card(plan, portal.units[plan.issuer].name, len(portal.plan_tasks(plan.id)),
                     portal.plan_indicators(plan.id), year)


def render_table(card: TableCard) -> bytes:
    img, y = _frame(card.place, card.title, card.unit, card.source, 2, targets=bool(card.rows))
    draw = ImageDraw.Draw(img)
    # Many horizons: a narrow label column; one (a plan's nearest targets): long indicator names.
    label_w = (340 if len(card.horizons) > 1 else W - 2 * MARGIN - 300) if card.horizons else W - 2 * MARGIN
    column_w = (W - 2 * MARGIN - label_w) / max(len(card.horizons), 1)
    y += 8
    for i, horizon in enumerate(card.horizons):
        _text(img, (MARGIN + label_w + (i + 0.5) * column_w, y), horizon, True, 24, SOFT, "mt")
    y += 38
    rows = list(card.rows) + ([(card.more, ())] if card.more else [])
    row_h = min(50, (H - 96 - y) / max(len(rows), 1))
    for label, values in rows:
        _line(draw, (MARGIN, y, W - MARGIN, y), GRID, 1)
        for k, line in enumerate(_wrap(label, True, 26, label_w - 16, 1) if values else _wrap(label, False, 26, W - 2 * MARGIN, 2)):
            _text(img, (MARGIN, y + 12 + k * 34), line, bool(values), 26, INK if values else SOFT)
        for i, value in enumerate(values):
            faint = value in ("–", "không đọc được")
            size, lines = 26, _wrap(value, not faint, 26, column_w - 12, 1)
            if lines[0].endswith("…"):  # a printed phrase ("Phấn đấu ít nhất 3%"): two smaller lines, not a lost figure
                size, lines = 20, _wrap(value, not faint, 20, column_w - 12, 2)
            for k, line in enumerate(lines):
                _text(img, (MARGIN + label_w + (i + 0.5) * column_w, y + (12 if len(lines) == 1 else 4) + k * 22), line,
                      not faint, size, SOFT if faint else INK, "mt")
        y += row_h
    return _png(img)


def place_of(plan: Plan) -> str:
    place = plan.locality[:1].upper() + plan.locality[1:]
    return f"{place}, {plan.province}" if plan.province and plan.province != plan.locality else place


def source_of(ind: Indicator, plan: Plan, issuer: str, table_title: str) -> str:
    doc = f"{issuer}, Kế hoạch {plan.symbol}" if plan.symbol else issuer
    return f"Nguồn: {doc} · {table_title.split(':')[0].strip()}"


def comparison_card_of(group: Comparison, portal: Portal) -> TableCard:
    table = comparison_table(group, portal)
    printed = lambda t: "–" if t is None else ("không đọc được" if t.cell.unreadable else (t.cell.text or "–"))  # noqa: E731
    plans = [m.plan for m in table.members]
    labels, cells = _merged(plans, [member_label(group, m, portal) for m in table.members],
                            {p: portal.plans[p].short_title for p in plans}, [[printed(c) for c in r.cells] for r in table.rows])
    return comparison_card(group.name, len(set(plans)), labels, [unit_of(m) for m in table.members],
                           [r.horizon for r in table.rows], cells)


def write_comparison_images(ids: list[str], portal: Portal, docs: Path, items_out: Path | None) -> set[str]:
    """The comparisons' cards (as write_images)."""
    written: set[str] = set()
    for gid in ids:
        group = portal.comparisons[gid]
        written |= write_data_file(kinds.path("comparison-share-image", group),
                                   render_table(comparison_card_of(group, portal)), docs, items_out)
    return written


def write_plan_images(ids: list[str], portal: Portal, docs: Path, items_out: Path | None, year: int) -> set[str]:
    """The plans' cards (as write_images)."""
    written: set[str] = set()
    for pid in ids:
        written |= write_data_file(kinds.path("plan-share-image", plan=pid),
                                   render_table(plan_card_of(portal.plans[pid], portal, year)), docs, items_out)
    return written


def write_images(keys: list[str], portal: Portal, docs: Path, items_out: Path | None) -> set[str]:
    """Draw and write the cards of these indicators (keys "plan/id"); returns those written under docs/."""
    written = set()
    for key in keys:
        ind = portal.indicators[key]
        plan = portal.plans[ind.plan]
        table = next(t for t in plan.indicator_tables if t.id == ind.table)
        card = card_for(ind, target_chart(ind), place_of(plan), source_of(ind, plan, portal.units[plan.issuer].name,
                                                                       table.title))
        # Beside the item's JSON and CSV downloads.
        written |= write_data_file(kinds.path("share-image", ind), render(card), docs, items_out)
    return written
