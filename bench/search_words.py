"""Which syllable pairs the search index should hold: the portal's own dictionary (generator/search.py,
Words) against every adjacent pair and against a Vietnamese word segmenter (pyvi, underthesea).

The segmenters are not dependencies of the portal (pyvi pulls scikit-learn and SciPy, ~335 MB; underthesea
~96 MB plus its models), so this runs in two steps, each in its own interpreter:

    .venv/bin/python bench/search_words.py dump /tmp/texts.json           # the texts the index pairs come from
    /path/to/venv-with-pyvi/bin/python bench/search_words.py segment pyvi /tmp/texts.json
    /path/to/venv-with-underthesea/bin/python bench/search_words.py segment underthesea /tmp/texts.json
    .venv/bin/python bench/search_words.py compare /tmp/texts.json         # dictionary vs all pairs vs segmenters

Figures: seconds to segment, pair tokens the index would carry, and how many of the dictionary's pairs the
segmenter also calls words (and the reverse).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def dump(out: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.build import Paths
    from generator.content import guide_pages, load_glossary
    from generator.validate import load_portal

    paths = Paths(Path(__file__).resolve().parent.parent)
    portal = load_portal(paths.plans, paths.sources, paths.root)
    glossary = load_glossary(paths.content)
    guides = guide_pages(paths.content, portal, glossary)
    texts = [*(t.text for t in portal.tasks.values()), *(t.output.text or "" for t in portal.tasks.values()),
             *(i.name for i in portal.indicators.values()), *(i.output.text or "" for i in portal.indicators.values()),
             *(g.description for g in guides), *(g.body for g in guides)]
    named = [*(t.full for t in glossary), *(a for t in glossary for a in t.also),
             *(k for g in guides for k in (g.title, *g.keywords)),
             *(p.short_title for p in portal.plans.values()), *(p.locality for p in portal.plans.values()),
             *(u.name for u in portal.units.values())]
    out.write_text(json.dumps({"texts": [t for t in texts if t], "named": named}, ensure_ascii=False), encoding="utf-8")


def segment(tool: str, path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    if tool == "pyvi":
        from pyvi import ViTokenizer
        words = [w for t in data["texts"] for w in ViTokenizer.tokenize(t).split() if "_" in w]
    else:
        from underthesea import word_tokenize
        words = [w.replace(" ", "_") for t in data["texts"] for w in word_tokenize(t) if " " in w]
    seconds = time.perf_counter() - start
    out = path.with_name(f"{path.stem}.{tool}.json")
    out.write_text(json.dumps({"seconds": seconds, "words": words}, ensure_ascii=False), encoding="utf-8")
    print(f"{tool}: {len(data['texts'])} texts segmented in {seconds:.1f} s; {len(words)} multi-syllable words")


def compare(path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.search import Words, _pairs_spaced
    from generator.text import fold

    data = json.loads(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    words = Words(data["named"], data["texts"])
    built = time.perf_counter() - start
    every = {p for t in data["texts"] for p in _pairs_spaced(t)}
    tokens = lambda known: sum(len({p for p in _pairs_spaced(t) if known is None or p in known}) for t in data["texts"])  # noqa: E731
    print(f"texts: {len(data['texts'])}")
    print(f"every adjacent pair: {len(every)} distinct, {tokens(None)} pair tokens over the texts")
    print(f"dictionary (glossary, guides, names + pairs recurring in plan texts): {len(words.known)} pairs, "
          f"built in {built * 1000:.0f} ms, {tokens(words.known)} pair tokens")
    for tool in ("pyvi", "underthesea"):
        seg = path.with_name(f"{path.stem}.{tool}.json")
        if not seg.exists():
            print(f"{tool}: not run")
            continue
        result = json.loads(seg.read_text(encoding="utf-8"))
        pairs = set()
        for w in result["words"]:
            syl = fold(w.replace("_", " ")).split()
            pairs.update(f"{a} {b}" for a, b in zip(syl, syl[1:]))
        both = len(pairs & words.known)
        print(f"{tool}: {result['seconds']:.1f} s to segment; {len(pairs)} pairs inside its words, {tokens(pairs)} pair tokens; "
              f"{both} also in the dictionary ({both / max(1, len(words.known)):.0%} of it, {both / max(1, len(pairs)):.0%} of its own)")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dump":
        dump(Path(sys.argv[2]))
    elif command == "segment":
        segment(sys.argv[2], Path(sys.argv[3]))
    else:
        compare(Path(sys.argv[2]))
