"""Errors staff see: Vietnamese first, with the English field name, file and line."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str | None
    message_vi: str
    message_en: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" trường `{self.field}`:" if self.field else ""
        return f"{where}:{field} {self.message_vi} [{self.message_en}]"


class DataError(Exception):
    """A single problem that stops loading at once (e.g. a YAML syntax error)."""

    def __init__(self, file: str, line: int, field: str | None, message_vi: str, message_en: str):
        self.problem = Problem(file, line, field, message_vi, message_en)
        super().__init__(str(self.problem))


class ValidationFailed(Exception):
    """All problems found in one pass, so staff can fix them together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        head = f"Dữ liệu kế hoạch có {len(self.problems)} lỗi; chưa xây dựng trang nào. " \
               f"[{len(self.problems)} data error(s); nothing was built]"
        return "\n".join([head, *(f"- {p}" for p in self.problems)])


def warnings_report(warnings: list[Problem]) -> str:
    """Warnings do not stop the build; staff see them beside the result of `make check`."""
    head = f"Cảnh báo ({len(warnings)}): dữ liệu vẫn hợp lệ, nhưng nên xem lại. [{len(warnings)} warning(s)]"
    return "\n".join([head, *(f"- {p}" for p in warnings)])
