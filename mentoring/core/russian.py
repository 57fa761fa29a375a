"""Russian wording shared by messages and pages: plurals, month names and dates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def plural(count: int, one: str, few: str, many: str) -> str:
    """Pick the word form for a count: 1 ошибка, 2 ошибки, 5 ошибок, 11 ошибок, 21 ошибка."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def count_words(count: int, one: str, few: str, many: str) -> str:
    return f"{count} {plural(count, one, few, many)}"


def numeric_date(day: dt.date) -> str:
    """04.10.2021, the form official Russian documents use."""
    return day.strftime("%d.%m.%Y")


def long_date(day: dt.date) -> str:
    """20 ноября 2021 г."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def month_year(year: int, month: int) -> str:
    """ноябрь 2021"""
    return f"{MONTHS_NOMINATIVE[month - 1]} {year}"


# Passport-style transliteration (ICAO), the one Russian readers know from documents.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str) -> str:
    """Latin URL slug of a Russian text: «Клуб молодого педагога» → klub-molodogo-pedagoga."""
    return "-".join(_LATIN_WORD.findall(text.lower().translate(_TRANSLIT_TABLE)))


# How alike a typed value and a known one must be (difflib's ratio) to suggest the latter.
SUGGESTION_CUTOFF = 0.6


def did_you_mean(value: str, known: Iterable[str], shown: str = "{}") -> str:
    """«; возможно, имелось в виду «…»» with the known value closest to ``value`` (formatted
    by ``shown``), or nothing when none is close: the one wording of every suggestion."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=SUGGESTION_CUTOFF)
    return f"; возможно, имелось в виду «{shown.format(close[0])}»" if close else ""


def upper_first(value: str) -> str:
    """«ежегодно» → «Ежегодно»: a phrase at the start of a sentence or a cell."""
    return value[:1].upper() + value[1:]
