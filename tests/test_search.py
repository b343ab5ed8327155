"""Search as residents type it, in headless Chromium: the original query set (tests/search_queries.yaml)
and the held-out half the ranking was never tuned on (only its aggregate figures are printed). The
tuning sets are for tuning: tests/search_eval.py prints them query by query."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from generator import labels, search
import yaml

from conftest import AS_OF, OUTPUT
from generator.progress import all_states

pytest.importorskip("playwright.sync_api")
from search_eval import SETS, TUNING_SETS, evaluate, load  # noqa: E402

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yaml")).read_text(encoding="utf-8"))["queries"]
TUNING, TUNING_NO_MATCH = load(SETS["tuning half"])
HELD_OUT, HELD_OUT_NO_MATCH = load(SETS["held-out half"])
MUST_BE_FIRST = ["dinh danh dien tu", "dang ky", "dich vu cong truc tuyen", "binh dan hoc vu so", "cds", "vneid muc 2"]
# Measured 2026-11-25 on the five-plan site: top-1 93.8 %, top-3 100 % (README, "Search").
MIN_TOP1, MIN_TOP3 = 0.85, 0.95
# The budget for what the search feature downloads for the first query (Pagefind's engine,
# index chunks and excerpts, search.js, best bets; gzip): measured 144.5 KB with Pagefind's index
# chunks at 2,000 positions (generator/build.py, README "Search").
MAX_SEARCH_KB = 150


@pytest.fixture(scope="module")
def report(server, browser):
    result = evaluate(server, QUERIES, browser)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "search-eval.txt").write_text(result.text() + "\n", encoding="utf-8")
    return result


def test_query_set_is_large_and_mixed():
    assert len(QUERIES) >= 40
    assert any(q["q"].isascii() for q in QUERIES) and any(not q["q"].isascii() for q in QUERIES)


def test_hit_rates(report, capsys):
    with capsys.disabled():
        print("\n" + report.text().splitlines()[-2] + "; " + report.text().splitlines()[-1])
    assert report.top3 >= MIN_TOP3, report.text()
    assert report.top1 >= MIN_TOP1, report.text()


@pytest.mark.parametrize("query", MUST_BE_FIRST)
def test_key_queries_put_the_right_page_first(report, query):
    outcome = next(o for o in report.outcomes if o.query == query)
    assert outcome.rank == 1, f"{query!r}: got {outcome.got}"


def test_first_query_transfer_budget(report):
    assert report.search_gzip_bytes / 1024 <= MAX_SEARCH_KB, report.text()


@pytest.fixture(scope="module")
def held_out(server, browser):
    # The tuning half is for tuning (tests/search_eval.py prints it); the suite checks the held-out half.
    report = evaluate(server, HELD_OUT, browser, HELD_OUT_NO_MATCH)
    unseen = report.without({q["q"] for q in HELD_OUT if q.get("seen")})
    # Aggregates only: nobody tuning the ranking reads the held-out half's queries or results.
    (OUTPUT / "search-eval-heldout.txt").write_text(f"{report.summary()}\nwithout those marked seen: {unseen.summary()}\n",
                                                    encoding="utf-8")
    return report, unseen


def test_query_halves_are_large_and_apart():
    """Every set tuned on (or read while tuning) is apart from the held-out half, and both from the original set."""
    tuned = [q["q"] for name in (*TUNING_SETS, "validation set")
             for q in load(SETS[name])[0]]
    assert len(tuned) + len(HELD_OUT) >= 100 and len(HELD_OUT) >= 100
    assert not set(tuned) & {q["q"] for q in HELD_OUT}
    assert not {q["q"] for q in TUNING + HELD_OUT} & {q["q"] for q in QUERIES}


# Stop 21 renewed the held-out half (README "Search"). Measured 2026-12-04 on the real site after stop 26's
# rules: all 103 queries top-1 94.2 %, top-3 96.1 %; the 83 whose results nobody read top-1 94.0 %, top-3
# 95.2 % (79 of 83 in the top 3). The issue asks 85 % / 95 %.
def test_held_out_hit_rates(held_out, capsys):
    """The issue's thresholds, on the held-out queries whose results nobody read: the half without the
    ones a later tuning set happened to hold word for word (`seen`, README "Search")."""
    report, unseen = held_out
    with capsys.disabled():
        print(f"\nheld-out half: {report.summary()}\n  without those marked seen: {unseen.summary()}")
    # Plain numbers in the assertions: pytest would print the report it came from, queries and all.
    top1, top3, summary = unseen.top1, unseen.top3, unseen.summary()
    assert top3 >= MIN_TOP3, summary
    assert top1 >= MIN_TOP1, summary


def test_a_query_off_the_sites_subjects_says_so_and_offers_the_guides(search_box):
    """"xổ số miền bắc": a word no page holds. The status says so, and with no guide or term close to the
    words, the list of guides is offered rather than nothing."""
    _ask(search_box, "xổ số miền bắc")
    assert "không trang nào có" in search_box.inner_text("#search-status").lower()
    offers = search_box.eval_on_selector_all("#search-results .result-offer .result-link", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.rstrip("/").endswith("huong-dan") for h in offers), offers


def test_queries_nothing_answers_well_offer_guides_or_terms(browser, server):
    page = browser.new_page()
    page.goto(server + "/tim-kiem/?q=" + quote("wifi mien phi"))
    page.wait_for_function("document.getElementById('search-status').textContent.includes('wifi')")
    offers = page.eval_on_selector_all("#search-results .result-offer", "els => els.map(e => e.textContent)")
    assert offers and all("Có thể bạn cần" in o for o in offers), offers
    page.close()


def _search(page, server, query: str) -> None:
    page.goto(server + "/tim-kiem/?q=" + quote(query))
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=query)


@pytest.fixture(scope="module")
def search_box(browser, server):
    """One search page for many queries typed one after another, as a reader does (the engine loads once)."""
    page = browser.new_page()
    page.goto(server + "/tim-kiem/")
    page.wait_for_function("document.getElementById('search-form').dataset.ready === 'true'")
    yield page
    page.close()


def _ask(page, query: str) -> None:
    # Set and submitted at once: typing would also start the search-as-you-type run 250 ms later.
    page.eval_on_selector("#q", "(box, q) => { box.value = q; box.form.requestSubmit(); }", query)
    # Quoted as the status quotes it: the last query's status may hold this one's words.
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes(`“${q}”`)", arg=query)


def test_a_target_cited_by_number_is_offered_by_name_from_a_list_loaded_only_then(browser, server):
    """"hai an phu luc 2 chi tieu 22": the target, titled with its number and name. The list of numbered
    targets (data/search-targets.json) is fetched for such a query only, so it costs other queries nothing."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search-targets" in r.url else None)
    _search(page, server, "dinh danh dien tu")
    assert not fetched
    _search(page, server, "hai an phu luc 2 chi tieu 22")
    bet = page.locator("#search-results .result-bet .result-link").first
    assert bet.get_attribute("href").rstrip("/").endswith("ke-hoach/hai-an/ct-pl2-iv-22")
    assert bet.inner_text().startswith("Phụ lục 2, chỉ tiêu 22: Tỷ lệ thủ tục hành chính") and fetched
    page.close()


