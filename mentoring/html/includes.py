"""Include markers ``<!-- include: name -->``: generated blocks inside Markdown pages.

Hand-written pages in docs/ and Markdown entries in content/ (news, materials) may embed
blocks the site generates. Entries are checked at load time, so an unknown name is
reported with the content file and line, not with the page the site makes from it.
"""

from __future__ import annotations

import re

from mentoring.core.errors import Problems

INCLUDE = re.compile(r"^<!--\s*include:\s*([\w-]+)\s*-->[ \t]*$", re.M)

# Blocks that news and materials may include (Renderer.blocks provides each of them), with
# the level of the headings each block starts with (None: a block without headings).
ENTRY_BLOCKS: dict[str, int | None] = {"forms-list": 2}


def check_entry_includes(body: str, body_line: int, path: str, problems: Problems) -> None:
    """Report include markers in an entry body that name no block entries may use."""
    for match in INCLUDE.finditer(body):
        name = match.group(1)
        if name not in ENTRY_BLOCKS:
            problems.add(
                path,
                body_line + body.count("\n", 0, match.start()),
                None,
                f"неизвестная вставка «{name}»; доступные: " + ", ".join(ENTRY_BLOCKS),
            )
