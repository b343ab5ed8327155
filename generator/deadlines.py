"""Turn a deadline as printed ("Tháng 9/2025", "Quý IV/2025", "02/2025") into the last day it allows.

Recurring or open deadlines ("Thường xuyên", "Hằng năm") have no date: None.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .text import fold

_QUARTERS = {"i": 3, "ii": 6, "iii": 9, "iv": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(printed: str | None) -> dt.date | None:
    if not printed:
        return None
    text = fold(printed).strip()
    if m := re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if m := re.search(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})", text):
        return _month_end(int(m[2]), _QUARTERS[m[1]])
    if m := re.search(r"(?:thang\s*)?(\d{1,2})\s*/\s*(\d{4})", text):
        month, year = int(m[1]), int(m[2])
        return _month_end(year, month) if 1 <= month <= 12 else None
    if m := re.search(r"thang\s+(\d{1,2})\s+nam\s+(\d{4})", text):
        month, year = int(m[1]), int(m[2])
        return _month_end(year, month) if 1 <= month <= 12 else None
    years = [int(y) for y in re.findall(r"\b(20\d{2})\b", text)]
    if years and not re.search(r"hang nam|thuong xuyen|hang thang|hang quy", text):
        return dt.date(max(years), 12, 31)
    return None