@pytest.mark.parametrize("query", ["ty le dan co chu ky so o cat hai den nam 2030", "dinh danh dien tu"])
def test_a_query_loads_the_index_chunks_of_its_words_not_the_whole_index(browser, server, site_dir, query):
    """A place, a year, a figure and the catch-all pages are looked up word by word within a filter; a
    filter alone makes Pagefind load every chunk of the index (600 KB on a phone)."""
    page = browser.new_page()
    chunks: list[str] = []
    page.on("request", lambda r: chunks.append(r.url) if "/pagefind/index/" in r.url else None)
    _search(page, server, query)
    page.wait_for_timeout(300)
    page.close()
    total = len(list((site_dir / "pagefind" / "index").iterdir()))
    assert 0 < len(chunks) <= total // 4, (len(chunks), total)


def test_excerpts_are_a_sentence_of_the_page_with_the_words_marked(browser, server):
    """Never the hidden keyword block ("binh dan hoc vu so bdhvs binhdanhocvuso…") nor table headers run
    together ("MốcMục tiêu (đúng như bản in)Liên kết")."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for query in ["binh dan hoc vu so", "tai khoan dinh danh dien tu", "hoc ba so"]:
        _search(page, server, query)
        excerpts = page.eval_on_selector_all("#search-results .result-excerpt", "els => els.map(e => e.innerHTML)")
        assert excerpts, query
        for html in excerpts:
            text = re.sub(r"<[^>]+>", "", html)
            assert "binhdanhocvuso" not in text and "zz" not in text and "Mục tiêu (đúng như bản in)" not in text, text
            accented = [w for w in text.split() if re.search(r"[^\x00-\x7f]", w)]
            assert len(accented) >= len(text.split()) * 0.3, text  # Vietnamese prose, not folded keywords
        assert sum("<mark>" in h for h in excerpts) >= len(excerpts) - 1, excerpts
    page.screenshot(path=str(OUTPUT / "search-excerpts-390.png"), full_page=True)
    page.close()


def test_status_words_apply_the_status_filter(browser, server, portal):
    """"qua han" lists the overdue tasks (the filter), not pages matching "quản", "quả" and "hành".
    Nothing is reported yet, so no task is overdue by a report: the page says so and lists the nearest
    status, the tasks past their deadline with no report (search.NEAREST_STATUS)."""
    states = all_states(portal, AS_OF)
    overdue = [t for t in portal.tasks.values() if states[t.key].overdue]
    past_due = [t for t in portal.tasks.values() if states[t.key].past_due_unreported]
    assert not overdue and past_due  # the as-of date leaves printed deadlines behind, nothing is reported
    page = browser.new_page()
    for query in ["qua han", "quá hạn", "nhiem vu bi cham"]:
        _search(page, server, query)
        status = page.inner_text("#search-status")
        assert (f"Tìm thấy {len(past_due)} kết quả" in status
                and f"chưa có nhiệm vụ nào “{labels.label('overdue')}”" in status
                and f"đây là các nhiệm vụ “{labels.label('past-due-unreported')}”" in status), status
    # With no place: first where each plan's tasks are counted by status.
    first = page.locator("#search-results .result-link").first.get_attribute("href")
    assert first.endswith("cap-nhat/" + search.STATUS_BY_PLAN), first
    # With a place, first that place's plan (its page counts the tasks past their deadline), then only
    # the tasks past their deadline that hold the words (here: the tasks of that plan).
    _search(page, server, "qua han hai duong")
    links = page.eval_on_selector_all("#search-results .result-link", "els => els.map(e => e.getAttribute('href'))")
    tasks = page.eval_on_selector_all("#search-results .result:not(.result-bet) .result-link", "els => els.map(e => e.getAttribute('href'))")
    assert links[0] == "/ke-hoach/hai-duong/", links
    assert tasks and all(h.startswith("/ke-hoach/hai-duong/") and h != "/ke-hoach/hai-duong/" for h in tasks), tasks
    page.close()


def test_asking_what_a_status_means_shows_where_statuses_are_explained(browser, server):
    """"qua han nghia la gi": the table of what each status means comes first. So for "la sao", "con bao
    nhieu ngay", and two statuses with "khac"."""
    page = browser.new_page()
    for query in ["qua han nghia la gi", "chưa có báo cáo là gì", "chua co bao cao la sao", "sap den han con bao nhieu ngay",
                  "tam dung khac khong tiep tuc"]:
        _search(page, server, query)
        first = page.locator("#search-results .result-link").first.get_attribute("href")
        assert first.endswith("cap-nhat/" + search.STATUS_MEANINGS), (query, first)
    page.close()


