"""Residents' everyday words (content/everyday-words.yaml) find the pages that use the plans' official
phrase: "internet cáp quang" finds "băng rộng cố định"; a mistake in the file is reported with its line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.content import load_everyday_words, load_glossary
from generator.errors import DataError
from generator.search import PAIR_PREFIX, Synonyms, block

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIBRE = "Tỷ lệ người sử dụng có khả năng truy nhập băng rộng cố định với tốc độ trên 1Gb/s."


def _indexed(text: str) -> str:
    synonyms = Synonyms(load_glossary(CONTENT), load_everyday_words(CONTENT))
    return " ".join(words for _, words in block(text, "", "", 0, synonyms, None).parts)


def test_a_page_using_the_official_phrase_answers_to_the_everyday_words_and_their_phrase():
    indexed = _indexed(FIBRE).split()
    assert {"internet", "cap", "quang"} <= set(indexed)
    assert f"{PAIR_PREFIX}capquang" in indexed  # "cap quang" as a phrase, not two syllables anywhere


def test_phrases_match_whole_words_across_punctuation():
    assert "online" in _indexed("Khám bệnh, chữa bệnh trực tuyến.").split()
    assert "online" not in _indexed("Các trực tuyếnx").split()


def test_a_page_naming_an_abbreviation_gets_its_words_but_not_its_phrases():
    """The glossary page names every abbreviation: pairs of every entry would make it match every phrase."""
    indexed = _indexed("Tài khoản VNeID của người dân.").split()
    assert "vneid" in indexed and f"{PAIR_PREFIX}dinhdanh" not in indexed


def test_every_entry_names_a_phrase_and_its_everyday_words():
    words = load_everyday_words(CONTENT)
    assert len(words) >= 20
    assert all(phrase.strip() and said and all(s.strip() for s in said) for phrase, said in words.items())


@pytest.mark.parametrize("text, line, field", [
    ("words:\n- phrase: trực tuyến\n  everyday: online\n", 3, "everyday"),
    ("words:\n- phrase: trực tuyến\n  everyday: [online]\n- everyday: [app]\n", 4, "phrase"),
    ("words: [\n", 2, None),
    ("- phrase: x\n", 1, "words"),
])
def test_a_mistake_in_the_file_names_file_line_and_field(tmp_path, text, line, field):
    (tmp_path / "everyday-words.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_everyday_words(tmp_path)
    problem = caught.value.problem
    assert (problem.file, problem.line, problem.field) == ("content/everyday-words.yaml", line, field)
    assert problem.message_vi


def test_a_document_named_by_its_title_is_a_search_hint(site_dir):
    hints = json.loads((site_dir / "data" / "search-hints.json").read_text(encoding="utf-8"))
    titles = {t["url"]: t["names"] for t in hints["titles"]}
    assert titles["van-ban/02-2025-tt-bgddt/"] == ["khung nang luc so cho nguoi hoc"]
