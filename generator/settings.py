"""content/portal.yaml: the portal's few settings staff may change (where "Báo sai sót" goes).

Read with the plans' strict, line-keeping loader and checked here, so a mistake stops `make check`
with the file, line and field, and nothing but a web address or an e-mail address reaches the pages
(a `javascript:` address would otherwise become a link on every task and indicator page)."""
from __future__ import annotations

import re
from pathlib import Path

from . import rules
from .errors import DataError
from .load import LDict, load_file

FILE = "portal.yaml"
SHOWN_AS = f"content/{FILE}"
_WEB = re.compile(rules.HTTPS_PATTERN)
_EMAIL = re.compile(r"[^@\s\"'<>`:/]+@[^@\s\"'<>`:/]+\.[^@\s\"'<>`:/]+")


def load(content: Path) -> dict:
    """The settings as a plain dict ({} without the file); DataError on the first mistake."""
    path = content / FILE
    if not path.exists():
        return {}
    data = load_file(path, SHOWN_AS).data
    if data is None:
        return {}
    if not isinstance(data, LDict):
        raise DataError(SHOWN_AS, getattr(data, "line", 1) or 1, None, "tệp cần các trường dạng `tên: giá trị`, "
                        "ví dụ `report_mistake:`.", "expected a mapping")
    _only(data, ("report_mistake",), None)
    report = data.get("report_mistake")
    if report is None:
        return {"report_mistake": {}}
    if not isinstance(report, LDict):
        raise DataError(SHOWN_AS, data.line_of("report_mistake"), "report_mistake", "cần hai trường con `issues:` và "
                        "`email:` (có thể để trống), không phải một giá trị.", "expected issues: and email:")
    _only(report, ("issues", "email"), "report_mistake")
    out = {}
    for key, pattern, example in (("issues", _WEB, "https://github.com/<chủ>/<kho>/issues/new"),
                                  ("email", _EMAIL, "congkhai@example.gov.vn")):
        value = report.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
            raise DataError(SHOWN_AS, report.line_of(key), key, f"giá trị không hợp lệ; viết một địa chỉ như {example}, "
                            "hoặc để trống.", f"{key} must be {'an https:// address' if key == 'issues' else 'an e-mail address'}")
        out[key] = value.strip()
    return {"report_mistake": out}


def _only(mapping: LDict, allowed: tuple[str, ...], parent: str | None) -> None:
    for key in mapping:
        if key not in allowed:
            raise DataError(SHOWN_AS, mapping.line_of(key), f"{parent}.{key}" if parent else key,
                            f"trường không được hỗ trợ (có thể gõ nhầm). Các trường hợp lệ: {', '.join(allowed)}.",
                            f"unknown field `{key}`")


def report_mistake(settings: dict, repository: str) -> dict:
    """Where "Báo sai sót" sends a reader: the address the settings (load) give, else the issues of the
    data repository ("owner/name", PORTAL_REPOSITORY: the one setting the progress form's GitHub button
    uses too); nothing (the link is hidden) when neither is set."""
    chosen = settings.get("report_mistake") or {}
    if chosen:
        return chosen
    repository = repository.strip()
    return {"issues": f"https://github.com/{repository}/issues/new"} if re.fullmatch(r"[\w.-]+/[\w.-]+", repository) else {}
