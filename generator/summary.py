"""What a resident reads first on a plan page: who issued it and when, what it is for, how big it is,
the few targets that touch daily life, and one honest sentence on progress. Pure functions of the model.

Nothing here is written by us about the plan's content: the purpose is the plan's own words (its first
two sentences), the targets are printed targets, and progress is counted from published reports only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Indicator, Plan, Portal, Target
from .progress import TaskState

# The topics a resident meets at the ward office, in the order the summary lists them
# (content/topics.yaml names them; each has a guide).
RESIDENT_TOPICS = ("dich-vu-cong", "vneid", "ky-nang-so", "thanh-toan-so")
TARGETS_PER_TOPIC = 2
PURPOSE_SENTENCES = 2
SENTENCE_LIMIT = 130  # characters; the plans' sentences run to 600 (lists of parent documents)

_BREAK = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class KeyTarget:
    indicator: Indicator
    target: Target  # the nearest printed target at or after the as-of year
    topic: str


@dataclass(frozen=True)
class Summary:
    purpose: tuple[str, ...]  # the plan's own sentences, clipped with "…" when very long
    key_targets: tuple[KeyTarget, ...]
    tasks_total: int
    reported: int  # tasks with at least one published report
    done: int
    overdue: int  # the latest report says not done after the deadline
    unreported_past: int  # the deadline has passed and nothing was reported


def sentences(text: str) -> list[str]:
    """A sentence ends at ". " before a capital letter (Vietnamese capitals included, hence isupper
    rather than a character range); "ngày 01/4/2025. của" style breaks stay inside the sentence."""
    found: list[str] = []
    for part in _BREAK.split(text.strip()):
        if found and not part[:1].isupper():
            found[-1] += " " + part
        elif part:
            found.append(part)
    return found


def clip(text: str, limit: int = SENTENCE_LIMIT) -> str:
    """At most `limit` characters, cut at a word and marked "…": a shortened quotation says so."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def purpose(plan: Plan) -> tuple[str, ...]:
    """The first sentences of the plan's "Mục đích" passages, in its own words."""
    found: list[str] = []
    for passage in plan.purposes:
        found += sentences(passage.text)
        if len(found) >= PURPOSE_SENTENCES:
            break
    return tuple(clip(s) for s in found[:PURPOSE_SENTENCES])


def nearest_target(ind: Indicator, year: int) -> Target | None:
    """The first readable printed target at or after `year` (else the last one): what is promised next."""
    readable = [t for t in ind.targets if t.cell.text and t.cell.text != "-" and not t.cell.unreadable]
    dated = [t for t in readable if t.horizon[:4].isdigit()]
    later = [t for t in dated if int(t.horizon[:4]) >= year]
    return (later or dated or readable or [None])[0]


def key_targets(indicators: list[Indicator], year: int) -> tuple[KeyTarget, ...]:
    """Up to TARGETS_PER_TOPIC indicators per resident topic, in the plan's order; each indicator once
    (an indicator restated in a second table, same name, counts once)."""
    chosen: list[KeyTarget] = []
    seen: set[str] = set()
    for topic in RESIDENT_TOPICS:
        n = 0
        for ind in indicators:
            if n == TARGETS_PER_TOPIC:
                break
            target = nearest_target(ind, year) if topic in ind.topics and ind.name not in seen else None
            if target is not None:
                chosen.append(KeyTarget(ind, target, topic))
                seen.add(ind.name)
                n += 1
    return tuple(chosen)


def summarise(plan: Plan, portal: Portal, states: dict[str, TaskState], year: int) -> Summary:
    tasks = portal.plan_tasks(plan.id)
    reported = [t for t in tasks if states[t.key].latest]
    return Summary(purpose(plan), key_targets(portal.plan_indicators(plan.id), year), len(tasks), len(reported),
                   sum(1 for t in reported if states[t.key].status == "done"),
                   sum(1 for t in tasks if states[t.key].overdue),
                   sum(1 for t in tasks if states[t.key].past_due_unreported))
