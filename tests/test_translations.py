"""The gettext catalogues: complete Vietnamese, compiled .mo files in step, every source string covered.

The Vietnamese site is the default (unprefixed) one, so a msgid without a Vietnamese msgstr shows
English to Vietnamese readers. These tests fail when a string is added to a template or a module
without a translation, when a translation is left fuzzy or empty, or when the committed .mo file
was not recompiled after the .po changed.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.text import unescape_string_literal

from tests.gettext_catalogues import (
    describe,
    keys,
    live_entries,
    msgstrs,
    python_messages,
    template_messages,
    vietnamese_problems,
)

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
PROJECT_PACKAGES = ("portal", "cms", "services", "search")
PYTHON_SKIP_DIRS = {"migrations", "__pycache__", "static", "templates", "fixtures"}


def catalogue(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def compiled(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def load_po(language):
    return polib.pofile(str(catalogue(language)))


def template_files():
    for package in PROJECT_PACKAGES:
        yield from sorted((BASE_DIR / package).glob("**/templates/**/*.html"))


def python_files():
    for package in PROJECT_PACKAGES:
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            if not PYTHON_SKIP_DIRS.intersection(path.relative_to(BASE_DIR).parts):
                yield path


# --- The Vietnamese catalogue itself -------------------------------------------------------------


def test_catalogues_exist_with_their_headers():
    vi, en = load_po("vi"), load_po("en")
    assert vi.metadata["Language"] == "vi"
    assert en.metadata["Language"] == "en"
    for po in (vi, en):
        assert po.metadata["Project-Id-Version"] == "cong-tinh"
        assert "charset=UTF-8" in po.metadata["Content-Type"]
        assert not po.metadata_is_fuzzy
    # Vietnamese has one plural form.
    assert vi.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert en.metadata["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"
    # Both catalogues are made from the same sources.
    assert keys(vi) == keys(en)


def test_vietnamese_catalogue_covers_the_main_apps():
    references = {
        path for entry in live_entries(load_po("vi")) for path, _line in entry.occurrences
    }
    for prefix in ("portal/templates/", "cms/", "services/", "search/"):
        assert any(path.startswith(prefix) for path in references), prefix


def test_every_vietnamese_entry_is_translated_not_fuzzy_and_nfc():
    problems = vietnamese_problems(load_po("vi"))
    assert not problems, "\n".join(problems)


def test_vietnamese_translations_keep_their_placeholders():
    placeholder = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{\{?\s*\w+\s*\}?\}")
    problems = []
    for entry in live_entries(load_po("vi")):
        expected = sorted(placeholder.findall(entry.msgid))
        for text in msgstrs(entry):
            if sorted(placeholder.findall(text)) != expected:
                problems.append(f"{entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_vietnamese_translations_are_not_english_copied_over():
    """A guard against the msgid pasted into msgstr: only language-neutral words may stay as they are."""
    same_in_both_languages = {"fax", "Fax", "Fax:", "video", "SHA-256"}
    copied = [
        entry.msgid
        for entry in live_entries(load_po("vi"))
        if entry.msgid not in same_in_both_languages
        and any(
            text.strip().casefold() == entry.msgid.strip().casefold() for text in msgstrs(entry)
        )
    ]
    assert not copied, copied


# --- The compiled catalogues are in step with the .po files -------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
def test_compiled_catalogue_is_up_to_date(language):
    po = load_po(language)
    with compiled(language).open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert mo.info().get("language") == language
    problems = []
    for entry in live_entries(po):
        prefix = f"{entry.msgctxt}\x04" if entry.msgctxt else ""
        if entry.msgid_plural:
            for index, text in sorted(entry.msgstr_plural.items()):
                # n chosen so that the catalogue's plural rule selects form `index`.
                n = 1 if index == 0 else 2
                if not text:
                    continue
                got = mo.ngettext(prefix + entry.msgid, prefix + entry.msgid_plural, n)
                if got != text:
                    problems.append(f"{entry.msgid!r}[{index}]: .mo has {got!r}, .po has {text!r}")
        else:
            got = mo.gettext(prefix + entry.msgid)
            expected = entry.msgstr or prefix + entry.msgid
            if got != expected:
                problems.append(f"{entry.msgid!r}: .mo has {got!r}, .po has {entry.msgstr!r}")
    assert not problems, "stale .mo, run compilemessages:\n" + "\n".join(problems)


def test_compiled_vietnamese_catalogue_has_nothing_the_po_lacks():
    po_ids = {
        (f"{entry.msgctxt}\x04" if entry.msgctxt else "") + entry.msgid
        for entry in live_entries(load_po("vi"))
    }
    mo_ids = {
        (f"{entry.msgctxt}\x04" if entry.msgctxt else "") + entry.msgid
        for entry in polib.mofile(str(compiled("vi")))
        if entry.msgid
    }
    assert mo_ids <= po_ids, sorted(mo_ids - po_ids)


# --- Every string in the sources has a Vietnamese entry ------------------------------------------

TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<quote>["'])(?P<msgid>(?:\\.|(?!(?P=quote)).)*)(?P=quote)"""
    r"""(?P<rest>[^%]*?)%\}""",
    re.DOTALL,
)
CONTEXT = re.compile(r"""\bcontext\s+(["'])(.*?)\1""")


