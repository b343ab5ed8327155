"""How two printed targets differ, so pages tell a real difference from wording and from scan noise.

- "same": printed alike;
- "wording": the same comparator and number written differently ("≥ 30" and "Từ 30% GRDP trở lên");
- "comparator": the same number, another comparator ("≥ 60%" and "> 60%");
- "value": another number, a number against words, or a dash against a target;
- "unknown": a cell is unreadable or blank, so nothing can be said.

OCR reads the "≥" of a scan as "2", "Z", "=", "~" or ">". "2"/"Z" leave a number a person fixes while
transcribing; ">", "=" and "~" survive as comparators. So where targets differ only by comparators
among these, `scan_confusable` says the difference may come from the scan.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Target

_SCAN_CONFUSABLE = {"≥", ">", "=", "≈"}
# Real differences first: a horizon's verdict is the most serious kind among its pairs.
_ORDER = ("value", "comparator", "wording", "same", "unknown")


def difference(a: Target, b: Target) -> str:
    if a.cell.unreadable or b.cell.unreadable or a.cell.text is None or b.cell.text is None:
        return "unknown"
    if a.cell.text == b.cell.text:
        return "same"
    pa, pb = a.parsed, b.parsed
    if pa is None or pb is None or pa.kind != pb.kind or pa.kind in ("text", "none"):
        return "value"
    if (pa.value, pa.low, pa.high) != (pb.value, pb.low, pb.high) or not _same_unit(pa.unit, pb.unit):
        return "value"
    return "wording" if pa.comparator == pb.comparator else "comparator"


def scan_confusable(a: Target, b: Target) -> bool:
    """True when a and b differ only by comparators the OCR is known to swap (one of them "≥")."""
    if difference(a, b) != "comparator":
        return False
    pair = {a.parsed.comparator, b.parsed.comparator}
    return pair <= _SCAN_CONFUSABLE and "≥" in pair


def _same_unit(a: str | None, b: str | None) -> bool:
    # A unit printed in the column header ("%") is often missing from the cell: only two printed units can disagree.
    return a is None or b is None or a.split()[0] == b.split()[0]


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of _ORDER
    scan: bool  # the only differences are comparators the OCR swaps


def verdict(targets: list[Target]) -> Verdict:
    """One horizon across several plans: the most serious difference among every pair of readable targets."""
    kinds, scan = [], True
    for i, a in enumerate(targets):
        for b in targets[i + 1:]:
            kind = difference(a, b)
            kinds.append(kind)
            if kind == "comparator":
                scan = scan and scan_confusable(a, b)
    readable = [k for k in kinds if k != "unknown"]
    if not readable:
        return Verdict("unknown", False)
    kind = min(readable, key=_ORDER.index)
    return Verdict(kind, kind == "comparator" and scan)
