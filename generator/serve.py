"""Staff preview: regenerate pages when plans/, content/ or theme/ change; MkDocs serves and reloads."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from .build import Paths, generate
from .errors import ValidationFailed


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def serve(paths: Paths, as_of: dt.date, port: int = 8000) -> None:
    generate(paths, as_of, items_in_docs=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.root / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}", "--livereload"], cwd=paths.root, env=env)
    watched = [paths.plans, paths.content, paths.theme]
    seen = _snapshot(watched)
    print(f"Xem trước tại http://127.0.0.1:{port}/ — sửa tệp YAML/Markdown, trang tự cập nhật. Ctrl+C để dừng.")
    try:
        while server.poll() is None:
            time.sleep(1)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                try:
                    generate(paths, as_of, clean=False, items_in_docs=True)
                    print("Đã cập nhật trang. [regenerated]")
                except ValidationFailed as exc:
                    print(exc.report(), file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
