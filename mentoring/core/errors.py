"""Problems found in content, reported to authors in Russian with file and line."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mentoring.core.russian import count_words

# Line breaks (GitHub's runner also ends a line at a lone CR) and other control characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# «::» where a line could start: at its start, or after a space where MkDocs may wrap it.
_COMMAND_START = re.compile(r"(?:^|(?<=\s))::")


def log_safe(line: str) -> str:
    """One log line in which author text cannot act as a GitHub Actions workflow command.

    The runner reads ``::command::`` at the start of a line (after spaces) and the legacy
    ``##[command]`` anywhere in it: line breaks and control characters are shown as
    escapes, so author text stays on our line, and neither form survives. MkDocs wraps
    long lines at spaces when the terminal width is known, so «::» after a space counts too.
    """
    line = _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), line)
    return _COMMAND_START.sub(": :", line.replace("##[", "# #["))


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, phrased for the author who made it."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        location = self.path if self.line is None else f"{self.path}:{self.line}"
        subject = f"поле «{self.field}»: " if self.field else ""
        return log_safe(f"{location}: {subject}{self.message}")

    def github_annotation(self, command: str = "error") -> str:
        """The same problem as a GitHub Actions workflow command, shown on the changed line
        (``command`` "warning" for what does not stop the build)."""
        props = f"file={_escape_property(self.path)}"
        if self.line is not None:
            props += f",line={self.line}"
        subject = f"поле «{self.field}»: " if self.field else ""
        return f"::{command} {props}::{_escape_data(subject + self.message)}"


def _escape_data(text: str) -> str:
    """GitHub's escapes; «##[» is broken too, in case a runner tried the legacy form."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace("##[", "# #[")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """Collects every problem first, so authors see all of them after one build."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(path, line, field, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self.items), key=_sort_key))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(list(self))

    def scope(self) -> ProblemScope:
        """From here on: whether a part of the content added problems of its own, so that
        what depends on it is neither built nor reported twice."""
        return ProblemScope(self, len(self.items))


@dataclass(frozen=True)
class ProblemScope:
    problems: Problems
    start: int

    @property
    def clean(self) -> bool:
        return len(self.problems.items) == self.start


@dataclass
class FirstOccurrences:
    """Where each id (or name) of a list was first given, so that a repeat is reported
    with that line. ``message`` is formatted with ``value`` and ``first`` (its line)."""

    path: str
    problems: Problems
    field: str
    message: str
    lines: dict[str, int] = dataclasses.field(default_factory=dict)  # «field» is a field here

    def is_new(self, value: str, line: int) -> bool:
        """True the first time; a repeat is reported and gives False."""
        if value in self.lines:
            first = self.lines[value]
            self.problems.add(
                self.path, line, self.field, self.message.format(value=value, first=first)
            )
            return False
        self.lines[value] = line
        return True

    def firsts(self, items: Iterable[Any]) -> Iterator[Any]:
        """The YAML maps of ``items`` whose ``field`` is new; repeats are reported."""
        return (raw for raw in items if self.is_new(raw[self.field], raw.line_of(self.field)))


def _sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line or 0, problem.field or "", problem.message)


class ContentError(Exception):
    """Raised once, after all problems of the content have been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"Найдено ошибок в содержимом: {len(problems)}")

    def report_lines(self) -> list[str]:
        """One readable line per problem: ``content/plan.yaml:12: поле «…»: …``."""
        return [str(problem) for problem in self.problems]

    def annotations(self) -> list[str]:
        """The same problems as GitHub Actions annotations, shown on the changed lines."""
        return [problem.github_annotation() for problem in self.problems]

    def summary(self) -> str:
        count = len(self.problems)
        errors = count_words(count, "ошибка", "ошибки", "ошибок")
        return f"Содержимое не прошло проверку: {errors}. Исправьте и повторите сборку."
