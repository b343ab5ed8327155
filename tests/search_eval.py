"""Run the search query set in headless Chromium against a served site; print top-1/top-3 and bytes.

Usage: python tests/search_eval.py [--site site] [--queries tests/search_queries.yaml]
The test suite imports `evaluate` and fails below the threshold in tests/test_search.py.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
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
    first_query_bytes: int
    first_query_gzip_bytes: int
    search_gzip_bytes: int  # of which search itself: Pagefind (engine, index, excerpts), search.js, best bets

    @property
    def top1(self) -> float:
        return sum(o.rank == 1 for o in self.outcomes) / len(self.outcomes)

    @property
    def top3(self) -> float:
        return sum(o.rank is not None and o.rank <= 3 for o in self.outcomes) / len(self.outcomes)

    def text(self) -> str:
        lines = [f"{'OK ' if o.rank == 1 else ('ok3' if o.rank else 'MISS')} {o.query!r} → {o.expected} (rank {o.rank}); got {o.got[:3]}"
                 for o in self.outcomes]
        lines.append(f"queries: {len(self.outcomes)}  top-1: {self.top1:.1%}  top-3: {self.top3:.1%}")
        lines.append(f"first query transfer: {self.first_query_bytes / 1024:.1f} KB as served, "
                     f"{self.first_query_gzip_bytes / 1024:.1f} KB gzip-compressed, of which search (Pagefind, search.js, best bets) "
                     f"{self.search_gzip_bytes / 1024:.1f} KB")
        return "\n".join(lines)


# What the search feature itself downloads; the rest (the page, Material's CSS and JavaScript) every page loads.
SEARCH_FILES = ("/pagefind/", "/assets/search.js", "/data/search-hints.json")


def _results(page, query: str) -> list[str]:
    page.fill("#q", "")
    page.fill("#q", query)
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=query, timeout=15000)
    return page.eval_on_selector_all("#search-results .result-link", "els => els.slice(0, 3).map(e => e.getAttribute('href'))")


def evaluate(base_url: str, queries: list[dict], browser=None) -> Report:
    """Run the queries as a reader would; uses the given browser, or starts Chromium."""
    if browser is None:
        with sync_playwright() as p:
            b = launch(p)
            try:
                return _evaluate(base_url, queries, b)
            finally:
                b.close()
    return _evaluate(base_url, queries, browser)


def _evaluate(base_url: str, queries: list[dict], browser) -> Report:
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
    page.wait_for_function("document.querySelectorAll('select[data-filter=plan] option').length > 1")
    outcomes = [Outcome(queries[0]["q"], queries[0]["expect"], _results(page, queries[0]["q"]))]
    page.wait_for_timeout(300)
    first_raw, first_gz = sum(s[1] for s in sizes), sum(s[2] for s in sizes)
    search_gz = sum(s[2] for s in sizes if any(part in s[0] for part in SEARCH_FILES))
    page.remove_listener("response", record)
    outcomes += [Outcome(q["q"], q["expect"], _results(page, q["q"])) for q in queries[1:]]
    context.close()
    return Report(outcomes, first_raw, first_gz, search_gz)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="site")
    parser.add_argument("--queries", default=str(Path(__file__).with_name("search_queries.yaml")))
    args = parser.parse_args()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=args.site))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))["queries"]
    print(evaluate(f"http://127.0.0.1:{httpd.server_address[1]}", queries).text())
    httpd.shutdown()


if __name__ == "__main__":
    main()
