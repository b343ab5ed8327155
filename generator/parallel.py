"""Run a stage's independent per-page work on every core (the machine that builds has 2).

Items are dealt round-robin to forked processes; each returns the set of paths it wrote (or, for
map_across_cores, its results in order) and the parent puts them together, so the caller sees
exactly what a serial run returns. Forking copies the already-built model for free, which is why
this is fork-only: where fork is unavailable or unsafe (another thread is running, e.g. the
live-preview server) the work runs serially. `in_background` runs work at the lowest CPU priority
while the build goes on, so it takes only the CPU the build's own stages leave idle.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from typing import Any, Callable, Sequence


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def jobs() -> int:
    """Processes for the build's stages: every core, or PORTAL_JOBS (1 = the plain serial build)."""
    return int(os.environ.get("PORTAL_JOBS") or cores())


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


def _run_children(fn: Callable, items: Sequence, args: tuple, jobs: int) -> tuple[Any, list]:
    """fn on every jobs-th item from 1 on in children, on items[0::jobs] here: (own result, children's)."""
    ctx = multiprocessing.get_context("fork")
    children = []
    for k in range(1, jobs):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(send, fn, items[k::jobs], args))
        proc.start()
        send.close()
        children.append((proc, recv))
    own = fn(items[0::jobs], *args)
    results, errors = [], []
    for proc, recv in children:
        try:
            status, payload = recv.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            status, payload = "error", "worker exited without a result"
        proc.join()
        if status == "ok":
            results.append(payload)
        else:
            errors.append(payload)
    if errors:
        raise RuntimeError("; ".join(errors))
    return own, results


def map_across_cores(fn: Callable[..., list], items: Sequence, *args, jobs: int | None = None,
                     minimum: int = 200) -> list:
    """fn(items, *args) -> one result per item, run on shares of items in `jobs` processes; the
    results come back in the order of items, as a serial run returns them."""
    jobs = jobs or cores()
    if jobs < 2 or len(items) < minimum or not can_fork():
        return fn(items, *args)
    own, others = _run_children(fn, items, args, jobs)
    shares = [own, *others]
    out: list = [None] * len(items)
    for k, share in enumerate(shares):
        out[k::jobs] = share
    return out


def split_across_cores(fn: Callable[..., set[str]], items: Sequence, *args, jobs: int | None = None,
                       minimum: int = 200) -> set[str]:
    """fn(items, *args) -> set of written paths, run on shares of items in `jobs` processes.
    Small inputs run serially: below `minimum` items a fork costs more than it saves."""
    jobs = jobs or cores()
    if jobs < 2 or len(items) < minimum or not can_fork():
        return fn(items, *args)
    own, others = _run_children(fn, items, args, jobs)
    return set(own).union(*others)


class Background:
    """Work started by in_background: wait() returns what it returned (or raises what went wrong),
    cancel() stops it when the build fails first. cpu_s is the CPU time it used, its children's too."""

    def __init__(self, proc=None, conn=None, result: set[str] | None = None, cpu_s: float = 0.0):
        self._proc, self._conn = proc, conn
        self._result, self.cpu_s = result, cpu_s

    @property
    def done(self) -> bool:
        return self._proc is None

    def wait(self) -> set[str]:
        if self._proc is not None:
            try:
                status, payload = self._conn.recv()
            except EOFError:
                status, payload = "error", "background worker exited without a result"
            self._proc.join()
            self._proc = None
            if status != "ok":
                raise RuntimeError(payload)
            self._result, self.cpu_s = payload
        return self._result or set()

    def cancel(self) -> None:
        if self._proc is not None:
            try:  # the worker and the workers it forked form a process group of their own
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self._proc.kill()
            self._proc.join()
            self._proc = None


def _niced(items: Sequence, fn: Callable[..., set[str]], args: tuple, jobs: int, minimum: int) -> tuple[set[str], float]:
    os.setpgid(0, 0)  # a group of its own, so cancel() stops its workers too
    os.nice(19)  # inherited by its workers: the build's own stages always come first
    written = split_across_cores(fn, items, *args, jobs=jobs, minimum=minimum)
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return written, sum(u.ru_utime + u.ru_stime for u in used)


def in_background(fn: Callable[..., set[str]], items: Sequence, *args, jobs: int | None = None,
                  minimum: int = 200) -> Background:
    """Start split_across_cores(fn, items, *args) in a forked process at the lowest CPU priority and
    return at once. Where the build runs serially (jobs 1, no fork) the work is done here and now."""
    jobs = jobs or cores()
    if jobs < 2 or not can_fork():
        before = resource.getrusage(resource.RUSAGE_SELF)
        written = fn(items, *args)
        after = resource.getrusage(resource.RUSAGE_SELF)
        return Background(result=written, cpu_s=after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, _niced, items, (fn, args, jobs, minimum)))
    proc.start()
    try:  # also here, so a cancel() right after the start finds the group
        os.setpgid(proc.pid, proc.pid)
    except OSError:
        pass
    send.close()
    return Background(proc, recv)
