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

from .kinds import GLOSSARY, search_label, url
from .text import fold

if TYPE_CHECKING:
    from .content import Term


class Synonyms:
    """Per glossary term, the words a page using it also answers to. Abbreviations are found with
    one alternation pattern per build, full forms by substring on the folded text."""

    def __init__(self, terms: list["Term"]):
        self.by_abbr = {t.abbr: " ".join(dict.fromkeys([t.abbr, fold(t.abbr), fold(t.full), *map(fold, t.also)]))
                        for t in terms}
        self.by_full = [(" ".join(fold(t.full).split()), self.by_abbr[t.abbr]) for t in terms if len(fold(t.full)) > 3]
        words = sorted(self.by_abbr, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else None

    def for_text(self, text: str) -> str:
        folded = " ".join(fold(text).split())
        found = [words for full, words in self.by_full if full in folded]
        if self.pattern:
            found += [self.by_abbr[m] for m in dict.fromkeys(self.pattern.findall(text))]
        return " ".join(dict.fromkeys(" ".join(found).split()))


def folded(text: str) -> str:
    """Each distinct word that contains đ, spelled with d. Pagefind already folds every other
    diacritic (measured: "dich vu" finds "dịch vụ"), so only these words need a second spelling;
    a full folded copy would double the index for nothing."""
    return " ".join(dict.fromkeys(fold(w) for w in re.findall(r"\w*[đĐ]\w*", text)))


def hints(guides, plans, documents, terms) -> list[dict]:
    """Curated "best bets": a query that is exactly (or the start of) a plan's name, a document
    symbol, a guide keyword or an abbreviation shows that page first, in that order of precedence."""
    out = []
    for p in plans:
        place = re.sub(r"^(phường|xã|đặc khu|tỉnh|thành phố)\s+", "", p.locality, flags=re.IGNORECASE)
        out.append({"url": p.url, "title": p.short_title, "kind": search_label("plan", p),
                    "phrases": sorted({fold(p.short_title), fold(p.locality), fold(place)})})
    for d in documents:
        out.append({"url": d.url, "title": f"{d.kind or 'Văn bản'} {d.symbol}", "kind": search_label("document", d),
                    "phrases": sorted({fold(d.symbol), fold(f"{d.kind or ''} {d.symbol}").strip()})})
    for g in guides:
        # The glossary lists every abbreviation among its keywords; those are served per term below.
        words = (g.title,) if g.slug == GLOSSARY else (g.title, *g.keywords)
        out.append({"url": g.url, "title": g.title, "kind": search_label("guide", g),
                    "phrases": sorted({fold(p) for p in words})})
    for t in terms:
        out.append({"url": f"{url('guide', slug=GLOSSARY)}#{t.abbr}", "title": f"{t.abbr}: {t.full}", "kind": "Từ viết tắt",
                    "phrases": sorted({fold(t.abbr)})})
    return out
