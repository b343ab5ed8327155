"""One writer of build/ and site/ at a time per working tree.

`make site` twice, or `make serve` with `make site`, would otherwise write the same build/docs tree
and swap site/ under each other. The lock is an OS file lock (the `filelock` library, fcntl on
Linux): the kernel releases it when its holder dies, so a crashed build never leaves it stuck.
Beside it, a small JSON note says who holds it, so the one who waits can be told what to do.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_FILE = ".build.lock"
HOLDER_FILE = ".build.lock.json"
# How long a second build waits for the first before it stops (seconds); PORTAL_BUILD_WAIT overrides.
DEFAULT_WAIT = 600.0

# What each command is called in messages (the make target staff typed).
COMMANDS = {"build": "make site", "serve": "make serve", "generate": "python -m generator generate",
            "lock": "make lock", "test": "make test"}


class BuildBusy(Exception):
    """Another process holds the build lock; the message is the Vietnamese text to show."""


@dataclass(frozen=True)
class Holder:
    pid: int
    command: str
    started: str  # HH:MM:SS UTC

    @property
    def name(self) -> str:
        return COMMANDS.get(self.command, self.command)


def wait_limit() -> float:
    value = os.environ.get("PORTAL_BUILD_WAIT")
    return float(value) if value else DEFAULT_WAIT


def read_holder(build_dir: Path) -> Holder | None:
    try:
        data = json.loads((build_dir / HOLDER_FILE).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["command"]), str(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def busy_message(holder: Holder | None, waited: float | None) -> str:
    who = (f"`{holder.name}` (tiến trình {holder.pid}, bắt đầu lúc {holder.started} UTC)" if holder
           else "một lần xây dựng khác")
    if holder and holder.command == "serve":
        advice = "Hãy dừng bản xem trước (bấm Ctrl+C trong cửa sổ đang chạy `make serve`) rồi chạy lại."
    else:
        advice = "Hãy đợi lần đó xong rồi chạy lại."
    waited_text = f" Đã chờ {waited:.0f} giây." if waited else ""
    return (f"Không thể xây dựng lúc này: {who} đang dùng thư mục build/ của kho này.{waited_text} {advice} "
            "[build directory is locked by another process]")


def _read_again(build_dir: Path) -> Holder | None:
    """The holder writes its note just after taking the lock: give it a moment."""
    time.sleep(0.3)
    return read_holder(build_dir)


@contextmanager
def exclusive(build_dir: Path, command: str, wait: float | None = None,
              say: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the build lock of `build_dir` for the block.

    A running `make serve` holds the lock for as long as it serves, so a build stops at once
    (waiting would never end); a running build is waited for, up to `wait` seconds (then stops)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(build_dir / LOCK_FILE))
    wait = wait_limit() if wait is None else wait
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = read_holder(build_dir) or _read_again(build_dir)
        if wait <= 0 or (holder and holder.command == "serve"):
            raise BuildBusy(busy_message(holder, None)) from None
        say(f"Đang chờ {'`' + holder.name + '`' if holder else 'một lần xây dựng khác'} xong "
            f"(tối đa {wait:.0f} giây)… [waiting for the build lock]")
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise BuildBusy(busy_message(read_holder(build_dir), wait)) from None
    try:
        note = {"pid": os.getpid(), "command": command,
                "started": dt.datetime.now(dt.timezone.utc).strftime("%H:%M:%S")}
        (build_dir / HOLDER_FILE).write_text(json.dumps(note), encoding="utf-8")
        yield
    finally:
        (build_dir / HOLDER_FILE).unlink(missing_ok=True)
        lock.release()
