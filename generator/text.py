"""Text helpers shared by validation, search and the faithfulness check."""
from __future__ import annotations

import functools
import re
import unicodedata

from markdown.extensions.toc import slugify as _toc_slugify

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=8192)  # a page folds its title and text several times (search block, synonyms, pairs)
def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics, đ/Đ included (NFKD leaves đ alone)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def vi_key(text: str) -> tuple[str, str]:
    """Sort key for Vietnamese names: "Đặc khu" among the d's, not after z as plain string order has it."""
    return fold(text), text


def heading_id(text: str, separator: str = "-") -> str:
    """Markdown's toc id, with đ/Đ read as d: its slugify drops letters without an accent to strip,
    which turned "Tiến độ" into "tien-o" and "Đây là gì" into "ay-la-gi". mkdocs.yml uses it for
    Markdown pages, render_pages' anchor() for pages written as HTML, so both give the same ids."""
    return _toc_slugify(text.replace("đ", "d").replace("Đ", "D"), separator)


def words(text: str) -> list[str]:
    """Folded alphanumeric tokens."""
    return re.findall(r"[a-z0-9]+", fold(text))
