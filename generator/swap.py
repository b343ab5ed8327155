"""Put a freshly built site in place of site/ so that a complete site/ is always there or restorable.

A directory cannot replace a non-empty directory in one rename, so the swap takes two:
site/ → build/site.previous, then the new folder → site/. A crash between the two leaves no
site/; `repair` (run by the next build before anything else, under the build lock) puts the
previous site back. The caller holds the build lock (generator.buildlock), so no other process
renames these folders meanwhile.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

PREVIOUS = "site.previous"
RUN_PREFIX = "run-"


def repair(site: Path, build_dir: Path) -> bool:
    """Undo an interrupted swap and remove what crashed runs left. True when site/ was restored."""
    previous = build_dir / PREVIOUS
    restored = False
    if previous.is_dir():
        if site.exists():  # the swap finished; only the clean-up was missed
            shutil.rmtree(previous)
        else:
            os.replace(previous, site)
            restored = True
    for stale in build_dir.glob(RUN_PREFIX + "*") if build_dir.is_dir() else []:
        shutil.rmtree(stale, ignore_errors=True)
    return restored


def swap_in(new: Path, site: Path, build_dir: Path) -> None:
    """Make `new` the site/ (same file system); the old site/ is removed once the new one is in place."""
    previous = build_dir / PREVIOUS
    if previous.exists():  # left by a run that crashed after `repair` ran; site/ is there or `new` replaces it
        shutil.rmtree(previous)
    if site.exists():
        os.replace(site, previous)
    os.replace(new, site)
    if previous.exists():
        shutil.rmtree(previous)
