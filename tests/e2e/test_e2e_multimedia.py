"""Photo galleries and videos in Chromium: axe in both languages and high contrast, phones."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, turn_on_high_contrast

LIBRARY = {"vi": "/thu-vien-anh-video/", "en": "/en/photos-and-videos/"}
GALLERY = {
    "vi": "/thu-vien-anh-video/le-hoi-van-hoa-du-lich-2026/",
    "en": "/en/photos-and-videos/culture-and-tourism-festival-2026/",
}
VIDEO = {
    "vi": "/thu-vien-anh-video/huong-dan-dang-ky-khai-sinh-truc-tuyen/",
    "en": "/en/photos-and-videos/online-birth-registration-guide/",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_library_gallery_and_video_pass_axe(demo_site, page, lang, contrast):
    open_page(page, demo_site, LIBRARY[lang])
    if contrast:
        turn_on_high_contrast(page)
    assert page.locator("main .card").count() == 2
    assert_no_axe_violations(page, f"photo and video library ({lang})")

    open_page(page, demo_site, GALLERY[lang])
    photos = page.locator(".gallery-photo")
    assert photos.count() == 3
    for index in range(3):
        assert photos.nth(index).locator("img").get_attribute("alt")
        assert photos.nth(index).locator("a").get_attribute("href").endswith(".png")
    assert_no_axe_violations(page, f"gallery ({lang})")

    open_page(page, demo_site, VIDEO[lang])
    assert page.locator("iframe").count() == 0
    assert (
        page.locator(".video-link a").get_attribute("href").startswith("https://www.youtube.com/")
    )
    assert page.locator(".transcript").inner_text().strip()
    assert_no_axe_violations(page, f"video ({lang})")


def test_gallery_on_a_phone(demo_site, phone_page):
    open_page(phone_page, demo_site, GALLERY["vi"])
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    assert_no_axe_violations(phone_page, "gallery at 320 px")


def test_a_photo_opens_at_full_size_with_the_keyboard(demo_site, page):
    open_page(page, demo_site, GALLERY["vi"])
    link = page.locator(".gallery-photo a").first
    link.focus()
    href = link.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href)
