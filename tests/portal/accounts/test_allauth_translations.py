"""allauth in Vietnamese: the app catalogue under portal/accounts/locale is complete and compiled.

django-allauth ships no Vietnamese catalogue, so without portal/accounts/locale/vi every login,
sign-up, two-step verification and session screen would show English on the Vietnamese site.
portal.accounts comes before allauth in INSTALLED_APPS, so its catalogue supplies those strings.
These tests fail when the catalogue is missing or incomplete for the installed allauth, when an
entry lost a placeholder or an HTML tag, or when the .mo file was not recompiled.

The catalogue is not made by `makemessages` (it would overwrite it with portal/accounts' own
strings): it is written from allauth's sources and compiled with `msgfmt -c -o django.mo django.po`.
"""

import gettext
import re
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.gettext_catalogues import (
    describe,
    live_entries,
    msgstrs,
    python_messages,
    template_messages,
    vietnamese_problems,
)
from tests.gettext_catalogues import keys as catalogue_keys

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = BASE_DIR / "portal" / "accounts" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
ALLAUTH_DIR = Path(allauth.__file__).resolve().parent
# The allauth apps the portal installs, and allauth's own layouts and elements they render with.
APPS = ("account", "mfa", "socialaccount", "usersessions", "idp")
TEMPLATE_FOLDERS = (*APPS, "allauth")
LOGIN = "/tai-khoan/login/"


def keys(po):
    return catalogue_keys(po, with_plurals=True)


def load_po():
    return polib.pofile(str(CATALOGUE))


# --- The catalogue itself ------------------------------------------------------------------------


def test_the_app_catalogue_comes_before_allauths_own():
    apps = settings.INSTALLED_APPS
    assert apps.index("portal.accounts") < apps.index("allauth")
    assert CATALOGUE.exists() and COMPILED.exists()


def test_catalogue_headers():
    po = load_po()
    assert po.metadata["Language"] == "vi"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not po.metadata_is_fuzzy
    # The whole of allauth's user-facing text, not a handful of strings.
    assert len(live_entries(po)) > 350


def test_every_entry_is_translated_not_fuzzy_and_nfc():
    problems = vietnamese_problems(load_po())
    assert not problems, "\n".join(problems)


# %(name)s, %s, %d; {{ name }} as written in templates; {name} and {} for str.format().
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{\{\s*\w+\s*\}\}|\{\w*\}")
HTML_TAG = re.compile(r"<[^>]+>")


