"""Writing the docs tree: files are only rewritten when their content changed, so the live preview
(`make serve`) rebuilds only what an edit touched and unchanged files keep their timestamps."""
from __future__ import annotations

import shutil
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write text (UTF-8) or bytes to `path`, creating folders; True when the file changed."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_data_file(rel: str, content: str | bytes, docs: Path, mirror: Path | None) -> set[str]:
    """Write a file of data/ (`rel` starts with "data/") into the docs tree, or into `mirror`, a copy of data/
    beside it that the full build moves into the site after the engine (build.move_items, build.move_files).
    Returns {rel} when written into docs/ (what the live preview keeps), else nothing."""
    if mirror is not None:
        write_if_changed(mirror / rel.removeprefix("data/"), content)
        return set()
    write_if_changed(docs / rel, content)
    return {rel}


def copy_if_changed(src: Path, dst: Path) -> bool:
    try:
        if dst.read_bytes() == src.read_bytes():
            return False
    except FileNotFoundError:
        dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return True
