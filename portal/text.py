"""Vietnamese text helpers shared by every app."""

import unicodedata


def nfc(text):
    """One Unicode form (NFC) and single spaces: national data mixes composed and decomposed marks."""
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def fold(text):
    """Lower case without diacritics, so "ho chieu", "HỘ CHIẾU" and "hộ chiếu" all match.

    Folding happens in Python because SQLite's lower() only knows ASCII letters.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def vnd(amount):
    """An amount in đồng as Vietnamese documents write it: 1.250.000 ₫ (no-break space)."""
    if amount in (None, ""):
        return ""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"
