"""Experiment: strip the indentation and blank lines Jinja/Material leave in every HTML page.

Only leading whitespace of lines and empty lines are removed, never whitespace inside a line, and
nothing inside <pre>, <textarea> or <script>; the rendered page is unchanged. Used by
`bench/run.py --variant minify` between the MkDocs and Pagefind stages.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

_KEEP = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>|<script[\s>].*?</script>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def minify(html: str) -> str:
    parts = _KEEP.split(html)
    return "".join(p if i % 2 else _INDENT.sub("\n", p) for i, p in enumerate(parts))


def minify_site(site: Path) -> int:
    """Rewrite every .html file under site; returns bytes saved."""
    saved = 0
    for dirpath, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                small = minify(text)
                if len(small) != len(text):
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(small)
                    saved += len(text.encode()) - len(small.encode())
    return saved


if __name__ == "__main__":
    print(minify_site(Path(sys.argv[1])))
