"""Experiment: the generator's render stage (one Jinja template per page) split across forked processes.

`bench/run.py --variant render2` rebinds generator.build.render_pages in the temp tree to
`parallel(render_pages)`. Pages are dealt round-robin; each child renders and writes its share and
sends back the set of paths it wrote. Not a supported build path.
"""
from __future__ import annotations

import multiprocessing
import os


def _child(conn, fn, pages, args) -> None:
    try:
        conn.send(("ok", fn(pages, *args)))
    except BaseException as exc:  # never leave the parent waiting
        conn.send(("error", repr(exc)))
    finally:
        conn.close()
        os._exit(0)


def parallel(render_pages, jobs: int = 2, minimum: int = 200):
    def wrapped(pages, *args):
        pages = list(pages)
        if jobs < 2 or len(pages) < minimum:
            return render_pages(pages, *args)
        ctx = multiprocessing.get_context("fork")
        children = []
        for k in range(1, jobs):
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(send, render_pages, pages[k::jobs], args))
            proc.start()
            send.close()
            children.append((proc, recv))
        written = set(render_pages(pages[0::jobs], *args))
        for proc, recv in children:
            status, payload = recv.recv()
            proc.join()
            if status != "ok":
                raise RuntimeError(f"render worker failed: {payload}")
            written |= payload
        return written
    return wrapped
