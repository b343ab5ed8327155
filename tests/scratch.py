"""A scratch copy of the repository for tests that build or edit data without touching the real tree."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build reads: data, sources, hand-written content, theme, the generator and its MkDocs config.
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "site", "tests", "bench", "__pycache__", "*.egg-info",
                              ".pytest_cache", "node_modules")


def copy_repo(dst: Path) -> Path:
    """Copy the working tree (without build output, tests or the venv) to `dst` and return it."""
    shutil.copytree(ROOT, dst, ignore=SKIP)
    return dst
