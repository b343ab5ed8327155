"""Run the search query sets in headless Chromium against a served site; print top-1/top-3, bytes
and the time to the first result on a slow 3G connection.

Usage: python tests/search_eval.py [--site site] [--no-slow3g] [--sets "tuning half"]
Query sets (tests/search_queries*.yaml): the original set, the tuning half and a second tuning set,
the validation set and the held-out half. Of the last two only the aggregate figures are printed: the
validation set shows while tuning whether a change holds on queries it was not made for; the held-out
half is the check that the ranking was not fitted to it.
The test suite imports `evaluate` and fails below the thresholds in tests/test_search.py.
"""
from __future__ import annotations

import argparse
import gzip
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from chromium import launch


@dataclass
class Outcome:
    query: str
    expected: str | list[str]
    got: list[str]

    @property
    def rank(self) -> int | None:
        wanted = [self.expected] if isinstance(self.expected, str) else self.expected
        pages = [url.split("#")[0] for url in self.got]  # an anchor on the right page is the right page
        return next((i + 1 for i, url in enumerate(pages)
                     if any(url.rstrip("/").endswith("/" + w.rstrip("/")) for w in wanted)), None)


@dataclass
class Report:
    outcomes: list[Outcome]
    offers: list[tuple[str, int]]  # no_match queries: how many guides/terms the page offered
    first_query_bytes: int
    first_query_gzip_bytes: int
    search_gzip_bytes: int  # of which search itself: Pagefind (engine, index, excerpts), search.js, best bets

    @property
    def top1(self) -> float:
        return sum(o.rank == 1 for o in self.outcomes) / len(self.outcomes)

    @property
    def top3(self) -> float:
        return sum(o.rank is not None and o.rank <= 3 for o in self.outcomes) / len(self.outcomes)

    def without(self, queries: set[str]) -> "Report":
        """The same report without these queries (the held-out queries whose results were read while tuning)."""
        return Report([o for o in self.outcomes if o.query not in queries], self.offers, self.first_query_bytes,
                      self.first_query_gzip_bytes, self.search_gzip_bytes)

    def summary(self) -> str:
        offered = f"; no-match queries offering guides or terms: {sum(n > 0 for _, n in self.offers)}/{len(self.offers)}" if self.offers else ""
        return f"queries: {len(self.outcomes)}  top-1: {self.top1:.1%}  top-3: {self.top3:.1%}{offered}"

    def text(self, per_query: bool = True) -> str:
        lines = [f"{'OK ' if o.rank == 1 else ('ok3' if o.rank else 'MISS')} {o.query!r} → {o.expected} (rank {o.rank}); got {o.got[:3]}"
                 for o in self.outcomes] if per_query else []
        lines.append(self.summary())
        lines.append(f"first query transfer: {self.first_query_bytes / 1024:.1f} KB as served, "
                     f"{self.first_query_gzip_bytes / 1024:.1f} KB gzip-compressed, of which search (Pagefind, search.js, best bets) "
                     f"{self.search_gzip_bytes / 1024:.1f} KB")
        return "\n".join(lines)


# What the search feature itself downloads; the rest (the page, Material's CSS and JavaScript) every page loads.
SEARCH_FILES = ("/pagefind/", "/assets/search.js", "/data/search-hints.json", "/data/search-targets.json")


def _results(page, query: str) -> list[str]:
    # Submitted as Enter would, without the 250 ms pause the page leaves after each keystroke (that
    # pause is 75 s of a 300-query run; the typing path has its own tests in test_browser.py).
    page.eval_on_selector("#q", "(box, q) => { box.value = q; box.form.requestSubmit(); }", query)
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=query, timeout=15000)
    return page.eval_on_selector_all("#search-results .result-link", "els => els.slice(0, 3).map(e => e.getAttribute('href'))")


def evaluate(base_url: str, queries: list[dict], browser=None, no_match: list[str] = ()) -> Report:
    """Run the queries as a reader would; uses the given browser, or starts Chromium."""
    if browser is None:
        with sync_playwright() as p:
            b = launch(p)
            try:
                return _evaluate(base_url, queries, b, no_match)
            finally:
                b.close()
    return _evaluate(base_url, queries, browser, no_match)


def _offers(page, query: str) -> int:
    _results(page, query)
    return page.eval_on_selector_all("#search-results .result-offer", "els => els.length")


