"""Reading files of another git revision (the pull request's base) for the reviewer diff and the
URL promise. A revision git does not know becomes a Vietnamese message naming it, not a traceback."""
from __future__ import annotations

import subprocess
from pathlib import Path


class RevisionError(Exception):
    """A git revision that cannot be read; str() is the message for staff."""

    def __init__(self, rev: str, detail: str = ""):
        self.rev = rev
        shown = " ".join(rev.split())[:80]
        super().__init__(f"Không tìm thấy phiên bản git '{shown}' (nhánh, thẻ hoặc mã commit). Kiểm tra tên, và lấy nhánh "
                         f"về máy trước (git fetch origin). [unknown git revision '{shown}'{': ' + detail if detail else ''}]")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True)


def commit_of(repo: Path, rev: str) -> str:
    """The commit a revision names; RevisionError when there is none (or it looks like an option)."""
    if not rev or rev.startswith("-"):
        raise RevisionError(rev)
    done = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if done.returncode != 0:
        raise RevisionError(rev, done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode().strip()


def archive(repo: Path, rev: str, *paths: str) -> bytes:
    """A tar of the given folders at a revision (folders missing there are left out)."""
    commit = commit_of(repo, rev)
    present = [p for p in paths if _git(repo, "cat-file", "-e", f"{commit}:{p}").returncode == 0]
    if not present:
        return b""
    done = _git(repo, "archive", "--format=tar", commit, *present)
    if done.returncode != 0:
        raise RevisionError(rev, done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def read(repo: Path, rev: str, path: str) -> str | None:
    """A file's text at a revision, or None when the file does not exist there."""
    commit = commit_of(repo, rev)
    done = _git(repo, "show", f"{commit}:{path}")
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None
