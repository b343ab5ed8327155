"""Sharing an indicator: what a shared link already says (description with units), its share image,
the share button and the embed."""
from __future__ import annotations

import re
from html import unescape


def _meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    assert found, prop
    return found.group(1)


def test_share_description_states_the_unit_with_each_target(site_dir):
    # The table prints "≥ 80" with "%" in its unit column; a shared link must not drop the "%".
    html = (site_dir / "ke-hoach" / "hai-an" / "ct-pl1-i-1" / "index.html").read_text(encoding="utf-8")
    assert _meta(html, "og:description") == ("Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp: "
                                             "≥ 80% năm 2030 — UBND phường Hải An")
    # A cell that prints its unit ("85%") keeps it once: test_open_data.test_share_meta_states_the_target.


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VIETNAMESE = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
              "≥≤–…%")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", "not a PNG file"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_every_indicator_page_names_a_real_png_share_image(portal, site_dir):
    from generator.build import site_url
    from PIL import Image
    for ind in portal.indicators.values():
        html = (site_dir / ind.url / "index.html").read_text(encoding="utf-8")
        image = _meta(html, "og:image")
        assert image == f"{site_url()}data/ke-hoach/{ind.plan}/{ind.id}.png", "og:image must be absolute"
        data = (site_dir / image.removeprefix(site_url())).read_bytes()
        width, height = _png_size(data)
        assert (width, height) == (int(_meta(html, "og:image:width")), int(_meta(html, "og:image:height")))
        # Large link previews: Facebook's from 600×315 up, at 1.91:1
        assert width >= 600 and height >= 315 and abs(width / height - 1.91) < 0.01
        assert _meta(html, "twitter:card") == "summary_large_image"
        assert unescape(_meta(html, "og:image:alt")).startswith(ind.name.rstrip("."))
    with Image.open(site_dir / "data" / "ke-hoach" / "hai-an" / "ct-pl2-iv-28.png") as img:
        img.verify()  # Pillow reads the whole file: chunks and checksums


def test_every_comparison_page_names_a_real_png_of_its_targets_side_by_side(portal, site_dir):
    """Reporters share comparisons: the link preview shows each locality's targets, as printed."""
    from generator.build import site_url
    for group in portal.comparisons.values():
        html = (site_dir / group.url / "index.html").read_text(encoding="utf-8")
        image = _meta(html, "og:image")
        assert image == f"{site_url()}data/so-sanh/{group.id}.png"
        assert _png_size((site_dir / image.removeprefix(site_url())).read_bytes()) == (
            int(_meta(html, "og:image:width")), int(_meta(html, "og:image:height")))
        alt = unescape(_meta(html, "og:image:alt"))
        assert alt.startswith(group.name) and all(portal.plans[k.split("/")[0]].short_title in alt for k in group.members)


def test_a_comparison_card_gives_a_plan_one_row_when_its_members_print_different_horizons():
    from generator.share_image import _merged
    # Hải Dương prints the digital economy's 2030 and 2045 targets as two indicators of one group.
    labels, cells = _merged(["hai-an", "hai-duong", "hai-duong"], ["Hải An", "Hải Dương (mốc 2030)", "Hải Dương (mốc 2045)"],
                            {"hai-an": "Hải An", "hai-duong": "Hải Dương"}, [["35%", "> 30", "–"], ["60%", "–", "> 50"]])
    assert labels == ["Hải An", "Hải Dương"] and cells == [["35%", "> 30"], ["60%", "> 50"]]
    # Two members printing the same horizon keep a row each.
    labels, _ = _merged(["a", "a"], ["A (1)", "A (2)"], {"a": "A"}, [["1", "2"]])
    assert labels == ["A (1)", "A (2)"]


def test_share_image_shows_ink_and_differs_per_indicator(site_dir):
    from PIL import Image
    folder = site_dir / "data" / "ke-hoach" / "hai-an"
    inks = []
    for name in ("ct-pl2-iv-28.png", "ct-pl1-i-1.png"):
        with Image.open(folder / name) as img:
            grey = img.convert("L")
            inks.append(grey.tobytes())
            dark = sum(grey.histogram()[:128])
            assert 2_000 < dark < img.width * img.height // 4, f"{name}: {dark} dark pixels (blank or solid image)"
    assert inks[0] != inks[1]


def test_every_plan_page_names_a_real_png_of_its_size_and_nearest_targets(portal, site_dir):
    """Residents share their ward's plan: the preview says where, how big, and what it promises next."""
    from generator.build import site_url
    for plan in portal.plans.values():
        html = (site_dir / plan.url / "index.html").read_text(encoding="utf-8")
        image = _meta(html, "og:image")
        assert image == f"{site_url()}data/ke-hoach/{plan.id}.png"
        assert _png_size((site_dir / image.removeprefix(site_url())).read_bytes()) == (800, 420)
        alt = unescape(_meta(html, "og:image:alt"))
        assert f"{len(portal.plan_tasks(plan.id))} nhiệm vụ" in alt
        if not portal.plan_indicators(plan.id):  # said, not left blank under a "targets" heading
            assert "không có bảng chỉ tiêu" in alt, alt
    # The ward's own page, with one plan, shares that plan's card.
    locality = (site_dir / "dia-phuong" / "phuong-hai-an" / "index.html").read_text(encoding="utf-8")
    assert _meta(locality, "og:image") == f"{site_url()}data/ke-hoach/hai-an.png"
    alt = unescape(_meta((site_dir / "ke-hoach" / "hai-an" / "index.html").read_text(encoding="utf-8"), "og:image:alt"))
    assert "(VNeID): 85% · 2030" in alt, alt  # the VNeID target with its unit, as the plan page's summary states it