def _evaluate(base_url: str, queries: list[dict], browser, no_match=()) -> Report:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes: list[tuple[str, int, int]] = []

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        sizes.append((response.url, len(body), len(gzip.compress(body, 6))))

    page.on("response", record)
    page.goto(base_url + "/tim-kiem/")
    # Ready: the engine has loaded (older versions of the page: the filter lists are filled).
    page.wait_for_function("document.getElementById('search-form').dataset.ready || "
                           "document.querySelectorAll('select[data-filter=plan] option').length > 1")
    outcomes = [Outcome(queries[0]["q"], queries[0]["expect"], _results(page, queries[0]["q"]))]
    page.wait_for_timeout(300)
    first_raw, first_gz = sum(s[1] for s in sizes), sum(s[2] for s in sizes)
    search_gz = sum(s[2] for s in sizes if any(part in s[0] for part in SEARCH_FILES))
    page.remove_listener("response", record)
    outcomes += [Outcome(q["q"], q["expect"], _results(page, q["q"])) for q in queries[1:]]
    offers = [(q, _offers(page, q)) for q in no_match]
    context.close()
    return Report(outcomes, offers, first_raw, first_gz, search_gz)


# Chromium's slow-3G profile of the issue: 400 kbit/s each way, 400 ms round-trip latency.
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}


@dataclass
class Timing:
    first_result_ms: float  # the first result row on screen (a best bet or Pagefind's first result)
    first_page_ms: float  # the whole first page of results with their excerpts
    transferred_kb: float  # bytes on the wire until then (compressed)

    def text(self) -> str:
        return (f"slow 3G (400 kbit/s, 400 ms, gzip, cold cache), /tim-kiem/?q=vneid: first result {self.first_result_ms / 1000:.2f} s, "
                f"all results {self.first_page_ms / 1000:.2f} s, {self.transferred_kb:.1f} KB transferred")


def slow3g(base_url: str, browser, query: str = "vneid") -> Timing:
    """Time to the first result of a search opened by its address, with a cold cache over Chromium's
    network throttling (the server must send gzip, as gzip_server does). A figure, not a test."""
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a new context: an empty cache
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    wire: list[int] = []
    cdp.on("Network.loadingFinished", lambda e: wire.append(e["encodedDataLength"]))
    page.goto(f"{base_url}/tim-kiem/?q={query}", wait_until="commit")
    first = page.wait_for_function("() => document.querySelector('#search-results .result-link') && performance.now()",
                                   timeout=60000, polling=20).json_value()
    whole = page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('Tìm thấy') && performance.now()",
                                   timeout=60000, polling=20).json_value()
    context.close()
    return Timing(first, whole, sum(wire) / 1024)


HERE = Path(__file__).parent
# The sets read query by query while tuning, in the order they were written (tests/search_queries_tuning*.yaml).
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
            "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
            "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth",
            "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first", "thirty-second",
            "thirty-third", "thirty-fourth", "thirty-fifth", "thirty-sixth", "thirty-seventh", "thirty-eighth",
            "thirty-ninth", "fortieth", "forty-first", "forty-second", "forty-third", "forty-fourth", "forty-fifth",
            "forty-sixth", "forty-seventh", "forty-eighth", "forty-ninth", "fiftieth", "fifty-first",
            "fifty-second", "fifty-third", "fifty-fourth"]
TUNING_SETS = {"tuning half": HERE / "search_queries_tuning.yaml",
               **{f"{o} tuning set": HERE / f"search_queries_tuning{i}.yaml" for i, o in enumerate(ORDINALS, start=2)}}
SETS = {"original set": HERE / "search_queries.yaml", **TUNING_SETS,
        "validation set": HERE / "search_queries_validation.yaml", "held-out half": HERE / "search_queries_heldout.yaml"}
# Per query only for the sets tuned on; the validation set (read in aggregate while tuning, to see
# whether a change holds on queries it was not made for) and the held-out half never.
PER_QUERY = {"original set", *TUNING_SETS}


def load(path: Path) -> tuple[list[dict], list[str]]:
    """A query set: scored queries, and queries no page answers well (`no_match`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["queries"], data.get("no_match") or []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="site")
    parser.add_argument("--no-slow3g", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="aggregate figures only")
    parser.add_argument("--sets", default=",".join(SETS), help="which sets, comma-separated (default: all): "
                        "tuning work runs the tuning half alone and leaves the held-out half unread")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.sets.split(",")]
    from gzip_server import serve
    with serve(Path(args.site)) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            for name, path in SETS.items():
                if name not in chosen:
                    continue
                if not path.exists():
                    print(f"{name}: {path.name} not there yet")
                    continue
                queries, no_match = load(path)
                report = evaluate(base, queries, browser, no_match)
                print(f"== {name} ({path.name})")
                print(report.text(per_query=name in PER_QUERY and not args.quiet))
                seen = {q["q"] for q in queries if q.get("seen")}
                if seen:
                    print(f"without the {len(seen)} marked seen: {report.without(seen).summary()}")
            if not args.no_slow3g:
                print(slow3g(base, browser).text())
        finally:
            browser.close()


if __name__ == "__main__":
    main()
