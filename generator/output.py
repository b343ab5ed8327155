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


def copy_if_changed(src: Path, dst: Path) -> bool:
    try:
        if dst.read_bytes() == src.read_bytes():
            return False
    except FileNotFoundError:
        dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return True
