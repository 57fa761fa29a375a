"""Heading structure of an entry body: the outline screen readers navigate by.

The page of an entry has its title as the only first-level heading; the body's sections
go down one level at a time (WCAG 1.3.1 and 2.4.6; the W3C Nu HTML Checker flags a skipped
level). Checked in the Markdown source, so ``make check`` reports it with the file line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mentoring.core.errors import Problems
from mentoring.html.includes import ENTRY_BLOCKS, INCLUDE

# Python-Markdown's ATX heading: hashes at the very start of a line, text, optional closing
# hashes. A line of «=» or «-» under the first line of a paragraph makes it a setext heading.
_ATX = re.compile(r"^(#{1,6})(.*?)#*[ \t]*$", re.M)
_SETEXT = re.compile(r"^([^\n]*\S[^\n]*)\n(=+|-+)[ \t]*$", re.M)
# An attribute list at the end of a heading ({ #id .class }) is not its text.
_ATTRIBUTES = re.compile(r"\s*\{:?[^{}]*\}\s*$")
TITLE_LEVEL = 1


def check_headings(
    prose: str,
    text: str,
    line_at: Callable[[int], int],
    path: str,
    text_of: str,
    problems: Problems,
) -> None:
    """Report a first-level heading in the body, an empty heading and a skipped level.

    ``prose`` is the body with code and comments blanked, ``text`` with code blanked only
    (it keeps the include markers); both keep the offsets, which ``line_at`` turns into
    file lines.
    """
    previous = TITLE_LEVEL
    for offset, level, title in _outline(prose, text):
        line = line_at(offset)
        marks = "#" * level
        if title is None:  # a block included by a marker: its headings are the site's
            previous = level
            continue
        if not title:
            problems.add(
                path,
                line,
                None,
                f"пустой заголовок «{marks}» {text_of}: впишите текст заголовка после "
                "знаков # или уберите их",
            )
            continue
        if level == TITLE_LEVEL:
            problems.add(
                path,
                line,
                None,
                f"заголовок первого уровня «# {title}» {text_of}: первый уровень на странице "
                "один — название из поля title; разделы текста начинайте с «## »",
            )
        elif level > previous + 1:
            problems.add(
                path,
                line,
                None,
                f"заголовок «{marks} {title}» {text_of} пропускает уровень: перед ним "
                f"заголовок уровня {previous}{' (название страницы)' if previous == 1 else ''}, "
                f"а этот — уровня {level}; напишите «{'#' * (previous + 1)} {title}», "
                "чтобы незрячим посетителям была понятна структура текста",
            )
        previous = level


def _outline(prose: str, text: str) -> list[tuple[int, int, str | None]]:
    """Headings in order: offset, level and text (None for a block's include marker)."""
    found: list[tuple[int, int, str | None]] = []
    for match in _ATX.finditer(prose):
        title = _ATTRIBUTES.sub("", match.group(2)).strip()
        found.append((match.start(), len(match.group(1)), title))
    for match in _SETEXT.finditer(prose):
        title = match.group(1)
        if title.startswith(("#", "    ", "\t")):  # an ATX heading or indented code
            continue
        level = 1 if match.group(2).startswith("=") else 2
        found.append((match.start(1), level, _ATTRIBUTES.sub("", title).strip()))
    for match in INCLUDE.finditer(text):
        block_level = ENTRY_BLOCKS.get(match.group(1))
        if block_level is not None:
            found.append((match.start(), block_level, None))
    return sorted(found)
