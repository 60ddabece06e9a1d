"""Everything on the layout works with the keyboard alone (WCAG 2.1.1, 2.4.1, 2.4.7)."""

from browser_helpers import (
    HOME,
    NEWS_INDEX,
    ORGANISATION,
    active_element,
    focused_matches,
    html_classes,
    in_viewport,
    open_page,
    root_font_size,
    tab_to,
)

TOOLBAR = ".a11y-toolbar"


def focus_is_visible(page):
    """The focused element draws an outline (the site's :focus-visible style)."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
        }"""
    )


def test_skip_link_is_the_first_stop_and_jumps_to_main(demo_site, page):
    open_page(page, demo_site, HOME["vi"])
    assert not in_viewport(page, "a.skip-link"), "The skip link should be hidden until focused"

    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link"), f"First Tab went to {active_element(page)}"
    assert in_viewport(page, "a.skip-link"), "The focused skip link must be visible"
    assert focus_is_visible(page)

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert focused_matches(page, "main#main")


def test_toolbar_by_keyboard_and_the_choice_follows_the_reader(demo_site, page):
    open_page(page, demo_site, HOME["vi"])
    contrast = page.locator(f"{TOOLBAR} [data-a11y=contrast]")
    normal_size = root_font_size(page)

    tab_to(page, f"{TOOLBAR} [data-a11y=larger]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert root_font_size(page) > normal_size, "A+ must make the text larger"
    larger_size = root_font_size(page)

    tab_to(page, f"{TOOLBAR} [data-a11y=contrast]")
    assert contrast.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    assert "high-contrast" in html_classes(page)
    assert contrast.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert "high-contrast" not in html_classes(page), "Space must toggle high contrast off"
    assert contrast.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    assert "high-contrast" in html_classes(page)

    # Another page: the choices were kept.
    open_page(page, demo_site, ORGANISATION["vi"])
    assert "high-contrast" in html_classes(page)
    assert contrast.get_attribute("aria-pressed") == "true"
    assert root_font_size(page) == larger_size

    tab_to(page, f"{TOOLBAR} [data-a11y=reset]")
    page.keyboard.press("Enter")
    assert "high-contrast" not in html_classes(page)
    assert contrast.get_attribute("aria-pressed") == "false"
    assert root_font_size(page) == normal_size

    open_page(page, demo_site, NEWS_INDEX["vi"])
    assert "high-contrast" not in html_classes(page), "Reset must be remembered too"
    assert root_font_size(page) == normal_size


def test_language_switcher_by_keyboard(demo_site, page):
    open_page(page, demo_site, ORGANISATION["vi"])
    tab_to(page, '.language-switcher a[hreflang="en"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == demo_site.url + ORGANISATION["en"]
    assert page.evaluate("document.documentElement.lang") == "en"


def test_main_menu_by_keyboard(demo_site, page):
    open_page(page, demo_site, HOME["vi"])
    tab_to(page, f'nav.main-nav a[href="{NEWS_INDEX["vi"]}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == demo_site.url + NEWS_INDEX["vi"]
    current = page.locator('nav.main-nav a[aria-current="page"]')
    assert current.get_attribute("href") == NEWS_INDEX["vi"]


def test_phone_menu_by_keyboard(demo_site, phone_page):
    page = phone_page
    open_page(page, demo_site, HOME["vi"])
    toggle = page.locator("nav.main-nav .menu-toggle")
    first_link = page.locator("nav.main-nav .menu a").first
    assert not first_link.is_visible(), "At 320 px the menu starts folded"

    tab_to(page, "nav.main-nav .menu-toggle")
    assert focus_is_visible(page)
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert first_link.is_visible()
    assert page.locator("nav.main-nav .menu a").count() >= 4

    page.keyboard.press("Tab")
    assert focused_matches(page, "nav.main-nav .menu a"), (
        f"After the open menu button, Tab went to {active_element(page)}"
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not first_link.is_visible()
