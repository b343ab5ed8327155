"""Load YAML files keeping the line of every key and list item, for error messages.

The loader never crashes on what staff (or anyone opening a pull request) may write: every
problem with a file (size, encoding, syntax, duplicate keys, tags, anchors) becomes a Problem
naming file and line, and the other files are still read so all problems are reported at once.

Scalars are loaded as text: no implicit YAML typing (2026-13-01 is not a crashing timestamp,
`no` is not False, 1.10 is not 1.1); the validator checks and converts each field in code. Only
an empty value, `~` and `null` mean "no value". Every text is normalised to NFC (Unicode composed
form) here, once, so a status typed with combining accents equals the vocabulary word.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from . import rules
from .errors import DataError, Problem
from .parallel import jobs, map_across_cores

try:  # libyaml's event parser when available (several times faster); the composer stays in Python
    from yaml._yaml import CParser as _Parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - pure-Python fallback, same behaviour
    from yaml.parser import Parser as _EventParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _EventParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _EventParser.__init__(self)


class LDict(dict):
    """A mapping that remembers the line of the mapping and of each key (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Resolver(BaseResolver):
    """No implicit types: every plain scalar is a string, except the ways of writing "no value"."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                ["~", "n", "N", ""])


_TOO_DEEP = f"dữ liệu lồng nhau quá sâu (quá {rules.MAX_NESTING} tầng); kiểm tra thụt lề và dấu ngoặc."


def _refuse(node_or_event: Any, name: str, vi: str, en: str) -> DataError:
    return DataError(name, node_or_event.start_mark.line + 1, None, vi, en)


class _StrictLoader(Composer, _Parser, SafeConstructor, _Resolver):  # type: ignore[misc, valid-type]
    """Anchors, aliases and tags are refused while composing, before anything is expanded, so an
    alias bomb never reaches memory; nesting deeper than rules.MAX_NESTING is refused too."""

    def __init__(self, text: str, name: str) -> None:
        _Parser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.name = name
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _refuse(event, self.name, "không dùng neo (&) và bí danh (*) của YAML trong plans/: hãy viết đầy đủ "
                          "giá trị ở từng chỗ. Nếu giá trị bắt đầu bằng & hoặc *, đặt nó trong ngoặc kép.",
                          "YAML anchors and aliases are not allowed")
        if getattr(event, "tag", None) is not None:
            raise _refuse(event, self.name, f"không dùng thẻ YAML ('{rules.shorten(event.tag, 30)}'); bỏ thẻ đi và viết "
                          "giá trị bình thường (đặt trong ngoặc kép nếu cần).", "YAML tags are not allowed")
        self.depth += 1
        try:
            if self.depth > rules.MAX_NESTING:
                raise _refuse(event, self.name, _TOO_DEEP, "nesting too deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_map(loader: _StrictLoader, node: yaml.MappingNode):
    data = LDict()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
            raise DataError(loader.name, line, None, "tên trường phải là một từ (ví dụ `note:`), không phải danh sách, "
                            "nhóm hay giá trị trống.", "a key must be a plain word")
        key = key_node.value
        if key in data:
            raise DataError(
                loader.name, line, rules.shorten(key, 40),
                f"trường `{rules.shorten(key, 40)}` xuất hiện hai lần trong cùng một mục; chỉ giữ một.",
                "duplicate key",
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: _StrictLoader, node: yaml.SequenceNode):
    data = LList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_lines.append(item.start_mark.line + 1)


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


@dataclass(frozen=True)
class YamlFile:
    path: str  # as shown to staff, relative to the repository
    data: Any
    empty: bool = False  # nothing but blanks and comments


def _line_at(data: bytes | str, offset: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data[:max(offset, 0)].count(newline) + 1  # type: ignore[arg-type]


def decode(raw: bytes, shown_as: str) -> str:
    """UTF-8 text of a file (a leading byte-order mark is dropped), NFC-normalised."""
    if len(raw) > rules.MAX_FILE_BYTES:
        raise DataError(shown_as, 1, None, f"tệp quá lớn ({len(raw) // 1024} KB); mỗi tệp tối đa "
                        f"{rules.MAX_FILE_BYTES // 1024} KB. Hãy tách thành nhiều tệp nhỏ.",
                        f"file larger than {rules.MAX_FILE_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(shown_as, _line_at(raw, exc.start), None, "tệp không phải văn bản UTF-8 (có thể đã lưu bằng "
                        "bảng mã khác). Mở lại trong trình soạn thảo và lưu với bảng mã UTF-8.",
                        "file is not valid UTF-8") from None
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def parse(text: str, shown_as: str) -> Any:
    """One YAML document → LDict/LList/str/None; every parser error becomes a DataError."""
    loader = _StrictLoader(text, shown_as)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "").split())
        if "nesting depth" in problem:  # libyaml's own limit (1,000) is reached before ours when brackets nest
            raise DataError(shown_as, mark.line + 1 if mark else 1, None, _TOO_DEEP, "nesting too deep") from None
        raise DataError(
            shown_as, mark.line + 1 if mark else 0, None,
            f"tệp YAML sai cú pháp ({rules.shorten(problem)}). Kiểm tra thụt lề, dấu hai chấm "
            "và dấu ngoặc kép ở dòng này hoặc dòng ngay trên.",
            f"malformed YAML: {rules.shorten(problem)}",
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: a control character, a bad byte
        position = getattr(exc, "position", 0)
        character = getattr(exc, "character", None)
        code = f"U+{ord(character):04X}" if isinstance(character, str) else (
            f"0x{character:02X}" if isinstance(character, int) else "?")
        raise DataError(shown_as, _line_at(text, position), None,
                        f"tệp có ký tự không được phép ({code}); xóa ký tự đó (thường do sao chép từ tệp khác).",
                        f"character {code} is not allowed in YAML") from None
    except RecursionError:
        raise DataError(shown_as, 1, None, _TOO_DEEP, "nesting too deep") from None
    finally:
        loader.dispose()


def load_file(path: Path, shown_as: str) -> YamlFile:
    """Parse one YAML file; any problem with it becomes a DataError naming file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(shown_as, 1, None, "không đọc được tệp.", f"cannot read file: {exc.strerror}") from None
    text = decode(raw, shown_as)
    data = parse(text, shown_as)
    return YamlFile(shown_as, data, empty=data is None)


def _misplaced(path: Path, root: Path) -> tuple[str, str] | None:
    """Why a file under plans/ would be silently ignored, or None when it is read (`*.yaml`)."""
    if path.name.endswith(".yaml"):
        return None
    in_progress = rules.PROGRESS_FOLDER in path.relative_to(root).parts[:-1]
    if path.suffix.lower() in (".yml", ".yaml"):
        return (f"tệp dữ liệu phải có đuôi `.yaml` (không phải `{path.suffix}`); đổi tên thành "
                f"`{path.stem}.yaml`.", "data files must end in .yaml")
    if in_progress:
        return (f"thư mục {rules.PROGRESS_FOLDER}/ chỉ chứa tệp `.yaml` đặt tên YYYY-MM-DD-<mã mục>.yaml; tệp này sẽ "
                "không được đọc. Đổi tên (thêm đuôi `.yaml`) hoặc xóa nó.", "only .yaml files belong in progress/")
    return None


def load_tree(root: Path, base: Path) -> tuple[list[YamlFile], list[Problem]]:
    """Every *.yaml under root, in a stable order, and the problems of the files that could not be read
    (or would be ignored). Staff-facing paths are relative to base. Files are parsed on every core."""
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    files: list[YamlFile] = []
    problems: list[Problem] = []
    for read in map_across_cores(_read_all, paths, root, base, jobs=jobs(), minimum=400):
        if isinstance(read, YamlFile):
            files.append(read)
        elif read is not None:
            problems.append(read)
    return files, problems


def _read_all(paths: list[Path], root: Path, base: Path) -> list[YamlFile | Problem | None]:
    return [_read(path, root, base) for path in paths]


def _read(path: Path, root: Path, base: Path) -> YamlFile | Problem | None:
    """One file under plans/: its content, the problem that keeps it from being read, or None when it is
    not data (README.md beside the plans)."""
    shown = str(path.relative_to(base))
    misplaced = _misplaced(path, root)
    if misplaced:
        return Problem(shown, 1, None, *misplaced)
    if not path.name.endswith(".yaml"):
        return None
    try:
        return load_file(path, shown)
    except DataError as exc:
        return exc.problem
