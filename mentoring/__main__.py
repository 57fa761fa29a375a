"""Command line: ``python -m mentoring check`` validates content/ without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mentoring.content import load_content
from mentoring.errors import ContentError
from mentoring.russian import count_words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mentoring", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="проверить содержимое папки content/")
    check.add_argument("content_dir", nargs="?", default="content", type=Path)
    arguments = parser.parse_args(argv)

    if arguments.command == "check":
        return run_check(arguments.content_dir)
    return 2


def run_check(content_dir: Path) -> int:
    try:
        content = load_content(content_dir, display_root=content_dir.as_posix())
    except ContentError as error:
        for line in error.report_lines():
            print(line, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(error.annotations()))
        print(error.summary(), file=sys.stderr)
        return 1
    activities = count_words(
        len(content.plan.activities), "мероприятие", "мероприятия", "мероприятий"
    )
    published = ", ".join(
        (
            count_words(len(content.news), "новость", "новости", "новостей"),
            count_words(len(content.documents), "документ", "документа", "документов"),
            count_words(len(content.materials), "материал", "материала", "материалов"),
        )
    )
    figures = ""
    if content.indicators is not None:
        years = len(content.indicators.years)
        figures = (
            f"; показатели за {count_words(years, 'учебный год', 'учебных года', 'учебных лет')}"
        )
    print(f"Содержимое в порядке: в плане {activities}; публикуется: {published}{figures}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
