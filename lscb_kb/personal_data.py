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
_DOB = re.compile(
    r"(?i:\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)[\s:,-]*(?:the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}))"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d \-)]{7,13}\d(?![\d-])")
_NHS = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
_NINO = re.compile(r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_POSTCODE = re.compile(r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
# Cheap scans that find where a number or a code could start; the exact patterns
# above then run only there (scanning every body with them would be slow).
_NUMBER_RUN = re.compile(r"[+(\d][\d \-()]{8,}")
_CODE_START = re.compile(r"[A-Z][A-Z\d]? ?\d")
_BIRTH_WORDS = ("born", "birth", "dob", "d.o.b")
_DIGIT_OR_AT = re.compile(r"[\d@]")  # every kind of personal data above has one

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


def _candidates(text: str) -> Iterator[tuple[str, re.Match]]:
    if not _DIGIT_OR_AT.search(text):
        return
    if "@" in text:
        yield from (("email", m) for m in _EMAIL.finditer(text))
    lower = text.lower()
    if any(word in lower for word in _BIRTH_WORDS):
        yield from (("dob", m) for m in _DOB.finditer(text))
    for run in _NUMBER_RUN.finditer(text):
        resume = run.start()
        for start in range(run.start(), run.end()):
            if start >= resume and text[start] in "+(0123456789" and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "+-(")):
                for kind, pattern in (("phone", _PHONE), ("nhs", _NHS)):
                    match = pattern.match(text, start)
                    if match:
                        yield kind, match
                        resume = match.end()
                        break
    for code in _CODE_START.finditer(text):
        start = code.start()
        if start and text[start - 1].isalnum():
            continue
        for kind, pattern in (("nino", _NINO), ("postcode", _POSTCODE)):
            match = pattern.match(text, start)
            if match:
                yield kind, match
                break


def find(text: str, allowed: Iterable[str] = ()) -> Iterator[Finding]:
    """Every piece of personal data in `text`, skipping allowed public contact details."""
    allowed_forms = {normalise(value) for value in allowed}
    seen: set[int] = set()
    for kind, match in sorted(_candidates(text), key=lambda found: found[1].start()):
        value = match.group()
        digits = re.sub(r"\D", "", value)
        if kind == "nhs" and not _nhs_check_digit_ok(digits):
            continue
        if kind == "phone" and not _phone_ok(digits):
            continue
        if match.start() in seen or normalise(value) in allowed_forms:
            continue
        seen.add(match.start())
        yield Finding(match.start(), kind, value)
