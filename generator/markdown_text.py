"""Jinja filters that put staff text safely into Markdown: text stays text, never markup."""
from __future__ import annotations

import datetime as dt
import re

from .text import whole_words

_INLINE = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s)|\d+(?=[.)]\s))")


class Abbreviations:
    """Marks glossary abbreviations in generated text as <abbr title=…>, which Material shows on
    hover/tap. One compiled pattern per build: Python-Markdown's abbr extension with ~110
    definitions appended to every page cost 33 ms a page (25 s of a 31 s MkDocs build).

    The first occurrence on a page carries the full title (name and plain explanation); later ones
    only the name, which keeps the help where a reader first meets the word without repeating a
    sentence per occurrence (~0.9 KB a page). `new_page()` starts a page; a page that carries
    Python-Markdown abbreviation definitions (hand-written guides) is not marked again, which would
    nest <abbr> in <abbr>."""

    def __init__(self, titles: dict[str, str], later_titles: dict[str, str] | None = None):
        self.titles = titles
        self.later_titles = later_titles or titles
        self.seen: set[str] = set()
        self.marking = True
        self.pattern = whole_words(list(titles), r"\w&") if titles else None

    def new_page(self, marking: bool = True) -> None:
        self.seen = set()
        self.marking = marking

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """(piece, title) pairs: title is set for an abbreviation, None for plain text."""
        if not self.pattern or not self.marking or not self.pattern.search(text):
            return [(text, None)]
        out, pos = [], 0
        for m in self.pattern.finditer(text):
            word = m[1]
            out += [(text[pos:m.start()], None), (word, self.later_titles[word] if word in self.seen else self.titles[word])]
            self.seen.add(word)
            pos = m.end()
        return out + [(text[pos:], None)]


NO_ABBREVIATIONS = Abbreviations({})


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def md(text: str | None, abbreviations: Abbreviations = NO_ABBREVIATIONS) -> str:
    """Escape one line of text for inline Markdown (also safe inside a table cell)."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    out = "".join(_escape(piece) if title is None else f'<abbr title="{attr(title)}">{_escape(piece)}</abbr>'
                  for piece, title in abbreviations.split(text))
    # A leading "1. " or "- " would start a list; escape its marker.
    return _LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if not m[2][0].isdigit() else m[2] + "\\"), out, count=1)


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html(text: str | None, abbreviations: Abbreviations = NO_ABBREVIATIONS) -> str:
    """md()'s twin for pages written as HTML: one line of text, escaped, abbreviations marked."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    pieces = abbreviations.split(text)
    if len(pieces) == 1:  # most values: no abbreviation
        return _html_escape(text)
    return "".join(_html_escape(piece) if title is None else f'<abbr title="{attr(title)}">{_html_escape(piece)}</abbr>'
                   for piece, title in pieces)


def html_block(text: str | None, abbreviations: Abbreviations = NO_ABBREVIATIONS) -> str:
    """A block of staff text as HTML: lines starting with "- " become a list, other lines paragraphs."""
    if not text:
        return ""
    out: list[str] = []
    items: list[str] = []

    def close_list() -> None:
        if items:
            out.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>")
            items.clear()

    for raw in str(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("- ", "+ ", "• ")):
            items.append(html(line[2:], abbreviations))
        else:
            close_list()
            out.append(f"<p>{html(line, abbreviations)}</p>")
    close_list()
    return "\n".join(out)


def date_vi(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def attr(text: str | None) -> str:
    """Escape for an HTML attribute value in raw HTML blocks."""
    if text is None:
        return ""
    return (" ".join(str(text).split()).replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))
