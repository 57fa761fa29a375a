"""Schedules of plan activities: every form the approved plan uses, in natural Russian.

The approved plan mixes exact dates, months, deadlines, repeated months and vague terms
(«ежегодно», «в течение периода»). Each form is its own small class, so the page, the
status logic and later the timeline can treat a vague term honestly instead of
pretending it is a date range.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from mentoring.core.russian import MONTHS_GENITIVE, MONTHS_NOMINATIVE, month_year, numeric_date


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day (2021-10-04) or a whole month (2021-12), as the plan gives it."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ГГГГ-ММ-ДД or ГГГГ-ММ; ValueError carries a Russian explanation."""
        parts = [int(part) for part in text.split("-")]
        year, month = parts[0], parts[1]
        check_year(year, text)
        if not 1 <= month <= 12:
            raise ValueError(f"такого месяца нет: «{text}» (месяц — число от 01 до 12)")
        if len(parts) == 2:
            return cls(year, month)
        day = parts[2]
        try:
            dt.date(year, month, day)
        except ValueError:
            last = calendar.monthrange(year, month)[1]
            raise ValueError(
                f"такой даты нет: {day:02d}.{month:02d}.{year} (в этом месяце {last} дн.)"
            ) from None
        return cls(year, month, day)

    @property
    def is_month(self) -> bool:
        return self.day is None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def text(self) -> str:
        if self.day is None:
            return month_year(self.year, self.month)
        return numeric_date(self.first_day())


@dataclass(frozen=True)
class Window:
    """The days an activity may be under way; ``exact`` is False for vague terms."""

    start: dt.date
    end: dt.date
    exact: bool


@dataclass(frozen=True)
class PlanPeriod:
    """The days the whole plan is in force: from its approval to the end of its last year."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class DateRange:
    """04.10.2021 – 09.10.2021, or ноябрь 2021 – апрель 2024."""

    start: PartialDate
    end: PartialDate

    def text(self) -> str:
        return f"{self.start.text()} – {self.end.text()}"

    def window(self, period: PlanPeriod) -> Window:
        return Window(self.start.first_day(), self.end.last_day(), exact=True)


@dataclass(frozen=True)
class Deadline:
    """до декабря 2022 г.; до 15.01.2022; до 15.01.2022, далее ежегодно."""

    until: PartialDate
    then_yearly: bool = False

    def due_date(self) -> dt.date:
        """«До декабря» means before December begins; «до 15.01.2022» includes that day."""
        if self.until.is_month:
            return self.until.first_day() - dt.timedelta(days=1)
        return self.until.first_day()

    def text(self) -> str:
        if self.until.is_month:
            head = f"до {MONTHS_GENITIVE[self.until.month - 1]} {self.until.year} г."
        else:
            head = f"до {self.until.text()}"
        return f"{head}, далее ежегодно" if self.then_yearly else head

    def window(self, period: PlanPeriod) -> Window:
        end = period.end if self.then_yearly else self.due_date()
        return Window(min(period.start, end), end, exact=False)


@dataclass(frozen=True)
class Occurrences:
    """декабрь 2021, 2022 и 2023 гг. — the same work repeated in given months."""

    months: tuple[PartialDate, ...]

    def text(self) -> str:
        if len({m.month for m in self.months}) == 1:
            years = [str(m.year) for m in self.months]
            suffix = "гг." if len(years) > 1 else "г."
            return f"{MONTHS_NOMINATIVE[self.months[0].month - 1]} {_join(years)} {suffix}"
        return _join([f"{m.text()} г." for m in self.months])

    def window(self, period: PlanPeriod) -> Window:
        return Window(self.months[0].first_day(), self.months[-1].last_day(), exact=False)


@dataclass(frozen=True)
class Yearly:
    """ежегодно: once a year for the whole period of the plan."""

    def text(self) -> str:
        return "ежегодно"

    def window(self, period: PlanPeriod) -> Window:
        return Window(period.start, period.end, exact=False)


@dataclass(frozen=True)
class Throughout:
    """в течение периода: continuously for the whole period of the plan."""

    def text(self) -> str:
        return "в течение периода"

    def window(self, period: PlanPeriod) -> Window:
        return Window(period.start, period.end, exact=False)


Schedule = DateRange | Deadline | Occurrences | Yearly | Throughout


FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Years a date in content may have: the oldest acts the programme cites are of the 1990s,
and a year such as 9999 would overflow the date arithmetic of the calendar and timeline."""


def check_year(year: int, text: str) -> None:
    """ValueError with a Russian explanation when ``year`` is outside the years of the site."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"год в «{text}» вне допустимых пределов: даты на сайте — с {FIRST_YEAR} "
            f"по {LAST_YEAR} год; проверьте год"
        )


def has_concrete_dates(schedule: Schedule) -> bool:
    """False for «ежегодно» and «в течение периода»: they name no day a calendar could show."""
    return isinstance(schedule, DateRange | Deadline | Occurrences)


def parse_schedule(raw: object) -> Schedule:
    """Build a schedule from schema-valid YAML; ValueError explains a wrong date in Russian."""
    if raw == "yearly":
        return Yearly()
    if raw == "throughout":
        return Throughout()
    assert isinstance(raw, dict), "the schema admits only the two words and mappings"
    if "months" in raw:
        months = tuple(PartialDate.parse(text) for text in raw["months"])
        if list(months) != sorted(set(months)):
            raise ValueError("месяцы нужно перечислить по порядку и без повторов")
        return Occurrences(months)
    if "until" in raw:
        return Deadline(PartialDate.parse(raw["until"]), then_yearly=raw.get("then") == "yearly")
    start, end = PartialDate.parse(raw["from"]), PartialDate.parse(raw["to"])
    if start.is_month != end.is_month:
        raise ValueError(
            "начало и окончание записаны по-разному: укажите оба как даты (ГГГГ-ММ-ДД) "
            "или оба как месяцы (ГГГГ-ММ)"
        )
    if end < start:
        raise ValueError(f"окончание ({end.text()}) раньше начала ({start.text()})")
    return DateRange(start, end)


def _join(items: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " и " + items[-1]