def test_a_plans_follow_up_item_is_the_one_naming_its_focal_point_or_else_monitoring_and_urging(portal):
    """Read from the plans' texts: Hải An "là cơ quan đầu mối"; Hải Dương "Theo dõi, đôn đốc tiến độ"."""
    items = lambda plan: [t for t in portal.tasks.values() if t.plan == plan and t.kind == "implementation"]  # noqa: E731
    chosen = {plan: search.follow_up(items(plan)).id for plan in portal.plans}
    assert chosen == {"hai-an": "th-2", "dak-cam": "th-3-4", "cat-hai": "th-1-1", "hai-duong": "th-1-2",
                      "so-noi-vu-hai-phong": "th-2"}


def test_status_anchors_are_headings_of_the_updates_page(site_dir):
    html = (site_dir / "cap-nhat" / "index.html").read_text(encoding="utf-8")
    for anchor in (search.STATUS_MEANINGS, search.STATUS_BY_PLAN):
        assert f'id="{anchor.lstrip("#")}"' in html, anchor
    about = (site_dir / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert f'id="{search.MARKS_EXPLAINED.lstrip("#")}"' in about and "không đọc được trong bản gốc" in about


def test_phrase_outranks_its_syllables_apart(browser, server):
    """"hoc ba so" typed without diacritics: the pages about học bạ số, not a page where "học", "bạ"
    and "số" stand apart."""
    page = browser.new_page()
    _search(page, server, "hoc ba so")
    first = page.locator("#search-results .result").first.text_content()
    assert "học bạ số" in first.lower() or "học bạ" in first.lower(), first
    page.close()


def test_a_list_page_outranks_items_that_merely_mention_its_subject(browser, server):
    """"xem tien do" (a tester's query, in neither half): the updates page, whose subject progress is,
    before the tasks whose text happens to say "tiến độ". List pages carry their own search words."""
    page = browser.new_page()
    _search(page, server, "xem tien do")
    first = page.locator("#search-results .result-link").first.get_attribute("href")
    assert first.rstrip("/").endswith("cap-nhat"), first
    page.close()


@pytest.mark.parametrize("query, wanted", [
    # Words asking for a figure put the targets first. The tester's query: guides use every one of
    # these words, but the reader asks for a rate.
    ("ty le dan dung vneid", ("ke-hoach/hai-an/ct-pl2-iv-28", "ke-hoach/cat-hai/ct-pl2-32", "so-sanh/vneid-tai-khoan")),
    # Hải Dương prints "Tỉ lệ", with i.
    ("ti le dung dich vu cong truc tuyen hai duong", ("ke-hoach/hai-duong/ct-chi-tieu-8", "ke-hoach/hai-duong/ct-pl1-7-1",
                                                      "so-sanh/dvc-truc-tuyen-ty-le-su-dung")),
    # "bao nhieu" also asks what something costs: the digital-signature guide, not a target.
    ("mat bao nhieu tien lam chu ky so", ("huong-dan/chu-ky-so",)),
    # "How to" words leave the subject to find: the VNeID guide (it was third, after guides saying "cách dùng").
    ("cach dung vneid", ("huong-dan/vneid",)),
    # Function words need not be on the page ("co", "o"), and "bao nhieu nguoi" asks for a figure.
    ("bao nhieu nguoi co vneid o hai an", ("ke-hoach/hai-an/ct-pl2-iv-28",)),
    # Hand-written pages carry search words too: the about page, the progress form.
    ("nhap tien do", ("nhap-tien-do",)),
    ("bao loi du lieu", ("gioi-thieu",)),
    # "van ban" and a number name that document.
    ("van ban 57", ("van-ban/57-nq-tw",)),
    # Asking to compare: the comparison page, which is otherwise indexed below the indicators it compares.
    ("so sanh ty le vneid", ("so-sanh/vneid-tai-khoan",)),
    # A slip is read as the word its neighbour makes: "tuy" and "tuyen" are one letter from "tuyn", only
    # "truc tuyen" is a word; so read, the query names the guide on online public services.
    ("dich vu cong truc tuyn", ("huong-dan/dich-vu-cong-truc-tuyen",)),
    # Stop 22. A date names the plan issued that day (not document 20 or 2); its signer names it too.
    ("ke hoach ngay 20/02/2025", ("ke-hoach/hai-duong",)),
    ("ke hoach phan viet dien ky", ("ke-hoach/cat-hai",)),
    # Words for a download: the open data page, or with a place its plan's page (its tables as CSV).
    ("tai file excel du lieu", ("du-lieu",)),
    ("file csv hai an", ("ke-hoach/hai-an",)),
    # A unit by the initials of its name, and two units joined by "và".
    ("phong vh xh cat hai", ("don-vi/cat-hai-phong-van-hoa-xa-hoi",)),
    ("bao hai duong va cuc thue tinh", ("don-vi/hai-duong-bao-hai-duong",)),
    # "đến năm 2030" goes with the year (pages seldom say "năm" beside a target), and one missing
    # word ("dân" is "người dân" there) does not drop the place's target below other places'.
    ("ty le dan co chu ky so o cat hai den nam 2030", ("ke-hoach/cat-hai/ct-pl2-31",)),
    # How far a place has got, in any words: its plan.
    ("cat hai lam den dau roi", ("ke-hoach/cat-hai",)),
    # "có … không" asks yes or no: "không" is not a word to find (the camera task, not pages saying "không").
    ("hai an co camera an ninh khong", ("ke-hoach/hai-an/nv-5-6",)),
    # "các nơi" compares; the glossary and plan pages, which hold nearly every word, come after.
    ("ngan sach khoa hoc cong nghe cac noi", ("so-sanh/chi-ngan-sach-khcn-cds-2030", "so-sanh/chi-ngan-sach-khcn-cds-5-moc")),
    # A target cited by its printed number, with the place, and the appendix or group when numbers repeat.
    ("hai duong phu luc i chi tieu 7.1", "ke-hoach/hai-duong/ct-pl1-7-1"),
    ("chỉ tiêu số 5 phụ lục 1 mục III cát hải", "ke-hoach/cat-hai/ct-pl1-iii-5"),
    # What a mark of the portal means: where the marks are explained.
    ("dấu (*) cạnh con số là gì", "gioi-thieu/#nguyen-tac"),
    ("khong doc duoc trong ban goc nghia la sao", "gioi-thieu/#nguyen-tac"),
    # A document by its title with its kind.
    ("thông tư khung năng lực số cho người học", "van-ban/02-2025-tt-bgddt"),
    # A document by its symbol's letters run into its number, or beside another kind's words.
    ("kh359 quang ngai", "van-ban/359-kh-tu-quang-ngai"),
    ("03/nq-cp chuong trinh hanh dong", "van-ban/03-nq-cp"),
    # A figure asked of a place's target, with a word the page lacks ("dan"): that target, not the comparison.
    ("bao nhieu phan tram nguoi dan cat hai co vneid", "ke-hoach/cat-hai/ct-pl2-32"),
    # Who is in charge of a place's plan as a whole: the item naming its focal point.
    ("ai phu trach chuyen doi so dac khu cat hai", "ke-hoach/cat-hai/th-1-1"),
    ("sở nội vụ hải phòng ai chịu trách nhiệm kế hoạch", "ke-hoach/so-noi-vu-hai-phong/th-2"),
    # Stop 24. Text-message shorthand is read as its words ("dc" được, "ko" không).
    ("cmnd con dung dc ko", "huong-dan/vneid"),
    # Asking when it is due: the item with a deadline, not the target or the task without one.
    ("so hoa ho so cat hai han nao", "ke-hoach/cat-hai/pc-pl3-ii-1"),
    # A guide named by a keyword, with a place it is about.
    ("chinh quyen 2 cap hai duong", "huong-dan/chinh-quyen-dia-phuong-hai-cap"),
    # A glossary abbreviation is not the initials of a unit's name ("dvc" is not "đơn vị có").
    ("dvc hai an", "ke-hoach/hai-an/ct-pl2-iv-25"),
    # Whether a place is done, how many tasks it has: its plan.
    ("hai an hoan thanh chua", "ke-hoach/hai-an"),
    # A document named with a place and other words: what the place does about it.
    ("tuyen truyen nghi quyet 57 dak cam", ("ke-hoach/dak-cam/th-3-2", "ke-hoach/dak-cam/nv-2-1")),
    # How-to words with no place: the guide.
    ("đăng kí chữ kí số thế nào", "huong-dan/chu-ky-so"),
    # Everyday words for what the plans print ("trông giữ xe … không sử dụng tiền mặt").
    ("gửi xe trả tiền qua điện thoại", ("ke-hoach/hai-duong/nv-2-4-c-2", "ke-hoach/hai-duong/pc-34")),
    # A phrase a plan puts in quotes is a word ("mô hình “thôn thông minh”").
    ("thôn thông minh", "ke-hoach/cat-hai/nv-2-7"),
    # Stop 25. An item by the number its page gives it, with a place (a slip in the place too).
    ("nhiem vu 3.2 hai an", "ke-hoach/hai-an/nv-3-2"),
    ("nhiem vu 4.7 dac khu cat hia", "ke-hoach/cat-hai/nv-4-7"),
    # A portal page by its title.
    ("huong dan cho nguoi dan", "huong-dan"),
    # A year typed: the place's target of that year holding the words, before its tasks.
    ("so hoa ho so cat hai 2025", "ke-hoach/cat-hai/ct-pl2-24"),
    # A date typed: the item printing it ("hạn chót 26/02/2025").
    ("hạn chót 26/02/2025 các sở xây dựng kế hoạch", "ke-hoach/hai-duong/th-2-1"),
    # A word no page holds ("camera") does not match pages through a word it starts ("cam" of Đăk Cấm),
    # and "an" of "an ninh" is no part of the place "Hải An".
    ("camera an ninh phuong hai an", "ke-hoach/hai-an/nv-5-6"),
    # No place named: the comparison (every place's target) before one place's.
    ("câu lạc bộ khởi nghiệp trường học", ("so-sanh/giao-duc-clb-khoi-nghiep-2030", "so-sanh/giao-duc-clb-khoi-nghiep-5-moc")),
    # A short slip read as the word its neighbour makes most often ("ngi quyet" → "nghị quyết").
    ("ngi quyet 57 bo chinh tri", "van-ban/57-nq-tw"),
    # The city alone names the city's page; the department's plan by its own name.
    ("thành phố hải phòng chuyển đổi số", "dia-phuong/thanh-pho-hai-phong"),
    # Why a place has a former plan: the guide on the merger.
    ("sao co ke hoach hai duong cu", "huong-dan/chinh-quyen-dia-phuong-hai-cap"),
    # Shorthand that is a unit's initials there ("đt" of "GD&ĐT", not "điện thoại").
    ("so gd dt hai duong", "don-vi/hai-duong-so-giao-duc-va-dao-tao"),
    # "mục tiêu" asks for a figure: the place's target.
    ("mục tiêu vneid hải an", "ke-hoach/hai-an/ct-pl2-iv-28"),
    # Stop 26. A last "chưa" asks "yet?": a unit's name with it names the unit.
    ("sở y tế hải dương hoàn thành chưa", "don-vi/hai-duong-so-y-te"),
    # Where a former place belongs now, or a place by the kind it was: the guide on the merger.
    ("hai duong cu gio thuoc dau", "huong-dan/chinh-quyen-dia-phuong-hai-cap"),
    ("huyện cát hải cũ", "huong-dan/chinh-quyen-dia-phuong-hai-cap"),
    # A place with a kind not its own ("xã" for a ward) is that place: its plan counts its items by status.
    ("xã hải an chưa có báo cáo", "ke-hoach/hai-an"),
    # An abbreviation with several readings counts by the one a unit's name spells out ("tt" trung tâm).
    ("tt phuc vu hcc hai an", "don-vi/hai-an-trung-tam-phuc-vu-hanh-chinh-cong"),
    # A place typed with a slip favours its pages as if typed right; a last letter typed twice is a slip.
    ("chu ky so dac khu cat hia", "ke-hoach/cat-hai/ct-pl2-31"),
    ("ho so suc khoe dien tuu", "so-sanh/ho-so-suc-khoe-dien-tu"),
    # A portal page by a keyword of its own, question and all.
    ("du lieu lay tu dau", "gioi-thieu"),
])
def test_how_the_query_is_read_puts_the_wanted_page_first(search_box, query, wanted):
    _ask(search_box, query)
    first = search_box.locator("#search-results .result-link").first.get_attribute("href")
    assert first.rstrip("/").endswith(wanted), first


def test_asking_who_shows_the_lead_unit_of_the_first_task_right_after_it(browser, server, site_dir):
    page = browser.new_page()
    _search(page, server, "ai phu trach phu song 5g cat hai")
    links = [a.get_attribute("href") for a in page.locator("#search-results .result-link").all()[:2]]
    page.close()
    first = (site_dir / links[0].strip("/") / "index.html").read_text(encoding="utf-8")
    lead = re.search(r'data-pagefind-meta="lead">([^<]+)<', first).group(1)
    assert links[1].strip("/") == lead.strip("/") and lead.startswith("don-vi/cat-hai-"), (links, lead)


def test_asking_what_a_term_means_shows_its_explanation_first(browser, server):
    """"chuyen doi so la gi": the glossary's explanation of CĐS, before the plans that use the words."""
    page = browser.new_page()
    _search(page, server, "chuyen doi so la gi")
    first = page.locator("#search-results .result-link").first.get_attribute("href")
    assert "tu-viet-tat/#C" in first, first
    page.close()


def test_search_page_preloads_the_engine_and_index_metadata(site_dir):
    """The files the first query needs start loading with the page (slow 3G: README "Search")."""
    html = (site_dir / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="(?:modulepreload|preload)"[^>]*href="([^"]+)"', html)
    assert any(h.endswith("pagefind/pagefind.js") for h in hrefs) and any(h.endswith(".pf_meta") for h in hrefs)
    for href in hrefs:
        assert (site_dir / "tim-kiem" / href.split("?")[0]).resolve().exists(), href


