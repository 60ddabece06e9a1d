"""Reflow (WCAG 1.4.10): at 320 CSS pixels nothing needs horizontal scrolling."""

import pytest
from browser_helpers import HOME, NEWS_ARTICLE, ORGANISATION, PHONE, open_page

PAGES = [
    pytest.param(HOME["vi"], id="home-vi"),
    pytest.param(ORGANISATION["vi"], id="organisation-vi"),
    pytest.param(HOME["en"], id="home-en"),
    pytest.param(ORGANISATION["en"], id="organisation-en"),
    pytest.param(NEWS_ARTICLE["vi"], id="news-article-vi"),
]


def page_width(page):
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def too_wide(page, width):
    """The outermost elements sticking out past the right edge, to say what overflows."""
    return page.evaluate(
        """width => {
            const found = [];
            for (const el of document.body.querySelectorAll("*")) {
                const r = el.getBoundingClientRect();
                if (r.right <= width + 0.5 || r.width === 0) continue;
                // Inside a sideways-scrolling box (a wide table) is fine.
                let scroller = el.parentElement, contained = false;
                while (scroller && scroller !== document.body) {
                    const overflow = getComputedStyle(scroller).overflowX;
                    if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") {
                        contained = true; break;
                    }
                    scroller = scroller.parentElement;
                }
                if (contained || found.some(f => f.el.contains(el))) continue;
                found.push({el, text: `<${el.tagName.toLowerCase()} class="${el.className}"> `
                    + `right=${Math.round(r.right)} ${(el.innerText || "").trim().slice(0, 40)}`});
            }
            return found.map(f => f.text);
        }""",
        width,
    )


def assert_fits(page, situation):
    width = page_width(page)
    assert width <= PHONE["width"], (
        f"{page.url} {situation} is {width} px wide at {PHONE['width']} px. Sticking out:\n  "
        + "\n  ".join(too_wide(page, PHONE["width"]))
    )


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_320_px(demo_site, phone_page, path):
    open_page(phone_page, demo_site, path)
    assert_fits(phone_page, "with the menu folded")
    phone_page.locator(".menu-toggle").click()
    assert_fits(phone_page, "with the menu open")
