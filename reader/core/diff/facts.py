"""The facts a paragraph states: numbers, dates, names, quotes, attribution, negation, hedges.

Readers compare versions of a story to find what changed in substance, and
substance lives in a few kinds of words. We find them with regular
expressions and capitalisation rules rather than a tagger: on news prose the
rules find the same names a small spaCy model finds for the purpose here
(person names are what must be compared, and they come with titles, "said"
or a first name), at about a hundredth of the cost, with nothing to download
and no language model to go stale (README, "Facts", has the figures).

Every fact carries exact code-point offsets into the paragraph text and a
``key``: the normalised value two facts must share to state the same thing
("fifteen" and "15" both have key ``15``). Text in other languages yields
few or no facts, never an error.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reader.core.diff.quotes import find_quotes
from reader.core.diff.words import words_of
from reader.core.load.book_marks import PAGE_NUMBER
from reader.core.load.divisions import roman_number
from reader.core.load.script_aware import CJK
from reader.core.number_words import TENS, UNITS

NUMBER, DATE, NAME, QUOTE, ATTRIBUTION, NEGATION, HEDGE = (
    "number", "date", "name", "quote", "attribution", "negation", "hedge")
KINDS = (NUMBER, DATE, NAME, QUOTE, ATTRIBUTION, NEGATION, HEDGE)
PARAGRAPHS_KEPT = 1 << 20
"""Paragraphs whose readings (facts, names, words) each cache keeps: every paragraph of
sources at the limits of ``core/pipeline.py`` (600,000 in a pair of short-line texts,
~70,000 in two 19 MB texts of prose). A cache that holds fewer than the paragraphs read in
turn keeps none of them (each is evicted before it is asked again): two 19 MB sources
read every paragraph's facts again for each use (the JSON took 107 s, 13 s for two of
8 MB)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact stated in a paragraph: ``text[start:end]``.

    ``detail`` depends on the kind: the category of a name (``person`` or
    ``other``), the stance of an attribution verb, the speaker of a quote.
    ``title`` is a person's title ("foreign minister"); ``speaker_span`` the
    offsets of a quote's speaker when it is named in the same paragraph.
    """

    kind: str
    start: int
    end: int
    text: str
    key: str
    detail: str = ""
    title: str = ""
    speaker_span: tuple[int, int] | None = None

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "span": [self.start, self.end], "text": self.text,
                     "value": self.key}
        if self.kind == NAME:
            out["category"] = self.detail
            out["title"] = self.title
        elif self.kind == ATTRIBUTION:
            out["stance"] = self.detail
        elif self.kind == QUOTE:
            out["speaker"] = self.detail or None
            out["speaker_span"] = list(self.speaker_span) if self.speaker_span else None
        return out


# --- numbers -----------------------------------------------------------------------------

_AT_WORD = r"(?=\b\w)"
"""Leads the patterns whose every alternative starts a word (``\\b`` then a letter or
digit): the engine then skips the places inside words at once, not alternative by
alternative (a quarter of the time), and the matches are the same."""
_SMALL = {w: i for i, w in enumerate(UNITS)}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(TENS)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
           "trillion": 10**12}
_VAGUE = {"dozen": 12}
_PLURAL_AMOUNTS = r"dozens|hundreds|thousands|millions|billions|tens of thousands|" \
                  r"hundreds of thousands"
_WORD = "|".join(sorted([*_SMALL, *_TENS, *_SCALES, *_VAGUE], key=len, reverse=True))
_FRACTIONS = {"half": 50, "third": 33, "quarter": 25, "thirds": 67, "quarters": 75}
"""Shares in words, as the percentage a version may print instead ("half of the staff" is
"50% of the staff": no change; "60%" is one), by their last word."""
_FRACTION = (r"(?<!first\s)(?<!second\s)\b(?:(?:a|one)[\s-]+(?:third|quarter)"
             r"|two[\s-]+thirds|three[\s-]+quarters|half)\b"
             r"(?=\s+(?:of|the|his|her|its|their|our|all|those|these)\b)")
"""A share: "half of", "a third of the", "two-thirds of their" (followed by what it is a
share of: "half an hour" and "half a million" are no share, and neither is "the first
half of")."""
_NUMBER_WORDS = re.compile(
    rf"{_AT_WORD}(?:{_FRACTION}"
    rf"|\b(?:(?:half\s+)?an?\s+(?=(?:{'|'.join([*_SCALES, *_VAGUE])})\b))?"
    rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*\b(?:\s*(?:percent|per\s+cent)\b)?"
    rf"|\b(?:{_PLURAL_AMOUNTS})\b)", re.IGNORECASE)
_UNSPACED = CJK
"""Kana, Han and Hangul: scripts that write a number against the words around it
("增长4.9%", "4.9%로"), where a letter of other scripts beside a digit makes a code
("A320", "COVID19"), not a number."""
_GLUED_UNITS = ("mph|kph|kmh|km|cm|mm|mi|ft|sq|kg|lbs?|ha|mw|gw|kw|kwh|mah|gb|mb|tb")
"""Units a text may write against their number ("33,000mph", "20km", "7,500mAh", "40,000sq
ft"): the number is read, its value as if spaced. "m" (metres or million?), "t", "g" ("5G")
and the like stay a code, no number."""
_DIGITS = re.compile(
    rf"(?<![.\-/٫])(?<![^\W{_UNSPACED}])(?P<cur>[$£€¥])?\s?"
    rf"(?P<num>\d{{1,3}}(?:[,٬]\d{{3}})+|\d{{1,3}}(?:[\u00a0\u202f]\d{{3}})+"
    rf"|\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![.,٫]?\d)|\d+(?![,٬]\d{{3}}(?!\d)))"
    rf"(?P<dec>[.٫]\d+|,\d{{1,2}}(?!\d))?(?P<ord>st|nd|rd|th)?"
    rf"(?!(?!(?:bn|k)\b|(?(cur)m\b|(?!))|(?i:{_GLUED_UNITS})\b)[^\W{_UNSPACED}]|/)"
    r"(?P<pct>\s?%|\s+percent\b|\s+per\s+cent\b)?"
    r"(?P<scale>\s+(?:million|billion|trillion|thousand|hundred)\b|(?:bn|m|k)\b)?")
"""A number in digits: "$4.8 billion", "12,000", "15%", "3rd". Thousands are grouped by
commas (Arabic "٬" too), by points where there are two groups or more ("1.200.000"), or
by the no-break spaces French and Russian print ("3\u00a0400"); the decimal point may be
the Arabic "٫" ("٢٫٥" is 2.5, where it read 2 and 5); a comma before
one or two digits is a decimal comma ("9,8 метра" is 9.8, where it read 9 and 8); a scale
glued to the number is read where it cannot be a unit ("1.5k", "$2bn", "$5m"; "5m"
alone is five metres, no amount: it stays no number), and a unit (``_GLUED_UNITS``) is
left after it. A grouped number is never read in part: "33,000mph" was 33."""
_HYPHEN_CAPITAL = re.compile(r"-[A-Z]")
"""A number word joined by a hyphen to a capitalised word is not read as a number."""
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_LONE_ONE = {"one", "a", "an"}
"""'one' alone is mostly a pronoun ("one of his allies"): kept only inside a larger number,
or before a unit (``_UNIT_AFTER``)."""
_UNIT_AFTER = re.compile(r"[\s-]+(?:mile|kilometre|kilometer|km|metre|meter|foot|inch|hour|"
                         r"minute|second|day|week|month|year|person|dollar|pound|euro|percent|"
                         r"ton|tonne|acre|car|vehicle|house|home|child|victim)s?\b",
                         re.IGNORECASE)
"""After "one", a unit or a counted thing: "within one mile" → "within two miles" is a
number changed (it read "number added: two")."""


@lru_cache(maxsize=4096)
def _word_number(phrase: str) -> str:
    """The value of a number in words ("twenty-one", "a dozen", "15 percent" spelled out;
    cached: prose says "two" and "three" again and again)."""
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    pct = words and words[-1] in ("percent", "cent")
    words = [w for w in words if w not in ("percent", "per", "cent")]
    half = words[:1] == ["half"]  # "half a million", "half a dozen"
    total = current = 0
    for w in words:
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _VAGUE:
            current = (current or 1) * _VAGUE[w]
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        elif w in ("a", "an"):
            current = 0
    value = str((total + current) // 2 if half else total + current)
    return value + "%" if pct else value


def _numbers(text: str, taken: list[tuple[int, int]], spelled: Iterable[re.Match],
             digits: Iterable[re.Match]) -> list[Fact]:
    """Numbers in digits (``digits``: the matches of ``_DIGITS``), and in words
    (``spelled``: the matches of ``_NUMBER_WORDS``) but for the scale of an amount in
    digits ("billion" in "$4.8 billion" is part of it)."""
    in_digits = _digit_numbers(text, taken, digits)
    taken = taken + [(f.start, f.end) for f in in_digits]
    out = []
    for m in spelled:
        phrase = text[m.start():m.end()]
        if phrase.lower() in _LONE_ONE and not (phrase.lower() == "one" and
                                                _UNIT_AFTER.match(text, m.end())) \
                or _inside(m.start(), m.end(), taken) or _HYPHEN_CAPITAL.match(text, m.end()):
            continue
        last = re.split(r"[\s-]", phrase.lower())[-1]
        if last in _FRACTIONS:
            key = f"{_FRACTIONS[last]}%"
        elif " of " in phrase.lower() or phrase.lower().endswith("s") and \
                phrase.lower() in _PLURAL_AMOUNTS.split("|"):
            key = re.sub(r"\s+", " ", phrase.lower())
        else:
            key = _word_number(phrase)
        out.append(Fact(NUMBER, m.start(), m.end(), phrase, key))
    return out + in_digits


def _digit_numbers(text: str, taken: list[tuple[int, int]], found: Iterable[re.Match]
                   ) -> list[Fact]:
    """Numbers in digits (with their currency, percent and scale) among ``found``, the
    matches of ``_DIGITS``, outside ``taken``."""
    out = []
    markers = [m.span() for m in _MARKERS.finditer(text)] if "[" in text or "{" in text else []
    for m in found:
        start = m.start("cur") if m.group("cur") else m.start("num")
        if _inside(start, m.end(), taken) or markers and _inside(start, m.end(), markers):
            continue
        digits = m.group("num").translate(_NO_GROUPING)
        if _YEAR.match(m.group("num")) and not (m.group("cur") or m.group("pct")
                                                or m.group("scale") or m.group("dec")):
            continue  # a year: a date (written without grouping: "2,000 residents" is none)
        value = float(digits + (m.group("dec") or "").translate(_DECIMAL_POINT))
        scale = (m.group("scale") or "").strip().lower()
        value *= {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9,
                  "bn": 1e9, "trillion": 1e12, "hundred": 100}.get(scale, 1)
        key = f"{value:g}" if value < 1e15 else digits
        if "e" in key:
            key = str(int(value))
        key = (m.group("cur") or "") + key + ("%" if m.group("pct") else "") + \
            (m.group("ord") or "")
        out.append(Fact(NUMBER, start, m.end(), text[start:m.end()], key))
    return out


_MARKERS = re.compile(rf"(?<=[^\s\d])\[\d{{1,3}}\]|{PAGE_NUMBER}")
"""A note's mark set against a word ("Ariosto[1]") and a printed page's number in
braces or brackets ("{102}", "[p. 101]", "[Pg 7]", as Project Gutenberg's texts keep
them: ``book_marks.PAGE_NUMBER``): no quantity the text states. An edition that adds a
footnote read "number added: 1", one that keeps its page numbers "number added: 102"."""
_NO_GROUPING = str.maketrans("", "", ",٬.\u00a0\u202f ")
"""What groups thousands, left out of a number's digits."""
_DECIMAL_POINT = str.maketrans(",٫", "..")
_GROUPED = re.compile(r"(?<![\d.,٫])\d{1,3}(?:(?:\.|\s)\d{3})+(?!\d|[.,٫]\d)")
"""Thousands grouped by a point or a space ("12.000", "15 000"), as texts in German,
Spanish, Italian or French print them: an English "1.200" is a decimal, and "May 5 200
people" two numbers (``_regrouped``)."""


def _regrouped(text: str, facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """``facts`` of a text in another language than English, its numbers grouped in
    thousands by points or spaces read as one number each ("12.000" is 12000, where it
    read 12, and "15 000" one number, where it read 15 and 0). A number's currency and
    percent sign are kept; only the digits are read anew."""
    numbers = [f for f in facts if f.kind == NUMBER]
    if not numbers:
        return facts
    out = list(facts)
    for m in _GROUPED.finditer(text):
        within = [f for f in numbers if m.start() <= f.end and f.start < m.end()]
        if not within or len(within) == 1 and m.group().isdigit():
            continue
        start, end = within[0].start, max(f.end for f in within)
        key = within[0].key[:1].strip("0123456789.") + m.group().translate(_NO_GROUPING) \
            + ("%" if within[-1].key.endswith("%") else "")
        out = [f for f in out if f not in within]
        out.append(Fact(NUMBER, start, end, text[start:end], key))
    return tuple(out)


_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "兩": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_SCALES = {"万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8}
_HAN_NUMERALS = "".join([*_HAN_DIGITS, *_HAN_UNITS, *_HAN_SCALES])
_COUNTED = "人名个個位座栋棟幢辆輛户戶家岁歲天次起处處条條艘架所间間米吨噸元级級倍"
"""Measure words and units a Chinese numeral counts ("三十人", "二百余名", "十公里"),
simplified and traditional: a numeral only before one, as "一" and "万" are parts of
common words ("一些", "统一", "万一"); not a year or a month ("二〇一三年", "十二月",
dates)."""
_NOT_A_COUNT = "第周期拜"
"""Before a numeral, what makes it an ordinal or a weekday: "第三", "周三", "星期三",
"礼拜三"."""
_HAN_NUMBER = re.compile(rf"(?<![{_NOT_A_COUNT}{_HAN_NUMERALS}])[{_HAN_NUMERALS}]+"
                         rf"(?=[余餘多]?(?:[{_COUNTED}]|公[里斤顷頃]))")


def _han_numbers(text: str) -> list[Fact]:
    """Chinese numerals counting something, by value: "三十人" states 30 as "30人" does,
    and a version that writes its numbers so dropped none of them."""
    if text.isascii():
        return []
    return [Fact(NUMBER, m.start(), m.end(), m.group(), str(_han_value(m.group())))
            for m in _HAN_NUMBER.finditer(text)]


def _han_value(numeral: str) -> int:
    """The value of a Chinese numeral: "三十" 30, "十五" 15, "二百" 200, "一万二千五百"
    12500; digits alone are read one by one ("二〇二四" 2024)."""
    if not any(c in _HAN_UNITS or c in _HAN_SCALES for c in numeral):
        return int("".join(str(_HAN_DIGITS[c]) for c in numeral))
    total = section = digit = 0
    for c in numeral:
        if c in _HAN_DIGITS:
            digit = _HAN_DIGITS[c]
        elif c in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[c]
            digit = 0
        else:
            total += (section + digit or 1) * _HAN_SCALES[c]
            section = digit = 0
    return total + section + digit


DIVISION_CHARS = 40
"""Longer than this, a paragraph is no chapter's heading (``_division_number``)."""


def _division_number(text: str) -> list[Fact]:
    """A chapter heading's Roman numeral as the number it is ("CHAPTER VII" is chapter 7,
    as "CHAPTER SEVEN" is: the same number in another style, no number dropped)."""
    found = roman_number(text) if len(text) <= DIVISION_CHARS else None
    if found is None:
        return []
    start, end, value = found
    return [Fact(NUMBER, start, end, text[start:end], str(value))]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# --- dates and times ---------------------------------------------------------------------

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
"""Months as news agencies abbreviate them ("Jan. 5, 2016"), read only beside a day: "Mar"
or "Dec" alone may be anything."""
_PERIODS = "week|weekend|month|year|fall|autumn|spring|summer|winter|night|morning|" \
           "evening|decade|century|day"
_COUNT = r"(?:(?:a\s+)?few|several|many|\d+|two|three|four|five|six|seven|eight|nine|ten|a|an|one)"
_ORDINAL_DAYS = {word: day for day, word in enumerate(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
    twentieth""".split(), 1)} | {"thirtieth": 30}
_ORDINAL_DAY = (r"(?:(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh"
                r"|eighth|ninth)|" + "|".join(sorted(_ORDINAL_DAYS, key=len, reverse=True))
                + r")\b")
"""A day of the month in words, as prose and translations write it: "January the
seventeenth", "the twenty-first of May" (read as the month alone, "date: 17 January →
January")."""
_DATED_DAY = (rf"\b(?:{_WEEKDAYS}),?\s+(?:(?:the\s+)?(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?"
              rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}))(?:,?\s+\d{{4}})?\b")
"""A weekday and its date, "Friday, March 17": one date (its key is the date's,
``_date_key``), where two were reported changed for one edit ("Friday → Saturday",
"March 17 → March 18")."""
_DATE = re.compile(
    rf"{_AT_WORD}(?:{_DATED_DAY}"
    rf"|\b(?:(?:early|late|earlier|later)\s+(?:on\s+)?)?(?:{_WEEKDAYS})(?:['’]s)?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:{_MONTHS})\s+(?:the\s+)?(?:{_ORDINAL_DAY}|\d{{1,2}}(?:st|nd|rd|th)\b)"
    rf"(?:,?\s+\d{{4}}\b)?"
    rf"|\b(?:{_ORDINAL_DAY}|\d{{1,2}}(?:st|nd|rd|th)?)\s+of\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b(?:(?:early|late|mid-?)\s*)?(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:{_MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_ABBREVIATIONS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|\b(?:(?:early|late|mid-?)\s*)?(?:{_MONTHS})(?:\s+(?:of\s+)?\d{{4}})\b"
    rf"|\b(?:in|by|since|until|early|late|mid)\s+May\b|(?<=\bmonth\sof\s)May\b"
    rf"|\b(?:(?:early|late|mid-?)\s*)?(?:{'|'.join(m for m in _MONTHS.split('|') if m != 'May')})\b"
    rf"|\b(?:in\s+)?(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+of\s+\d{{4}}\b"
    rf"|\b(?:1[89]|20)\d\d\b"
    rf"|\b(?:yesterday|today|tomorrow|tonight|recently)\b"
    rf"|\b(?:(?:late|early)\s+)?(?:last|this|next|past|coming|previous)\s+(?:{_PERIODS})\b"
    rf"|\b(?:earlier|later)\s+(?:this|that|last|next|in\s+the)\s+(?:{_PERIODS})\b"
    rf"|\b(?:(?:almost|nearly|about|some)\s+)?(?:{_COUNT}\s+)?"
    rf"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+"
    rf"(?:earlier|later|ago|before|after|from\s+now)\b"
    rf"|\bin\s+recent\s+(?:days|weeks|months|years)\b"
    rf"|\b\d{{1,2}}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{{1,2}}:\d\d\b"
    rf"|\b(?:noon|midnight|dawn|dusk|daybreak|sunrise|sunset|nightfall|first\s+light)\b)",
    re.IGNORECASE)
_DATE_NAMES = re.compile(rf"(?:{_WEEKDAYS}|{_MONTHS})", re.IGNORECASE)


_ABBREVIATED = re.compile(rf"\b({_MONTH_ABBREVIATIONS.lower()})\b\.?")
_MONTH_NAMES = {month[:3].lower(): month.lower() for month in _MONTHS.split("|")}
"""An abbreviated month's name in full, for the date's key: "Jan. 5, 2016" and "January 5,
2016" are one date."""
_REPEATED = re.compile(r"\s+(\w+)")
"""The word after a date phrase: "week after week" repeats its period."""


def _dates(text: str, found: Iterable[re.Match]) -> list[Fact]:
    """Dates and times among ``found``, the matches of ``_DATE``."""
    out = []
    for m in found:
        phrase = text[m.start():m.end()]
        if _repeats(text, m.end(), phrase):
            continue  # "day after day", "week after week": time passing, not a time
        # Weekday and month names are capitalised in English: "may" and "march" are verbs.
        names = _DATE_NAMES.findall(phrase)
        if names and not all(n[0].isupper() for n in names):
            continue
        out.append(Fact(DATE, m.start(), m.end(), phrase, _date_key(phrase)))
    return out


def _repeats(text: str, end: int, phrase: str) -> bool:
    """Whether the word after a date phrase is its first word again ("week after
    week")."""
    after = _REPEATED.match(text, end)
    return bool(after) and after.group(1).lower() == phrase.split()[0].lower()


def _date_key(phrase: str) -> str:
    key = _ABBREVIATED.sub(lambda m: _MONTH_NAMES[m.group(1).lower()[:3]],
                           phrase.lower().replace("’", "'").replace("'s", ""))
    key = re.sub(r"\b(?:on|the|in|by|since|until|early|late|earlier|later)\s+(?=\w)", "", key)
    key = re.sub(r"\s+", " ", key).strip()
    key = _SAME_HOUR.get(key, key)
    key = _HOUR_OF_DAY.sub(r"\1 \2.m.", key)  # "9am", "9 am", "9 a.m.": one time
    day = _DAY_OF_MONTH.fullmatch(_WEEKDAY_BEFORE.sub("", key))
    if day is None:
        return key
    number = _day_number(day.group("day") or day.group("later_day"))
    year = day.group("year") or day.group("later_year")
    month = day.group("month") or day.group("later_month")
    return f"{number} {month} {year}" if year else f"{number} {month}"


_HOUR_OF_DAY = re.compile(r"(\d)\s?([ap])\.?m\.?(?!\w)")
_SAME_HOUR = {"daybreak": "dawn", "first light": "dawn", "sunrise": "dawn",
              "nightfall": "dusk", "sunset": "dusk"}
"""Words of the day that name one hour: "By daybreak" / "By first light" is the same
time, not "time dropped: daybreak" (review 12)."""


_DAY = r"\d{1,2}(?:st|nd|rd|th)?|" + _ORDINAL_DAY
_DAY_OF_MONTH = re.compile(
    rf"(?P<day>{_DAY}) (?:of )?(?P<month>{_MONTHS.lower()})(?:,? (?P<year>\d{{4}}))?"
    rf"|(?P<later_month>{_MONTHS.lower()}) (?P<later_day>{_DAY})(?:,? (?P<later_year>\d{{4}}))?")
"""A day and a month in either order, as a date's key writes it: "17 january" for "January
17th", "the 17th of January" and "January the seventeenth" (one date; "date: January 17 →
17 January" told a style, not a fact)."""


_WEEKDAY_BEFORE = re.compile(rf"^(?:{_WEEKDAYS.lower()}),? (?=\w)")
"""The weekday before a date (``_DATED_DAY``): the date says the day, and "Friday, March
17" / "March 17" is one date."""
TIME, DAY = "time", "day"
"""Classes of dates (``date_class``): a time of day, a day."""
_TIME_KEY = re.compile(r"\d:\d\d|\d ?(?:a\.m\.|p\.m\.|am\b|pm\b)"
                       r"|^(?:noon|midnight|dawn|dusk|daybreak|sunrise|sunset|nightfall)$")
RELATIVE_DAYS = frozenset("""yesterday today tomorrow tonight""".split()) | frozenset(
    f"{when} {part}" for when in ("this", "last") for part in ("morning", "evening", "night"))
"""The keys of days told from the day of writing: a later version names the day."""
_DAY_KEY = re.compile(rf"^(?:{_WEEKDAYS.lower()})\b|^\d{{1,2}} (?:{_MONTHS.lower()})\b")


@lru_cache(maxsize=4096)
def date_class(key: str) -> str:
    """What a date's ``key`` names: a time of day (``TIME``: "09:20", "9:40 p.m.", "noon"),
    a day (``DAY``: "thursday", "17 march", "today", "last night"), or else "" (a month,
    a year, a period). A time is not paired with a day ("date: 06:15 → Thursday"), and one
    day left on each side is one date changed, a relative one ("earlier today") against
    the weekday it stands for too."""
    return TIME if _TIME_KEY.search(key) else \
        DAY if key in RELATIVE_DAYS or _DAY_KEY.search(key) else ""


_SPACE_OR_HYPHEN = re.compile(r"[\s-]")


def _day_number(day: str) -> str:
    """A day of the month as digits: "17th" and "seventeenth" are "17", "twenty-first" "21"."""
    if day[0].isdigit():
        return day.rstrip("stndrh")
    *tens, unit = _SPACE_OR_HYPHEN.split(day)
    return str((30 if tens == ["thirty"] else 20 if tens else 0) + _ORDINAL_DAYS[unit])


# --- names -------------------------------------------------------------------------------

_TITLE_WORDS = set("""president prime minister foreign secretary general state chancellor king
queen prince princess mr mrs ms dr sir senator governor mayor chief deputy vice spokesman
spokeswoman spokesperson secretary-general leader ambassador admiral director chairman
chairwoman pope judge
justice defence defense interior finance colonel captain commissioner envoy diplomat official
top senior researcher fellow analyst professor lawmaker general-secretary premier emperor
ceo head adviser advisor sheriff marshal coroner inspector detective sergeant lieutenant
superintendent constable""".split())
_PLACE_WORDS = frozenset("""junction falls springs heights county township village valley creek
harbor harbour canyon""".split())
"""Places a story's town and county are named by, which two capitalised words alone made
people ("Ashford Junction", the speaker of a mayor's quote in a headline)."""
_GROUP_WORDS = set("""party council ministry institute academy university times journal post
agency press house assembly conference nations union federation republic organization
organisation department office program programme bank fund court parliament congress senate
treaty charter war ocean sea town city states kingdom africa america asia europe east west
north south island islands street square news network committee commission army navy force
forces group company corporation association church front league movement initiative
summit talks guard service police patrol hospital administration authority bureau corps
foundation museum airport school college center centre district reservoir dam station
library""".split()) | _PLACE_WORDS
"""Words of a group's or a place's name ("Oregon National Guard", "Caston High School" and
"Millbrook Irrigation District", three capitalised words of no such word, had been
people: "name dropped: Oregon" from a headline, review 12)."""
_NEVER_INITIALLED = frozenset("street square road avenue lane island".split()) | _PLACE_WORDS
"""Group words of names nobody writes as initials: a street is "Main Street", never "MS",
and keyed by its initials "Main Street" → "Mill Street" was no change (both "ms")."""
_PLACE_FIRST = frozenset("""cape mount lake fort port punta puerto porto cabo isla monte lago
río rio playa bahía""".split())
_PLACE_LAST = frozenset("point river".split())
"""Words that make a two-word name a place where they stand: first in English and the
Romance languages ("Cape Horn", "Punta Gris", "Puerto Rico"), last in English ("Grey
Point"). Any two capitalised words were a person, and a title in title case named
"Punta" and "Gris" as two people ("name dropped: Punta", "name dropped: Gris")."""


def _place_name(name_lower: list[str] | tuple[str, ...]) -> bool:
    """Whether a name of several words is a place by its first or last word."""
    return len(name_lower) > 1 and (name_lower[0] in _PLACE_FIRST
                                    or name_lower[-1] in _PLACE_LAST)


_CONNECTORS = {"of", "the", "for", "and", "de", "al", "bin", "van", "von", "da", "di", "le"}
_GROUPING_WORDS = frozenset(_GROUP_WORDS | {"of", "the", "for"})
"""Words that make a name a group's or a place's ("Bank of England", "The Hague")."""
_NAME_TOKEN = re.compile(r"[A-Z][\w’'.\-]*\w|[A-Z](?:\.[A-Z])+\.?|[A-Z]")
_RUN = re.compile(
    r"(?:[A-Z][\w’'\-]*\w|[A-Z](?:\.[A-Z])+\.?|[A-Z])"
    r"(?:(?:\s+(?:of|the|for|de|al|bin|van|von|da|di|le)){0,2}\s+"
    r"(?:[A-Z][\w’'\-]*\w|[A-Z](?:\.[A-Z])+\.?))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*[”\"’)]?\s+|[.!?:;][”\"’)]?\s*[—–]+\s*"
                             r"|[“\"(‘]\s*|\n)$")
"""What comes before a sentence's first word: a stop and a space, a stop and a dash
(".—Aye, aye," in older prose), an opening mark or a line break."""
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ian|ch)$")
_LOWER_TITLE = re.compile(r"(?:(?:[A-Z][\w]*[’']s|[a-z\-]+|[A-Z][a-z\-]+)\s+){1,3}$")


class NameContext(NamedTuple):
    """What the rest of the document says about capitalised words.

    ``capitalised``: words seen capitalised inside a sentence more often than the
    document writes them in lower case, so a word at a sentence start is a name
    only if it is one elsewhere ("Relations" is not), and a word alone is no name
    where the document mostly writes it in lower case ("One", "May", "Has" put
    inside a sentence by a slip or an edit).
    ``people``: name tokens seen with a title or in a full personal name, so
    that "Wang" alone is known to be a person.

    A named tuple: the caches of paragraphs and links are keyed by context, and a
    tuple of sets is hashed in C (each set keeps its hash), where a dataclass's hash
    is a call of Python for every look-up (~100,000 on 20 sources).
    """

    capitalised: frozenset[str]
    people: frozenset[str]
    titles: frozenset[tuple[str, str]] = frozenset()
    """(name token, title word) pairs: "Putin" is a "Russian" "President"."""
    english: bool = True
    """Whether the document reads as English (``reads_english``): a German sentence
    capitalises its nouns, and only English sentences are told from title-case
    headlines by their full stop (``_name_drafts``)."""
    roles_meant: tuple[tuple[tuple[str, ...], frozenset[str]], ...] | None = None
    """Only in a context cut to one paragraph (``local_context``), whose ``titles`` are
    left empty: the people each of the paragraph's roles stands for, all that reading
    the paragraph asks of the titles."""

    def title_words(self, key: str) -> set[str]:
        by_token = _titles_by_token(self.titles)
        return set().union(*(by_token.get(token, ()) for token in key.split()))

    def people_with_titles(self, role: list[str]) -> set[str]:
        """Name tokens of the people a role ("Chinese", "President") fits (``role_fits``)."""
        if self.roles_meant is not None:
            wanted = tuple(role)
            return next((set(people) for asked, people in self.roles_meant if asked == wanted),
                        set())
        return set(_people_with_titles(self.titles, tuple(role)))


@lru_cache(maxsize=256)
def _titles_by_token(titles: frozenset[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """A document's title words by name token: built once, asked for every link."""
    by_token: dict[str, set[str]] = {}
    for token, word in titles:
        by_token.setdefault(token, set()).add(word)
    return {token: frozenset(words) for token, words in by_token.items()}


@lru_cache(maxsize=4096)
def _people_with_titles(titles: frozenset[tuple[str, str]], role: tuple[str, ...]
                        ) -> frozenset[str]:
    return frozenset(token for token, words in _titles_by_token(titles).items()
                     if role_fits(list(role), set(words)))


_ROLE_NOUNS = ("king queen leader president minister diplomat official secretary spokesman "
               "spokeswoman chief envoy premier prince pope chancellor head ambassador").split()
ROLE = re.compile(r"[Tt](?<!\w[Tt])he\s+(?:[\w’'-]+\s+){0,2}?(?i:" + "|".join(_ROLE_NOUNS)
                  + r")\b")
"""A role standing for a person: "the Chinese President", "the Russian leader". "The" as a
whole word is asked for by a look behind its first letter rather than ``\\b`` before it: a
pattern that starts with a letter is searched letter by letter in C (a third of the time)."""
Role = tuple[int, int, tuple[str, ...]]


def roles(text: str) -> tuple[Role, ...]:
    """The role phrases of a paragraph ("the Chinese President"): start, end and their
    words after "the" (read with the facts no context changes, ``_plain_facts``, and kept
    with them: every link and every sentence of the paragraph asks; a role never spans
    two sentences, so a sentence's roles are those inside it)."""
    return _plain_facts(text)[3]


_GENERIC_ROLES = {"leader", "official", "head", "chief"}
"""Role nouns any titled person can be called by ("the Russian leader" for a president)."""


def role_fits(role: list[str], titles: set[str]) -> bool:
    """Whether a role's words (lower case, "the" left out) describe a person with these
    title words: its noun is one of them, or a generic one ("leader") whose other words
    are ("Russian"). "The Chinese President" is not the Chinese foreign minister, nor
    the Russian president, but may be a "President Xi" whose nationality goes unsaid."""
    if not role or not titles:
        return False
    *rest, noun = role
    if noun in titles:  # "Chinese" may be unsaid of him, but not contradicted ("Russian")
        return set(rest) <= titles or not any(_ADJECTIVE.match(w) for w in titles)
    return noun in _GENERIC_ROLES and bool(set(rest) & titles)


_ADJECTIVE = re.compile(r"^[a-z]+(?:an|ese|ish|ian|ch)$")
"""A nationality among lower-cased title words ("russian", "chinese", "british")."""


def titles_seen_by_roles(context: NameContext | None, tokens: Iterable[str],
                         role_words: frozenset[str]) -> tuple:
    """All that ``role_fits``, and a test of a role's words, can tell of the titles
    ``context`` gives these name tokens, asked with roles of these words: by token,
    those of its title words, and whether it has a nationality among them."""
    if context is None:
        return ()
    by_token = _titles_by_token(context.titles)
    return tuple((token, by_token[token] & role_words,
                  any(_ADJECTIVE.match(word) for word in by_token[token]))
                 for token in sorted(tokens) if token in by_token)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def role_words(text: str) -> frozenset[str]:
    """The words of a paragraph's roles (``roles``)."""
    return frozenset(word for _, _, words in roles(text) for word in words)


ENGLISH_SHARE = 0.12
"""Share of a text's words that are English grammar words (``_ENGLISH``) from which it is
read as English: in the 16 English pages of ``../shared/webpages`` and the seeds they
are 19-28% of the words, in its French, Portuguese, Chinese and Japanese pages and in
German news none (0.4% of a German text in plain language, which quotes English)."""
_ENGLISH = frozenset("""the of and to that was with for said his her from by have are were
which this would their they been has had not but who will it its be after about into there
when what than could should may say says people between these those""".split())
"""English grammar words, and words of news, that no other common language writes as words
of its own ("is", "we", "over" and "also" are Dutch or German too): a two-sentence flash
("…Firefighters say 30 people may be trapped under the rubble.") had 2 of the first
list's words in 19, under ``ENGLISH_SHARE``."""
_ANY_WORD = re.compile(r"\w+")


ENGLISH_SAMPLE = 2000
"""Words read to tell a text's language: the saved pages and the seeds are told alike
from their first 2,000 words as from all of them, and the reader asks 20 sources at once."""


def reads_english(texts: Iterable[str]) -> bool:
    """Whether texts are English, the language names, dates, attribution, negations and
    hedges are read in: elsewhere their changes are not found, and the reader says so
    rather than fading them as rewording (numbers and quotations are read anyway)."""
    words = _leading_words(texts, ENGLISH_SAMPLE)
    return bool(words) and sum(map(_ENGLISH.__contains__, map(str.lower, words))) >= \
        ENGLISH_SHARE * len(words)


def _leading_words(texts: Iterable[str], count: int) -> list[str]:
    """The first ``count`` words of ``texts`` (``_ANY_WORD``), found by one scan of each
    paragraph rather than match by match (13 -> 5 ms for the 20 documents of 20
    sources); a long one is scanned a piece at a time (``WORDS_PIECE``), each cut at a
    character that no word holds."""
    words: list[str] = []
    for text in texts:
        start = 0
        while start < len(text) and len(words) < count:
            between = _NOT_WORD.search(text, start + WORDS_PIECE)
            cut = between.start() if between else len(text)
            words += _ANY_WORD.findall(text, start, cut)
            start = cut
        if len(words) >= count:
            break
    return words[:count]


WORDS_PIECE = 20_000
"""Characters of a paragraph ``_leading_words`` scans at a time: a paragraph or a few of
news prose, a small part of one that runs for megabytes (a file without blank lines)."""
_NOT_WORD = re.compile(r"\W")


def name_context(texts: list[str], english: bool | None = None) -> NameContext:
    """The ``NameContext`` of a whole document (its paragraph texts); ``english`` as
    ``reads_english`` tells from them, unless given."""
    english = reads_english(texts) if english is None else english
    capitalised = Counter(itertools.chain.from_iterable(map(_capitalised, texts)))
    lowered = _written_lower_counts(texts, capitalised)
    # one set: ``_name_drafts`` is cached by it; "US" is not "us"
    known = frozenset(w for w, n in capitalised.items()
                      if not w[1:].islower() or n > _written_lower(lowered, w.lower()))
    people: set[str] = set()
    titles: set[tuple[str, str]] = set()
    for text in texts:  # the names ``_names`` finds knowing no people yet, read as they are
        for draft in _name_drafts(text, known & _looked_up(text)[0], english):  # as ``_names``
            if draft.only_person is not None:
                continue  # a name in a headline counts once the document knows it as a person
            person, key = _person_key(draft, frozenset())
            if person or _speaks(text, draft.end):
                people.update(key.split())
            if person:
                words = re.findall(r"\w+", draft.title + " " + _apposition(text, draft.end))
                titles.update((tok, word.lower()) for tok in key.split() for word in words)
    return NameContext(known, frozenset(people), frozenset(titles), english)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def local_context(text: str, context: NameContext | None) -> NameContext | None:
    """``context`` cut to what reading ``text`` asks of it: the same facts, names and
    sentences, and one reading for a paragraph that several sources carry word for word.

    A paragraph's facts depend on its document only through the words the paragraph
    itself has (is this capitalised run a name here, is "Wang" a person) and through the
    people its roles stand for ("the Chinese President": the document's titles of Xi).
    Twenty outlets carrying a wire story have twenty documents that differ somewhere, so
    keyed by the whole document every copy of a paragraph was read again; cut so, the
    copies' contexts are mostly equal and each paragraph is read about once (the 20
    copies of the seeds: 433 paragraphs, 121 texts, 150 texts and contexts). A link
    asks more (``fact_changes``)."""
    if context is None or context.roles_meant is not None:
        return context
    words, lowered = _looked_up(text)
    meant = tuple((role, _people_with_titles(context.titles, role))
                  for role in dict.fromkeys(role for _, _, role in roles(text)))
    return NameContext(context.capitalised & words, context.people & lowered, frozenset(),
                       context.english, meant)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _looked_up(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of ``text`` a ``NameContext`` is asked about while it is read
    (``_name_drafts``, ``_names``, ``_person_key``): every token of its capitalised runs
    (``_runs``), as written and in lower case."""
    words = frozenset(_bare(token[2]) for tokens, _ in _runs(text) for token in tokens)
    return words, frozenset(word.lower() for word in words)


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _capitalised(text: str) -> tuple[str, ...]:
    """Words a paragraph capitalises inside a sentence, each time (by text: versions
    repeat paragraphs). A loop, each start read once and no ``max``: 18 -> 14 ms on 20
    sources, where a generator took a quarter longer."""
    out = []
    for m in _NAME_TOKEN.finditer(text):
        at = m.start()
        if not _opens_sentence(text[at - OPENING if at > OPENING else 0:at]):
            out.append(_bare(m.group()))
    return tuple(out)


_LOWER_START = re.compile(r"[a-z](?<!\w[a-z])[\w’'\-]*")
"""A word written in lower case, a possessive kept (cut where it is counted,
``_written_lower``). ``_written_lower_counts`` counts them and keeps none: ~200,000 words
on 20 sources, of which ~500 are asked for (kept per paragraph, a fifth of the memory
facts took; interned, they cost more time than they saved where versions repeat
paragraphs). That its first letter starts a word is asked after it (no word character
before it), not by ``\\b`` before it: a pattern that starts with a set of letters is
searched for in C (28 -> 24 ms on 20 sources), where ``\\b`` was tried at every place."""


def _written_lower_counts(texts: list[str], capitalised: Counter[str]) -> Counter[str]:
    """How often a document (its paragraphs' ``texts``) writes in lower case each word
    that ``_written_lower`` asks about: the words it capitalises inside a sentence that
    are otherwise in lower case, alone and with a possessive. Counted, not kept: ~200,000
    words on 20 sources, found in one scan of the whole document (no word spans a line
    break; a paragraph at a time took twice as long, +28 ms), then only those asked for
    counted (39 -> 32 ms on 20 sources: a look-up in a set costs half of counting)."""
    asked = set()
    for word in capitalised:
        if word[1:].islower():
            low = word.lower()
            asked.update((low, low + "’s", low + "'s"))
    return Counter(filter(asked.__contains__, _LOWER_START.findall("\n".join(texts))))


def _written_lower(lowered: Counter[str], word: str) -> int:
    """How often a document writes ``word`` in lower case (``lowered``: its words as
    written), a possessive cut: "word’s" is "word", "word’s’s" "word’s"."""
    alone = 0 if word.endswith(("’s", "'s")) else lowered[word]
    return alone + lowered[word + "’s"] + lowered[word + "'s"]


_APPOSITION = re.compile(r",\s+(?:the\s+|an?\s+|[A-Z]\w*[’']s\s+)([^,.;“”]{1,160}?),")
"""A description set off by commas after a name: "Yu Jie, a senior research fellow for
China in the Asia-Pacific program at British think tank Chatham House," (news
appositions run long; a full stop or a quotation ends them)."""


def _apposition(text: str, end: int) -> str:
    """Title words of an apposition: "Wang Yi, Beijing’s top diplomat," gives "top diplomat"."""
    m = _APPOSITION.match(text, end)
    if not m:
        return ""
    return " ".join(w for w in m.group(1).split() if w.lower() in _TITLE_WORDS)


def _speaks(text: str, end: int) -> bool:
    """Whether an attribution verb follows a name: people speak, places rarely do.
    An apposition with a title may stand between ("Yu Jie, a senior fellow at
    Chatham House, said"): the name before it speaks, not the place inside it."""
    if _SPEAKS.match(text, end):
        return True
    m = _APPOSITION.match(text, end)
    return bool(m and _apposition(text, end) and _SPEAKS.match(text, m.end() - 1))


def _introduces(text: str, end: int) -> bool:
    """Whether a run of capitalised words ending at ``end`` introduces someone: a verb of
    saying follows, or a description set off by commas ("Luis Ortega, a maintenance
    worker who was in the parking lot, said"). A sentence's first word the document
    capitalises nowhere else is then a first name; otherwise it is taken for a word
    capitalised by its place ("Yesterday Ortega"). News names a person in full once,
    often as a paragraph opens, and "Louis Ortega" for "Luis Ortega" went unseen, both
    read as "Ortega"."""
    return _speaks(text, end) or bool(_APPOSITION.match(text, end))


_NON_SPACE = re.compile(r"\S+")
_LONG_WORD = re.compile(r"([^\W\d_])[\w’'\-]{3,}")
"""Words of four letters or more (a word: a letter, then letters, digits, apostrophes and
hyphens), found by their first letter."""


OPENING = 4
"""Characters before a word that tell whether it opens a sentence (``_opens_sentence``)."""


@lru_cache(maxsize=65536)
def _opens_sentence(before: str) -> bool:
    """Whether a word after these few characters starts a sentence (cached: the same
    few characters, ". " and the like, come before every sentence)."""
    return bool(_SENTENCE_START.search(before))


def _bare(token: str) -> str:
    """A token without a possessive "’s"."""
    return token[:-2] if token.endswith(("’s", "'s")) else token


_INTERJECTIONS = set("""Ah Aha Alas Amen Ay Aye Bravo Farewell Goodbye Hark Hello Hey Hi Hurrah
Hush Indeed Lo Nay No Oh Pray Please Sorry Surely Thank Thanks Well Yea Yes""".split())
"""Interjections and the words that open a reply: capitalised where a sentence or a line of
dialogue starts ("…he said. Thank you"), and in older prose inside one too ("I now say,
Thank God"), which would make them names wherever the document starts a sentence with
them. None is a name on its own."""
_FUNCTION_WORDS = set("""I We In On At The A An It He She They This That These Those Our My His Her
Their And But Or If As Of To For With By From Despite After Before While When Read See Also
Including Expanding""".split()) | _INTERJECTIONS
"""Capitalised by position or by accident, never a name on their own."""
_UNNAMED_SOURCES = set("""Officials Authorities Police Witnesses Eyewitnesses Residents Neighbors
Neighbours Locals Villagers People Survivors Relatives Families Parents Investigators Prosecutors
Analysts Experts Critics Sources Observers Diplomats Lawmakers Legislators Regulators Inspectors
Researchers Scientists Economists Doctors Nurses Medics Paramedics Firefighters Rescuers Officers
Troops Soldiers Workers Employees Staff Managers Administrators Protesters Protestors Demonstrators
Activists Campaigners Organizers Organisers Volunteers Passengers Bystanders Onlookers
Others""".split())
"""The nouns news English names unnamed sources by. They open sentences before a verb of
saying as a surname does ("Witnesses said they heard two bangs", "Ortega said"), which
alone makes a word the document never capitalises inside a sentence a name: alone, these
never are one ("Doctors Without Borders" is a run of several words)."""
_NEVER_ALONE = frozenset(_FUNCTION_WORDS | _UNNAMED_SOURCES)
TITLE_CASE = 0.6
"""Share of capitalised words from which a paragraph is a title-case headline."""


def _title_case(text: str) -> bool:
    """Whether a paragraph capitalises most of its long words (``TITLE_CASE``). Prose has
    too few capitals for it, which two scans that cost half of counting the long words
    tell (29 -> 15 ms on 20 sources; 45 of 5,000 paragraphs of the benchmark inputs are
    headlines): capitalised long words are no more than the text's capitals
    (``_MAY_BE_CAPITAL``), long words no fewer than those a space and four small letters
    start (``_SMALL_LONG_WORD``)."""
    capitals = len(_MAY_BE_CAPITAL.findall(text))
    if len(_SMALL_LONG_WORD.findall(text)) >= int(capitals / TITLE_CASE) + 2:
        return False  # too many long words for TITLE_CASE of them to be capitals (+1 spare)
    firsts = _LONG_WORD.findall(text)  # the first letter of each long word
    return len(firsts) >= 3 and sum(map(str.isupper, firsts)) >= TITLE_CASE * len(firsts)


_MAY_BE_CAPITAL = re.compile(r"[^\0-@\[-\x7f‘’“”–—]")
"""A capital A-Z, or any character out of ASCII but the quotation marks and dashes of
prose: no capital letter of any script is left out, and one set is scanned for in C (a
few milliseconds on 20 sources)."""
_SMALL_LONG_WORD = re.compile(r" [a-z]{4}")
"""The start of a long word (``_LONG_WORD``) in small letters after a space: each starts a
word of its own, found by the space it starts with."""


def _a_sentence(text: str) -> bool:
    """Whether a paragraph ends in a full stop (not an ellipsis): a sentence, which an
    English headline in title case never is, however many names it holds."""
    end = text.rstrip(_CLOSING)
    return end.endswith(".") and not end.endswith("..")


_CLOSING = " \t\"'”’»)]"
"""What may follow a sentence's full stop: a headline ends in none."""


def _names(text: str, context: NameContext) -> list[Fact]:
    """The names of a paragraph: its capitalised runs (``_name_drafts``), each a person or
    not as the document's people tell."""
    out = []
    for draft in _name_drafts(text, context.capitalised, context.english):
        if draft.only_person is None or draft.only_person in context.people:
            out.append(_name_fact(text, draft, context.people))
    return out


class _Draft(NamedTuple):
    """A name as the paragraph alone tells it: span, title, and the name's own words.
    Whether it is a person may wait for the document's people ("Wang" alone)."""

    start: int
    end: int
    title: str
    name_words: tuple[str, ...]
    name_lower: tuple[str, ...]
    grouped: bool
    only_person: str | None = None
    """In a title-case headline: the name counts only if the document knows this token
    as a person."""


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _name_drafts(text: str, capitalised: frozenset[str], english: bool = True
                 ) -> tuple[_Draft, ...]:
    """The capitalised runs of a paragraph that can be names (read once a paragraph:
    the document's context and each paragraph's facts both need them)."""
    out = []
    # "British Prime Minister Rishi Sunak visited Kyiv.": an English sentence is no headline,
    # its names count (asked first: most paragraphs are sentences, and the capitals need
    # not be counted then, 15 ms on 20 sources)
    headline = not (english and _a_sentence(text)) and _title_case(text)
    for run, opens in _runs(text):
        if headline:
            # Title case says nothing: only names the document knows as people count.
            drafts = ((_name_draft(text, (t,)), _bare(t[2]).lower()) for t in run)
            out.extend(d._replace(only_person=who) for d, who in drafts if d is not None)
            continue
        tokens = list(run)
        # A sentence's first word is a name only if the document capitalises it elsewhere,
        # or the run introduces someone.
        if opens:
            while tokens and (_bare(tokens[0][2]) not in capitalised
                              and tokens[0][2].lower() not in _TITLE_WORDS
                              and not _introduces(text, tokens[-1][1])
                              or tokens[0][2] in _FUNCTION_WORDS):
                tokens.pop(0)
        while tokens and (tokens[0][2].lower() in _CONNECTORS or tokens[0][2] in _FUNCTION_WORDS):
            tokens.pop(0)
        while tokens and tokens[-1][2].lower() in _CONNECTORS:
            tokens.pop()
        if not tokens or len(tokens) == 1 and (
                _bare(tokens[0][2]) in _NEVER_ALONE or len(tokens[0][2]) == 1
                or _common_word(_bare(tokens[0][2]), capitalised)
                and not _speaks(text, tokens[0][1])):
            continue
        draft = _name_draft(text, tuple(tokens))
        if draft:
            out.append(draft)
    return tuple(out)


Token = tuple[int, int, str]


def _common_word(word: str, capitalised: frozenset[str]) -> bool:
    """A capitalised word (not initials, "US") the document mostly writes in lower case."""
    return word[1:].islower() and word not in capitalised


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _runs(text: str) -> tuple[tuple[tuple[Token, ...], bool], ...]:
    """A paragraph's capitalised runs, each with its tokens and whether it opens a
    sentence (cached by text: versions of a story repeat paragraphs word for word)."""
    runs = []
    for m in _RUN.finditer(text):
        run = m.group()
        start, end = m.span()
        tokens = ((start, end, run),) if len(run.split()) == 1 else tuple(
            (t.start() + start, t.end() + start, t.group()) for t in _NON_SPACE.finditer(run))
        opens = _opens_sentence(text[start - OPENING if start > OPENING else 0:start])
        runs.append((tokens, opens))
    return tuple(runs)


@lru_cache(maxsize=65536)
def _name_draft(text: str, tokens: tuple[Token, ...]) -> _Draft | None:
    """Split a capitalised run into title and name; tell a group or place by its words."""
    words = [_bare(t[2]) for t in tokens]
    lowered = [w.lower() for w in words]
    if lowered[-1] in _TITLE_WORDS and _GROUP_WORDS.isdisjoint(lowered):
        return None  # a role ("the Foreign Minister"), not a name ("Ministry of Defence" is)
    titled = [i for i, w in enumerate(lowered[:-1]) if w in _TITLE_WORDS]
    n_title = titled[-1] + 1 if titled else 0
    name_words = words[n_title:]
    name_lower = lowered[n_title:]
    if not _GROUP_WORDS.isdisjoint(name_lower) or name_lower[0] in _CONNECTORS:
        n_title, name_words, name_lower = 0, words, lowered
    name = tokens[n_title:]
    start = tokens[0][0]
    title = text[start:name[0][0]].strip(" ,")
    window = text[max(0, start - 60):start]
    before = _LOWER_TITLE.search(window) if _may_end_in_title(window) else None
    if before:
        keep: list[str] = []
        for w in reversed(before.group(0).split()):
            if w.lower() in _TITLE_WORDS or _NATIONALITY.match(w) or w.endswith(("’s", "'s")):
                keep.insert(0, w)
            else:
                break
        if keep and any(w.lower() in _TITLE_WORDS for w in keep):
            pre = " ".join(keep)
            start = text.rfind(keep[0], max(0, start - 60), start)
            title = (pre + " " + title).strip()
    grouped = not _GROUPING_WORDS.isdisjoint(name_lower) or all(map(str.isupper, name_words)) \
        or bool(_NATIONALITY.match(name_words[-1]) and not (title and len(name_words) > 1)) \
        or "-" in name_words[-1] \
        or _place_name(name_lower)
    end = name[-1][1]
    if text[end - 2:end] in ("’s", "'s"):
        end -= 2
    return _Draft(start, end, title, tuple(name_words), tuple(name_lower), grouped)


_LETTERS_AT_END = re.compile(r"[A-Za-z\-]*$")
_NATIONALITY_AT_END = re.compile(_NATIONALITY.pattern.lstrip("^"))
"""A word ending in one that ``_NATIONALITY`` matches (``_NATIONALITY.match`` of a suffix)."""


def _may_end_in_title(window: str) -> bool:
    """Whether the words before a name (``_LOWER_TITLE``) can end in a title word, a
    nationality or a possessive, as ``_name_draft`` needs them to: their last word is
    the end of the window's last word, followed by a space. Most names follow "the",
    "and" or "said": this spares the search, which tries every place of the window."""
    if not window or not window[-1].isspace():
        return False
    words = window.rsplit(None, 1)
    last = words[-1] if words else ""
    if last.endswith(("’s", "'s")) or _NATIONALITY_AT_END.search(last):
        return True
    return _LETTERS_AT_END.search(last).group(0).lower().endswith(_TITLE_ENDINGS)


_TITLE_ENDINGS = tuple(_TITLE_WORDS)
"""A word's letters end in a title word ("vice-president") where one of these ends them:
one ``str.endswith`` in C, where a look-up of each ending in ``_TITLE_WORDS`` made
``_may_end_in_title`` take 11 ms for the 4,400 names of 20 sources (now 8)."""


def _name_fact(text: str, draft: _Draft, people: frozenset[str]) -> Fact:
    """A drafted name as a fact: a person or a group/place, guessed with the document's
    people ("Wang" alone is a person where the document names Wang Yi)."""
    person, key = _person_key(draft, people)
    return Fact(NAME, draft.start, draft.end, text[draft.start:draft.end], key,
                "person" if person else "other", draft.title)


def _person_key(draft: _Draft, people: frozenset[str]) -> tuple[bool, str]:
    """Whether a drafted name is a person's, and its key (``_name_fact``; ``name_context``
    reads these alone, for every name of the document, without making the facts).

    Only a group's name, which its words say is one ("United States", "European
    Union"), is keyed by its initials, as its abbreviation is written: a long name of
    no group word keeps its words whether or not the document knows one of them as a
    person's. "Harlow Ridge Memorial Hospital" was ``hrmh`` in a version that never
    says "Harlow Ridge" alone and "harlow ridge memorial hospital" in one that does,
    and identical sentences had "name added" between them."""
    name_lower = draft.name_lower
    person = not draft.grouped and (bool(draft.title) or len(draft.name_words) in (2, 3)
                                    or not people.isdisjoint(name_lower))  # a known person's
    spelt = person or not draft.grouped and len(draft.name_words) > 1 \
        or name_lower[-1] in _NEVER_INITIALLED or _place_name(name_lower)
    key = " ".join([w for w in name_lower if w not in _CONNECTORS]) if spelt \
        else _group_key(draft.name_words)
    return person, key


@lru_cache(maxsize=65536)
def _group_key(words: tuple[str, ...]) -> str:
    """Places and organisations: "U.S.", "US" and "United States" share the key ``us``;
    a capital or seat of government used for its state shares the state's key."""
    if len(words) == 1 and _INITIALS.fullmatch(words[0]):
        key = words[0].replace(".", "").lower()
    else:
        core = [w for w in words if w.lower() not in _CONNECTORS]
        key = "".join(w[0] for w in core).lower() if len(core) > 1 else " ".join(core).lower()
    return METONYMS.get(key, key)


_INITIALS = re.compile(r"[A-Z](?:\.?[A-Z])+\.?")

METONYMS = {capital: state for state, capitals in {
    "russia": "moscow kremlin", "china": "beijing", "us": "washington wh america",
    "ukraine": "kyiv kiev", "uk": "london ds britain", "france": "paris", "germany": "berlin",
    "japan": "tokyo", "india": "nd delhi", "iran": "tehran", "nk": "pyongyang",
    "sk": "seoul", "taiwan": "taipei", "israel": "jerusalem", "turkey": "ankara",
    "eu": "brussels"}.items() for capital in capitals.split()}
"""Metonymy: news English names a state by its capital or seat of government ("Moscow
backed China", "the White House said", "Downing Street"), and by the short name
("Britain", "America"). A closed list of the states news names most, keyed as
``_group_key`` keys them ("White House" is ``wh``, "North Korea" ``nk``): a
city news names as a place ("a strike on Kyiv") is still that state's."""


_SPEAKS = re.compile(r"(?:[’']s)?,?\s+(?:who\s+|also\s+)?(?:said|says|told|stated|noted|"
                     r"responded|replied|argued|argues|insisted|admitted|explained|described)\b")
"""Verbs of speech after a name: people speak; "China has emphasized its ties" is a state.
"Described" too: "The Engineer described it as “…”" names who speaks (a journal, here),
which "The Builder" replacing it changes."""


# --- attribution, negation, hedges --------------------------------------------------------

_STANCES = {
    "neutral": "said says say told tells stated states noted notes added adds explained "
               "repeating repeated repeats echoed echoes echoing "
               "responded replied commented remarked announced reported quoted described "
               "emphasized emphasised emphasizing emphasising stressed stressing underscored "
               "highlighted reiterated saying telling noting adding",
    "claim": "claimed claims claiming alleged alleges asserted asserts argued argues insisted "
             "insists contended maintained argue insist assert contend allege",
    "admit": "admitted admits conceded concedes acknowledged acknowledges confessed confesses "
             "admit concede acknowledge confess",
    "deny": "denied denies denying rejected rejects refuted refutes refuting dismissed dismisses "
            "disputed disputes deny refute",
    "warn": "warned warns warning threatened threatens cautioned cautions warn threaten",
    "accuse": "accused accuses accusing blamed blames blaming accuse",
}
"""Verbs of saying by stance, each in the forms a version may put it in: "This essay
argues" and "I want to argue" keep the stance (the base form was no verb here, and the
stance was "dropped"). Base forms that are also nouns ("claim", "dispute", "blame") are
left out: "a claim that" is no one's claim."""
STANCE_OF = {w: stance for stance, words in _STANCES.items() for w in words.split()}


def _by_first_letter(words: list[str]) -> str:
    """An alternation of words (or patterns that start with a letter), grouped by first
    letter: the engine tries only the group of the letter it stands on. It matches as
    the flat alternation does, since each group keeps its words' order and no word of
    another group can match there."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) \
        + ")"


_ATTRIBUTION = re.compile(r"\b[Aa]ccording\s+to\b|\b" + _by_first_letter(list(STANCE_OF))
                          + r"\b")
_NEGATIONS = "not never no cannot nor neither none nothing nobody impossible".split()
_NEGATION = re.compile(r"\b" + _by_first_letter(_NEGATIONS) + r"\b|n[’']t\b", re.IGNORECASE)
_HEDGES = ("reportedly allegedly apparently purportedly supposedly possibly probably perhaps "
           "likely unlikely seemingly may might could possible perceived suspected believes? "
           r"believed said\s+to appears?\s+to appeared\s+to expected\s+to").split()
_HEDGE = re.compile(r"\b" + _by_first_letter(_HEDGES) + r"\b", re.IGNORECASE)


_DETERMINER = re.compile(r"(?:\b(?:the|their|its|his|her|these|those|such|our|of)|[’']s)\s+$",
                         re.IGNORECASE)
"""Before an attribution word it makes a noun ("Russia’s claims"), not a verb of saying."""


def _speech_use(text: str, m: re.Match) -> bool:
    """A stance verb used of speech: "denied that", "claimed, …", "China denied",
    not "a conflict that has claimed thousands of lives". Not in the passive ("the
    district was warned in a 2019 inspection that…": no one quoted takes a stance), nor
    a noun an article opens ("A flood warning remained in effect")."""
    stance = STANCE_OF.get(m.group(0).lower(), "neutral")
    if stance in ("neutral", "accuse"):
        return True
    after = text[m.end():m.end() + 8]
    before = text[max(0, m.start() - 40):m.start()].split()[-3:]
    if stance in _DONE_TO and any(w.lower() in _BE_FORMS for w in before[-2:]):
        return False  # "was warned", "was not warned", "was admitted to hospital"
    if m.group(0).endswith("ing") and any(w.lower() in ("a", "an", "the") for w in before[-2:]):
        return False  # "A flood warning", "the denying"
    return bool(re.match(r"\s*(?:that\b|[,:“\"]|to\b)", after)) or any(
        w[:1].isupper() or w.lower() in ("he", "she", "they", "it", "we", "i") for w in before)


_BE_FORMS = frozenset("is are was were be been being".split())
_DONE_TO = ("warn", "deny", "admit")
"""Stances whose passive names who was warned, denied or admitted, not who spoke; "it is
claimed that" still distances the writer from a claim."""


def _pattern_facts(text: str, found: Iterable[re.Match], kind: str, stance: bool = False
                   ) -> list[Fact]:
    out = []
    for m in found:
        if stance and (_DETERMINER.search(text[max(0, m.start() - 12):m.start()])
                       or not _speech_use(text, m)):
            continue
        word = text[m.start():m.end()]
        key = STANCE_OF.get(word.lower(), "neutral") if stance else kind
        out.append(Fact(kind, m.start(), m.end(), word, key, key if stance else ""))
    return out


def _hedges(text: str, found: Iterable[re.Match], dates: list[tuple[int, int]]) -> list[Fact]:
    """Hedges among ``found``, but a capitalised word inside a sentence, or one inside a
    date: "in May", "3 May" and Theresa May are no "may" (a month read as a hedge made
    "hedge added: May" beside "date: 3 March → 3 May"); and the uses that state a fact
    rather than qualify a claim's certainty (``_no_hedge``)."""
    return [f for f in _pattern_facts(text, found, HEDGE)
            if not _inside(f.start, f.end, dates)
            and (f.text[0].islower() or _opens_sentence(text[max(0, f.start - OPENING):f.start]))
            and not _no_hedge(text, f)]


_BOUND = re.compile(r"(?:\s+(?:have|has|had|be|been)){0,2}"
                    r"\s+(?:fewer|more|less|greater|later|earlier|sooner|longer)\s+than\b",
                    re.IGNORECASE)
"""After "no" or "not": a bound on a quantity ("no fewer than ten", "not later than May",
"could not have been more than fifteen"), which the number or date states; nothing is
denied."""


def _no_hedge(text: str, fact: Fact) -> bool:
    """Whether a hedge word states a fact here: a hedge qualifies how certain a claim is
    ("could have been", "could undermine", "is believed to", "analysts believe China
    is…"). "Could" of ability does not: what the senses took in ("could be seen", which
    a version says as "visible"), what someone could not do ("could not count", "could
    not bring himself"; "could not have been" is still a hedge), or all they could ("as
    best she could", "all she could do", "could only"). Nor does "believe" of a person
    ("nobody believed her"): trust, not a claim held likely."""
    word = fact.text.lower()
    if word == "could":
        if _SENSED.match(text, fact.end) or _CANNOT.match(text, fact.end) \
                or _ELIDED.match(text, fact.end):
            return True
        return bool(_ALL_ONE_COULD.search(text, max(0, fact.start - ABILITY_REACH), fact.start))
    return word.startswith("believ") and bool(_BELIEVED_PERSON.match(text, fact.end))


_SENSED = re.compile(r"\s+(?:not\s+)?(?:be\s+)?(?:seen|heard|felt|smelled|see|hear|feel|smell)\b",
                     re.IGNORECASE)
"""After "could", what the senses could take in: "a fireball that could be seen from miles
away" says what people saw, no hedge ("hedge dropped: could" beside "visible from miles
away" in a reviewer's set)."""
_CANNOT = re.compile(r"(?:\s+not|n[’']t)\s+(?!have\b|be\b|\w+ly\b)|\s+only\b", re.IGNORECASE)
"""After "could": "not" and a verb other than "have" or "be" (an adverb may stand
between: "could not possibly"), or "only": what someone was unable, or only able, to do."""
_ELIDED = re.compile(r"\s*(?:[,;:.!?)”\"’—–]|$)")
"""After "could", the clause's end: its verb is understood ("as best she could")."""
_ALL_ONE_COULD = re.compile(r"\b(?:all|best|everything|anything|nothing|whatever)\s+\w+\s+$",
                            re.IGNORECASE)
"""Before "could": "all she could", "nothing they could": the most someone was able to do."""
ABILITY_REACH = 30
"""Characters before "could" read for ``_ALL_ONE_COULD`` (a word and its subject)."""
_BELIEVED_PERSON = re.compile(r"\s+(?:her|him|them|me|us|you)\b(?!\s+to\b)"
                              r"|\s+(?:it|this)\s*[,;:.!?)”\"’—–]", re.IGNORECASE)
"""After "believe(d)": a person believed ("nobody believed her"; "believed her to be
dead" still hedges), or "it" ending the clause ("nobody believed it")."""


# --- all together ------------------------------------------------------------------------

@lru_cache(maxsize=PARAGRAPHS_KEPT)
def paragraph_facts(text: str, context: NameContext | None = None) -> tuple[Fact, ...]:
    """Every fact ``text`` states, in reading order.

    ``context`` (see ``name_context``) tells names at a sentence start from
    ordinary words; without it the paragraph is its own context. Names are read in
    English only, as the README says: in German every noun is capitalised ("name added:
    Uhr Ortszeit").
    """
    if context is None:  # a paragraph alone, too short to tell its language: read as English
        context = name_context([text], english=True)
    taken, before, after, _ = _plain_facts(text)
    if not context.english:
        before = _regrouped(text, before)
    names = [f for f in _names(text, context) if not _inside(f.start, f.end, taken)] \
        if context.english else []  # a German sentence capitalises every noun
    quotes = find_quotes(text, names)
    facts = [*before, *names,
             *(Fact(QUOTE, q.start, q.end, q.text, q.key, q.speaker, "", q.speaker_span)
               for q in quotes),
             *after]
    return tuple(sorted(facts, key=lambda f: (f.start, f.end)))


def dates_and_numbers(text: str) -> tuple[Fact, ...]:
    """The dates and numbers of a text, which no context changes (``_plain_facts``): what a
    snippet widens a change to ("8" -> "$4.8 billion"), at a fraction of the cost of
    every fact (no names to read against a document)."""
    return _plain_facts(text)[1]


@lru_cache(maxsize=PARAGRAPHS_KEPT)
def _plain_facts(text: str) -> tuple[list[tuple[int, int]], tuple[Fact, ...], tuple[Fact, ...],
                                     tuple[Role, ...]]:
    """The facts no context changes, by text (versions of a story repeat paragraphs word
    for word): the dates' spans, then dates and numbers, then attribution verbs,
    negations and hedges (names and quotes go between, as ``paragraph_facts`` orders
    facts that start and end together), and the role phrases (``roles``). Each pattern
    is tried only near the words each of its matches holds (``_Anchored``)."""
    found = _Anchored(text)
    dates = _dates(text, found.matches(DATE))
    taken = [(f.start, f.end) for f in dates]
    return taken, (*dates, *_numbers(text, taken, found.matches(NUMBER), found.in_digits()),
                   *_han_numbers(text), *_division_number(text)), (
        *_pattern_facts(text, found.matches(ATTRIBUTION), ATTRIBUTION, stance=True),
        *(f for f in _pattern_facts(text, found.matches(NEGATION), NEGATION)
          if not _BOUND.match(text, f.end)),
        *_hedges(text, found.matches(HEDGE), taken)), tuple(
        (r.start(), r.end(), tuple(words_of(r.group(0))[1:])) for r in found.roles())


class _Anchored:
    """The matches of the fact patterns in one paragraph, as ``finditer`` finds them,
    tried only where they can start. Every match of each pattern holds one of its
    anchors (a word, a piece of a word, a digit: ``_SCANS``) and starts at most
    ``back`` words before it, so one scan for all anchors, then a ``match`` at the
    few word starts before each anchor, finds what a scan of each pattern over the
    whole paragraph finds (most paragraphs hold few anchors, or none of a kind):
    the leftmost match first, the next from where it ends. Where lower-casing moves
    offsets the patterns scan the whole text, as before."""

    def __init__(self, text: str):
        self.text = text
        low = text.lower()
        self.low = low if len(low) == len(text) else None
        self.hits: dict[str, list[int]] = {}
        """Where the anchors of each kind's pattern stand, in order."""
        self.digits: list[int] = []
        """Where each run of digits that a number may start with starts (``in_digits``)."""
        if self.low is None:
            return
        # offsets one on (the space put before the text): a match starts where its anchor
        # starts in ``low``
        for m in _ANCHOR.finditer(" " + low):
            at = m.start()
            if m.lastindex == _ANCHOR_WORD:
                for kind in _ANCHORED[m.group(_ANCHOR_WORD)]:
                    self.hits.setdefault(kind, []).append(at)
                continue
            self.hits.setdefault(DATE, []).append(at)  # a digit or a prefix of ``_DATE``
            if m.lastindex == _ANCHOR_DIGIT:
                self.digits.append(at)
        for piece in _PIECES:
            if piece in low:
                self.hits.setdefault(NEGATION, []).extend(_places(low, piece))
                self.hits[NEGATION].sort()

    def matches(self, kind: str) -> Iterable[re.Match]:
        """The matches of ``kind``'s pattern (``_SCANS``)."""
        scan = _SCANS[kind]
        if self.low is None:
            return scan.pattern.finditer(self.text)
        hits = self.hits.get(kind)
        if not hits:
            return ()
        subject = self.text if scan.lowered is None else self.low
        return _near(scan.lowered or scan.pattern, subject, _starts(subject, hits, scan.back))

    def roles(self) -> Iterable[re.Match]:
        """The matches of ``ROLE``, tried only where "the" ends one of the three runs of
        non-space before a role noun (``_role_starts``): a scan for "the" over the whole
        paragraph took 16 ms on 20 sources, where few paragraphs name a role. Where
        lower-casing keeps a letter that a case-blind noun matches ("ı" for "i", "ſ" for
        "s") the whole text is scanned, as where it moves offsets."""
        if self.low is None or "ı" in self.text or "ſ" in self.text:
            return ROLE.finditer(self.text)
        hits = self.hits.get(_ROLE)
        return _near(ROLE, self.text, _role_starts(self.text, hits)) if hits else ()

    def in_digits(self) -> Iterable[re.Match]:
        """The matches of ``_DIGITS``, tried only at the runs of digits and the sign and
        space they may start with before them (no letter nor digit stands before a
        number's first digit): one scan for digits, shared with the dates, where a
        search for a digit and a scan of ``_DIGITS`` took 15 ms on 20 sources."""
        if self.low is None:
            return _DIGITS.finditer(self.text)
        return _near(_DIGITS, self.text, sorted({max(0, at - before) for at in self.digits
                                                 for before in _BEFORE_DIGITS}))


def _role_starts(text: str, nouns: list[int]) -> list[int]:
    """Where a role phrase that ends in one of ``nouns`` (their offsets) may start: three
    characters before the end of each of the three runs of non-space before the noun.
    A role's words after "the" are runs of word characters, each between spaces, and
    at most two: "the" ends the first, second or third run before its noun. Runs are
    searched for near each noun, the window doubled until it holds three or reaches the
    paragraph's start (``_last_before``; the first run it holds may be cut, but not
    where it ends)."""
    return sorted({end - len("the") for noun in nouns
                   for end in _last_before(_NON_SPACE, text, noun, ROLE_RUNS, re.Match.end)})


ROLE_RUNS = 3
"""Runs of non-space before its noun in which a role phrase's "the" stands: itself and the
two words ``ROLE`` allows between."""


def _places(low: str, piece: str) -> list[int]:
    """Where ``piece`` stands in ``low``, every time."""
    out = []
    at = low.find(piece)
    while at >= 0:
        out.append(at)
        at = low.find(piece, at + 1)
    return out


def _near(pattern: re.Pattern, subject: str, starts: list[int]) -> Iterator[re.Match]:
    """``pattern.finditer(subject)`` where no match can start elsewhere than ``starts``."""
    pos = 0
    for start in starts:
        if start >= pos:
            m = pattern.match(subject, start)
            if m:
                yield m
                pos = m.end()


def _starts(subject: str, hits: list[int], back: int) -> list[int]:
    """Sorted places a match may start: each hit, and the ``back`` word starts before it
    and its own word's start (searched for near each of a few hits, or once in the
    whole text before many)."""
    if not back:
        return hits
    out = set(hits)
    if len(hits) > FEW_HITS:
        words = [m.start() for m in _WORD_START.finditer(subject, 0, hits[-1] + 1)]
        for hit in hits:
            k = bisect.bisect_right(words, hit)
            out.update(words[max(0, k - back - 1):k])
        return sorted(out)
    for hit in hits:
        out.update(_last_before(_WORD_START, subject, hit + 1, back + 1, re.Match.start))
    return sorted(out)


def _last_before(pattern: re.Pattern, subject: str, at: int, count: int,
                 place: Callable[[re.Match], int]) -> list[int]:
    """The ``place`` (start or end) of each of the last ``count`` matches of ``pattern``
    that end by ``at``, fewer only where the text starts before: searched for in a
    window before ``at``, doubled until it holds them (``WINDOW``)."""
    width = WINDOW
    while True:
        first = max(0, at - width)
        found = [place(m) for m in pattern.finditer(subject, first, at)]
        if len(found) >= count or first == 0:
            return found[-count:]
        width *= 2


WINDOW = 40
"""Characters before an anchor first searched for the word starts a match may begin at, or
the runs a role phrase may start in (doubled until they hold enough, or reach the
paragraph's start)."""
FEW_HITS = 6
"""Anchors of a pattern up to which word starts are searched near each: past them (a table
of figures, a page of dates) one search of the whole text costs less."""


_WORD_START = re.compile(r"\b\w")


def _first_words(patterns: list[str]) -> frozenset[str]:
    """The words patterns of ``_NEGATIONS``/``_HEDGES`` start with ("believes?" gives
    "believe" and "believes", "said\\s+to" gives "said")."""
    out = set()
    for pattern in patterns:
        word = re.split(r"\\s", pattern)[0]
        out.update((word[:-2], word[:-2] + word[-2]) if word.endswith("?") else (word,))
    return frozenset(out)


_DATE_WORDS = frozenset(w.lower() for w in f"{_WEEKDAYS}|{_MONTHS}|{_PERIODS}".split("|")) \
    | frozenset("""yesterday today tomorrow tonight recently recent noon midnight dawn dusk
                daybreak sunrise sunset nightfall light second
                seconds minute minutes hour hours day days week weeks month months year
                years""".split())
"""Every alternative of ``_DATE`` holds a weekday, a month, a period or unit of time, one
of the words of the day, or a digit; "early", "late" and "mid" may be glued to a month
("midMarch"): the start of a word (``_DATE_PREFIXES``)."""
_NUMBER_ANCHORS = frozenset([*_SMALL, *_TENS, *_SCALES, *_VAGUE]) \
    | frozenset(w for w in _PLURAL_AMOUNTS.split("|") if " " not in w) | {"tens"} \
    | frozenset(_FRACTIONS)
"""``_NUMBER_WORDS``: a match starts with a number word, whole (``\\b`` or a space or
hyphen after it), or "a"/"an" before one, or is a plural amount or a share (a word before
its fraction at most: "a third")."""


class _Scan(NamedTuple):
    """A fact pattern as ``_Anchored`` runs it."""

    pattern: re.Pattern
    anchors: frozenset[str]
    """Words (lower case) every match holds one of, or a piece of ``_PIECES``, the start of
    a word of ``_DATE_PREFIXES`` or a digit (``_ANCHOR``)."""
    back: int
    """Words a match may start before the nearest of its anchors, at most: each word more
    is one more place to try the pattern at before every anchor (a word to spare took
    3 ms more on 20 sources; every paragraph of the seeds and the dev sets, and cases
    at the limits, check that none is missing)."""
    lowered: re.Pattern | None = None
    """A case-blind pattern for the lower-cased text: several times faster than
    IGNORECASE, same offsets (lower-casing that keeps the length)."""


def _scan(pattern: re.Pattern, anchors: frozenset[str], back: int) -> _Scan:
    return _Scan(pattern, anchors, back, re.compile(pattern.pattern.lower())
                 if pattern.flags & re.IGNORECASE else None)


_SCANS = {DATE: _scan(_DATE, _DATE_WORDS, 3),  # "almost a few days", "earlier in the week"
          NUMBER: _scan(_NUMBER_WORDS, _NUMBER_ANCHORS, 1),  # "a dozen"
          ATTRIBUTION: _scan(_ATTRIBUTION, frozenset(STANCE_OF) | {"according"}, 0),
          NEGATION: _scan(_NEGATION, frozenset(_NEGATIONS), 0),
          HEDGE: _scan(_HEDGE, _first_words(_HEDGES), 0)}
_ROLE = "role"
"""The anchors of ``ROLE`` (``_Anchored.roles``): its nouns."""
_ANCHOR_WORDS = {kind: scan.anchors for kind, scan in _SCANS.items()} | {
    _ROLE: frozenset(_ROLE_NOUNS)}
_ANCHORED: dict[str, tuple[str, ...]] = {
    word: tuple(kind for kind, words in _ANCHOR_WORDS.items() if word in words)
    for words in _ANCHOR_WORDS.values() for word in words}
_DATE_PREFIXES = ("early", "late", "mid")
"""Words ``_DATE`` may glue to a month ("midMarch", "lateApril"), always where a word
starts."""
_ANCHOR_DIGIT, _ANCHOR_WORD = 1, 2
"""The groups of ``_ANCHOR`` (the third: a prefix of ``_DATE_PREFIXES``)."""
_ANCHOR = re.compile(r"[^0-9A-Z_a-z](?:(\d)|\b(?:("
                     + _by_first_letter(sorted(_ANCHORED)) + r")\b|("
                     + "|".join(_DATE_PREFIXES) + ")))")
"""Every anchor word, whole, the start of each run of digits that follows no ASCII letter,
digit or "_", and each of ``_DATE_PREFIXES`` where a word starts: one scan finds them all,
in order (half the time of cutting the paragraph into words and looking each up; a scan
of its own for the digits took 7 ms on 20 sources, and one for the prefixes, inside
words too, 3 ms and 300 places to try ``_DATE``, "nearly" and "translate" among them).
Each is found with the character before it (the text is scanned with a space put
first), which a set tells from ASCII letters, digits and "_" (``\\b`` then tells the
others; written as what it is not: its ranges up to U+10FFFF spelled out took 8 ms to
compile at every start): a pattern that starts with a set of characters is searched for
in C, one test a character, where ``\\b`` first was tried as a pattern at every place (35 -> 28 ms on
20 sources). A run of digits after an ASCII letter is no anchor: ``_DIGITS`` starts
none there ("A320") and ``_DATE`` holds none (each digit of a date follows a space, a
stop or a word boundary)."""
_PIECES = ("n't", "n’t")
"""Anchors of negations that stand inside a word: "don't"."""
_BEFORE_DIGITS = (0, 1, 2)
"""Characters before its first digit a match of ``_DIGITS`` may start: a currency sign,
a space."""