def test_filters_work_without_a_query_and_slash_opens_search(browser, server):
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(server + "/ke-hoach/hai-an/")
    page.keyboard.press("/")
    page.wait_for_url("**/tim-kiem/")
    page.wait_for_function("document.getElementById('search-form').dataset.ready")
    # The lists are loaded when the box opens: most searches never need them.
    page.click(".search-filters-box summary")
    page.wait_for_function("document.querySelectorAll('select[data-filter=plan] option').length > 1")
    page.select_option("select[data-filter=plan]", "Phường Hải An")
    page.select_option("select[data-filter=kind]", "Chỉ tiêu")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Tìm thấy')")
    assert "Tìm thấy 46 kết quả" in page.inner_text("#search-status")
    first = page.locator("#search-results .result").first.text_content()
    assert "Chỉ tiêu · Phường Hải An" in first
    # Browsing without words: each row shows the page's own description, not the start of its
    # (mostly unaccented) hidden keywords.
    excerpts = page.eval_on_selector_all("#search-results .result-excerpt", "els => els.map(e => e.textContent)")
    assert excerpts and all(e.endswith("— UBND phường Hải An") for e in excerpts), excerpts[:3]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(OUTPUT / "search-filters-320.png"), full_page=True)
    page.close()



def test_status_filter_lists_exactly_the_tasks_past_their_deadline_with_no_report(browser, server, portal):
    # The filter's values are the label catalogue's words (labels.COMPUTED), so it means what the pages say.
    overdue = [t for t in portal.tasks.values() if all_states(portal, AS_OF)[t.key].past_due_unreported]
    assert overdue  # the as-of date leaves printed deadlines behind, and nothing is reported yet
    page = browser.new_page()
    page.goto(server + "/tim-kiem/?status=" + quote(labels.label("past-due-unreported")))
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Tìm thấy')")
    assert f"Tìm thấy {len(overdue)} kết quả" in page.inner_text("#search-status")
    kinds = page.eval_on_selector_all("#search-results .result", "els => els.map(e => e.textContent)")
    assert kinds and all("Nhiệm vụ" in k or "Phân công" in k for k in kinds)
    page.close()


