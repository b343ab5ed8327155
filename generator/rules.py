"""Limits and rules for staff input, in one place: the loader and the validator enforce them,
and the build exports them (data/quy-tac-tien-do.json) so the browser progress form checks the
very same rules before staff open a pull request.

Patterns are written in the common subset of Python and JavaScript regular expressions
(`[0-9]` rather than `\\d`, no look-behind, no flags) so both sides read them alike. Values are
compared after `normalise()`: NFC, trimmed, runs of spaces collapsed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --------------------------------------------------------------------------- size limits
MAX_FILE_BYTES = 256 * 1024  # the largest real plan file is ~60 KB
MAX_NESTING = 40  # groups nest about 8 deep in real plans; a deeper file is an attack or a mistake
MAX_TEXT_CHARS = 5_000  # one text field; the longest printed passage is ~2,000 characters
MAX_NOTE_CHARS = 1_000  # a progress note is "a short note"
MAX_VALUE_CHARS = 100  # a measured value ("62%") or a short code
QUOTE_CHARS = 60  # a value quoted back in a message is cut to this length

# --------------------------------------------------------------------------- progress/ folders
PROGRESS_FOLDER = "progress"
PROGRESS_KEYS = ("progress", "actuals")
ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Staff text is published: any HTML tag or script address is refused rather than silently escaped.
MARKUP_PATTERN = "<\\s*/?\\s*[A-Za-z!?]|[Jj][Aa][Vv][Aa][Ss][Cc][Rr][Ii][Pp][Tt]:"
# Characters nobody sees but that change what a page or feed does: control characters (an Atom feed
# with one is no longer XML), right-to-left overrides (they reverse how the rest of a line reads),
# zero-width spaces (a status that looks right but is not). Tab, line feed and carriage return stay.
INVISIBLE_PATTERN = ("[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b\\u2060\\ufeff"
                     "\\u202a-\\u202e\\u2066-\\u2069]")
# Only web addresses become links: "javascript:…" or "data:…" in an href would run on the reader's page.
URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>"]+$'
# Addresses the portal's own settings point to (sources of stated facts, where "Báo sai sót" goes): https only.
HTTPS_PATTERN = "^https://[^\\s\"'<>`]+$"

# YYYY-MM-DD-<item id>.yaml, e.g. 2026-11-20-nv-1-1.yaml
PROGRESS_FILE_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2})-([a-z0-9][a-z0-9-]*)\\.yaml$"


@dataclass(frozen=True)
class ValueForm:
    """The form a measured value must take for one kind of indicator."""

    id: str
    label: str  # Vietnamese, shown to staff: "tỷ lệ phần trăm"
    pattern: str
    example: str
    max: float | None = None  # upper bound of the number, when there is one

    def matches(self, value: str) -> bool:
        if not re.fullmatch(self.pattern, value):
            return False
        return self.max is None or number_of(value) <= self.max


_NUMBER = "[0-9]+(?:[.,][0-9]+)*"
VALUE_FORMS: dict[str, ValueForm] = {f.id: f for f in (
    ValueForm("percent", "tỷ lệ phần trăm (một số kèm dấu %, không quá 100%)", f"^{_NUMBER} ?%$", "62%", 100.0),
    ValueForm("rank", "thứ hạng (một số nguyên dương)", "^[1-9][0-9]*$", "12"),
    ValueForm("number", "một số (dấu phẩy thập phân, dấu chấm hàng nghìn)", f"^{_NUMBER}$", "1.200"),
    ValueForm("text", "một câu ngắn mô tả kết quả", "^[^<>]{1,%d}$" % MAX_VALUE_CHARS, "Đã hoàn thành"),
)}


def number_of(value: str) -> float:
    """The number of a value in Vietnamese print: decimal comma ("0,8"), thousands dot ("1.000")."""
    digits = re.sub(r"[^0-9.,]", "", value)
    if "," in digits:
        return float(digits.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", digits):
        return float(digits.replace(".", ""))
    return float(digits or 0)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def shorten(value: object, limit: int = QUOTE_CHARS) -> str:
    """A value as quoted in a message: one line, at most `limit` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def export(statuses: dict[str, str], evidence_required_for: list[str], indicator_forms: dict[str, str]) -> dict:
    """The rules as JSON for the browser form (site/data/quy-tac-tien-do.json)."""
    return {
        "version": 1,
        "normalise": "NFC, bỏ khoảng trắng đầu/cuối, gộp khoảng trắng liên tiếp",
        "folder": f"plans/<mã kế hoạch>/{PROGRESS_FOLDER}/",
        "file_pattern": PROGRESS_FILE_PATTERN,
        "file_example": "2026-11-20-nv-1-1.yaml",
        "keys": list(PROGRESS_KEYS),
        "id_pattern": ID_PATTERN,
        "date_pattern": DATE_PATTERN,
        "future_dates": "refused",
        "limits": {"file_bytes": MAX_FILE_BYTES, "note_chars": MAX_NOTE_CHARS, "text_chars": MAX_TEXT_CHARS,
                   "value_chars": MAX_VALUE_CHARS},
        "statuses": statuses,
        "evidence_required_for": evidence_required_for,
        "url_pattern": URL_PATTERN,
        "markup_pattern": MARKUP_PATTERN,  # found anywhere in a text: refused
        "invisible_pattern": INVISIBLE_PATTERN,  # found anywhere in a text: refused
        "numbers": "dấu phẩy thập phân (0,75); dấu chấm ngăn hàng nghìn khi mỗi nhóm có 3 chữ số (1.200)",
        "value_forms": {f.id: {"label": f.label, "pattern": f.pattern, "example": f.example, "max": f.max}
                        for f in VALUE_FORMS.values()},
        "indicators": indicator_forms,
    }
