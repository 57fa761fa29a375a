"""Markdown entries with front matter (news, materials, practices): the loading they share.

Each entry is one ``.md`` file whose fields sit between two ``---`` lines. Loading reads
every file of a folder, validates its fields against the schema of its type and checks
include markers in its body; building the model is left to the type's own module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from mentoring.core.errors import Problems
from mentoring.core.files import long_name_problem
from mentoring.core.incremental import BuildMemory
from mentoring.core.russian import slugify
from mentoring.core.schema import load_schema, validate
from mentoring.core.yamlsource import YamlMap, split_front_matter
from mentoring.html.headings import check_headings
from mentoring.html.includes import check_entry_includes
from mentoring.html.links import check_spaced_addresses
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.plan.schedule import check_year
from mentoring.kinds.registry import by_schema

T = TypeVar("T")

# An entry published at <folder>/<slug>/ must not take the address of the folder's index.
RESERVED_SLUGS = ("index",)

FENCED_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)[^\n]+?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# Starts at «[» (a literal the regex engine can scan for); «!» before it marks an image.
LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?")


@dataclass(frozen=True)
class RawEntry:
    """One Markdown file whose front matter passed its schema."""

    file: Path
    path: str
    data: YamlMap
    body: str
    body_line: int
    text: str  # the body with its code blanked (same length and lines): what may run or load

    def line_at(self, offset: int) -> int:
        """The file line of an offset in ``body`` or ``text``."""
        return self.body_line + self.text.count("\n", 0, offset)


def load_entries(
    folder: Path,
    shown_folder: str,
    schema: str,
    problems: Problems,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> list[RawEntry]:
    """Every ``*.md`` file of ``folder`` with valid front matter; a missing folder has none."""
    if not folder.is_dir():
        return []
    sanitizer = sanitizer or Sanitizer()
    entries = []
    for file in sorted(folder.glob("*.md")):
        shown = f"{shown_folder}/{file.name}"
        raw = load_remembered(file, shown, schema, problems, memory, sanitizer)
        if raw is not None:
            entries.append(raw)
    return entries


def load_remembered(
    file: Path,
    path: str,
    schema: str,
    problems: Problems,
    memory: BuildMemory | None,
    sanitizer: Sanitizer | None = None,
) -> RawEntry | None:
    """``load_entry``, or what it gave for the same file earlier in a `make serve` session."""
    if memory is None:
        return load_entry(file, path, schema, problems, sanitizer)
    return memory.load_entry(
        file,
        path,
        problems,
        lambda data, found: parse_entry(data, file, path, schema, found, sanitizer),
    )


def load_entry(
    file: Path, path: str, schema: str, problems: Problems, sanitizer: Sanitizer | None = None
) -> RawEntry | None:
    """One Markdown file whose front matter fits ``schema``; None when a problem is reported."""
    return parse_entry(file.read_bytes(), file, path, schema, problems, sanitizer)


def parse_entry(
    saved: bytes,
    file: Path,
    path: str,
    schema: str,
    problems: Problems,
    sanitizer: Sanitizer | None = None,
) -> RawEntry | None:
    """``load_entry`` of the bytes read from ``file``."""
    try:  # as Path.read_text with its universal newlines would read it
        text = saved.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        problems.add(path, None, None, "файл не в кодировке UTF-8; сохраните его в UTF-8")
        return None
    scope = problems.scope()
    data, body, body_line = split_front_matter(text, path, problems)
    if not scope.clean:
        return None
    if data is None:
        required = ", ".join(load_schema(schema)["required"])
        problems.add(
            path,
            1,
            None,
            f"блок полей пуст; впишите между строками «---» хотя бы поля {required}",
        )
        return None
    if not validate(data, schema, path, problems):
        return None
    check_entry_includes(body, body_line, path, problems)
    raw = RawEntry(file, path, data, body, body_line, without_code(body))
    check_markup(raw, text_of(schema), problems, sanitizer or Sanitizer())
    check_spaced_addresses(raw, problems)
    return raw


def text_of(schema: str) -> str:
    """How a message names the text of an entry of ``schema`` (mentoring/kinds/registry.py)."""
    wording = by_schema(schema).text_of
    assert wording is not None, f"{schema} is not a kind of Markdown entries"
    return wording


def blank(match: re.Match[str]) -> str:
    """Code and comments are blanked out, keeping offsets, so lines stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(body: str) -> str:
    """The body with code blocks and code spans blanked: what they hold is shown, not run."""
    if "`" in body:
        body = CODE_SPAN.sub(blank, FENCED_CODE.sub(blank, body))
    elif "~~~" in body:
        body = FENCED_CODE.sub(blank, body)
    return body


