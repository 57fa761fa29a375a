"""Link addresses with a space: ``[Программа](мой файл.pdf)``.

Markdown takes «мой» for the address and the rest for a title (a real title would be in
quotes or brackets), so the link silently points elsewhere and the build complains about
a file the author never named. The cause is said instead, for every kind of entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mentoring.core.errors import Problems

if TYPE_CHECKING:
    from mentoring.kinds.entries import RawEntry

_ADDRESS_WITH_SPACE = re.compile(r"\[[^\]\n]*\]\(\s*([^)\s<>]+(?:[ \t]+[^)\s\"'(]+)+)\s*\)")


def spaced_addresses(text: str) -> dict[int, str]:
    """Offsets of links whose address has a space, with that address."""
    return {match.start(): match.group(1) for match in _ADDRESS_WITH_SPACE.finditer(text)}


def check_spaced_addresses(raw: RawEntry, problems: Problems) -> None:
    for offset, address in spaced_addresses(raw.text).items():
        problems.add(
            raw.path,
            raw.line_at(offset),
            None,
            f"в адресе ссылки «{address}» пробел, и Markdown считает адресом только "
            f"«{address.split()[0]}»; назовите файл без пробелов (например, "
            f"«{'-'.join(address.split())}») или замените пробелы в ссылке на %20",
        )
