"""The code owners who review the editor's proposals: a reminder while .github/CODEOWNERS
still names the sample team, which reviews nothing. ``make check`` prints it before the
check; in GitHub Actions it is also a warning annotation on the file's line.

We do not invent real names: the repository's administrator writes the real team there
(docs/guide/editor.md, «Настройка: один раз»)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mentoring.core.errors import Problem
from mentoring.editor.vendor import REPO

CODEOWNERS = ".github/CODEOWNERS"
SAMPLE_TEAM = "@OWNER/metodisty-cro"


def owner_problems(root: Path) -> list[Problem]:
    """Each reason why no real team is asked to review content/."""
    path = root / CODEOWNERS
    if not path.is_file():
        return [
            Problem(CODEOWNERS, None, None, "файла нет: изменения content/ никто не рассмотрит")
        ]
    return [
        Problem(
            CODEOWNERS,
            number,
            None,
            f"указана команда-образец {SAMPLE_TEAM}: пока её не заменили настоящей командой "
            "методистов ЦРО, GitHub не просит никого рассмотреть предложения из веб-редактора "
            "(страница «Веб-редактор», «Настройка: один раз»)",
        )
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if SAMPLE_TEAM in line.split("#", 1)[0]
    ]


def main(root: Path = REPO) -> None:
    for problem in owner_problems(root):
        print(f"Внимание: {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.github_annotation("warning"))


if __name__ == "__main__":
    main()
