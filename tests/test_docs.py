"""docs/data-format.md cannot drift from the schema (generator/schema.py) the validator enforces."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator import labels, schema

DOC = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
# Every field of these must appear in the doc's examples; passages and small nested maps may show fewer.
ENTITIES = [schema.PLAN, schema.TASK, schema.INDICATOR, schema.TASK_TABLE, schema.INDICATOR_TABLE, schema.TASK_GROUP,
            schema.INDICATOR_GROUP, schema.UNIT, schema.DOCUMENT, schema.PROGRESS, schema.ACTUAL]


def _walk(example, t: schema.T, where: str, problems: list[str]) -> None:
    if t.kind == "map" and isinstance(example, dict):
        problems += [f"{where}.{k}: not in the schema" for k in example if k not in t.of]
        if any(t is e for e in ENTITIES):
            problems += [f"{where}.{k}: missing from the doc" for k in t.of if k not in example]
        for k, v in example.items():
            if k in t.of:
                _walk(v, t.of[k].type, f"{where}.{k}", problems)
    elif t.kind == "list" and isinstance(example, list):
        for i, v in enumerate(example):
            _walk(v, t.of, f"{where}[{i}]", problems)


def _examples() -> list[dict]:
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", DOC, re.S)]
    return [b for b in blocks if isinstance(b, dict) and set(b) <= set(schema.FILE.of)]


def test_the_examples_show_every_field_of_the_schema_and_no_other():
    problems: list[str] = []
    examples = _examples()
    for example in examples:
        for key, value in example.items():
            _walk(value, schema.FILE.of[key].type, key, problems)
    shown = {key for example in examples for key in example}
    assert shown >= set(schema.FILE.of) - {"redirects"}  # redirects: their own section, in prose
    assert problems == []


def test_the_status_words_are_the_catalogues():
    table = re.search(r"\| status \| meaning \|\n\|---\|---\|\n((?:\|.*\n)+)", DOC)[1]
    assert [row.split("|")[1].strip() for row in table.splitlines()] == labels.status_words()
