"""Check loaded YAML against the schema and the cross-references, then build the Portal model.

Every problem names file, line and field, in Vietnamese first; all problems of a run are
collected so staff can fix them in one go. Nothing is built unless the list is empty.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import labels, schema
from .deadlines import parse_deadline
from .errors import DataError, Problem, ValidationFailed
from .load import LDict, LList, YamlFile, load_tree
from .model import (Actual, Cell, DocRef, ProgressEntry, Document, Group, Indicator, NationalTask, Passage, Plan, Portal, Signer,
                    Source, Table, Target, Task, Unit)
from .targets import TargetFormError, parse_target

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Staff text is published: any HTML tag or entity-like markup is refused rather than silently escaped.
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|javascript:", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
RESERVED_PLAN_IDS = {"data", "du-lieu", "don-vi", "van-ban", "huong-dan", "tim-kiem", "cap-nhat", "assets", "pagefind", "nguon"}
CELL_KEYS = {"text", "unreadable", "ocr", "from_context", "context_lines"}


@dataclass
class Ctx:
    file: str
    problems: list[Problem]

    def add(self, line: int, fld: str | None, vi: str, en: str) -> None:
        self.problems.append(Problem(self.file, line, fld, vi, en))


def _type_name(t: schema.T) -> str:
    return {"map": "một nhóm trường (mapping)", "list": "một danh sách", "id": "một mã", "date": "một ngày YYYY-MM-DD",
            "lines": "[dòng đầu, dòng cuối]", "bool": "true hoặc false"}.get(t.kind, "một chuỗi")


def check(value: Any, t: schema.T, ctx: Ctx, line: int, fld: str) -> Any:
    """Validate one value against its schema type; returns the cleaned value (or None after a problem)."""
    kind = t.kind
    if kind == "map":
        if not isinstance(value, dict):
            ctx.add(line, fld, f"cần {_type_name(t)}, nhưng đang là '{value}'.", f"expected a mapping")
            return None
        out = LDict()
        out.line = getattr(value, "line", line)
        out.key_lines = dict(getattr(value, "key_lines", {}))
        for key in value:
            if key not in t.of:
                allowed = ", ".join(t.of)
                ctx.add(value.line_of(key), key, f"trường không được hỗ trợ. Các trường hợp lệ: {allowed}.",
                        f"unknown field `{key}`")
        for key, f in t.of.items():
            if key not in value or value[key] is None:
                if f.required:
                    ctx.add(out.line, key, f"thiếu trường bắt buộc ({f.doc or key}).", f"missing required field `{key}`")
                out[key] = None
                continue
            out[key] = check(value[key], f.type, ctx, value.line_of(key), key)
        return out
    if kind == "list":
        if not isinstance(value, list):
            ctx.add(line, fld, f"cần {_type_name(t)} (mỗi mục bắt đầu bằng '- ').", "expected a list")
            return []
        out_list = LList()
        out_list.line = getattr(value, "line", line)
        for i, item in enumerate(value):
            item_line = value.line_of(i) if isinstance(value, LList) else line
            out_list.append(check(item, t.of, ctx, item_line, fld))
            out_list.item_lines.append(item_line)
        return out_list
    if kind in ("id", "ref"):
        if not isinstance(value, str) or not _ID.match(value):
            ctx.add(line, fld, f"mã '{value}' không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
                    "invalid id")
            return None
        return value
    if kind in ("str", "text"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            ctx.add(line, fld, f"cần một chuỗi chữ, nhưng đang là {type(value).__name__}.", "expected a string")
            return None
        if _HTML.search(value):
            ctx.add(line, fld, "có mã HTML hoặc script (ví dụ '<script>'); chỉ nhập chữ thường. Nếu văn bản gốc có dấu '<', "
                    "hãy viết '≤' hoặc 'nhỏ hơn'.", "HTML/script markup is not allowed in text")
            return None
        value = value.strip()
        if kind == "text" and not value:
            ctx.add(line, fld, "không được để trống.", "empty text")
            return None
        return value
    if kind == "url":
        # Only web addresses become links: "javascript:…" or "data:…" in an href would run on the reader's page.
        if not isinstance(value, str) or not _URL.match(value.strip()):
            ctx.add(line, fld, f"'{value}' không phải địa chỉ web; viết đầy đủ, bắt đầu bằng https:// (hoặc http://), "
                    "không có dấu cách.", "expected an http(s) URL")
            return None
        return value.strip()
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            ctx.add(line, fld, f"ngày '{value}' không hợp lệ; viết dạng YYYY-MM-DD, ví dụ 2025-10-09.", "invalid date")
            return None
    if kind == "bool":
        if not isinstance(value, bool):
            ctx.add(line, fld, "cần true hoặc false.", "expected a boolean")
            return None
        return value
    if kind == "enum":
        if value not in t.of:
            ctx.add(line, fld, f"'{value}' không hợp lệ. Dùng một trong: {', '.join(t.of)}.", "value not allowed")
            return None
        return value
    if kind == "lines":
        if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or value[0] < 1 or value[1] < value[0]):
            ctx.add(line, fld, f"'{value}' không hợp lệ; viết [dòng đầu, dòng cuối], ví dụ [140, 154], dòng đầu ≤ dòng cuối.",
                    "expected [first, last] line numbers")
            return None
        return (value[0], value[1])
    if kind == "cell":
        return _check_cell(value, ctx, line, fld)
    if kind == "targets":
        if not isinstance(value, dict) or not value:
            ctx.add(line, fld, "cần các cặp 'mốc năm: giá trị', ví dụ \"2030\": \"≥ 80%\".", "expected horizon → target pairs")
            return None
        out_t = LDict()
        out_t.line = getattr(value, "line", line)
        for horizon, cell in value.items():
            hline = value.line_of(horizon) if isinstance(value, LDict) else line
            out_t[str(horizon)] = _check_cell(cell, ctx, hline, f"targets.{horizon}")
            out_t.key_lines[str(horizon)] = hline
        return out_t
    raise AssertionError(kind)


def _check_cell(value: Any, ctx: Ctx, line: int, fld: str) -> Any:
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = None if value is None else str(value).strip()
        if text is not None and _HTML.search(text):
            ctx.add(line, fld, "có mã HTML hoặc script; chỉ nhập chữ thường.", "HTML/script markup is not allowed in text")
            return None
        return {"text": text}
    if not isinstance(value, dict):
        ctx.add(line, fld, "cần một giá trị chữ, null hoặc {unreadable: true}.", "expected a cell")
        return None
    unknown = set(value) - CELL_KEYS
    for key in sorted(unknown):
        ctx.add(value.line_of(key) if isinstance(value, LDict) else line, f"{fld}.{key}",
                f"trường không được hỗ trợ. Các trường hợp lệ: {', '.join(sorted(CELL_KEYS))}.", f"unknown field `{key}`")
    if value.get("unreadable") not in (None, True, False):
        ctx.add(line, f"{fld}.unreadable", "cần true hoặc false.", "expected a boolean")
    unreadable = value.get("unreadable") is True
    text = value.get("text")
    text = None if text is None else str(text).strip()
    if unreadable and text:
        ctx.add(line, fld, "ô đã đánh dấu không đọc được thì không được ghi giá trị `text`.", "unreadable cell must not have text")
    if not unreadable and not text:
        ctx.add(line, fld, "cần `text` (giá trị) hoặc `unreadable: true`.", "cell needs text or unreadable: true")
    if value.get("from_context") and not value.get("context_lines"):
        ctx.add(line, f"{fld}.context_lines", "giá trị suy ra từ ngữ cảnh phải ghi `context_lines` (dòng chứa căn cứ).",
                "from_context needs context_lines")
    ctx_lines = value.get("context_lines")
    if ctx_lines is not None:
        ctx_lines = check(ctx_lines, schema.LINES, ctx, line, f"{fld}.context_lines")
    for key in ("from_context",):  # `ocr` is raw scan noise, shown escaped, never as markup
        if value.get(key) is not None and _HTML.search(str(value[key])):
            ctx.add(line, f"{fld}.{key}", "có mã HTML hoặc script; chỉ nhập chữ thường.", "HTML/script markup is not allowed")
    return {"text": text, "unreadable": unreadable, "ocr": value.get("ocr"),
            "from_context": value.get("from_context"), "context_lines": ctx_lines}


# --------------------------------------------------------------------------- model building


@dataclass
class _Located:
    value: Any
    file: str


@dataclass
class _Collected:
    plans: list[_Located] = field(default_factory=list)
    task_tables: list[_Located] = field(default_factory=list)
    progress: list[_Located] = field(default_factory=list)
    actuals: list[_Located] = field(default_factory=list)
    indicator_tables: list[_Located] = field(default_factory=list)
    units: list[_Located] = field(default_factory=list)
    documents: list[_Located] = field(default_factory=list)


class _Builder:
    def __init__(self, files: list[YamlFile], sources: Path):
        self.files = files
        self.sources = sources
        self.problems: list[Problem] = []
        self.source_lengths: dict[str, int] = {}

    def problem(self, file: str, line: int, fld: str | None, vi: str, en: str) -> None:
        self.problems.append(Problem(file, line, fld, vi, en))

    def build(self) -> Portal:
        by_folder: dict[str, _Collected] = defaultdict(_Collected)
        shared = _Collected()
        for f in self.files:
            ctx = Ctx(f.path, self.problems)
            if f.data is None:
                continue
            data = check(f.data, schema.FILE, ctx, 1, None)
            if data is None:
                continue
            parts = Path(f.path).parts
            folder = parts[1] if len(parts) > 2 else ""
            target = shared if folder in ("", "_shared") else by_folder[folder]
            for key in ("units", "documents"):
                for item in data.get(key) or []:
                    if item is not None:
                        getattr(shared, key).append(_Located(item, f.path))
            for key in ("plan", "task_tables", "indicator_tables", "progress", "actuals"):
                if data.get(key) is None:
                    continue
                if target is shared:
                    self.problem(f.path, data.line_of(key), key, "chỉ đặt dữ liệu kế hoạch trong thư mục riêng của kế hoạch "
                                 "(plans/<mã>/).", "plan data must live in its plan folder")
                    continue
                if key == "plan":
                    target.plans.append(_Located(data[key], f.path))
                else:
                    target.__dict__[key].extend(_Located(t, f.path) for t in data[key] if t is not None)

        units = self._registry(shared.units, "đơn vị", "unit", self._unit)
        documents = self._registry(shared.documents, "văn bản", "document", self._document)
        self.units, self.documents = units, documents
        plans: dict[str, Plan] = {}
        tasks: dict[str, Task] = {}
        indicators: dict[str, Indicator] = {}
        for folder, col in sorted(by_folder.items()):
            plan = self._plan(folder, col)
            if plan is None:
                continue
            plan_tasks, plan_indicators, task_tables, ind_tables = self._tables(plan, col)
            plans[plan.id] = replace(plan, task_tables=tuple(task_tables), indicator_tables=tuple(ind_tables))
            tasks.update({t.key: t for t in plan_tasks})
            indicators.update({i.key: i for i in plan_indicators})
        progress, actuals = self._progress(by_folder, tasks, indicators)
        if self.problems:
            raise ValidationFailed(self.problems)
        return _index(Portal(plans, tasks, indicators, units, documents, progress=progress, actuals=actuals))

    def _progress(self, by_folder: dict[str, "_Collected"], tasks: dict, indicators: dict):
        """Progress reports and measured values; they refer to items of their own plan folder."""
        progress: dict[str, list[ProgressEntry]] = defaultdict(list)
        actuals: dict[str, list[Actual]] = defaultdict(list)
        for folder, col in by_folder.items():
            for loc in col.progress:
                v, file = loc.value, loc.file
                if v["task"] is None or v["date"] is None or v["status"] is None:
                    continue
                if f"{folder}/{v['task']}" not in tasks:
                    self.problem(file, v.line_of("task"), "task", f"không có nhiệm vụ '{v['task']}' trong kế hoạch {folder}. "
                                 "Kiểm tra mã ở trang nhiệm vụ (phần cuối đường dẫn).", f"unknown task '{v['task']}'")
                    continue
                evidence = v["evidence"] or {}
                # Evidence given but refused (say, a javascript: link) is already reported: "missing" would mislead.
                lines = set(getattr(evidence, "key_lines", {}).values())
                refused = any(p.file == file and p.field in ("document", "url") and p.line in lines for p in self.problems)
                status = labels.status_id(v["status"])
                if status == "done" and not (evidence.get("document") or evidence.get("url") or refused):
                    self.problem(file, v.line_of("status"), "evidence", "trạng thái 'hoàn thành' phải kèm bằng chứng: thêm "
                                 "`evidence:` với `document:` (số, ngày văn bản) hoặc `url:` (đường dẫn).",
                                 "status 'hoàn thành' requires evidence")
                    continue
                progress[f"{folder}/{v['task']}"].append(ProgressEntry(
                    folder, v["task"], v["date"], status, v["note"] or "", evidence.get("document"),
                    evidence.get("url"), file, v.line))
            for loc in col.actuals:
                v, file = loc.value, loc.file
                if v["indicator"] is None or v["date"] is None or v["value"] is None:
                    continue
                if f"{folder}/{v['indicator']}" not in indicators:
                    self.problem(file, v.line_of("indicator"), "indicator", f"không có chỉ tiêu '{v['indicator']}' trong kế hoạch "
                                 f"{folder}.", f"unknown indicator '{v['indicator']}'")
                    continue
                try:
                    parsed = parse_target(v["value"])
                except TargetFormError as exc:
                    self.problem(file, v.line_of("value"), "value", f"{exc}. Ghi số đo được, ví dụ \"62%\" hoặc \"0,75\".",
                                 "value is not a recognised form")
                    continue
                actuals[f"{folder}/{v['indicator']}"].append(Actual(
                    folder, v["indicator"], v["date"], v["value"], parsed, v["source"] or "", file, v.line))
        for entries in (*progress.values(), *actuals.values()):
            entries.sort(key=lambda e: (e.date, e.file, e.line))
        return dict(progress), dict(actuals)

    # ---- registries
    def _registry(self, items: list[_Located], vi: str, en: str, make) -> dict:
        out: dict[str, Any] = {}
        seen: dict[str, str] = {}
        for loc in items:
            v = loc.value
            if v.get("id") is None:
                continue
            where = f"{loc.file}:{v.line}"
            if v["id"] in seen:
                self.problem(loc.file, v.line_of("id"), "id", f"mã {vi} '{v['id']}' bị trùng (đã khai báo ở {seen[v['id']]}). "
                             "Mỗi mã chỉ khai báo một lần; xóa một bản.", f"duplicate {en} id '{v['id']}'")
                continue
            seen[v["id"]] = where
            out[v["id"]] = make(v, loc.file)
        return out

    @staticmethod
    def _unit(v: LDict, file: str) -> Unit:
        return Unit(v["id"], v["name"] or v["id"], v["short_name"] or v["name"] or v["id"], tuple(v["aliases"] or ()),
                    v["locality"] or "", bool(v["group"]), file)

    @staticmethod
    def _document(v: LDict, file: str) -> Document:
        return Document(v["id"], v["symbol"] or v["id"], v["kind"], v["date"], v["issuer"], v["title"])

    # ---- references and sources
    def _ref(self, file: str, container: LDict, key: str, kind: str) -> tuple[str, ...]:
        raw = container.get(key)
        if raw is None:
            return ()
        values = raw if isinstance(raw, list) else [raw]
        known = self.units if kind == "unit" else self.documents
        out = []
        for i, ref in enumerate(values):
            if ref is None:
                continue
            line = raw.line_of(i) if isinstance(raw, LList) else container.line_of(key)
            if ref not in known:
                where = "units.yaml" if kind == "unit" else "documents.yaml"
                self.problem(file, line, key, f"không có {'đơn vị' if kind == 'unit' else 'văn bản'} với mã '{ref}'. "
                             f"Hãy khai báo trong {where} hoặc sửa lại mã.", f"unknown {kind} id '{ref}'")
                continue
            out.append(ref)
        return tuple(out)

    def _source(self, plan_source: str, file: str, v: LDict, key: str = "lines") -> Source:
        lines = v.get(key)
        if lines is None:
            return Source(plan_source, 0, 0)
        length = self.source_lengths.get(plan_source)
        if length is not None and lines[1] > length:
            self.problem(file, v.line_of(key), key, f"dòng {lines[1]} vượt quá độ dài tệp nguồn {plan_source} ({length} dòng).",
                         "line range past the end of the source file")
        return Source(plan_source, lines[0], lines[1])

    def _cell(self, plan_source: str, raw: dict | None) -> Cell:
        if raw is None:
            return Cell(None)
        context = raw.get("context_lines")
        return Cell(raw.get("text"), bool(raw.get("unreadable")), raw.get("ocr"), raw.get("from_context"),
                    Source(plan_source, *context) if context else None)

    # ---- plan
    def _plan(self, folder: str, col: _Collected) -> Plan | None:
        if not col.plans:
            any_file = (col.task_tables or col.indicator_tables or col.progress or col.actuals)[0].file
            self.problem(any_file, 1, "plan", f"thư mục plans/{folder}/ chưa có thông tin kế hoạch (khóa `plan:`), "
                         "thường đặt trong plan.yaml.", "plan folder without `plan:`")
            return None
        if len(col.plans) > 1:
            second = col.plans[1]
            self.problem(second.file, second.value.line, "plan", f"kế hoạch {folder} được khai báo hai lần "
                         f"(cũng ở {col.plans[0].file}).", "plan declared twice")
        loc = col.plans[0]
        v, file = loc.value, loc.file
        if v["id"] and v["id"] != folder:
            self.problem(file, v.line_of("id"), "id", f"mã kế hoạch '{v['id']}' phải trùng tên thư mục '{folder}'.",
                         "plan id must equal its folder name")
        if folder in RESERVED_PLAN_IDS or not _ID.match(folder):
            self.problem(file, v.line_of("id"), "id", f"'{folder}' không dùng được làm mã kế hoạch (trùng đường dẫn của "
                         "trang khác hoặc có ký tự không hợp lệ).", "reserved or invalid plan id")
        source_file = v["source_file"] or ""
        path = self.sources / source_file
        if source_file and path.is_file():
            self.source_lengths[source_file] = len(path.read_text(encoding="utf-8").splitlines())
        elif source_file:
            self.problem(file, v.line_of("source_file"), "source_file", f"không tìm thấy tệp nguồn '{source_file}' trong "
                         f"{self.sources.name}/.", "source file not found")
        issuer = self._ref(file, v, "issuer", "unit")

        def passages(key: str) -> tuple[Passage, ...]:
            return tuple(Passage(p["text"], self._source(source_file, file, p), p.get("title"), p.get("note"))
                         for p in v[key] or () if p is not None and p["text"])

        implements = []
        for ref in v["implements"] or ():
            if ref is None:
                continue
            docs = self._ref(file, ref, "document", "document")
            if docs:
                implements.append(DocRef(docs[0], self._source(source_file, file, ref)))
        signer = v["signer"]
        locality = v["locality"] or folder
        return Plan(
            id=folder, title=v["title"] or folder,
            short_title=v["short_title"] or locality[:1].upper() + locality[1:],
            symbol=v["symbol"], number=v["number"], issuer=issuer[0] if issuer else "", level=v["level"] or "ward",
            locality=locality, province=v["province"], date=v["date"], date_printed=v["date_printed"],
            place_printed=v["place_printed"],
            signer=Signer(signer["name"], signer["title"], signer["on_behalf"]) if signer else None,
            source_file=source_file, source=self._source(source_file, file, v), implements=tuple(implements),
            purposes=passages("purposes"), requirements=passages("requirements"), sections=passages("sections"),
            missing_attachments=passages("missing_attachments"), notes=passages("notes"))

    # ---- tables
    def _tables(self, plan: Plan, col: _Collected):
        seen_items: dict[str, str] = {}
        seen_tables: dict[str, str] = {}
        tasks: list[Task] = []
        indicators: list[Indicator] = []
        task_tables: list[Table] = []
        ind_tables: list[Table] = []
        same_as_refs: list[tuple[str, int, str]] = []

        def claim_id(mapping: dict[str, str], ident: str | None, file: str, line: int, what: str) -> bool:
            if ident is None:
                return False
            if ident in mapping:
                self.problem(file, line, "id", f"mã {what} '{ident}' bị trùng trong kế hoạch {plan.id} (đã dùng ở "
                             f"{mapping[ident]}). Mã phải là duy nhất và không bao giờ dùng lại.", f"duplicate id '{ident}'")
                return False
            mapping[ident] = f"{file}:{line}"
            return True

        for is_ind, locs in ((False, col.task_tables), (True, col.indicator_tables)):
            for loc in locs:
                t, file = loc.value, loc.file
                if not claim_id(seen_tables, t["id"], file, t.line_of("id"), "bảng"):
                    continue
                horizons = tuple(t["horizons"] or ()) if is_ind else ()

                def walk(groups, path: tuple[str, ...], numbers: tuple, lead: tuple, coord: tuple, out_cell) -> tuple[Group, ...]:
                    built = []
                    for g in groups or ():
                        if g is None:
                            continue
                        g_lead = self._ref(file, g, "lead", "unit") or lead
                        g_coord = (self._ref(file, g, "coordinating", "unit") if not is_ind else ()) or coord
                        g_output = g.get("output") if is_ind else None
                        title = g["title"]
                        g_path = path + ((title or g["number"] or ""),)
                        g_numbers = numbers + (g["number"],)
                        item_ids = []
                        for item in g["items"] or ():
                            if item is None or not claim_id(seen_items, item["id"], file, item.line_of("id"), "mục"):
                                continue
                            item_ids.append(item["id"])
                            if is_ind:
                                indicators.append(self._indicator(plan, file, t, horizons, item, g_path, g_numbers,
                                                                  g_lead, g_output or out_cell))
                                if item["same_as"]:
                                    same_as_refs.append((file, item.line_of("same_as"), item["same_as"]))
                            else:
                                tasks.append(self._task(plan, file, t, item, g_path, g_numbers, g_lead, g_coord))
                        sub = walk(g["groups"], g_path, g_numbers, g_lead, g_coord, g_output or out_cell)
                        built.append(Group(g["number"], title, self._source(plan.source_file, file, g), sub, tuple(item_ids)))
                    return tuple(built)

                groups = walk(t["groups"], (), (), (), (), None)
                table = Table(plan.id, t["id"], t["kind"] or "", t["title"] or "", tuple(t["columns"] or ()), horizons,
                              self._source(plan.source_file, file, t), groups, is_ind)
                (ind_tables if is_ind else task_tables).append(table)
        ind_ids = {i.id for i in indicators}
        for file, line, ref in same_as_refs:
            if ref not in ind_ids:
                self.problem(file, line, "same_as", f"không có chỉ tiêu '{ref}' trong kế hoạch {plan.id}.",
                             f"same_as points to unknown indicator '{ref}'")
        return tasks, indicators, task_tables, ind_tables

    def _task(self, plan: Plan, file: str, table: LDict, v: LDict, path, numbers, lead, coord) -> Task:
        src = plan.source_file
        deadline = self._cell(src, v["deadline"])
        nt = v["national_task"]
        national = None
        if nt:
            docs = self._ref(file, nt, "document", "document")
            national = NationalTask(docs[0] if docs else None, nt["number"], nt["text"])
        return Task(
            plan=plan.id, id=v["id"], table=table["id"], kind=table["kind"] or "", group_path=path, group_numbers=numbers,
            number=v["number"], text=v["text"] or "", lead=self._ref(file, v, "lead", "unit") or lead,
            coordinating=self._ref(file, v, "coordinating", "unit") or coord, output=self._cell(src, v["output"]),
            deadline=deadline, deadline_date=parse_deadline(deadline.text), national_task=national, note=v["note"],
            source=self._source(src, file, v), topics=tuple(v["topics"] or ()), scan_garbled=bool(v["scan_garbled"]))

    def _indicator(self, plan: Plan, file: str, table: LDict, horizons, v: LDict, path, numbers, lead, group_output) -> Indicator:
        src = plan.source_file
        targets = []
        raw_targets = v["targets"] or {}
        for horizon, raw in raw_targets.items():
            line = raw_targets.line_of(horizon) if isinstance(raw_targets, LDict) else v.line
            if horizon not in horizons:
                self.problem(file, line, f"targets.{horizon}", f"mốc '{horizon}' không có trong `horizons` của bảng "
                             f"({', '.join(horizons)}).", "target horizon not declared by the table")
                continue
            cell = self._cell(src, raw)
            parsed = None
            if cell.text is not None and not cell.unreadable:
                try:
                    parsed = parse_target(cell.text)
                except TargetFormError as exc:
                    self.problem(file, line, f"targets.{horizon}", f"{exc}. Ghi đúng như bản in, ví dụ \"≥ 80%\", \"100%\", "
                                 "\"80-90%\", \"Phấn đấu đạt 3%\", \"-\"; nếu không đọc được, ghi {unreadable: true}.",
                                 "target is not a recognised form")
            targets.append(Target(horizon, cell, parsed))
        targets.sort(key=lambda t: horizons.index(t.horizon))
        return Indicator(
            plan=plan.id, id=v["id"], table=table["id"], table_kind=table["kind"] or "", horizons=horizons,
            group_path=path, group_numbers=numbers, number=v["number"], name=v["name"] or "",
            unit=self._cell(src, v["unit"]), targets=tuple(targets), lead=self._ref(file, v, "lead", "unit") or lead,
            output=self._cell(src, v["output"] if v["output"] is not None else group_output), same_as=v["same_as"],
            note=v["note"], source=self._source(src, file, v), topics=tuple(v["topics"] or ()),
            scan_garbled=bool(v["scan_garbled"]))


def _index(portal: Portal) -> Portal:
    for unit in portal.units:
        portal.tasks_by_unit[unit] = []
        portal.indicators_by_unit[unit] = []
    for task in portal.tasks.values():
        for u in dict.fromkeys(task.lead + task.coordinating):
            portal.tasks_by_unit[u].append(task)
    for ind in portal.indicators.values():
        for u in dict.fromkeys(ind.lead):
            portal.indicators_by_unit[u].append(ind)
    for doc in portal.documents:
        portal.plans_by_document[doc] = []
    for plan in portal.plans.values():
        for ref in plan.implements:
            if plan.id not in portal.plans_by_document[ref.document]:
                portal.plans_by_document[ref.document].append(plan.id)
    return portal


def load_portal(plans_dir: Path, sources_dir: Path, base: Path) -> Portal:
    """YAML under plans_dir → validated Portal. Raises ValidationFailed listing every problem."""
    try:
        files = load_tree(plans_dir, base)
    except DataError as exc:
        raise ValidationFailed([exc.problem]) from None
    return _Builder(files, sources_dir).build()
