"""Parse a target exactly as printed ("≥ 80%", "45-50%", "Phấn đấu đạt 3%") into a comparable form.

The printed text is always kept; the parsed form only serves charts, sorting and checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import shorten
from .text import fold

# Lead-in words, as folded text, and the comparator they imply.
_PREFIXES: list[tuple[str, str]] = [
    ("phan dau dat it nhat", "≥"), ("phan dau it nhat", "≥"), ("phan dau tren", ">"),
    ("phan dau dat tren", ">"), ("phan dau dat", "≈"), ("phan dau", "≈"),
    ("dat it nhat", "≥"), ("dat toi thieu", "≥"), ("dat tren", ">"), ("dat tu", "≥"),
    ("it nhat", "≥"), ("toi thieu", "≥"), ("tu", "≥"), ("tren", ">"), ("hon", ">"),
    ("duoi", "<"), ("toi da", "≤"), ("khong qua", "≤"), ("khoang", "≈"), ("dat", "="),
]
_SYMBOLS = {"≥": "≥", ">=": "≥", ">": ">", "≤": "≤", "<=": "≤", "<": "<", "=": "=", "~": "≈", "≈": "≈"}
_SUFFIXES: list[tuple[str, str]] = [("tro len", "≥"), ("tro xuong", "≤"), ("tro di", "≥")]
_NUMBER = r"\d+(?:[.,]\d+)*"
_CORE = re.compile(
    rf"^(?P<sym>≥|>=|≤|<=|>|<|=|~|≈)?\s*(?P<a>{_NUMBER})\s*(?:(?P<dash>-|–|÷|đến|den)\s*(?P<b>{_NUMBER}))?\s*(?P<unit>.*)$"
)
# "%", "% GRDP", "tổ chức": a unit is a percent sign and/or words, never a stray letter ("8O%").
_UNIT = re.compile(r"%|%\s+[^\W\d_]{2,}[^\d%]*|[^\W\d_]{2,}[^\d%]*")
_DASHES = {"-", "–", "—", "x", "X"}


@dataclass(frozen=True)
class ParsedTarget:
    kind: str  # number | range | text | none
    comparator: str | None = None  # = ≥ > ≤ < ≈
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # "%", or the printed unit words

    @property
    def numeric(self) -> float | None:
        """One number to draw: the value, or the upper end of a range."""
        return self.value if self.kind == "number" else self.high if self.kind == "range" else None


class TargetFormError(ValueError):
    pass


def _to_float(text: str) -> float:
    # Vietnamese prints a decimal comma ("0,8") and a thousands dot ("1.000").
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text)


def parse_target(printed: str) -> ParsedTarget:
    text = " ".join(printed.split())
    if text in _DASHES:
        return ParsedTarget("none")
    if not re.search(r"\d", text):
        if len(re.findall(r"[^\W\d_]{2,}", text)) == 0:
            raise TargetFormError(f"'{shorten(printed)}' không phải một giá trị chỉ tiêu")
        return ParsedTarget("text")
    comparator = None
    rest = text
    folded = fold(rest)
    for words, comp in _PREFIXES:
        if folded.startswith(words + " "):
            comparator = comp
            rest = rest[len(words) + 1:].lstrip()
            folded = fold(rest)
            break
    match = _CORE.match(rest)
    if not match:
        return _qualitative_with_number(printed)
    if match["sym"]:
        comparator = _SYMBOLS[match["sym"]]
    unit = match["unit"].strip()
    unit_folded = fold(unit)
    for words, comp in _SUFFIXES:
        if unit_folded.endswith(words):
            comparator = comparator or comp
            unit = unit[: len(unit) - len(words)].strip()
            unit_folded = fold(unit)
    if unit and not _UNIT.fullmatch(unit):
        return _qualitative_with_number(printed)
    a = _to_float(match["a"])
    if match["b"]:
        b = _to_float(match["b"])
        if b < a:
            raise TargetFormError(f"khoảng '{shorten(printed)}' có đầu dưới lớn hơn đầu trên")
        parsed = ParsedTarget("range", comparator or "=", None, a, b, unit or None)
    else:
        parsed = ParsedTarget("number", comparator or "=", a, None, None, unit or None)
    if (parsed.unit or "").startswith("%") and (parsed.numeric or 0) > 100:
        raise TargetFormError(f"'{shorten(printed)}' vượt quá 100% (có thể OCR đọc nhầm dấu ≥ thành chữ số)")
    return parsed


def _qualitative_with_number(printed: str) -> ParsedTarget:
    # A sentence that contains a number ("Nhóm 15 tỉnh dẫn đầu") is kept as text; a bare
    # token that mixes digits and letters ("8O%") is an OCR error that must be fixed.
    if len(re.findall(r"[^\W\d_]{2,}", printed)) >= 2:
        return ParsedTarget("text")
    raise TargetFormError(f"'{shorten(printed)}' không phải dạng chỉ tiêu hợp lệ")


def with_unit(target, ind) -> str:
    """A target as printed, followed by the indicator's unit when the cell prints a bare number ("≥ 80" → "≥ 80%"):
    a shared link or card must not drop the unit the table states in its own column."""
    text = target.cell.text or ""
    unit = ind.unit.text
    parsed = target.parsed
    if not unit or ind.unit.unreadable or not parsed or parsed.kind not in ("number", "range") or parsed.unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"
