"""Spot personal data that must never be published in a review entry.

Patterns: NHS numbers (with a valid check digit), National Insurance numbers,
UK phone numbers, e-mail addresses, full postcodes and dates of birth, in the
forms people actually type: spaces, dots, dashes or non-breaking spaces inside
numbers, +44 and 0044 prefixes, lower case, e-mail addresses written as
"name at example dot org" or with a full-width '＠', and dates of birth written
as sentences. Ordinary review text (years, date ranges, counts, percentages,
reference numbers such as "LSCR 1402") is not flagged. An organisation's public
contact details can be allowed in `lscb-kb.yml`. Every pattern has bounded
repetition, so no text makes a scan slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

# Characters people paste that stand for a plain one: non-breaking and thin spaces,
# full-width '@', '.' and digits. Each maps to one character, so offsets stay the same.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u2007\u2009\u202f\u3000", " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
        "\uff20": "@",
        "\uff0e": ".",
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }
)

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_DATE = (
    rf"(?:\d{{1,2}}{_ORDINAL}\s{{1,3}}(?:of\s{{1,3}})?{_MONTH}(?:,?\s{{1,3}}{_YEAR})?"
    rf"|{_MONTH}\s{{1,3}}\d{{1,2}}(?!\d){_ORDINAL}(?:,?\s{{1,3}}{_YEAR})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2})"
)
# "date of birth was 3 March 2015", "born on 3 Mar 15", "her birthday is 3 March", "DOB: 03/05/2010";
# not a range ("babies born 1/4/2014 to 31/3/2015" is a cohort, not a person).
_DOB = re.compile(
    r"(?i)\b(?:d\.?o\.?b\b\.?|date\s{1,3}of\s{1,3}birth|birth\s{0,3}date|birthday|born)"
    r"(?:[\s:,-]{1,5}(?:is|was|on|of|the)\b){0,4}[\s:,-]{0,5}(?:the\s{1,3})?"
    rf"{_DATE}(?!\s{{0,3}}(?:to|and|until|till|-)\s{{0,3}}\d)"
)
_LOCAL = r"(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}"
_LABEL = r"[A-Za-z0-9-]{1,63}"
_BRACKET = r"\s{0,3}[\(\[\{<]\s{0,2}%s\s{0,2}[\)\]\}>]\s{0,3}"
_DOT = rf"(?:\.|{_BRACKET % 'dot'}|\s{{1,3}}dot\s{{1,3}})"
_DOMAIN = rf"{_LABEL}(?:{_DOT}{_LABEL}){{0,5}}?{_DOT}[A-Za-z]{{2,24}}\b"
_EMAIL = re.compile(rf"(?i){_LOCAL}(?:\s?@\s?|{_BRACKET % 'at'}){_DOMAIN}")
# "name at example dot org": only with a spelled-out or bracketed "dot", so that
# "look at www.example.org" is left alone.
_EMAIL_WORDS = re.compile(rf"(?i){_LOCAL}\s{{1,3}}at\s{{1,3}}{_DOMAIN}")
_SPELLED = re.compile(r"(?i)\bdot\b|[\(\[\{<]\s{0,2}at\s{0,2}[\)\]\}>]")
_SEP = r"[ .-]?"
_PHONE = re.compile(rf"(?:(?:\+|00)44{_SEP}(?:\(0\){_SEP})?|\(?0)\d(?:{_SEP}\)?{_SEP}\d){{8,10}}(?![\d])(?![.-]\d)")
_NHS = re.compile(rf"\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}(?!\d)(?![.-]\d)")
_NINO = re.compile(
    r"(?i)(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b"
)
# The letters the Royal Mail uses; an inward code is never an ordinal ("Q3 1st" is not a postcode).
_POSTCODE = re.compile(r"(?i)(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d(?!(?:st|nd|rd|th)\b)[ABD-HJLNP-UW-Z]{2}\b")
# Cheap scans find where a number or a code could be; the exact patterns run only
# there, each starting only where a word or number starts.
_NUMBER_RUN = re.compile(r"[+(\d][\d .\-()]{8,}")
_CODE_START = re.compile(r"(?i)(?<![^\W_])[A-Z][A-Z\d]?[ -]?\d")
_NUMBER = re.compile(rf"(?<![^\W_]|[+(.-])(?:(?P<phone>{_PHONE.pattern})|(?P<nhs>{_NHS.pattern}))")
_CODE = re.compile(rf"(?i)(?<![^\W_])(?:(?P<nino>{_NINO.pattern[4:]})|(?P<postcode>{_POSTCODE.pattern[4:]}))")
_BIRTH_WORD = re.compile(r"born|birth|d\.?o\.?b")  # in lower case: every `_DOB` match starts with one
_DIGITS = re.compile(r"\d+")
_BEFORE_BIRTH_WORD = 16  # "date   of   birth" starts this far at most before "birth"
_AFTER_BIRTH_WORD = 120  # and its date ends (four short words, the date, what may follow) within this after it
_AT_BRACKETED = re.compile(r"[\(\[\{<]\s{0,2}[Aa][Tt]\s{0,2}[\)\]\}>]")  # `_SPELLED`'s second half
_DIGIT_OR_AT = re.compile(r"[\d@]")  # every kind of personal data has one, or a spelled-out e-mail address

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
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def normalise(value: str) -> str:
    """The comparable form of a contact detail: digits of a number, lower-case otherwise."""
    value = value.translate(_PLAIN)
    digits = re.sub(r"\D", "", value)
    if digits and len(digits) >= 0.6 * len(re.sub(r"\s", "", value)):
        if digits.startswith("0044"):
            digits = digits[2:]
        if digits.startswith("44") and len(digits) > 10:
            digits = "0" + digits[2:].lstrip("0")
        return digits
    return re.sub(r"\s", "", value).casefold()


def _candidates(text: str) -> Iterator[tuple[str, re.Match]]:
    lower = text.lower()
    # `_SPELLED` in two cheaper steps: a spelled-out "dot" is rare, a bracketed "at" starts with a bracket.
    spelled = ("dot" in lower and _SPELLED.search(text)) or _AT_BRACKETED.search(text)
    if not spelled and not _DIGIT_OR_AT.search(text):
        return
    if "@" in text or spelled:
        yield from (("email", m) for m in _EMAIL.finditer(text))
    if spelled:
        yield from (("email", m) for m in _EMAIL_WORDS.finditer(text) if _SPELLED.search(m.group()))
    yield from (("dob", m) for m in _dates_of_birth(text, lower))
    for run in _NUMBER_RUN.finditer(text):
        yield from ((match.lastgroup, match) for match in _NUMBER.finditer(text, run.start(), run.end()))
    # A code (National Insurance number, postcode) starts one to three characters before its first digit.
    tried = -1
    for digits in _DIGITS.finditer(text):
        for start in range(max(tried + 1, digits.start() - 3), digits.start()):
            tried = start
            match = _CODE_START.match(text, start) and _CODE.match(text, start)
            if match:
                yield match.lastgroup, match


def _dates_of_birth(text: str, lower: str) -> Iterator[re.Match]:
    """`_DOB`'s matches, looked for only around the words that start them: scanning a long body with
    the whole expression is slow, and most bodies that say "birth" say "pre-birth". (The words are found
    in `lower`, whose length can differ from the text's by a few characters: the windows allow for it.)"""
    drift = abs(len(lower) - len(text))
    end = 0
    for word in _BIRTH_WORD.finditer(lower):
        if word.start() + drift < end:
            continue
        low = max(end, word.start() - _BEFORE_BIRTH_WORD - drift)
        match = _DOB.search(text, low, word.end() + _AFTER_BIRTH_WORD + drift)
        if match:
            end = match.end()
            yield match


def find(text: str, allowed: Iterable[str] = ()) -> Iterator[Finding]:
    """Every piece of personal data in `text`, skipping allowed public contact details."""
    plain = text.translate(_PLAIN)
    candidates = sorted(_candidates(plain), key=lambda found: found[1].start())
    allowed_forms = {normalise(value) for value in allowed} if candidates else set()
    covered = 0  # end of the last finding: a match inside it is the same piece of data
    for kind, match in candidates:
        value = match.group()
        digits = re.sub(r"\D", "", value)
        if kind == "nhs" and not _nhs_check_digit_ok(digits):
            continue
        if kind == "phone" and not _phone_ok(digits):
            continue
        if match.start() < covered or normalise(value) in allowed_forms:
            continue
        covered = match.end()
        yield Finding(match.start(), kind, text[match.start() : match.end()])
