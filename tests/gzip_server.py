"""A local static server that compresses text responses with gzip, as GitHub Pages does.

The slow-3G figure (tests/search_eval.py) is only honest when the bytes on the wire are the
compressed ones; the standard library's server sends files as they are. A few lines over
http.server rather than a dependency: the tests need nothing else from a web server.
"""
from __future__ import annotations

import functools
import gzip
import io
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

# Pagefind's own files (.pf_*, the WebAssembly) are gzip inside already and are sent as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not ctype.startswith(COMPRESSED_TYPES):
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6)


@contextmanager
def serve(site: Path, gzip_text: bool = True):
    """Serve `site` on a free localhost port; yields the base URL."""
    base = GzipHandler if gzip_text else _Plain
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(base, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


class _Plain(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
