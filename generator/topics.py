"""Give plan items the topics of the citizen guides, from one curated phrase table (content/topics.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .model import Portal
from .text import fold


@dataclass(frozen=True)
class Topic:
    id: str
    guide: str
    label: str
    phrases: tuple[str, ...]


def load_topics(content: Path) -> dict[str, Topic]:
    data = yaml.safe_load((content / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    return {tid: Topic(tid, t["guide"], t["label"], tuple(fold(p) for p in t["phrases"])) for tid, t in data.items()}


def matching(text: str, topics: dict[str, Topic]) -> tuple[str, ...]:
    folded = " ".join(fold(text).split())
    return tuple(t.id for t in topics.values() if any(p in folded for p in t.phrases))


def with_topics(portal: Portal, topics: dict[str, Topic]) -> Portal:
    """A portal whose tasks and indicators carry their hand-given topics plus the matched ones."""
    tasks = {k: replace(t, topics=tuple(dict.fromkeys(t.topics + matching(t.text, topics))))
             for k, t in portal.tasks.items()}
    indicators = {k: replace(i, topics=tuple(dict.fromkeys(i.topics + matching(i.name, topics))))
                  for k, i in portal.indicators.items()}
    out = Portal(portal.plans, tasks, indicators, portal.units, portal.documents,
                 progress=portal.progress, actuals=portal.actuals, comparisons=portal.comparisons,
                 not_grouped=portal.not_grouped, warnings=portal.warnings)
    for unit in portal.units:
        out.tasks_by_unit[unit] = [tasks[t.key] for t in portal.tasks_by_unit[unit]]
        out.indicators_by_unit[unit] = [indicators[i.key] for i in portal.indicators_by_unit[unit]]
    out.plans_by_document.update(portal.plans_by_document)
    return out
