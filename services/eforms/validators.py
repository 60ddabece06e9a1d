"""Format checks for Vietnamese identifiers typed into e-forms."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# First three digits of a personal identification number (số định danh cá nhân, the CCCD number):
# the province where the birth was registered, in the 63-province scheme of Circular 07/2016/TT-BCA
# (codes stay valid after the 2025 merger: numbers already issued never change).
CITIZEN_ID_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 "
    "036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 "
    "074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
# Fourth digit: sex and century of birth (0/1 = male/female born 1900–1999, 2/3 = 2000–2099, …).
CITIZEN_ID_CENTURIES = {"0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100}

_TWELVE_DIGITS = re.compile(r"^\d{12}$")
_PHONE = re.compile(r"^(?:\+84|84|0)(?:3|5|7|8|9)\d{8}$|^(?:\+84|84|0)2\d{9}$")


def normalise_citizen_id(value):
    return re.sub(r"[\s.\-]", "", str(value or ""))


def validate_citizen_id(value):
    """A 12-digit personal identification number with a valid province and sex/century code."""
    number = normalise_citizen_id(value)
    if not _TWELVE_DIGITS.match(number):
        raise ValidationError(
            _("The citizen ID number must have exactly 12 digits."), code="citizen_id_length"
        )
    if number[:3] not in CITIZEN_ID_PROVINCE_CODES:
        raise ValidationError(
            _(
                "The first three digits of the citizen ID number (%(code)s) are not a province code."
            ),
            code="citizen_id_province",
            params={"code": number[:3]},
        )
    century = CITIZEN_ID_CENTURIES.get(number[3])
    birth_year = century + int(number[4:6]) if century else None
    if birth_year is None or birth_year > timezone.localdate().year:
        raise ValidationError(
            _(
                "The fourth to sixth digits of the citizen ID number (sex, century and year of "
                "birth) are not valid."
            ),
            code="citizen_id_century",
        )


def normalise_phone(value):
    return re.sub(r"[\s.\-()]", "", str(value or ""))


def validate_phone(value):
    """A Vietnamese mobile (10 digits) or landline (11 digits with the 02x area code) number."""
    if not _PHONE.match(normalise_phone(value)):
        raise ValidationError(
            _("Enter a Vietnamese phone number, for example 0912 345 678."), code="phone"
        )
