"""The one Vietnamese text normaliser of search, used on both sides: what is indexed and what is
asked. `normalise` keeps the diacritics (exact-accent matches rank first), `fold` removes them
(so "dang ky tam tru" finds "Đăng ký tạm trú"); `tokens` splits either into words.
"""

import re

from portal.text import fold as fold_diacritics
from portal.text import nfc

# Punctuation becomes a space, except inside codes and numbers: "1.004194", "66.9/2025/NQ-CP".
_PUNCTUATION = re.compile(r"[^\w./-]+|(?<!\w)[./-]+|[./-]+(?!\w)")


def normalise(text):
    """NFC, lower case, punctuation cleaned and single spaces; diacritics kept."""
    return " ".join(_PUNCTUATION.sub(" ", nfc(text).lower()).split())


def fold(text):
    """normalise() without diacritics, đ/Đ → d."""
    return fold_diacritics(normalise(text))


def tokens(text):
    """The words of the normalised or folded `text`."""
    return text.split()
