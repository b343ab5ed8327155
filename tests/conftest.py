"""Shared fixtures: one real build of the whole site per test session, at a fixed as-of date."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from pathlib import Path

import pytest

from generator.build import Paths, build

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
OUTPUT = ROOT / "tests" / "output"


@pytest.fixture(scope="session")
def paths() -> Paths:
    return Paths(ROOT)


@pytest.fixture(scope="session")
def portal(paths):
    """The real portal, built end to end (validate → pages → mkdocs → pagefind) into site/."""
    return build(paths, AS_OF)


@pytest.fixture(scope="session")
def site_dir(portal, paths) -> Path:
    return paths.site


@pytest.fixture(scope="session")
def server(site_dir):
    """Serve site/ on localhost for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from chromium import launch
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass
