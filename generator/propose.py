"""Propose comparison groups by name similarity, for a person to confirm (never run at build).

    .venv/bin/python -m generator.propose [--threshold 0.6]

Prints, for every indicator not yet grouped nor recorded in `not_grouped`, its most similar
indicators of other plans with their names and source lines, so the reader can open both scans
and decide. Nothing is written: plans/_shared/comparisons.yaml is edited by hand and reviewed.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .comparisons import counterparts
from .validate import load_portal


def proposals(root: Path, threshold: float) -> list[str]:
    portal = load_portal(root / "plans", root / "sources", root)
    out = []
    for key, near in counterparts(portal.indicators, threshold).items():
        if portal.comparison_of(key) or key in portal.not_grouped:
            continue
        ind = portal.indicators[key]
        out.append(f"- {{plan: {ind.plan}, indicator: {ind.id}}}  # {ind.name} ({ind.source.file}:{ind.source.first}-{ind.source.last})")
        for score, other in near[:3]:
            o = portal.indicators[other]
            group = portal.comparison_of(other)
            where = f" [nhóm {group.id}]" if group else ""
            out.append(f"    # {score:.2f} {other}{where}: {o.name} ({o.source.file}:{o.source.first}-{o.source.last})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Gợi ý nhóm so sánh theo độ giống của tên chỉ tiêu (chỉ gợi ý).")
    parser.add_argument("--root", default=".")
    parser.add_argument("--threshold", type=float, default=0.6, help="độ giống tối thiểu, 0–1")
    args = parser.parse_args()
    lines = proposals(Path(args.root), args.threshold)
    print("\n".join(lines) if lines else "Không còn chỉ tiêu nào cần xem. [nothing left to review]")


if __name__ == "__main__":
    main()
