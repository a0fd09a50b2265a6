"""Spot personal data that must never be published in a review entry.

Patterns: NHS numbers (with a valid check digit), National Insurance numbers,
UK phone numbers, e-mail addresses, full postcodes and dates of birth. An
organisation's public contact details can be allowed in `lscb-kb.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PATTERN = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"|(?P<dob>(?i:\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)[\s:,-]*(?:the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})))"
    r"|(?P<phone>(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d \-)]{7,13}\d(?![\d-]))"
    r"|(?P<nhs>(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-]))"
    r"|(?P<nino>\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)"
    r"|(?P<postcode>\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b)"
)

KINDS = {
    "email": "an e-mail address",
    "dob": "a date of birth",
    "phone": "a phone number",
    "nhs": "an NHS number",
    "nino": "a National Insurance number",
    "postcode": "a full postcode",
}


@dataclass(frozen=True)
class Finding:
    offset: int
    kind: str
    text: str

    @property
    def description(self) -> str:
        return KINDS[self.kind]


def _nhs_check_digit_ok(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _phone_ok(digits: str) -> bool:
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def normalise(value: str) -> str:
    """The comparable form of a contact detail: digits of a number, lower-case otherwise."""
    digits = re.sub(r"\D", "", value)
    if digits and len(digits) >= 0.6 * len(re.sub(r"\s", "", value)):
        return digits
    return re.sub(r"\s", "", value).casefold()


def find(text: str, allowed: Iterable[str] = ()) -> Iterator[Finding]:
    """Every piece of personal data in `text`, skipping allowed public contact details."""
    allowed_forms = {normalise(value) for value in allowed}
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        digits = re.sub(r"\D", "", value)
        if kind == "nhs" and not _nhs_check_digit_ok(digits):
            continue
        if kind == "phone" and not _phone_ok(digits):
            continue
        if normalise(value) in allowed_forms:
            continue
        yield Finding(match.start(), kind, value)
