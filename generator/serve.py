"""Staff preview: regenerate pages when plans/, content/ or theme/ change; MkDocs serves and reloads.

The preview never dies of a mistake in the data: problems are printed (file, line, Vietnamese
message) and it keeps watching; the pages shown stay those of the last valid data until the
mistake is fixed. When the data is invalid from the start, the server starts at the first fix.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from .build import Paths, generate
from .buildlock import exclusive
from .errors import ValidationFailed


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}


def regenerate(paths: Paths, as_of: dt.date, clean: bool, make: Callable = generate) -> bool:
    """Write the docs tree; on invalid data print the problems instead of raising. True when written."""
    try:
        make(paths, as_of, clean=clean, items_in_docs=True)
    except ValidationFailed as exc:
        print(exc.report(), file=sys.stderr, flush=True)
        print("Trang xem trước giữ nội dung cũ cho đến khi sửa xong. [preview keeps the last valid pages]",
              file=sys.stderr, flush=True)
        return False
    return True


def start_server(paths: Paths, port: int) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.root / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}", "--livereload"], cwd=paths.root, env=env)


def serve(paths: Paths, as_of: dt.date, port: int = 8000, make: Callable = generate,
          start: Callable = start_server, wait: Callable[[float], None] = time.sleep) -> None:
    # The preview writes build/docs for as long as it runs, so it holds the build lock throughout:
    # a `make site` meanwhile stops with a message instead of building from a half-written tree.
    with exclusive(paths.build, "serve"):
        _serve(paths, as_of, port, make, start, wait)


def _serve(paths: Paths, as_of: dt.date, port: int, make: Callable, start: Callable,
           wait: Callable[[float], None]) -> None:
    watched = [paths.plans, paths.content, paths.theme]
    seen = _snapshot(watched)
    server = start(paths, port) if regenerate(paths, as_of, True, make) else None
    if server is None:
        print(f"Sửa các lỗi ở trên: trang xem trước mở tại http://127.0.0.1:{port}/ ngay khi dữ liệu hợp lệ. Ctrl+C để "
              "dừng.", flush=True)
    else:
        print(f"Xem trước tại http://127.0.0.1:{port}/ — sửa tệp YAML/Markdown, trang tự cập nhật. Ctrl+C để dừng.",
              flush=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the MkDocs server too, like Ctrl+C
    try:
        while server is None or server.poll() is None:
            wait(1)
            now = _snapshot(watched)
            if now == seen:
                continue
            seen = now
            if regenerate(paths, as_of, server is None, make):
                print("Đã cập nhật trang. [regenerated]", flush=True)
                if server is None:
                    server = start(paths, port)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            server.terminate()
            server.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
