"""Jinja filters that put staff text safely into Markdown: text stays text, never markup."""
from __future__ import annotations

import datetime as dt
import re

_INLINE = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s)|\d+(?=[.)]\s))")


def md(text: str | None) -> str:
    """Escape one line of text for inline Markdown (also safe inside a table cell)."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    # A leading "1. " or "- " would start a list; escape its marker.
    return _LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if not m[2][0].isdigit() else m[2] + "\\"), text, count=1)


def md_block(text: str | None) -> str:
    """Multi-line text: lines starting with "- " become a list, other lines paragraphs."""
    if not text:
        return ""
    out: list[str] = []
    in_list = False
    for raw in str(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("- ", "+ ", "• ")):
            if not in_list and out:
                out.append("")
            out.append("- " + md(line[2:]))
            in_list = True
        else:
            if out:
                out.append("")
            out.append(md(line))
            in_list = False
    return "\n".join(out)


def date_vi(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def attr(text: str | None) -> str:
    """Escape for an HTML attribute value in raw HTML blocks."""
    if text is None:
        return ""
    return (" ".join(str(text).split()).replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))
