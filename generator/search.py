"""Extra words for the search index, so residents find pages however they type.

Pagefind folds tone marks but not đ, and knows nothing of abbreviations. Each page therefore
carries, in a block Pagefind indexes but readers never see, (1) its words with đ spelled
with d (title words weighted like a heading) and (2) the abbreviations and everyday synonyms
of the terms it uses, from the one curated glossary (content/glossary.yaml).
"""
from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import labels
from .kinds import GLOSSARY, GLOSSARY_LABEL, KINDS, search_label, url, url_for
from .text import fold, whole_words

if TYPE_CHECKING:
    from .content import Term
    from .model import Task


class Synonyms:
    """Per glossary term, the words a page using it also answers to; and per phrase the plans print,
    how residents say it (content/everyday-words.yaml: "băng rộng cố định" → "internet cáp quang").
    Abbreviations are found with one alternation pattern per build, full forms and phrases as whole
    words of the folded text (_words)."""

    def __init__(self, terms: list["Term"], everyday: "dict[str, tuple[str, ...]] | None" = None):
        self.by_abbr = {t.abbr: tuple(dict.fromkeys([t.abbr, fold(t.abbr), fold(t.full), *map(fold, t.also)]))
                        for t in terms}
        self.by_full = [(_words(t.full), self.by_abbr[t.abbr]) for t in terms if len(fold(t.full)) > 3]
        self.everyday = [(_words(phrase), tuple(dict.fromkeys(fold(e) for e in said)))
                         for phrase, said in (everyday or {}).items()]
        self.pattern = whole_words(list(self.by_abbr)) if self.by_abbr else None
        # Everyday phrases are words of the pair dictionary (Words), so "cap quang" is indexed as a pair.
        self.phrases = [fold(e) for said in (everyday or {}).values() for e in said]

    def found(self, text: str, words: str | None = None) -> list[str]:
        """The synonyms (folded phrases) of the terms and phrases this text uses (`words`: its _words,
        when the caller has them already)."""
        words = _words(text) if words is None else words
        found = [said for full, said in self.by_full if full in words]
        if self.pattern:
            found += [self.by_abbr[m] for m in dict.fromkeys(self.pattern.findall(text))]
        return list(dict.fromkeys(phrase for said in found for phrase in said)) + self.said(words)

    def said(self, words: str) -> list[str]:
        """How residents say the phrases these words (_words) hold. They are indexed as phrases too
        (pairs), unlike a glossary term's synonyms: a page naming an abbreviation is not about every
        phrase of its entry (the glossary page names them all)."""
        return list(dict.fromkeys(e for full, said in self.everyday if full in words for e in said))

    def respelled(self, name: str) -> list[str]:
        """A name (folded words) with each phrase residents say otherwise replaced by how they say it:
        "cac doanh nghiep vien thong …" → "cac nha mang …"."""
        spaced = f" {name} "
        found = [(full, words_folded(e)) for full, said in self.everyday if full in spaced for e in said]
        # Both in place of the phrase and beside it ("nha mang vien thong …" names it too).
        return [" ".join(spaced.replace(full, f" {e} ").split()) for full, e in found] + [f"{name} {e}" for _, e in found]

    def for_text(self, text: str, words: str | None = None) -> str:
        return " ".join(dict.fromkeys(" ".join(self.found(text, words)).split()))


