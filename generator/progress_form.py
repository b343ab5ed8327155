"""What the browser progress form (kind "progress-form": content/nhap-tien-do.md, theme/assets/progress-form.js)
needs to list (kind "progress-form-items"):
each plan's tasks and indicators with a short label. The rules it checks come from the rules export
(data/quy-tac-tien-do.json), not from here, so the form and `make check` share one source of rules.
"""
from __future__ import annotations

from .model import Portal

LABEL_CHARS = 90  # a select option on a 390 px phone shows about this much


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def form_items(portal: Portal) -> dict:
    """{"plans": [{"id", "title", "tasks": [[id, label]], "indicators": [[id, label, unit]]}]} in page order."""
    plans = []
    for plan in portal.plans.values():
        tasks = [[t.id, _short(f"{t.name}: {t.text}")] for t in portal.tasks.values() if t.plan == plan.id]
        indicators = [[i.id, _short(f"Chỉ tiêu {(i.number or '').rstrip('.')}: {i.name}".replace("Chỉ tiêu :", "Chỉ tiêu:")),
                       i.unit.text or ""] for i in portal.indicators.values() if i.plan == plan.id]
        plans.append({"id": plan.id, "title": plan.short_title, "tasks": tasks, "indicators": indicators})
    return {"plans": plans}

