"""Language of each page, links between its translations, and nothing loaded from elsewhere."""

import pytest
from browser_helpers import TRANSLATED_PAGES, open_page


@pytest.mark.parametrize(("path", "lang"), [("/", "vi"), ("/en/", "en")])
def test_lang_attribute(demo_site, page, path, lang):
    open_page(page, demo_site, path)
    assert page.evaluate("document.documentElement.lang") == lang
    parts = page.title().split(" – ")
    assert len(parts) == len(set(parts)), f"The title repeats itself: {page.title()!r}"


@pytest.mark.parametrize("name", list(TRANSLATED_PAGES))
def test_every_translation_links_to_the_others(demo_site, page, name):
    paths = TRANSLATED_PAGES[name]
    for lang, path in paths.items():
        open_page(page, demo_site, path)
        alternates = dict(
            page.eval_on_selector_all(
                'head link[rel="alternate"][hreflang]',
                "links => links.map(l => [l.hreflang, l.href])",
            )
        )
        expected = {code: demo_site.url + other for code, other in paths.items()}
        assert alternates == expected, f"hreflang links on {path} ({lang})"


def test_no_asset_is_loaded_from_outside_the_site(procedures, page):
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    translated = [path for paths in TRANSLATED_PAGES.values() for path in paths.values()]
    paths = [*translated, "/tin-tuc/", "/dich-vu-cong/", "/so-do-cong/", "/tim-kiem/?q=Tân"]
    for path in paths:
        open_page(page, procedures, path)
        page.wait_for_load_state("networkidle")
    assert len(requests) >= len(paths) * 3, "Expected each page, its CSS, JS and emblem"
    outside = [url for url in requests if not url.startswith(procedures.url + "/")]
    assert not outside, "Requests to other hosts:\n" + "\n".join(outside)


def test_pages_load_without_browser_errors(procedures, page):
    """No script error and nothing refused by the Content-Security-Policy, in either language."""
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"),
    )
    translated = [path for paths in TRANSLATED_PAGES.values() for path in paths.values()]
    for path in [*translated, "/dich-vu-cong/", "/so-do-cong/", "/tim-kiem/?q=Tân"]:
        open_page(page, procedures, path)
    # The toolbar and the phone menu run: a11y.js loaded and was allowed to run.
    page.locator(".a11y-toolbar [data-a11y=contrast]").click()
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert not errors, "\n".join(errors)
