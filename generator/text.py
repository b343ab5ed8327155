"""Text helpers shared by validation, search and the faithfulness check."""
from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics, đ/Đ included (NFKD leaves đ alone)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def words(text: str) -> list[str]:
    """Folded alphanumeric tokens."""
    return re.findall(r"[a-z0-9]+", fold(text))
