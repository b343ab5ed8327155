"""Comparison groups (plans/_shared/comparisons.yaml): checked against the indicators, and the
name similarity that both the validator's warning and the proposal tool (generator/propose.py) use.

A group is curated by a person; similarity only points at candidates. difflib (standard library)
is enough for ~200 short names; no fuzzy-matching dependency is needed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .errors import Problem
from .load import LDict, LList
from .model import Comparison, DocRef, Indicator, Plan, Source
from .text import words

# Names at least this similar, in different plans, are "obvious counterparts": left out of every
# group without a recorded reason they earn a warning. Chosen on the five published plans: every pair
# at or above it is the same printed row of a shared list or an explicitly recorded near-miss.
COUNTERPART_SIMILARITY = 0.8
# Words that every indicator name shares and that say nothing about what is measured.
_FILLER = {"ty", "ti", "le", "cac", "cua", "va", "tren", "dia", "ban", "duoc", "co", "cho", "so"}


def name_key(name: str) -> str:
    return " ".join(w for w in words(name) if w not in _FILLER)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def counterparts(indicators: dict[str, Indicator], threshold: float = COUNTERPART_SIMILARITY) -> dict[str, list[tuple[float, str]]]:
    """indicator key → [(similarity, key)] of indicators of OTHER plans at or above the threshold, best first.

    Names are compared once per pair of distinct name keys, not per pair of indicators: plans copy the same
    template lists, so a large portal has far fewer distinct names than indicators (10,000 pages: 29 s → <1 s)."""
    by_name: dict[str, list[Indicator]] = {}
    for ind in indicators.values():
        by_name.setdefault(name_key(ind.name), []).append(ind)
    out: dict[str, list[tuple[float, str]]] = {}

    def link(xs: list[Indicator], ys: list[Indicator], ratio: float) -> None:
        for a in xs:
            for b in ys:
                same_list_twice = xs is ys and a.key >= b.key  # within one name: each pair once
                if a.plan != b.plan and not same_list_twice:
                    out.setdefault(a.key, []).append((ratio, b.key))
                    out.setdefault(b.key, []).append((ratio, a.key))

    names = list(by_name)
    for n, a in enumerate(names):
        link(by_name[a], by_name[a], 1.0)
        matcher = difflib.SequenceMatcher(None, "", a)
        for b in names[n + 1:]:
            matcher.set_seq1(b)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                link(by_name[a], by_name[b], ratio)
    return {k: sorted(v, reverse=True) for k, v in out.items()}


@dataclass
class Checked:
    comparisons: dict[str, Comparison]
    not_grouped: dict[str, str]
    problems: list[Problem]
    warnings: list[Problem]


def check_comparisons(groups: list[tuple[LDict, str]], skipped: list[tuple[LDict, str]], plans: dict[str, Plan],
                      indicators: dict[str, Indicator], documents: set[str], source_lengths: dict[str, int],
                      indicator_at: dict[str, tuple[str, int]]) -> Checked:
    """Groups and not-grouped records (already schema-checked) → model, errors and warnings."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    comparisons: dict[str, Comparison] = {}
    member_of: dict[str, tuple[str, str, int]] = {}  # indicator key → (group id, file, line)
    seen_ids: dict[str, str] = {}

    def member_key(file: str, m: LDict, line: int) -> str | None:
        plan, ind = m.get("plan"), m.get("indicator")
        if plan is None or ind is None:
            return None
        if plan not in plans:
            # A warning, not an error: a checkout or test tree may hold only some plans (the group then
            # compares the plans present); a mistyped id still shows in `make check`.
            warnings.append(Problem(file, m.line_of("plan"), "plan", f"không có kế hoạch '{plan}' trong plans/ nên chỉ tiêu "
                                    "này không được so sánh. Kiểm tra mã kế hoạch (tên thư mục trong plans/).",
                                    f"unknown plan '{plan}': member left out"))
            return None
        if f"{plan}/{ind}" not in indicators:
            problems.append(Problem(file, m.line_of("indicator"), "indicator", f"không có chỉ tiêu '{ind}' trong kế hoạch "
                                    f"{plan}. Kiểm tra mã ở trang chỉ tiêu (phần cuối đường dẫn).",
                                    f"unknown indicator '{ind}' in plan '{plan}'"))
            return None
        return f"{plan}/{ind}"

    for g, file in groups:
        gid = g.get("id")
        if gid is None:
            continue
        if gid in seen_ids:
            problems.append(Problem(file, g.line_of("id"), "id", f"mã nhóm so sánh '{gid}' bị trùng (đã dùng ở "
                                    f"{seen_ids[gid]}).", f"duplicate comparison id '{gid}'"))
            continue
        seen_ids[gid] = f"{file}:{g.line_of('id')}"
        members: list[str] = []
        raw = g.get("members") or LList()
        declared = {m.get("plan") for m in raw if m is not None and m.get("plan")}
        if len(declared) < 2:
            problems.append(Problem(file, g.line_of("members"), "members", "nhóm so sánh cần chỉ tiêu của ít nhất hai kế hoạch "
                                    "khác nhau.", "a comparison group needs indicators of at least two plans"))
        for n, m in enumerate(raw):
            if m is None:
                continue
            line = raw.line_of(n) if isinstance(raw, LList) else g.line_of("members")
            key = member_key(file, m, line)
            if key is None:
                continue
            if key in member_of:
                other, ofile, oline = member_of[key]
                problems.append(Problem(file, m.line_of("indicator"), "indicator", f"chỉ tiêu {key} đã thuộc nhóm so sánh "
                                        f"'{other}' ({ofile}:{oline}); mỗi chỉ tiêu chỉ thuộc một nhóm. Xóa một lần khai báo.",
                                        f"indicator {key} is already in group '{other}'"))
                continue
            member_of[key] = (gid, file, m.line_of("indicator"))
            members.append(key)
        basis = _basis(g.get("basis"), file, plans, documents, source_lengths, problems)
        if len({k.split("/")[0] for k in members}) < 2:
            continue  # fewer than two of its plans are in this portal: nothing to compare, no page
        comparisons[gid] = Comparison(gid, g["name"] or gid, g["topic"] or "", basis, g.get("note"), g.get("scope_note"),
                                      tuple(members))

    not_grouped: dict[str, str] = {}
    for r, file in skipped:
        key = member_key(file, r, r.line)
        if key is None or r.get("reason") is None:
            continue
        if key in member_of:
            gid, gfile, gline = member_of[key]
            problems.append(Problem(file, r.line_of("indicator"), "indicator", f"chỉ tiêu {key} đã thuộc nhóm so sánh '{gid}' "
                                    f"({gfile}:{gline}) nên không ghi ở not_grouped.", f"indicator {key} is grouped and not_grouped"))
            continue
        not_grouped[key] = r["reason"]

    for key, near in counterparts(indicators).items():
        if key in member_of or key in not_grouped:
            continue
        score, other = near[0]
        file, line = indicator_at.get(key, ("plans/_shared/comparisons.yaml", 0))
        where = f"thuộc nhóm '{member_of[other][0]}'" if other in member_of else "cũng chưa thuộc nhóm nào"
        warnings.append(Problem(file, line, "id", f"chỉ tiêu {key} giống chỉ tiêu {other} của kế hoạch khác ({where}, "
                                f"độ giống {score:.2f}) nhưng chưa thuộc nhóm so sánh nào. Thêm vào một nhóm trong "
                                "plans/_shared/comparisons.yaml, hoặc ghi lý do không gộp ở `not_grouped`.",
                                f"indicator {key} has a counterpart ({other}) but is neither grouped nor given a reason"))
    return Checked(comparisons, not_grouped, problems, warnings)


def _basis(raw: LDict | None, file: str, plans: dict[str, Plan], documents: set[str], source_lengths: dict[str, int],
           problems: list[Problem]) -> DocRef | None:
    if not raw or raw.get("document") is None or raw.get("plan") is None or raw.get("lines") is None:
        return None
    ok = True
    if raw["document"] not in documents:
        problems.append(Problem(file, raw.line_of("document"), "basis.document", f"không có văn bản với mã '{raw['document']}'. "
                                "Hãy khai báo trong documents.yaml hoặc sửa lại mã.", f"unknown document '{raw['document']}'"))
        ok = False
    plan = plans.get(raw["plan"])
    if plan is None:
        return None  # reported with the members when the plan is missing from this portal
    first, last = raw["lines"]
    length = source_lengths.get(plan.source_file)
    if length is not None and last > length:
        problems.append(Problem(file, raw.line_of("lines"), "basis.lines", f"dòng {last} vượt quá độ dài tệp nguồn "
                                f"{plan.source_file} ({length} dòng).", "line range past the end of the source file"))
        ok = False
    return DocRef(raw["document"], Source(plan.source_file, first, last)) if ok else None