def test_every_translate_literal_in_the_templates_is_in_the_vietnamese_catalogue():
    known = keys(load_po("vi"))
    found, missing = 0, []
    for path in template_files():
        for match in TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            context = CONTEXT.search(match["rest"])
            msgid = unescape_string_literal(match["quote"] + match["msgid"] + match["quote"])
            key = (context[2] if context else None, msgid)
            found += 1
            if key not in known:
                missing.append(f"{path.relative_to(BASE_DIR)}: {describe(key)}")
    assert found > 30, "the regular expression no longer finds the {% translate %} tags"
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)


def test_every_template_message_including_blocktranslate_is_in_the_vietnamese_catalogue():
    po = load_po("vi")
    known = keys(po) | {(entry.msgctxt, entry.msgid_plural) for entry in live_entries(po)}
    missing = [
        f"{path.relative_to(BASE_DIR)}: {describe(key)}"
        for path in template_files()
        for key in template_messages(path)
        if key not in known
    ]
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)


def test_every_python_message_is_in_the_vietnamese_catalogue():
    known = keys(load_po("vi"))
    found, missing = 0, []
    for path in python_files():
        for line, key in python_messages(path):
            found += 1
            if key not in known:
                missing.append(f"{path.relative_to(BASE_DIR)}:{line}: {describe(key)}")
    assert found > 30, "the scan no longer finds the gettext calls"
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)


# --- What readers get ----------------------------------------------------------------------------


# The search page's result count: a plural with a placeholder.
RESULTS_ONE = "%(total)s result for “%(text)s”"
RESULTS_MANY = "%(total)s results for “%(text)s”"


def test_vietnamese_is_served_for_vi_and_english_for_en():
    with translation.override("vi"):
        assert translation.gettext("Skip to main content") == "Bỏ qua, đến nội dung chính"
        assert translation.gettext("Online public services") == "Dịch vụ công trực tuyến"
        assert translation.gettext("Home") == "Trang chủ"
        assert translation.gettext("Sitemap") == "Sơ đồ cổng thông tin"
        assert translation.gettext("published on") == "ngày đăng"
        assert (
            translation.gettext("Page %(number)s of %(total)s") % {"number": 2, "total": 7}
            == "Trang 2/7"
        )
        for count in (1, 5):
            assert (
                translation.ngettext(RESULTS_ONE, RESULTS_MANY, count)
                % {"total": count, "text": "tạm trú"}
                == f"Tìm thấy {count} kết quả cho “tạm trú”"
            )
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"
        assert translation.gettext("Online public services") == "Online public services"
        assert translation.gettext("Home") == "Home"
        assert translation.ngettext(RESULTS_ONE, RESULTS_MANY, 1) == RESULTS_ONE
        assert translation.ngettext(RESULTS_ONE, RESULTS_MANY, 3) == RESULTS_MANY


def test_the_default_language_is_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Search") == "Tìm kiếm"


@pytest.mark.django_db
def test_pages_render_in_vietnamese_unprefixed_and_in_english_under_en(client):
    vietnamese = client.get("/so-do-cong/")
    assert vietnamese.status_code == 200
    vi_html = vietnamese.content.decode()
    assert '<html lang="vi">' in vi_html
    for text in ("Bỏ qua, đến nội dung chính", "Sơ đồ cổng thông tin", "Dịch vụ công trực tuyến"):
        assert text in vi_html
    assert "Skip to main content" not in vi_html

    english = client.get("/en/so-do-cong/")
    assert english.status_code == 200
    en_html = english.content.decode()
    assert '<html lang="en">' in en_html
    for text in ("Skip to main content", "Sitemap", "Online public services"):
        assert text in en_html
    assert "Bỏ qua, đến nội dung chính" not in en_html