def check_markup(raw: RawEntry, text_of: str, problems: Problems, sanitizer: Sanitizer) -> None:
    """The body's HTML must pass the allowlist unchanged (mentoring/html/sanitize.py).

    Authors write through the web editor, and the site must neither run their markup nor
    make a visitor's browser ask another server for anything.
    """
    sanitizer.check_author_markdown(raw.body, raw.text, raw.body_line, text_of, raw.path, problems)
    prose = COMMENT.sub(blank, raw.text) if "<!--" in raw.text else raw.text
    check_headings(prose, raw.text, raw.line_at, raw.path, text_of, problems)


def parse_date(mapping: YamlMap, key: str, path: str, problems: Problems) -> dt.date | None:
    """A date field already shaped ГГГГ-ММ-ДД by the schema; report one that does not exist."""
    try:
        date = dt.date.fromisoformat(mapping[key])
    except ValueError:
        problems.add(path, mapping.line_of(key), key, f"такой даты нет: «{mapping[key]}»")
        return None
    try:
        check_year(date.year, mapping[key])
    except ValueError as error:
        problems.add(path, mapping.line_of(key), key, str(error))
        return None
    return date


def entry_slug(raw: RawEntry, name: str, problems: Problems) -> str | None:
    """The address part of an entry: its ``slug`` field, else its file name transliterated."""
    if "slug" in raw.data:
        slug, line, field = raw.data["slug"], raw.data.line_of("slug"), "slug"
    else:
        slug, line, field = slugify(name), 1, None
        if not slug:
            problems.add(
                raw.path,
                line,
                field,
                "из имени файла не получается адрес страницы: в нём нет букв и цифр; "
                "переименуйте файл или задайте поле slug",
            )
            return None
    too_long = long_name_problem(slug, "адрес страницы")
    if too_long:
        problems.add(
            raw.path,
            line,
            field,
            too_long
            + ("; сократите его" if field else "; переименуйте файл короче или задайте поле slug"),
        )
        return None
    if slug in RESERVED_SLUGS:
        problems.add(
            raw.path,
            line,
            field,
            f"адрес «{slug}» занят списком раздела; "
            + ("задайте другое поле slug" if field else "переименуйте файл или задайте поле slug"),
        )
        return None
    return slug


class Addresses:
    """Page addresses taken by entries; a second entry at a taken address is reported."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def claim(self, address: str, raw: RawEntry, problems: Problems) -> bool:
        owner = self._owners.setdefault(address, raw.path)
        if owner == raw.path:
            return True
        slug_problem(
            raw,
            f"адрес {address} уже занят: его получает {owner}; "
            "задайте одной из записей другое поле slug или переименуйте файл",
            problems,
        )
        return False


def slug_problem(raw: RawEntry, message: str, problems: Problems) -> None:
    """A problem with an entry's address: at its slug field, else at the file's first line."""
    from_field = "slug" in raw.data
    field = "slug" if from_field else None
    problems.add(raw.path, raw.data.line_of("slug") if from_field else 1, field, message)


class Publishable(Protocol):
    @property
    def sample(self) -> bool: ...

    @property
    def draft(self) -> bool: ...


def is_shown(entry: Publishable, show_samples: bool) -> bool:
    """Drafts are never published; samples only while site.yaml allows them."""
    return not entry.draft and (show_samples or not entry.sample)


def build_entries(
    folder: Path,
    shown_folder: str,
    schema: str,
    problems: Problems,
    build: Callable[[RawEntry, Addresses], T | None],
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> list[T]:
    """Every entry of ``folder`` that ``build`` makes a model of (it reports the others);
    the entries share one set of addresses."""
    addresses = Addresses()
    raws = load_entries(folder, shown_folder, schema, problems, memory, sanitizer)
    built = (build(raw, addresses) for raw in raws)
    return [entry for entry in built if entry is not None]


DATED_FILE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)\.md$")


def dated_name(raw: RawEntry, of: str, example: str, problems: Problems) -> re.Match[str] | None:
    """«ГГГГ-ММ-ДД-название.md»: the date and the name of a dated entry (news, events);
    ``of`` names the kind in the genitive («новости»)."""
    name = DATED_FILE_NAME.match(raw.file.name)
    if name is None:
        problems.add(
            raw.path,
            None,
            None,
            f"имя файла {of} должно иметь вид ГГГГ-ММ-ДД-название.md, "
            f"например {example}; переименуйте файл",
        )
    return name