def test_pagefind_attributes_have_values_pagefind_understands(site_dir):
    """Markdown writes a bare attribute as attr="attr"; Pagefind reads data-pagefind-ignore="data-pagefind-ignore"
    as "all" (and warns), which would also drop filters and metadata inside."""
    values = {v for p in site_dir.rglob("index.html")
              for v in re.findall(r'data-pagefind-ignore(?:="([^"]*)")?', p.read_text(encoding="utf-8"))}
    assert values and values <= {"", "index", "all"}, values


def _indexed_texts(site_dir: Path) -> dict[str, str]:
    """url → the text Pagefind indexed for it (a fragment's content is exactly what was indexed)."""
    texts = {}
    for f in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        texts[data["url"]] = data["content"]
    return texts


def test_boilerplate_and_embed_code_are_not_indexed(site_dir):
    """Text repeated on hundreds of pages would make every query match everything and grow the index."""
    texts = _indexed_texts(site_dir)
    indicator = texts["/ke-hoach/cat-hai/ct-pl2-19/"]
    assert "câu lạc bộ khởi nghiệp" in indicator  # the indicator itself is searchable
    for repeated in ["<iframe", "Cổng không tự điền số liệu", "Chưa có số liệu thực hiện nào",
                     "Chưa có cập nhật tiến độ nào được công bố cho nhiệm vụ này", "Ghi chú khi nhập liệu", "Chép"]:
        assert not [url for url, text in texts.items() if repeated in text], repeated


