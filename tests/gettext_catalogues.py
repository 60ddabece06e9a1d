"""Reading gettext catalogues and finding the messages code and templates ask for.

Shared by the tests of the project's catalogue (tests/test_translations.py) and of the Vietnamese
catalogue for allauth (tests/portal/accounts/test_allauth_translations.py).
"""

import ast
import re
import unicodedata

from django.utils.translation.template import templatize


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def msgstrs(entry):
    """Every translation of an entry: the msgstr, or each plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def keys(po, *, with_plurals=False):
    """(context, msgid) of every live entry, and of every msgid_plural when asked."""
    found = {(entry.msgctxt, entry.msgid) for entry in live_entries(po)}
    if with_plurals:
        found |= {
            (entry.msgctxt, entry.msgid_plural) for entry in live_entries(po) if entry.msgid_plural
        }
    return found


def vietnamese_problems(po):
    """Entries that are fuzzy, untranslated, not NFC, or have more than Vietnamese's one plural form."""
    problems = []
    for entry in live_entries(po):
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        translations = msgstrs(entry)
        if entry.msgid_plural and len(translations) != 1:
            problems.append(f"Vietnamese has one plural form: {entry.msgid!r}")
        for text in translations:
            if not text.strip():
                problems.append(f"untranslated: {entry.msgid!r}")
            elif not unicodedata.is_normalized("NFC", text):
                problems.append(f"not NFC: {entry.msgid!r} -> {text!r}")
    return problems


def describe(key):
    context, msgid = key
    return f"{msgid!r} (context {context!r})" if context else repr(msgid)


GETTEXT_CALL = re.compile(
    r"\b(?P<function>n?p?gettext)\((?P<args>(?:\s*u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*,?)+)"
)
STRING_LITERAL = re.compile(r"u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def template_messages(path):
    """(context, msgid) pairs the way makemessages sees them: {% translate %}, {% blocktranslate %}
    (trimmed or not, singular and plural), inside allauth's {% element %} slots too."""
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in GETTEXT_CALL.finditer(source):
        strings = [ast.literal_eval(s.lstrip("u")) for s in STRING_LITERAL.findall(match["args"])]
        context = strings.pop(0) if match["function"].lstrip("n").startswith("p") else None
        yield context, strings[0]
        if match["function"].startswith("n"):
            yield context, strings[1]


GETTEXT_FUNCTIONS = {  # name: (index of the context argument, index of the msgid argument)
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}


def python_messages(path):
    """(line, (context, msgid)) for every gettext call with literal arguments in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        context_index, msgid_index = GETTEXT_FUNCTIONS[name]
        args = node.args
        if len(args) <= msgid_index or not all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            for arg in args[: msgid_index + 1]
        ):
            continue
        context = args[context_index].value if context_index is not None else None
        yield node.lineno, (context, args[msgid_index].value)
