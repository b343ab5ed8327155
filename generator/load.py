"""Load YAML files keeping the line of every key and list item, for error messages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError


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


# libyaml's parser when available (several times faster on thousands of files); same behaviour.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    loader.flatten_mapping(node)
    data = LDict()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in data:
            raise DataError(
                loader.name, line, key,
                f"khóa `{key}` xuất hiện hai lần trong cùng một mục; chỉ giữ một.",
                f"duplicate key `{key}`",
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode):
    data = LList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_lines.append(item.start_mark.line + 1)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


@dataclass(frozen=True)
class YamlFile:
    path: str  # as shown to staff, relative to the repository
    data: Any


def load_file(path: Path, shown_as: str) -> YamlFile:
    """Parse one YAML file; a syntax error becomes a DataError naming file and line."""
    text = path.read_text(encoding="utf-8")
    loader = _LineLoader(text)
    loader.name = shown_as
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError(
            shown_as, line, None,
            f"tệp YAML sai cú pháp ({exc.problem or exc.context}). Kiểm tra thụt lề, dấu hai chấm "
            "và dấu ngoặc kép ở dòng này hoặc dòng ngay trên.",
            f"malformed YAML: {exc.problem or exc.context}",
        ) from None
    finally:
        loader.dispose()
    return YamlFile(shown_as, data)


def load_tree(root: Path, base: Path) -> list[YamlFile]:
    """Every *.yaml under root, in a stable order. Staff-facing paths are relative to base."""
    files = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    return [load_file(p, str(p.relative_to(base))) for p in files]