def test_translations_keep_placeholders_and_html():
    problems = []
    for entry in live_entries(load_po()):
        for pattern in (PLACEHOLDER, HTML_TAG):
            # A plural msgstr may use either form's placeholders: compare with the singular's set.
            wanted = sorted(pattern.findall(entry.msgid))
            wanted_plural = sorted(pattern.findall(entry.msgid_plural or entry.msgid))
            for text in msgstrs(entry):
                if sorted(pattern.findall(text)) not in (wanted, wanted_plural):
                    problems.append(f"{entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_translations_are_not_english_copied_over():
    copied = [
        entry.msgid
        for entry in live_entries(load_po())
        if any(text.strip().casefold() == entry.msgid.strip().casefold() for text in msgstrs(entry))
    ]
    assert not copied, copied


# The same words as the project's own catalogue (locale/vi), on every allauth screen.
GLOSSARY = {
    r"\bsign(?:ed)?[- ]?in\b|\blog(?:ged)?[- ]?in\b|\blogin\b": "đăng nhập",
    r"\bsign(?:ed)?[- ]?out\b|\blog(?:ged)?[- ]?out\b": "đăng xuất",
    r"\bsign[- ]?up\b": "đăng ký",
    r"\btwo-factor authentication\b": "xác thực hai bước",
    r"\brecovery codes?\b": "mã khôi phục",
    r"\bauthenticator app\b": "ứng dụng xác thực",
    r"\bauthenticator code\b": "mã xác thực",
    r"\bpasskeys?\b": "khóa truy cập (passkey)",
    r"\bsecurity keys?\b": "khóa bảo mật",
    r"\bsessions?\b": "phiên",
    r"\bthird-party account": "tài khoản bên thứ ba",
}


def test_key_terms_are_translated_consistently():
    problems = []
    for entry in live_entries(load_po()):
        for english, vietnamese in GLOSSARY.items():
            if re.search(english, entry.msgid, re.IGNORECASE):
                for text in msgstrs(entry):
                    if vietnamese not in text.casefold():
                        problems.append(f"{entry.msgid!r} -> {text!r}: expected {vietnamese!r}")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_is_up_to_date():
    po = load_po()
    with COMPILED.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert mo.info().get("language") == "vi"
    problems = []
    for entry in live_entries(po):
        prefix = f"{entry.msgctxt}\x04" if entry.msgctxt else ""
        if entry.msgid_plural:
            for count in (1, 2, 5):
                got = mo.ngettext(prefix + entry.msgid, prefix + entry.msgid_plural, count)
                if got != entry.msgstr_plural[0]:
                    problems.append(f"{entry.msgid!r}: .mo has {got!r}")
        else:
            got = mo.gettext(prefix + entry.msgid)
            if got != entry.msgstr:
                problems.append(f"{entry.msgid!r}: .mo has {got!r}, .po has {entry.msgstr!r}")
    mo_ids = {entry.msgid for entry in polib.mofile(str(COMPILED)) if entry.msgid}
    po_ids = {
        (f"{entry.msgctxt}\x04" if entry.msgctxt else "") + entry.msgid
        for entry in live_entries(po)
    }
    problems += [f"only in the .mo: {msgid!r}" for msgid in sorted(mo_ids - po_ids)]
    assert not problems, "stale .mo, run msgfmt -c -o django.mo django.po:\n" + "\n".join(problems)


# --- Every allauth string the portal can show has a Vietnamese entry -----------------------------


def allauth_templates():
    """The .html pages and .txt e-mails and messages of the apps the portal uses."""
    for folder in TEMPLATE_FOLDERS:
        for suffix in ("html", "txt"):
            yield from sorted((ALLAUTH_DIR / "templates" / folder).glob(f"**/*.{suffix}"))
    # Providers bring their own templates (socialaccount/providers/<name>/templates/).
    yield from sorted((ALLAUTH_DIR / "socialaccount").glob("**/templates/**/*.html"))


def test_every_allauth_template_message_is_in_the_catalogue():
    known = keys(load_po())
    found, missing = 0, []
    for path in allauth_templates():
        for key in template_messages(path):
            found += 1
            if key not in known:
                missing.append(f"{path.relative_to(ALLAUTH_DIR)}: {describe(key)}")
    assert found > 250, "the template scan no longer finds allauth's messages"
    assert not missing, "translate into portal/accounts/locale/vi:\n" + "\n".join(missing)


def test_every_allauth_python_message_is_in_the_catalogue():
    """Form labels, validation errors and flash messages of the apps the portal uses."""
    known = keys(load_po())
    found, missing = 0, []
    for app in APPS:
        for path in sorted((ALLAUTH_DIR / app).rglob("*.py")):
            if {"tests", "migrations"} & set(path.relative_to(ALLAUTH_DIR).parts):
                continue
            for line, key in python_messages(path):
                found += 1
                if key not in known:
                    missing.append(f"{path.relative_to(ALLAUTH_DIR)}:{line}: {describe(key)}")
    assert found > 80, "the Python scan no longer finds allauth's messages"
    assert not missing, "translate into portal/accounts/locale/vi:\n" + "\n".join(missing)


def test_everything_allauths_french_catalogue_translates_is_in_ours():
    """A second source of msgids: allauth's maintained French catalogue."""
    french = polib.pofile(str(ALLAUTH_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    missing = sorted(keys(french) - keys(load_po()), key=str)
    assert not missing, [describe(key) for key in missing]


# --- What readers get ----------------------------------------------------------------------------


def test_allauth_strings_in_vietnamese_and_english():
    with translation.override("vi"):
        assert translation.gettext("Forgot your password?") == "Quên mật khẩu?"
        assert translation.gettext("Two-Factor Authentication") == "Xác thực hai bước"
        assert translation.gettext("Recovery Codes") == "Mã khôi phục"
        assert translation.pgettext("field label", "Login") == "Tài khoản đăng nhập"
        for count in (1, 3):
            assert (
                translation.ngettext(
                    "You have added %(count)s security key.",
                    "You have added %(count)s security keys.",
                    count,
                )
                % {"count": count}
                == f"Bạn đã thêm {count} khóa bảo mật."
            )
    with translation.override("en"):
        assert translation.gettext("Forgot your password?") == "Forgot your password?"
        assert translation.gettext("Two-Factor Authentication") == "Two-Factor Authentication"


@pytest.mark.django_db
def test_login_page_in_vietnamese_unprefixed_and_in_english_under_en(client):
    vietnamese = client.get(LOGIN)
    assert vietnamese.status_code == 200
    vi_html = vietnamese.content.decode()
    for text in (
        "Đăng nhập",
        "Quên mật khẩu?",
        "Ghi nhớ đăng nhập",
        "Tên đăng nhập hoặc thư điện tử",
        "Nếu chưa có tài khoản, vui lòng",
    ):
        assert text in vi_html, text
    for text in ("Sign In", "Sign in", "Forgot your password?", "Remember Me", "Username or email"):
        assert text not in vi_html, text

    english = client.get("/en" + LOGIN)
    assert english.status_code == 200
    en_html = english.content.decode()
    for text in ("Sign In", "Forgot your password?", "Remember Me", "Username or email"):
        assert text in en_html, text
    for text in ("Quên mật khẩu?", "Ghi nhớ đăng nhập"):
        assert text not in en_html, text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "vietnamese", "english"),
    [
        ("password/reset/", "Đặt lại mật khẩu", "Reset My Password"),
        ("signup/", "Bạn đã có tài khoản?", "Already have an account?"),
    ],
)
def test_other_entrance_pages_in_vietnamese(client, path, vietnamese, english):
    response = client.get(f"/tai-khoan/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert vietnamese in html
    assert english not in html