def _words(text: str) -> str:
    """Folded words between spaces, punctuation dropped: " kham benh chua benh " (phrases match whole words)."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


_WORD = re.compile(r"[^\W_]+")


# Pair tokens carry this prefix, so they never coincide with a real word ("hoa" + "don" and "hoad"…)
# and the search page can tell them apart; it looks them up quoted (that very word: Pagefind answers
# an unknown unquoted word with the longest indexed word that starts it).
PAIR_PREFIX = "zz"
_RUN = re.compile(r"[^\W_]+(?:,?\s+[^\W_]+)*")  # words not separated by punctuation other than a comma ("khoa học, công nghệ")


def pairs(text: str, known: "set[str] | None" = None) -> list[str]:
    """Adjacent syllables as one folded token each ("học bạ số" → zzhocba zzbaso), so a phrase
    outranks pages where its syllables stand apart. Pairs cross a comma ("khoa học, công nghệ"), never other punctuation. With `known`,
    only pairs that are known words (Words) are kept, which keeps the index small."""
    out: dict[str, None] = {}
    for syllables in _runs(text):
        for a, b in zip(syllables, syllables[1:]):
            # Pagefind splits a word at its digits ("zz5gdat" → "zz", "5", "gdat"): a pair with a digit
            # would index a bare "zz" that every unknown pair then falls back to.
            if not (a + b).isalpha():
                continue
            if known is None or f"{a} {b}" in known:
                out[PAIR_PREFIX + a + b] = None
    return list(out)


class Words:
    """Which adjacent syllable pairs are words worth indexing: a dictionary built from the texts the
    portal itself publishes (glossary terms, guide keywords, plan texts). A pair counts when the
    glossary or a guide names it, or when it recurs in plan texts (`min_count` times)."""

    def __init__(self, named: "list[str]", texts: "list[str]", min_count: int = 2):
        counts: dict[str, int] = {}
        for text in texts:
            for pair in set(_pairs_spaced(text)):
                counts[pair] = counts.get(pair, 0) + 1
        self.known = {p for p, n in counts.items() if n >= min_count}
        for phrase in named:
            self.known.update(_pairs_spaced(phrase))

    def pairs(self, text: str) -> list[str]:
        return pairs(text, self.known)


def words_of(portal, guides, terms, synonyms: Synonyms) -> "Words | None":
    """The pair dictionary of this portal, or None to index every adjacent pair (PORTAL_SEARCH_PAIRS=all,
    for measuring; bench/search_words.py compares both and a word segmenter)."""
    if os.environ.get("PORTAL_SEARCH_PAIRS") == "all":
        return None
    named = [*(t.full for t in terms), *(a for t in terms for a in t.also),
             *(k for g in guides for k in (g.title, *g.keywords)),
             *(p.short_title for p in portal.plans.values()), *(p.locality for p in portal.plans.values()),
             *(u.name for u in portal.units.values()), *synonyms.phrases]
    texts = [*(t.text for t in portal.tasks.values()), *(t.output.text or "" for t in portal.tasks.values()),
             *(i.name for i in portal.indicators.values()), *(i.output.text or "" for i in portal.indicators.values()),
             *(g.description for g in guides), *(g.body for g in guides)]
    # A phrase a plan puts in quotes names something (mô hình “thôn thông minh”): a word, said once or not.
    named += [q for text in texts for q in _QUOTED.findall(text)]
    return Words(named, texts)


_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,60})[”\"]")


def _pairs_spaced(text: str) -> list[str]:
    return [f"{a} {b}" for syllables in _runs(text) for a, b in zip(syllables, syllables[1:]) if (a + b).isalpha()]


def _runs(text: str) -> list[list[str]]:
    """The folded syllables of each run of words (_RUN), commas dropped."""
    return [run.replace(",", " ").split() for run in _RUN.findall(fold(text))]


def folded(text: str) -> str:
    """Each distinct word that contains đ, spelled with d. Pagefind already folds every other
    diacritic (measured: "dich vu" finds "dịch vụ"), so only these words need a second spelling;
    a full folded copy would double the index for nothing."""
    return " ".join(dict.fromkeys(fold(w) for w in re.findall(r"\w*[đĐ]\w*", text)))


@dataclass(frozen=True)
class Block:
    parts: list[tuple[int, str]]  # (Pagefind weight, words), one hidden paragraph each

    @property
    def skip(self) -> int:
        """How many words the block puts at the start of the page's indexed text: the search page
        skips them when it picks a sentence to show (they are keywords, not prose)."""
        return sum(len(text.split()) for _, text in self.parts)


def block(title: str, body: str, keywords: str, weight: int, synonyms: Synonyms, words: "Words | None") -> Block:
    pair = words.pairs if words else pairs
    text = f"{title} {body}"
    in_text = _words(text)
    parts = [(weight, " ".join(filter(None, [keywords, folded(keywords), *pair(keywords)]))) if keywords else (0, ""),
             (6, " ".join(filter(None, [folded(title), *pair(title)]))),
             (2, " ".join(filter(None, [folded(body), synonyms.for_text(text, in_text), *pair(body),
                                        *(p for phrase in synonyms.said(in_text) for p in pair(phrase))])))]
    return Block([(w, text) for w, text in parts if text])


# Words residents use for a task's status beside the status names themselves; the search page
# applies the status filter for them instead of searching "quá", "hạn", "hành"…
# Keyed by the label catalogue's ids (generator/labels.py), whose labels are the filter's values.
STATUS_WORDS = {
    # Never a bare "trễ" or "chậm": folded, they are "trẻ" (trẻ em) and "chấm" (chấm điểm).
    "overdue": ["trễ hạn", "chậm tiến độ", "chậm trễ", "bị chậm", "không đúng hạn"],
    # Past the deadline and not reported, said the short way ("viec qua han chua bao cao").
    "past-due-unreported": ["quá hạn chưa báo cáo", "quá hạn chưa có báo cáo", "qua hạn chưa báo cáo", "trễ hạn chưa báo cáo"],
    "due-soon": ["gần đến hạn", "sắp hết hạn"],
    "done": ["đã xong", "đã hoàn thành", "làm xong"],  # not a bare "xong" ("sap nhap xong")
    "no-update": ["chưa có báo cáo", "chưa báo cáo", "chưa cập nhật"],
    "in-progress": ["đang làm", "đang thực hiện"],
    "not-started": ["chưa làm", "chưa thực hiện"],
}

# The heading of the updates page that says what each status means (theme/templates/updates.md.j2):
# asked "qua han nghia la gi", the search page offers it first.
STATUS_MEANINGS = "#y-nghia-cac-trang-thai"
# And the heading that counts each plan's tasks by status: "nhiem vu qua han" with no place offers it first.
STATUS_BY_PLAN = "#tinh-hinh-theo-ke-hoach"

# The heading of the about page that says how the portal marks what the scan lost or never said
# ("không đọc được trong bản gốc", "(*)", "không ghi trong bản gốc"): asked what a mark means, it comes first.
MARKS_EXPLAINED = "#nguyen-tac"
MARK_WORDS = ["không đọc được", "không ghi trong bản gốc", "bản gốc", "bản quét", "dấu sao", "dấu hoa thị", "ký hiệu"]

# When no task has the status the words name, the search page shows the nearest one, and says so:
# before any report, nothing is "quá hạn" (overdue by a report), but tasks past their deadline
# without a report are what a reader typing "nhiem vu qua han" is after.
NEAREST_STATUS = {"overdue": "past-due-unreported"}
# What every plan is about: a place named with only these ("cat hai chuyen doi so", "ke hoach hai an")
# names the place, and its plan and page are offered first.
PLAN_WORDS = ["kế hoạch", "kh", "chuyển đổi số", "cđs", "nghị quyết 57", "57", "thực hiện", "khoa học công nghệ",
              "đổi mới sáng tạo", "của", "ở", "tại", "về",
              # how far it has got ("dak cam da bao cao tien do chua", "ke hoach hai an lam den dau roi")
              "tiến độ", "báo cáo", "đã", "chưa", "rồi", "đến đâu", "tới đâu", "làm", "tình hình", "thế nào", "chậm", "không",
              "triển khai", "đang",
              "đúng hạn", "có kịp không",
              # the place as it was ("huyen cat hai", "tinh hai duong cu truoc sap nhap")
              "huyện", "cũ", "trước sáp nhập", "trước khi sáp nhập",
              # what it rests on ("hai an can cu van ban nao")
              "căn cứ", "văn bản",
              # what it holds or lacks ("dak cam thieu phu luc chi tieu", "vi sao dak cam khong co chi tieu")
              "chỉ tiêu", "phụ lục", "thiếu",
              # whether it is done, how much it holds ("hai an hoan thanh chua", "hai an co bao nhieu nhiem vu")
              "hoàn thành", "xong", "nhiệm vụ", "bao nhiêu", "việc", "sao", "vì sao", "tại sao", "cấp",
              # where it is ("dak cam thuoc tinh nao")
              "thuộc tỉnh nào", "thuộc tỉnh", "tỉnh nào", "thuộc", "ở đâu",
              # what it promised ("hai an hua xong gi 2025"): the plan is the promise
              "hứa", "đã hứa", "lời hứa", "cam kết"]

# With a status named, these say what is listed ("nhiem vu bi cham"), not words a page must hold.
TASK_WORDS = ["nhiệm vụ", "công việc", "việc", "những", "các", "nào", "trạng thái", "tình trạng"]

# Words that ask for a figure ("ty le dan dung vneid", "bao nhieu phan tram"): the pages of targets
# (indicators and their comparisons across localities) come before guides and tasks that merely use
# the same words. Indicator names mostly begin with "Tỷ lệ".
# "bao nhiêu" alone also asks what something costs ("mat bao nhieu tien lam chu ky so"): only with
# "người" or "phần trăm" does it ask for a figure; alone it is a question word (below).
FIGURE_WORDS = ["tỷ lệ", "tỉ lệ", "phần trăm", "chỉ tiêu", "chỉ số", "bao nhiêu người", "mấy phần trăm",
                "là bao nhiêu", "đạt bao nhiêu", "được bao nhiêu", "mục tiêu bao nhiêu", "mục tiêu"]
FIGURE_KINDS = ("indicator", "comparison")

# Words asking how to do something ("nop ho so truc tuyen the nao", "bi lua phai lam gi"): with no place
# named, the guides holding the other words come first; a plan says what a government will do, a guide
# how a resident does it.
HOW_TO_WORDS = ["thế nào", "như thế nào", "làm thế nào", "làm sao", "ở đâu", "phải làm gì", "cần làm gì",
                "bằng cách nào", "cách nào", "hướng dẫn cách", "cách dùng", "cách làm", "cách đăng ký", "cách cài"]

# Words asking when something is due ("so hoa ho so cat hai han nao", "bao gio xong"): of the pages holding
# the other words, the items with a deadline come first. Never a bare "hạn": folded, it is also "hạn chế".
DUE_WORDS = ["hạn nào", "hạn bao giờ", "hạn khi nào", "hạn chót", "thời hạn", "hết hạn", "đến hạn", "bao giờ xong",
             "khi nào xong", "xong chưa", "bao giờ", "khi nào", "hạn là", "hạn tới", "hạn đến"]
# ... but not since when ("bo cap huyen tu khi nao"): a date past, which the guides tell.
SINCE_WORDS = ["từ khi nào", "từ bao giờ", "từ lúc nào", "từ năm nào", "từ ngày nào"]

# Syllables of the bodies that issue documents ("thanh uy" of "nghi quyet 08 thanh uy hai phong"): beside a
# document and a place, they ask for the document; other words ask what the place does about it.
ISSUER_WORDS = ["uy", "ban", "thuong", "vu", "ubnd", "hdnd", "chinh", "phu", "trung", "uong", "quoc", "hoi", "nhan", "dan"]

# Words of a merger between two places named ("hai duong thanh hai phong", "hai duong nhap vao hai phong"):
# the guide about both (the two-level government one) is offered.
MERGER_WORDS = ["thành", "nhập", "nhập vào", "sáp nhập", "sáp nhập vào", "hợp nhất", "về", "vào", "trở thành", "giờ là", "bây giờ là"]
# With one place, a merger word or "cũ" asked why ("sao co ke hoach hai duong cu", "vi sao cat hai thanh dac khu"):
# the guide about the place's merger.
WHY_WORDS = ["vì sao", "tại sao", "sao"]
FORMER_WORDS = ["cũ", "trước sáp nhập", "mới", "có kế hoạch"]  # "sao van co ke hoach hai duong": why it has one at all
# Or asked where it belongs now ("hai duong cu nay thuoc dau"), or named by the kind of place it was
# before districts went ("quan hai an cu", "huyen cat hai gio la dac khu").
NOW_WORDS = ["nay thuộc", "thuộc đâu", "nay là", "bây giờ", "giờ là", "hiện nay", "giờ thuộc"]
FORMER_KINDS = ["quận", "huyện", "thị xã"]

# Words asking to compare places ("so sanh chu ky so giua cac dia phuong"): the comparison pages of
# the other words come first. (Otherwise a comparison is indexed low: an indicator's own page first.)
COMPARE_WORDS = ["so sánh", "so với", "giữa các địa phương", "các địa phương", "giữa các phường", "các phường", "nơi nào",
                 "các nơi", "những nơi", "mỗi nơi"]
# With only these besides ("so sanh muc tieu giua cac phuong va tinh"), the list of comparisons is the answer.
# Never a bare "đặt"/"đạt": folded, "dat" is also "đất" (đất đai).
COMPARE_GENERIC = ["mục tiêu", "chỉ tiêu", "tỉnh", "phường", "thành phố", "đặc khu", "xã", "và", "với", "các", "giữa",
                   "trang", "bảng", "đặt mục tiêu", "đặt ra", "đề ra", "bao nhiêu",
                   # which place aims highest ("noi nao kinh te so cao nhat"): the comparison shows it
                   "cao nhất", "thấp nhất", "cao hơn", "thấp hơn", "nhiều nhất", "ít nhất"]

# A query for a whole list ("cac van ban nghi quyet", "danh sach don vi duoc giao viec"): a word
# asking for a list, the nouns of one list page, and nothing else but these general words.
LIST_WORDS = ["danh sách", "tất cả", "toàn bộ", "các", "những", "tra cứu", "xem"]
LIST_NOUNS = {"documents": ["văn bản", "nghị quyết", "quyết định", "kết luận", "thông tư", "nghị định"],
              "plans": ["kế hoạch", "kế hoạch địa phương", "kế hoạch các địa phương"], "units": ["đơn vị", "cơ quan", "phòng ban"],
              "guides": ["hướng dẫn", "bài hướng dẫn"]}
LIST_GENERIC = ["trang", "liên quan", "trên cổng", "đăng", "được giao việc", "được giao nhiệm vụ", "giao nhiệm vụ", "có nhiệm vụ",
                "được giao", "hiện có", "nào", "đang có", "thực hiện kế hoạch", "tham gia kế hoạch", "thực hiện",
                "chịu trách nhiệm", "chủ trì", "phối hợp", "phụ trách", "được viện dẫn", "viện dẫn"]

# Words asking for a plan's scan ("ban quet ke hoach cat hai"): with a place named, its scan page.
SCAN_WORDS = ["bản quét", "bản gốc", "bản scan", "bản chụp", "văn bản gốc", "pdf", "ocr"]

# Words asking for data to download ("tai excel chi tieu", "csv nhiem vu cat hai"): with a place, its
# plan's page (its tables as CSV); without, the open data page. Never "tải" alone ("tai vneid").
DOWNLOAD_WORDS = ["excel", "csv", "xlsx", "bảng tính", "file dữ liệu", "tải dữ liệu", "tải về máy", "dữ liệu mở",
                  "tải về dữ liệu", "tải toàn bộ"]

# Question words around what residents look for ("hoc ky nang so o dau"): left out of the query
# when other words remain, so a page need not contain them.
QUESTION_WORDS = ["ở đâu", "như thế nào", "thế nào", "làm sao", "làm thế nào", "là gì", "bao giờ", "khi nào",
                  "có không", "được không", "cần gì", "cho tôi hỏi", "tìm", "xem", "cách nào",
                  # "how to" ("cach dung vneid"): never "cách" alone, which begins "cách mạng"
                  "cách dùng", "cách sử dụng", "cách làm", "hướng dẫn cách",
                  "bao nhiêu", "nghĩa là gì", "có nghĩa là gì", "nghĩa là", "là sao", "nghĩa là sao",
                  "còn bao nhiêu ngày", "còn mấy ngày", "xong chưa", "bao giờ xong", "khi nào xong",
                  "hạn nào", "hạn bao giờ", "hạn khi nào",
                  # what a unit or place does ("c06 cong an phoi hop viec gi", "cat hai lam gi ve cds")
                  "làm gì", "cần làm gì", "phải làm gì", "làm những gì", "được giao gì", "được giao việc gì", "phối hợp việc gì", "phụ trách gì",
                  "chịu trách nhiệm gì",
                  # "who": never "ai" alone, which is also AI
                  "ai theo dõi", "ai phụ trách", "ai chịu trách nhiệm", "ai làm", "ai đôn đốc", "ai thực hiện",
                  "vì sao", "tại sao", "giao gì", "giao việc gì", "được giao những việc gì", "những việc gì",
                  "làm những việc gì", "có những nhiệm vụ gì", "nhiệm vụ gì", "đã làm đến đâu", "đến đâu rồi"]

# Words asking who follows a whole plan up ("ai phu trach ke hoach hai an", "ai lam dau moi ke hoach 57
# phuong hai an"): with a place and nothing else, the plan's item naming its focal point.
# Not "theo dõi" or "làm" ("theo doi tien do hai an", "hai an lam den dau" ask how far the plan has got).
FOLLOW_UP_WORDS = ["đầu mối", "đôn đốc", "chịu trách nhiệm", "phụ trách", "chủ trì"]


def follow_up(items: "list[Task]") -> "Task | None":
    """Of a plan's implementation items (in order), the one saying who follows the plan up: the first
    naming a focal point ("đầu mối"), else the first that both monitors and urges ("theo dõi", "đôn đốc")."""
    said = lambda item, *words: all(w in item.text.lower() for w in words)  # noqa: E731
    return next((i for i in items if said(i, "đầu mối")), None) or next((i for i in items if said(i, "theo dõi", "đôn đốc")), None)


# Words asking what something means ("chua co bao cao la sao", "tam dung khac khong tiep tuc"): with a
# status or an abbreviation and nothing else, its explanation comes first.
MEANING_WORDS = ["là gì", "là sao", "nghĩa là", "nghĩa là gì", "nghĩa là sao", "có nghĩa là", "có nghĩa là gì",
                 "ý nghĩa", "nghĩa gì", "là thế nào", "hiểu thế nào", "khác gì", "khác nhau", "khác",
                 "còn bao nhiêu ngày", "còn mấy ngày"]

# Words asking who does something ("ai phu trach viec trien khai tro ly ao"): the words of doing
# ("việc", "triển khai") then say nothing a task page must hold, and the unit leading the first task
# found is shown right after it.
# Not "đơn vị phụ trách": "danh sach don vi phu trach" asks for the list of units.
WHO_WORDS = ["ai phụ trách", "ai chịu trách nhiệm", "ai làm", "ai thực hiện", "ai theo dõi", "ai đôn đốc", "ai lo",
             "đơn vị nào", "cơ quan nào", "đơn vị lo", "phòng nào", "ai chủ trì"]
DOING_WORDS = ["việc", "công việc", "triển khai", "thực hiện", "việc triển khai", "việc thực hiện"]

# What a unit does, said beside its name ("cong an tinh hai duong nhiem vu", "c06 bo cong an phoi hop"):
# left out when looking for the unit's page by its name.
UNIT_ROLE_WORDS = ["nhiệm vụ", "phối hợp", "chủ trì", "phụ trách", "được giao", "công việc", "việc", "theo dõi", "chỉ tiêu",
                   "tiến độ", "tình hình", "đôn đốc", "giám sát", "tổng hợp", "báo cáo", "kiểm tra", "lo",
                   "hạn", "thời hạn", "hạn chót", "tháng", "giao chỉ tiêu", "giao nhiệm vụ", "giao việc"]

# Words asking for a place's printable page ("in ma qr dan bang tin cat hai").
PRINT_WORDS = ["bản in", "in ra", "mã qr", "bảng tin", "a4", "tờ rơi"]  # not "dán": folded, it is "dân"

# Function words ("co", "o", "cua" in "bao nhieu nguoi co vneid o hai an"): a page need not hold
# them to count as holding the query, unless they make a word with a neighbour that the index
# knows ("có" in "cơ quan"/"co quan", "tại" in "tài khoản"/"tai khoan": the search page checks).
OPTIONAL_WORDS = ["có", "ở", "của", "cho", "và", "với", "thì", "là", "được", "những", "các", "về", "tại",
                  "trong", "nào", "gì", "tôi", "mình", "em", "nhé", "ạ", "ơi", "đã", "đang", "sẽ", "như", "thế",
                  "này", "đó", "bị", "phải", "muốn", "cần", "cũ", "không",
                  # scope ("6g toan phuong hai an"): pages say "trên địa bàn" as often
                  "toàn"]


# Shorthand of text messages, read as the words it stands for before anything else ("cmnd con dung dc ko"):
# residents type on phones as they text. Only forms that are no word of their own in the plans.
SHORTHAND = {"dc": "được", "đc": "được", "ko": "không", "k": "không", "kg": "không", "khg": "không", "hok": "không",
             "hem": "không", "ntn": "như thế nào", "bn": "bao nhiêu", "j": "gì", "cx": "cũng", "vs": "với",
             "mn": "mọi người", "ng": "người", "nc": "nước", "đt": "điện thoại", "dt": "điện thoại", "bít": "biết",
             # the city, as written in messages and signs ("so noi vu hp")
             "hp": "hải phòng"}

# Appendix and group numbers as printed ("Phụ lục II", "III."); the search page reads the query's the same way.
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def _figure(number: str | None) -> str:
    """A printed number as typed: folded syllables, a roman numeral as its figure ("III." → "3", "7.1" → "7 1")."""
    syllables = words_folded(number or "").split()
    return " ".join(str(ROMAN.get(s, s)) for s in syllables)


def numbered_targets(plans, indicators: dict) -> dict[str, list[list[str]]]:
    """Each plan's targets by their printed numbers, for a query citing one ("chi tieu 27 phu luc 2";
    data/search-targets.json, fetched by the search page only for such a query): per plan filter value,
    [appendix number ("" for a table of the plan's text), group number, item number, url, title]."""
    by_id = {p.id: p for p in plans}
    tables = {(p.id, t.id): t for p in by_id.values() for t in p.indicator_tables}
    found: dict[str, list[list[str]]] = {}
    for ind in indicators.values():
        if ind.plan not in by_id or not ind.printed_number:
            continue
        label = tables[ind.plan, ind.table].label
        appendix = words_folded(label)
        appendix = _figure(appendix[len("phu luc"):]) if appendix.startswith("phu luc ") else ""
        group = next((_figure(g) for g in reversed(ind.group_numbers) if g), "")
        found.setdefault(by_id[ind.plan].short_title, []).append(
            [appendix, group, _figure(ind.printed_number), ind.url, f"{label}, chỉ tiêu {ind.printed_number}: {ind.name}"])
    return found


def numbered_tasks(plans, tasks: dict) -> dict[str, list[list[str]]]:
    """Each plan's items by the names their pages give them ("Nhiệm vụ 3.2", "Phân công 48"), for a query
    citing one ("nhiem vu 3.2 hai an", "pc 48 hai duong"; data/search-tasks.json, fetched by the search page
    only for such a query): per plan filter value, [folded name, url, title, kind]. Items printed without a
    number, or numbered by a letter or a roman numeral only, are left out: no one cites them so."""
    by_id = {p.id: p for p in plans}
    found: dict[str, list[list[str]]] = {}
    for t in tasks.values():
        if t.plan not in by_id or not re.search(r"\d", t.number or ""):
            continue
        name = words_folded(t.name)
        title = t.text if len(t.text) <= 90 else t.text[:89].rsplit(" ", 1)[0] + "…"
        found.setdefault(by_id[t.plan].short_title, []).append([name, t.url, f"{t.name}: {title}", search_label("task", t)])
    return found


# Words a name of a unit, document or page need not match ("và", "các", "tỉnh", "phường"…): the search page
# compares a query's words with a name's without them (hints "filler").
NAME_FILLER = ["va", "cac", "cho", "tinh", "thanh", "pho", "phuong", "xa", "dac", "khu", "cua", "tp"]


def _beyond_title(title: str, words: str) -> str:
    """A suggestion's folded words without its title's: the search page folds the title and adds them back."""
    own = set(words_folded(title).split())
    return " ".join(w for w in words.split() if w not in own)


def _distinct_word_sets(names: set[str]) -> list[str]:
    """The names, one per set of words besides the filler: the search page compares a query's words with a
    name's as sets, so "phong kinh te cat hai" says nothing "phong kinh te dac khu cat hai" does not. The
    one with most distinct words is kept (the shortest of those): the kind of place typed ("dac khu") is
    read from the name as written."""
    kept: dict[frozenset, str] = {}
    for name in sorted(names, key=lambda n: (-len(set(n.split())), len(n), n)):
        kept.setdefault(frozenset(w for w in name.split() if w not in NAME_FILLER), name)
    return sorted(kept.values())


def _follow_up_bet(items: "list[Task]", unit_names: dict[str, str]) -> "dict | None":
    """The best bet for "who follows up this plan": of its implementation items, the follow-up one,
    titled by the unit it names."""
    item = follow_up(items)
    if not item:
        return None
    who = ", ".join(unit_names[u] for u in item.lead if u in unit_names)
    said = "Đầu mối theo dõi kế hoạch" if "đầu mối" in item.text.lower() else "Theo dõi, đôn đốc kế hoạch"
    return {"url": item.url, "title": f"{said}: {who or item.name}", "kind": search_label("task", item)}


def hints(guides, plans, documents, terms, units=(), synonyms: "Synonyms | None" = None, localities=(),
          comparisons=(), indicators: "dict | None" = None, tasks: "dict | None" = None,
          sections: "dict[str, tuple[str, list[str]]] | None" = None) -> dict:
    """What the search page knows beyond Pagefind's index (data/search-hints.json):
    - bets: curated "best bets": a query that is exactly (or the start of) a plan's or place's name, a document
      symbol, a guide keyword or an abbreviation shows that page first, in that order of precedence;
    - statuses: the status filter's values (as the pages carry them) and the folded phrases that mean them;
    - suggest: guides (with the everyday words of the phrases they explain) and glossary terms with
      their folded words beyond the title's (the search page folds the title), offered when nothing matches well;
    - units: each unit's page with its folded names: a query naming a unit shows its page first;
    - titles: the same for each document by its title (trích yếu);
    - sections: the same for the portal's own pages (the lists, open data, about…) by their titles and keywords;
    - plans: the plan filter's values with the folded place names that mean them (a query naming
      the place favours that plan's pages; naming two places asks to compare them), its scan page, and
      the item saying who follows the plan up ("ai phu trach ke hoach hai an");
    - targets: where the targets by their printed numbers are (numbered_targets), for a query citing one;
    - scan: words asking for a plan's scan; prints: words asking for a place's printable page, and those pages;
    - unit_roles: what a unit does, left out when a query names a unit;
    - lists: words asking for a whole list, and the list pages with the nouns that name them;
    - figures: words that ask for a figure, and the kinds of pages (targets) they favour;
    - compare: words that ask to compare places, and the kind of page they favour;
    - questions: question words left out of the query; meaning: words asking what a status or term means;
      optional: function words a page need not hold;
    - status_help: where the statuses are explained, for a query asking what one means;
    - status_by_plan: where each plan's tasks are counted by status, for status words naming no place;
    - marks: words of the marks the portal puts where a scan lost a value, and where they are explained;
    - plan_words: what every plan is about, left out to see whether a query names just a place;
    - task_words: words saying what a status lists ("nhiệm vụ"), left out when a status is named;
    - comparisons, compared_by: the comparison pages, and per indicator page the comparison it is in:
      a query naming no place gets the comparison (every place's target) before the indicator;
    - dated: plans, then documents, by the day they were issued; plans also carry their signer;
    - downloads: words asking for data, and the open data page they offer (with a place: its plan's page);
    - who: words asking who does something, the words of doing then not searched, and the words
      asking who follows up a whole plan;
    - plan_kind, place_kind, glossary_kind, target_kind: the kind labels of pages the search page ranks apart;
    - pair_prefix: how syllable pairs are spelled in the index."""
    plain = lambda *texts: " ".join(dict.fromkeys(" ".join(words_folded(t) for t in texts).split()))  # noqa: E731
    bets = []
    placed_later = []
    for p in plans:
        place = _place(p.locality)
        bet = {"url": p.url, "title": p.short_title, "kind": search_label("plan", p)}
        places = {*_spellings(p.locality), *_spellings(place)}
        # A department's plan ("Sở Nội vụ Hải Phòng") is named by its own name; its place alone ("hai phong")
        # names the place's page first, then the plan.
        later = bool(_own_name(p))
        bets.append({**bet, "phrases": sorted({fold(p.short_title), fold(p.symbol or ""), _own_name(p),
                                              *(() if later else places)} - {""})})
        if later:
            placed_later.append({**bet, "phrases": sorted(places)})
    # A place's own page comes next to its plan ("hai phong": the city's page, its plans and units).
    localities = list(localities)
    for loc in localities:
        # The province a plan printed, when the portal has no other place under it ("kon tum": Đăk Cấm).
        printed = {p.province for p in loc.plans if p.province} - {loc.name}
        alone = {name for name in printed if sum(name in {p.province for p in other.plans} for other in localities) == 1}
        bets.append({"url": url_for(loc), "title": loc.title, "kind": search_label("locality", loc),
                     "phrases": sorted({*_spellings(loc.name), *_spellings(_place(loc.name)), *_short_names(loc.name),
                                        *(s for name in alone for s in (*_spellings(name), *_spellings(_place(name))))})})
    bets += placed_later
    for d in documents:
        bets.append({"url": d.url, "title": f"{d.kind or 'Văn bản'} {d.symbol}", "kind": search_label("document", d),
                     "phrases": sorted({fold(d.symbol), fold(f"{d.kind or ''} {d.symbol}").strip()})})
    for g in guides:
        # The glossary lists every abbreviation among its keywords; those are served per term below.
        words = (g.title,) if g.slug == GLOSSARY else (g.title, *g.keywords)
        bets.append({"url": g.url, "title": g.title, "kind": search_label("guide", g),
                     "phrases": sorted({fold(p) for p in words})})
    # An abbreviation is a bet too ("cds": its explanation); the search page makes those bets from the
    # terms in `suggest` (the same address and title), which keeps this file, part of every first search, small.
    # By number: its kind ("nghi quyet") and the letters of its symbol ("nq", "tw") name it; its issuer's
    # words only help choose ("ke hoach 359 quang ngai").
    documents_list = [{"url": d.url, "title": f"{d.kind or 'Văn bản'} {d.symbol}", "kind": search_label("document", d),
                       "number": _number(d.symbol), "type": words_folded(d.kind or "văn bản"),
                       "letters": _letters(d.symbol), "words": plain(d.issuer or "")}
                      for d in documents if _number(d.symbol)]
    documents_list += [{"url": p.url, "title": p.short_title, "kind": search_label("plan", p), "number": _number(p.symbol),
                        "type": words_folded("kế hoạch"), "letters": _letters(p.symbol or ""), "words": plain(p.locality)}
                       for p in plans if _number(p.symbol or "")]
    spelled = _spelled_out(terms)
    names = lambda u: {words_folded(f"{n} {_place(u.locality)}") for n in (u.name, u.short_name, *u.aliases)}  # noqa: E731
    respelled = synonyms.respelled if synonyms else (lambda name: [])
    unit_list = [{"url": u.url, "title": u.name, "kind": search_label("unit", u),
                  "names": _distinct_word_sets(names(u) | {spelled(n) for n in names(u)} | {r for n in names(u) for r in respelled(n)})}
                 for u in units]
    # A document named by its title (trích yếu) is offered first, as a unit named by its name is.
    title_list = [{"url": d.url, "title": f"{d.kind or 'Văn bản'} {d.symbol}", "kind": search_label("document", d),
                   "names": [words_folded(d.title)]} for d in documents if d.title]
    # The portal's own pages by their titles ("du lieu mo", "huong dan cho nguoi dan"), as a unit by its name.
    # (The search page folds the titles itself: hints.json is part of every first search.)
    # Their keywords too, folded here ("trang nay cua ai": the about page).
    section_list = [{"url": url(kind), "title": title, "kind": KINDS[kind].crumb,
                     **({"names": sorted({words_folded(k) for k in keywords})} if keywords else {})}
                    for kind, (title, keywords) in (sections or {}).items() if title]
    unit_names = {u.id: u.name for u in units}
    implementation: dict[str, list] = {}
    for t in (tasks or {}).values():
        if t.kind == "implementation":
            implementation.setdefault(t.plan, []).append(t)
    follow = {p.id: _follow_up_bet(implementation.get(p.id, []), unit_names) for p in plans}
    plan_list = [{"value": p.short_title, "phrases": sorted({*_spellings(p.locality), *_spellings(_place(p.locality))}),
                  "url": p.url, "scan": url("source", p.source_file),
                  "names": sorted({words_folded(p.short_title), _own_name(p)} - {""}),
                  **({"signer": words_folded(p.signer.name)} if p.signer and p.signer.name else {}),
                  **({"follow_up": follow[p.id]} if follow[p.id] else {})}
                 for p in plans]
    # By the date it was issued ("ke hoach ngay 09/10/2025"): plans first, then documents.
    dated = [{"url": x.url, "title": x.short_title, "kind": search_label("plan", x), "date": x.date.isoformat()}
             for x in plans if x.date]
    dated += [{"url": d.url, "title": f"{d.kind or 'Văn bản'} {d.symbol}", "kind": search_label("document", d),
               "date": d.date.isoformat()} for d in documents if d.date]
    # A guide is also offered for the everyday words of what it explains ("bi hack" → safety online).
    said = (lambda g: synonyms.said(_words(f"{g.title} {g.description} {g.body}"))) if synonyms else (lambda g: [])
    suggest = [{"url": g.url, "title": g.title, "kind": search_label("guide", g),
                "words": _beyond_title(g.title, plain(g.title, g.description, *g.keywords, *said(g)))}
               for g in guides if g.slug != GLOSSARY]
    suggest += [{"url": f"{url('guide', slug=GLOSSARY)}#{t.abbr}", "title": f"{t.abbr}: {t.full}", "kind": GLOSSARY_LABEL,
                 "words": _beyond_title(f"{t.abbr}: {t.full}", plain(t.abbr, t.full, *t.also))} for t in terms]
    # The status filter's values are the catalogue's labels (the pages carry label(id)).
    statuses = {**labels.STATUSES, **labels.COMPUTED}
    status_list = [{"value": s.vi, "phrases": sorted({words_folded(w) for w in [s.vi, *STATUS_WORDS.get(s.id, [])]}),
                    **({"nearest": statuses[NEAREST_STATUS[s.id]].vi} if s.id in NEAREST_STATUS else {})}
                   for s in statuses.values()]
    comparisons = list(comparisons)
    # [url, name] pairs and their one kind label: this file is part of every first search.
    compare_list = {"kind": search_label("comparison", None), "pages": [[c.url, c.name] for c in comparisons]}
    compared_by: dict[str, int] = {}
    for i, c in enumerate(comparisons):
        for key in c.members:
            if indicators and key in indicators:
                compared_by.setdefault(indicators[key].url, i)
    return {"pair_prefix": PAIR_PREFIX, "bets": bets, "comparisons": compare_list, "compared_by": compared_by,
            "statuses": status_list, "suggest": suggest,
            # What a query the site does not answer is offered when no guide or term is close.
            "all_guides": {"url": url("guides"), "title": (sections or {}).get("guides", ("",))[0] or KINDS["guides"].crumb,
                           "kind": search_label("guide", None)},
            "units": unit_list, "titles": title_list, "sections": section_list, "plans": plan_list, "documents": documents_list, "dated": dated, "plan_kind": search_label("plan", None), "target_kind": search_label("indicator", None), "targets": url("search-targets"), "numbered_tasks": url("search-tasks"), "glossary_kind": GLOSSARY_LABEL, "place_kind": search_label("locality", None),
            "figures": {"phrases": sorted({words_folded(w) for w in FIGURE_WORDS}),
                        "kinds": [search_label(kind, None) for kind in FIGURE_KINDS]},
            "how_to": {"words": _longest_first(HOW_TO_WORDS), "kind": search_label("guide", None)},
            "merger": _longest_first(MERGER_WORDS), "issuer_words": ISSUER_WORDS,
            "filler": NAME_FILLER, "why_merged": {"why": _longest_first(WHY_WORDS), "former": _longest_first(FORMER_WORDS),
                           "now": _longest_first(NOW_WORDS), "kinds": _longest_first(FORMER_KINDS)},
            "due": {"words": _longest_first(DUE_WORDS), "since": _longest_first(SINCE_WORDS),
                    "years": sorted({str(t.deadline_date.year) for t in (tasks or {}).values() if t.deadline_date})},
            "shorthand": {words_folded(k): words_folded(v) for k, v in SHORTHAND.items()},
            "questions": _longest_first([*QUESTION_WORDS, *WHO_WORDS]),
            "meaning": _longest_first(MEANING_WORDS),
            "who": {"words": _longest_first(WHO_WORDS), "doing": _longest_first(DOING_WORDS),
                    "follow_up": _longest_first(FOLLOW_UP_WORDS)},
            "optional": sorted({words_folded(w) for w in OPTIONAL_WORDS}),
            "scan": _longest_first(SCAN_WORDS),
            "downloads": {"words": _longest_first(DOWNLOAD_WORDS),
                          "page": {"url": url("open-data"), "title": KINDS["open-data"].crumb, "kind": KINDS["open-data"].crumb}},
            "unit_roles": _longest_first(UNIT_ROLE_WORDS),
            "prints": {"words": _longest_first(PRINT_WORDS),
                       "pages": [{"url": url("locality-print", loc), "title": f"{loc.title}: bản in A4 có mã QR",
                                  "kind": search_label("locality", loc),
                                  "phrases": sorted({*_spellings(loc.name), *_spellings(_place(loc.name))})} for loc in localities]},
            "lists": {"words": _longest_first(LIST_WORDS),
                      "generic": _longest_first(LIST_GENERIC),
                      "pages": [{"url": url(kind), "title": KINDS[kind].crumb, "kind": KINDS[kind].crumb,
                                 "nouns": _longest_first(nouns)}
                                for kind, nouns in LIST_NOUNS.items()]},
            "compare": {"phrases": _longest_first(COMPARE_WORDS),
                        "kind": search_label("comparison", None),
                        "generic": _longest_first(COMPARE_GENERIC),
                        "list": {"url": url("comparisons"), "title": KINDS["comparisons"].crumb + " chỉ tiêu giữa các địa phương",
                                 "kind": KINDS["comparisons"].crumb}},
            "plan_words": _longest_first(PLAN_WORDS),
            "task_words": _longest_first(TASK_WORDS),
            "status_help": {"url": url("updates") + STATUS_MEANINGS, "title": "Ý nghĩa các trạng thái",
                            "kind": KINDS["updates"].crumb},
            "status_by_plan": {"url": url("updates") + STATUS_BY_PLAN, "title": "Tình hình theo kế hoạch: số việc theo trạng thái",
                               "kind": KINDS["updates"].crumb},
            "marks": {"words": _longest_first(MARK_WORDS),
                      "page": {"url": url("about") + MARKS_EXPLAINED, "title": "Cổng ghi thế nào chỗ bản quét hỏng, không ghi, hoặc đọc từ ngữ cảnh (*)",
                               "kind": KINDS["about"].crumb}}}


def _longest_first(words) -> list[str]:
    """Folded phrases, longest first: the search page removes the longest match first ("nghia la gi" before "la gi")."""
    return sorted({words_folded(w) for w in words}, key=lambda w: (-len(w), w))


def _spelled_out(terms) -> "Callable[[str], str]":
    """Folded words with each one-word abbreviation of the glossary spelled out ("uy ban mttq …" →
    "uy ban mat tran to quoc viet nam …"), so a unit is named either way."""
    full = {words_folded(t.abbr): words_folded(t.full) for t in terms if len(words_folded(t.abbr).split()) == 1}
    return lambda words: " ".join(full.get(w, w) for w in words.split())


def _letters(symbol: str) -> list[str]:
    """The letter groups of a symbol ("57-NQ/TW" → nq, tw), as a reader types them."""
    return sorted({w for w in words_folded(symbol).split() if w.isalpha()})


def _number(symbol: str) -> str:
    """The number a document symbol starts with ("359-KH/TU" → "359"), without leading zeros kept apart."""
    m = re.match(r"\s*0*(\d+)", symbol or "")
    return m.group(1) if m else ""


def _own_name(plan) -> str:
    """A plan's name without its place, when that is more than the kind of place: "so noi vu" for
    "Sở Nội vụ Hải Phòng", nothing for "Phường Hải An"."""
    rest = words_folded(plan.short_title.replace(_place(plan.locality), ""))
    return "" if rest in {"phuong", "xa", "dac khu", "tinh", "thanh pho"} else rest


def _spellings(place: str) -> set[str]:
    """A place's folded name as residents also type it: "Đăk Cấm" is typed "dak cam" and "dac cam"."""
    folded = fold(place)
    return {folded, re.sub(r"\bdak\b", "dac", folded)}


def _short_names(locality: str) -> set[str]:
    """How a place is written in short: "tp hai phong" for thành phố Hải Phòng."""
    short = {"thành phố": "tp", "phường": "p", "tỉnh": "t"}
    prefix = next((p for p in short if locality.lower().startswith(p + " ")), None)
    return {fold(f"{short[prefix]} {_place(locality)}")} if prefix else set()


def _place(locality: str) -> str:
    return re.sub(r"^(phường|xã|đặc khu|tỉnh|thành phố)\s+", "", locality, flags=re.IGNORECASE)


def words_folded(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


PRELOAD_MARKER = "<!-- pagefind-preload -->"


def preload_links(site_dir: Path) -> None:
    """Once Pagefind has indexed the site, point the search page at the files its first query needs
    (entry, metadata, WebAssembly) so a slow phone fetches them while the page loads rather than
    in a chain of round trips later. The entry file is normally fetched with a fresh timestamp
    (never cached); `pagefind-tag` gives Pagefind (metaCacheTag) a fixed one per index instead."""
    page = site_dir / url("search") / "index.html"
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    if not page.exists() or len(entry["languages"]) != 1:
        return  # one language is what the portal writes; with several, Pagefind picks at run time
    language, index = next(iter(entry["languages"].items()))
    tag = index["hash"]
    up = "../" * url("search").count("/")  # relative, like every link MkDocs writes
    files = [f"pagefind-entry.json?ts={tag}", f"pagefind.{tag}.pf_meta", f"wasm.{index['wasm'] or 'unknown'}.pagefind"]
    links = [f'<meta name="pagefind-tag" content="{html.escape(tag)}">',
             f'<meta name="pagefind-pages" content="{int(index["page_count"])}">'] + [
        f'<link rel="preload" as="fetch" crossorigin href="{up}pagefind/{html.escape(f)}">' for f in files]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(PRELOAD_MARKER, "\n".join(links), 1), encoding="utf-8")