def test_pages_without_a_share_image_keep_the_small_card(site_dir):
    html = (site_dir / "huong-dan" / "vneid" / "index.html").read_text(encoding="utf-8")
    assert 'property="og:image"' not in html and _meta(html, "twitter:card") == "summary"


def test_the_bundled_font_has_every_vietnamese_letter_and_its_licence():
    from fontTools.ttLib import TTFont
    from generator import share_image
    for path in (share_image.REGULAR, share_image.BOLD):
        cmap = TTFont(path).getBestCmap()
        letters = VIETNAMESE + VIETNAMESE.upper()
        assert [c for c in letters if ord(c) not in cmap] == [], path.name
    assert "SIL Open Font License" in (share_image.FONTS / "OFL.txt").read_text(encoding="utf-8")


# --- in the browser (headless Debian Chromium)

SHARE_PAGE = "ke-hoach/hai-an/ct-pl2-iv-28/"
# Stands in for a phone's navigator.share: records what the page asks the share sheet to share.
STUB_SHARE = "navigator.share = function (data) { window.sharedWith = data; return Promise.resolve(); };"
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"


def _browser_page(browser, width: int, init: str, permissions: list[str] = ()):
    context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1)
    if permissions:
        context.grant_permissions(list(permissions))
    context.add_init_script(init)
    return context, context.new_page()


def _canonical(page) -> str:
    return page.get_attribute('link[rel="canonical"]', "href")


def test_share_button_opens_the_phone_share_sheet_with_title_and_link(browser, server):
    from conftest import OUTPUT
    context, page = _browser_page(browser, 390, STUB_SHARE)
    try:
        page.goto(f"{server}/{SHARE_PAGE}")
        button = page.locator(".share-button")
        assert button.is_visible() and button.inner_text() == "Chia sẻ (Zalo, Facebook…)"
        button.click()
        page.wait_for_function("window.sharedWith !== undefined")
        shared = page.evaluate("window.sharedWith")
        assert shared == {"title": "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)",
                          "url": _canonical(page)}
        assert shared["url"].endswith("/" + SHARE_PAGE)
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / "share-button-390.png"))
    finally:
        context.close()


def test_without_a_share_sheet_the_button_copies_the_link(browser, server):
    context, page = _browser_page(browser, 1280, NO_SHARE, ["clipboard-read", "clipboard-write"])
    try:
        page.goto(f"{server}/{SHARE_PAGE}")
        button = page.locator(".share-button")
        assert button.inner_text() == "Sao chép liên kết để chia sẻ"
        button.click()
        status = page.locator(".share-status")
        status.filter(has_text="Đã sao chép liên kết").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == _canonical(page)
    finally:
        context.close()


def test_embedded_view_names_the_locality_and_the_unit(site_dir):
    html = (site_dir / "nhung" / "hai-an" / "ct-pl1-i-1.html").read_text(encoding="utf-8")
    assert '<p class="where">Phường Hải An, thành phố Hải Phòng · Đơn vị tính: %</p>' in html


def _snippet(site_dir, ind_url: str, server: str) -> str:
    """The embed code an indicator page suggests, pointed at the test server instead of SITE_URL."""
    from generator.build import site_url
    html = (site_dir / ind_url / "index.html").read_text(encoding="utf-8")
    code = unescape(re.search(r'<code id="embed-code">(.*?)</code>', html, re.S).group(1))
    origin = "/".join(site_url().split("/")[:3])
    assert code.count(site_url()) == 1 and code.count(f'"{origin}"') == 1
    return code.replace(site_url(), server + "/").replace(f'"{origin}"', f'"{server}"')


def test_the_suggested_embed_is_not_cut_at_320_600_and_800_px(browser, server, site_dir, portal):
    from conftest import OUTPUT
    longest = max(portal.indicators.values(), key=lambda i: len(i.name))
    for ind_url in (SHARE_PAGE, longest.url):
        snippet = _snippet(site_dir, ind_url, server)
        for width in (320, 600, 800):
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            try:
                # The reporter's page: the snippet as pasted, in a column as wide as the frame should be.
                page.set_content(f'<!doctype html><html><body style="margin:0"><p>Bài báo</p>{snippet}<p>Hết</p></body></html>')
                frame_el = page.locator("iframe[data-ke-hoach-so]")
                frame = frame_el.element_handle().content_frame()
                frame.wait_for_selector("p.source")
                # The frame is on another origin than the reporter's page: its size is read from inside it.
                for _ in range(100):  # until the snippet has applied the height the view reported
                    frame_height = frame_el.evaluate("f => f.clientHeight")
                    content = frame.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
                    if frame_height == content:
                        break
                    page.wait_for_timeout(100)
                scroll = frame.evaluate("document.documentElement.scrollHeight")
                source_bottom = frame.evaluate("document.querySelector('p.source').getBoundingClientRect().bottom")
                assert frame_el.evaluate("f => f.getBoundingClientRect().width") == width
                assert content <= frame_height and scroll <= frame_height, (ind_url, width, content, frame_height)
                assert source_bottom <= frame_height, (ind_url, width)
                if ind_url == SHARE_PAGE:
                    OUTPUT.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(OUTPUT / f"embed-{width}.png"), full_page=True)
            finally:
                context.close()
