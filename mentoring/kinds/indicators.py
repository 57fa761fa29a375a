"""Monitoring indicators (plan activities 5.3 and 5.4): aggregate figures per school year.

The base of mentors and mentees may be published only as aggregates (152-ФЗ), so the
file holds counts and shares and nothing else. Its schema has no place for a person, and
before the schema is consulted every key and value is scanned for anything that looks
like personal data, so that the author hears why such a field is refused, not merely
that it is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.russian import did_you_mean, plural
from mentoring.core.schema import validate
from mentoring.core.yamlsource import YamlList, YamlMap, load_yaml_file
from mentoring.kinds.plan.schedule import check_year

INDICATORS_FILE = "indicators.yaml"

Number = int | Decimal


@dataclass(frozen=True)
class Indicator:
    """What one figure means and how the site names it."""

    key: str
    title: str
    kind: Literal["count", "share"]
    # Word forms for «+12 пар наставничества» (1, 2–4, 5+); shares change in п. п.
    forms: tuple[str, str, str] = ("", "", "")

    @property
    def is_share(self) -> bool:
        return self.kind == "share"


INDICATORS = (
    Indicator("mentors", "Наставники", "count", ("наставник", "наставника", "наставников")),
    Indicator("mentees", "Наставляемые", "count", ("наставляемый", "наставляемых", "наставляемых")),
    Indicator(
        "pairs",
        "Пары наставничества",
        "count",
        ("пара наставничества", "пары наставничества", "пар наставничества"),
    ),
    Indicator(
        "groups",
        "Группы наставничества",
        "count",
        ("группа наставничества", "группы наставничества", "групп наставничества"),
    ),
    Indicator(
        "programmes",
        "Программы наставничества",
        "count",
        ("программа наставничества", "программы наставничества", "программ наставничества"),
    ),
    Indicator(
        "organizations",
        "Организации — участники внедрения",
        "count",
        ("организация", "организации", "организаций"),
    ),
    Indicator(
        "young_teachers_supported",
        "Доля молодых педагогов (до 35 лет, первые три года работы), у которых есть наставник",
        "share",
    ),
    Indicator("learners_involved", "Доля обучающихся, вовлечённых в наставничество", "share"),
)
INDICATOR_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
# Breakdowns by organisation and by form carry only these counts.
BREAKDOWN_KEYS = ("mentors", "mentees", "pairs", "groups", "programmes")


@dataclass(frozen=True)
class SchoolYear:
    """A school year such as 2022/2023, named by the calendar year it starts in."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}/{self.start + 1}"

    @property
    def short_label(self) -> str:
        """2022/23, for narrow chart columns."""
        return f"{self.start}/{(self.start + 1) % 100:02d}"


@dataclass(frozen=True)
class Breakdown:
    """The counts of one organisation or one form of mentoring in one school year."""

    key: str
    label: str
    values: Mapping[str, int]