def test_a_place_name_offers_its_plan_and_its_own_page(browser, server):
    """"hai phong": the place's page (its plans and units) and the plan made there, before any task."""
    page = browser.new_page()
    _search(page, server, "hai phong")
    bets = page.eval_on_selector_all("#search-results .result-bet .result-link", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.rstrip("/").endswith("dia-phuong/thanh-pho-hai-phong") for h in bets[:2]), bets
    page.close()


def test_theme_scripts_are_served_minified_without_their_comment_lines():
    """Whole comment lines and indentation go, then minify-html minifies the rest (search.js is part of the
    first search on a slow phone); code and strings stay as they mean. The theme's scripts keep every
    template literal on one line, which is what makes dropping whole lines and their leading spaces safe.
    A script the minifier cannot parse stops the build rather than ship unminified."""
    from generator.content import minified, without_comment_lines
    from generator.errors import DataError
    script = 'const a = "http://x"; // why\n  // a note\n/**\n * doc\n */\nif (a) {\n  const b = `x ${`y`}`;\n}\n/* one line */\n'
    assert without_comment_lines(script) == 'const a = "http://x"; // why\nif (a) {\nconst b = `x ${`y`}`;\n}\n'
    small = minified(script, "a.js")
    assert "//" not in small.replace("http://", "") and "doc" not in small and "http://x" in small, small
    assert len(small) < len(without_comment_lines(script)), small
    with pytest.raises(DataError, match="theme/assets/broken.js"):
        minified("const = ;\n", "broken.js")
    for path in (Path(__file__).parents[1] / "theme" / "assets").glob("*.js"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert (line.count("`") - line.count("\\`")) % 2 == 0, f"{path.name}:{number}: a template literal over lines"


def test_syllable_pairs_cross_a_comma_but_no_other_punctuation():
    """"khoa học, công nghệ" holds the word "học công…" a reader types without the comma; a full stop or
    a colon ends the phrase."""
    assert search.pairs("Khoa học, công nghệ. Đổi mới: sáng tạo") == ["zzkhoahoc", "zzhoccong", "zzcongnghe", "zzdoimoi", "zzsangtao"]


def test_items_are_listed_by_the_number_their_pages_give_them(portal):
    """data/search-tasks.json: "Nhiệm vụ 3.2" of Hải An by its folded name; items printed with no number
    (Đăk Cấm's) or only a letter are not listed, as no one cites them so."""
    listed = search.numbered_tasks(portal.plans.values(), portal.tasks)
    hai_an = {name: url for name, url, _, _ in listed["Phường Hải An"]}
    assert hai_an["nhiem vu 3 2"] == portal.tasks["hai-an/nv-3-2"].url
    assert "Phường Đăk Cấm" not in listed
    assert all(any(ch.isdigit() for ch in name) for items in listed.values() for name, *_ in items)


def test_a_units_names_are_kept_once_per_set_of_words():
    """The search page compares a query's words with a name's as sets, without filler words ("dac khu"): a
    name repeating its place, or lacking the kind of place, says nothing more. The kind stays in the one kept."""
    assert search._distinct_word_sets({"ubnd dac khu cat hai", "ubnd dac khu cat hai cat hai", "cat hai ubnd",
                                        "phong kinh te cat hai", "phong kinh te dac khu cat hai"}) == \
        ["phong kinh te dac khu cat hai", "ubnd dac khu cat hai"]
