"""Run a stage's independent per-page work on every core (the machine that builds has 2).

Items are dealt round-robin to forked processes; each returns the set of paths it wrote and the
parent returns their union, so the caller sees exactly what a serial run returns. Forking copies
the already-built model for free, which is why this is fork-only: where fork is unavailable or
unsafe (another thread is running, e.g. the live-preview server) the work runs serially.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Sequence


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _child(conn, fn, items, args) -> None:
    try:
        conn.send(("ok", fn(items, *args)))
    except BaseException as exc:  # never leave the parent waiting
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
        os._exit(0)


def split_across_cores(fn: Callable[..., set[str]], items: Sequence, *args, jobs: int | None = None,
                       minimum: int = 200) -> set[str]:
    """fn(items, *args) -> set of written paths, run on shares of items in `jobs` processes.
    Small inputs run serially: below `minimum` items a fork costs more than it saves."""
    jobs = jobs or cores()
    if jobs < 2 or len(items) < minimum or not can_fork():
        return fn(items, *args)
    ctx = multiprocessing.get_context("fork")
    children = []
    for k in range(1, jobs):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(send, fn, items[k::jobs], args))
        proc.start()
        send.close()
        children.append((proc, recv))
    written = set(fn(items[0::jobs], *args))
    errors = []
    for proc, recv in children:
        try:
            status, payload = recv.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            status, payload = "error", "worker exited without a result"
        proc.join()
        if status == "ok":
            written |= payload
        else:
            errors.append(payload)
    if errors:
        raise RuntimeError("; ".join(errors))
    return written
