"""Shared fixtures: one real build of the whole site per test session, at a fixed as-of date, into a
folder of its own (never the developer's build/ or site/).

Tiers: tests that need that build are marked `build`, tests that drive Chromium `browser`
(both from the fixtures they use), so `make test-fast` runs the rest in seconds."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from generator.build import Paths, build

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
OUTPUT = ROOT / "tests" / "output"


BUILD_FIXTURES = {"portal", "site_dir", "server", "mini"}  # mini: a small portal built end to end (test_open_data)


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def paths():
    """The repository, building into a temporary folder inside build/ (Zensical wants its folders
    inside the project), removed after the session."""
    (ROOT / "build").mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="tests-", dir=ROOT / "build"))
    yield Paths(ROOT, out)
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def portal(paths):
    """The real portal, built end to end (validate → pages → mkdocs → pagefind) into paths.site."""
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
