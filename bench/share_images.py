"""Cost of the share images (generator/share_image.py): draw and encode one indicator's card, serially.

    .venv/bin/python bench/share_images.py                 # the real plans/ of this repository
    .venv/bin/python bench/share_images.py --pages 1000    # a synthetic portal (bench/synthetic.py)

Prints milliseconds per indicator, wall and CPU, on one core (the build deals the cards to every
core, so its stage takes about this ÷ cores per indicator: see bench/run.py's "share images" line).
The budget is 10 ms per indicator, judged on CPU time (wall time on a busy machine measures the others).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

BUDGET_MS = 10.0


def measure(root: Path, repeat: int) -> dict:
    from generator.build import Paths, model
    from generator.charts import target_chart
    from generator import share_image

    portal = model(Paths(root))
    cards = []
    for ind in portal.indicators.values():  # the inputs, as write_images builds them
        plan = portal.plans[ind.plan]
        table = next(t for t in plan.indicator_tables if t.id == ind.table)
        cards.append((ind, plan, table))

    def one(ind, plan, table) -> bytes:
        card = share_image.card_for(ind, target_chart(ind), share_image.place_of(plan), share_image.source_of(
            ind, plan, portal.units[plan.issuer].name, table.title))
        return share_image.render(card)

    one(*cards[0])  # fonts loaded once per process, as in the build
    runs, sizes = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        sizes = [len(one(*c)) for c in cards]
        runs.append(((time.perf_counter() - wall) * 1000 / len(cards), (time.process_time() - cpu) * 1000 / len(cards)))
    return {"indicators": len(cards), "wall_ms": min(r[0] for r in runs), "cpu_ms": min(r[1] for r in runs),
            "median_wall_ms": statistics.median(r[0] for r in runs), "kb": statistics.mean(sizes) / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, help="measure a synthetic portal of this many pages instead of plans/")
    ap.add_argument("--repeat", type=int, default=3, help="runs over every indicator; the best is reported")
    args = ap.parse_args(argv)
    if args.pages:
        import synthetic
        with tempfile.TemporaryDirectory(prefix="bench-share-") as tmp:
            root = Path(tmp) / "portal"
            synthetic.make_tree(root, args.pages, as_of=dt.date(2026, 11, 25))
            res = measure(root, args.repeat)
        what = f"synthetic portal of {args.pages:,} pages"
    else:
        res = measure(REPO, args.repeat)
        what = "the real plans"
    # Judged on CPU time, a card's own cost: on a shared machine the wall time mostly measures the others.
    verdict = "OK" if res["cpu_ms"] <= BUDGET_MS else "MISSED"
    print(f"share images, {what}: {res['indicators']} indicators, {res['wall_ms']:.1f} ms per indicator wall "
          f"(median of {args.repeat} runs {res['median_wall_ms']:.1f}), {res['cpu_ms']:.1f} ms CPU, one core; "
          f"{res['kb']:.1f} KB per PNG; 1-min load {os.getloadavg()[0]:.1f}; budget ≤ {BUDGET_MS:.0f} ms CPU → {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
