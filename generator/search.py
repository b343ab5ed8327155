"""Extra words for the search index, so residents find pages however they type.

Pagefind folds tone marks but not đ, and knows nothing of abbreviations. Each page therefore
carries, in a block Pagefind indexes but readers never see, (1) its words with đ spelled
with d (title words weighted like a heading) and (2) the abbreviations and everyday synonyms
of the terms it uses, from the one curated glossary (content/glossary.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import fold

if TYPE_CHECKING:
    from .content import Term


@dataclass(frozen=True)
class Expansion:
    abbr_pattern: re.Pattern[str]
    full: str  # folded
    words: str  # what a page using the term also answers to


def expansions(terms: list["Term"]) -> list[Expansion]:
    out = []
    for t in terms:
        words = " ".join(dict.fromkeys([t.abbr, fold(t.abbr), fold(t.full), *map(fold, t.also)]))
        out.append(Expansion(re.compile(rf"(?<!\w){re.escape(t.abbr)}(?!\w)"), " ".join(fold(t.full).split()), words))
    return out


def synonyms(text: str, table: list[Expansion]) -> str:
    """Abbreviations and synonyms of every glossary term the text uses, spelled out or abbreviated."""
    folded = " ".join(fold(text).split())
    found = [e.words for e in table if (len(e.full) > 3 and e.full in folded) or e.abbr_pattern.search(text)]
    return " ".join(dict.fromkeys(" ".join(found).split()))


def folded(text: str) -> str:
    """Each distinct word that contains đ, spelled with d. Pagefind already folds every other
    diacritic (measured: "dich vu" finds "dịch vụ"), so only these words need a second spelling;
    a full folded copy would double the index for nothing."""
    return " ".join(dict.fromkeys(fold(w) for w in re.findall(r"\w*[đĐ]\w*", text)))