@dataclass(frozen=True)
class YearFigures:
    year: SchoolYear
    values: Mapping[str, Number]
    by_organization: tuple[Breakdown, ...] = ()
    by_form: tuple[Breakdown, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Target:
    indicator: Indicator
    value: Number
    source: str
    by: int | None = None
    verified: bool = False
    note: str | None = None

    @property
    def label(self) -> str:
        """«Цель: 70 % к 2024 г.»"""
        when = f" к {self.by} г." if self.by else ""
        return f"Цель: {format_value(self.indicator, self.value)}{when}"


@dataclass(frozen=True)
class Change:
    """How one indicator moved from the previous school year to the latest one."""

    indicator: Indicator
    before: Number
    after: Number

    @property
    def delta(self) -> Number:
        return self.after - self.before

    @property
    def before_text(self) -> str:
        return format_value(self.indicator, self.before)

    @property
    def after_text(self) -> str:
        return format_value(self.indicator, self.after)

    @property
    def text(self) -> str:
        """«+12 пар наставничества», «−3 наставника», «+5,5 п. п.», «без изменений»."""
        if self.delta == 0:
            return "без изменений"
        sign = "+" if self.delta > 0 else "−"
        amount = self.delta if self.delta > 0 else -self.delta
        if self.indicator.is_share:
            return f"{sign}{format_number(amount)}\u00a0п.\u00a0п."
        return f"{sign}{format_number(amount)} {plural(int(amount), *self.indicator.forms)}"


@dataclass(frozen=True)
class Indicators:
    """Everything in content/indicators.yaml, years in chronological order."""

    years: tuple[YearFigures, ...]
    targets: tuple[Target, ...] = ()
    sample: bool = False

    def shown(self) -> tuple[Indicator, ...]:
        """Indicators that have a figure in at least one year, in the fixed order."""
        return tuple(i for i in INDICATORS if any(i.key in y.values for y in self.years))

    def targets_of(self, key: str) -> tuple[Target, ...]:
        return tuple(target for target in self.targets if target.indicator.key == key)

    def changes(self) -> tuple[Change, ...]:
        """Latest year against the one before it, for indicators known in both."""
        if len(self.years) < 2:
            return ()
        before, after = self.years[-2].values, self.years[-1].values
        return tuple(
            Change(indicator, before[indicator.key], after[indicator.key])
            for indicator in INDICATORS
            if indicator.key in before and indicator.key in after
        )


def format_number(value: Number) -> str:
    """Russian notation: 1 250, 42,5 (no trailing zeros)."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        if "." in text:
            whole, _, fraction = text.partition(".")
            return f"{format_number(int(whole))},{fraction}"
        value = int(text)
    return f"{value:,}".replace(",", "\u00a0") if abs(value) >= 10_000 else str(value)


def format_value(indicator: Indicator, value: Number) -> str:
    return f"{format_number(value)}\u00a0%" if indicator.is_share else format_number(value)


# --------------------------------------------------------------------------- personal data

_PERSONAL_MESSAGE = (
    "{what}: по 152-ФЗ база наставников и наставляемых публикуется только в виде "
    "обобщённых чисел (сколько наставников, пар, какая доля), без имён, дат рождения, "
    "телефонов, адресов, СНИЛС и других сведений о людях; удалите {whom}"
)
# Words of keys (split at «_», «-», spaces) that name a person or their details. Stems
# match the start of a word («фамилии», «addresses»); short words match whole.
_PERSONAL_STEMS = (
    "name", "surname", "firstname", "lastname", "fullname", "patronymic", "person",
    "birth", "phone", "telephone", "mobile", "mail", "snils", "address", "passport",
    "фамил", "имен", "отчеств", "рожден", "телефон", "почт", "адрес", "паспорт", "снилс",
    "персон",
)  # fmt: skip
_PERSONAL_WORDS = ("fio", "фио", "имя", "tel", "dob", "born", "inn", "инн", "email")
_PERSONAL_VALUES = (
    (re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"), "адрес электронной почты"),
    (re.compile(r"\b\d{3}-\d{3}-\d{3}[ -]\d{2}\b"), "номер СНИЛС"),
    (
        re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"),
        "телефон",
    ),
)


def looks_personal(key: str) -> bool:
    """True for keys like fio, ФИО, first_name, birth_date, e-mail, phone, СНИЛС, address."""
    words = re.split(r"[\s_\-.]+", key.strip().lower())
    return any(
        word in _PERSONAL_WORDS or any(word.startswith(stem) for stem in _PERSONAL_STEMS)
        for word in words
        if word
    )


def find_personal_data(data: Any, path: str, problems: Problems) -> set[tuple[int, str]]:
    """Report keys and values that look personal; return the (line, key) of each such key."""
    found: set[tuple[int, str]] = set()
    for node, key, line in _walk(data):
        if key is not None and looks_personal(key):
            found.add((line, key))
            problems.add(
                path,
                line,
                key,
                _PERSONAL_MESSAGE.format(what="личные данные не публикуются", whom="это поле"),
            )
        elif isinstance(node, str):
            for pattern, what in _PERSONAL_VALUES:
                if pattern.search(node):
                    problems.add(
                        path,
                        line,
                        key,
                        _PERSONAL_MESSAGE.format(
                            what=f"в значении похоже на {what}", whom="эти сведения"
                        ),
                    )
                    break
    return found


def _walk(
    node: Any, key: str | None = None, line: int = 0
) -> Iterator[tuple[Any, str | None, int]]:
    """Every value with the key it stands under and its line."""
    yield node, key, line
    if isinstance(node, YamlMap):
        for child_key, child in node.items():
            yield from _walk(child, str(child_key), node.line_of(child_key))
    elif isinstance(node, YamlList):
        for index, child in enumerate(node):
            yield from _walk(child, key, node.line_of(index))


# --------------------------------------------------------------------------- loading


def load_indicators(
    root: Path, display_root: str, form_titles: Mapping[str, str] | None, problems: Problems
) -> Indicators | None:
    """content/indicators.yaml is optional: a site without figures still has a plan."""
    file = root / INDICATORS_FILE
    if not file.exists():
        return None
    path = f"{display_root}/{INDICATORS_FILE}"
    data = load_yaml_file(file, path, problems)
    if data is None:
        return None
    personal = find_personal_data(data, path, problems)
    # The schema would also call a personal key «неизвестное поле»; the reason above is enough.
    schema_problems = Problems()
    valid = validate(data, "indicators", path, schema_problems)
    problems.extend(p for p in schema_problems.items if (p.line, p.field) not in personal)
    if personal or not valid:
        return None
    return build_indicators(data, form_titles, path, problems)


def build_indicators(
    data: YamlMap, form_titles: Mapping[str, str] | None, path: str, problems: Problems
) -> Indicators | None:
    scope = problems.scope()
    years: dict[int, YearFigures] = {}
    lines: dict[int, int] = {}
    for raw in data["years"]:
        year = _school_year(raw, path, problems)
        if year is None:
            continue
        if year.start in lines:
            problems.add(
                path,
                raw.line_of("year"),
                "year",
                f"{year.label} учебный год уже описан в строке {lines[year.start]}; "
                "оставьте одну запись",
            )
            continue
        lines[year.start] = raw.line_of("year")
        years[year.start] = YearFigures(
            year=year,
            values={i.key: _number(raw[i.key]) for i in INDICATORS if i.key in raw},
            by_organization=_breakdowns(
                raw.get("by_organization", []), "organization", None, path, problems
            ),
            by_form=_breakdowns(raw.get("by_form", []), "form", form_titles, path, problems),
            note=raw.get("note"),
        )
    targets = []
    for raw in data.get("targets", []):
        indicator = INDICATOR_BY_KEY[raw["indicator"]]
        value = _number(raw["value"])
        if indicator.is_share and value > 100:
            problems.add(
                path,
                raw.line_of("value"),
                "value",
                f"доля не может быть больше 100 %, а указано {format_number(value)}",
            )
            continue
        targets.append(
            Target(
                indicator=indicator,
                value=value,
                source=raw["source"],
                by=raw.get("by"),
                verified=raw.get("verified", False),
                note=raw.get("note"),
            )
        )
    if not scope.clean:
        return None
    return Indicators(
        years=tuple(years[start] for start in sorted(years)),
        targets=tuple(targets),
        sample=data.get("sample", False),
    )


def _school_year(raw: YamlMap, path: str, problems: Problems) -> SchoolYear | None:
    first, _, second = raw["year"].partition("/")
    if int(second) != int(first) + 1:
        problems.add(
            path,
            raw.line_of("year"),
            "year",
            f"учебный год «{raw['year']}» должен охватывать два соседних года, "
            f"например {first}/{int(first) + 1}",
        )
        return None
    try:
        for year in (first, second):
            check_year(int(year), raw["year"])
    except ValueError as error:
        problems.add(path, raw.line_of("year"), "year", str(error))
        return None
    return SchoolYear(int(first))


def _breakdowns(
    items: YamlList | list[Any],
    name_key: str,
    known: Mapping[str, str] | None,
    path: str,
    problems: Problems,
) -> tuple[Breakdown, ...]:
    """Rows of one breakdown; forms are checked against content/forms.yaml."""
    names = FirstOccurrences(
        path, problems, name_key, "«{value}» уже указано в строке {first} этого года"
    )
    rows = []
    for raw in items:
        name = raw[name_key]
        line = raw.line_of(name_key)
        if not names.is_new(name, line):
            continue
        label = name
        if known is not None:
            if name not in known:
                problems.add(path, line, name_key, _unknown_form(name, list(known)))
                continue
            label = known[name]
        values = {key: raw[key] for key in BREAKDOWN_KEYS if key in raw}
        rows.append(Breakdown(key=name, label=label, values=values))
    return tuple(rows)


def _unknown_form(name: str, known: list[str]) -> str:
    message = f"формы «{name}» нет в content/forms.yaml"
    return message + did_you_mean(name, known) + "; допустимые значения: " + ", ".join(known)


def _number(raw: int | str) -> Number:
    """Counts are integers; shares arrive as text («42.5», «42,5») and become Decimals."""
    if isinstance(raw, int):
        return raw
    return Decimal(raw.replace(",", "."))


# --------------------------------------------------------------------------- the kind

MONITORING_PAGE = "monitoring.md"


def load(
    root: Path, display_root: str, problems: Problems, *, forms: Sequence[Any] | None
) -> Indicators | None:
    form_titles = {form.id: form.title for form in forms} if forms is not None else None
    return load_indicators(root, display_root, form_titles, problems)


def pages(renderer: Any) -> list[tuple[str, str, bool]]:
    return [(MONITORING_PAGE, renderer.monitoring_page(), True)]
