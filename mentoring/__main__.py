"""Command line: ``python -m mentoring check`` validates content/ without building the site;
``python -m mentoring new-practice`` creates a practice entry from the scaffold."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mentoring.content import Content, load_content
from mentoring.errors import ContentError
from mentoring.newpractice import EntryExists, create_practice
from mentoring.progress import build_date
from mentoring.russian import count_words

# Hand-written pages sit next to content/ (docs_dir of mkdocs.yml).
DOCS_DIR = "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mentoring", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="проверить содержимое папки content/")
    check.add_argument("content_dir", nargs="?", default="content", type=Path)
    new = commands.add_parser("new-practice", help="создать практику по шаблону")
    new.add_argument("--title", default="", help="название практики (иначе будет задан вопрос)")
    new.add_argument("content_dir", nargs="?", default="content", type=Path)
    arguments = parser.parse_args(argv)

    if arguments.command == "check":
        return run_check(arguments.content_dir)
    if arguments.command == "new-practice":
        return run_new_practice(arguments.content_dir, arguments.title)
    return 2


def run_check(content_dir: Path) -> int:
    try:
        content = load_content(
            content_dir,
            display_root=content_dir.as_posix(),
            docs_dir=content_dir.parent / DOCS_DIR,
        )
    except ContentError as error:
        report(error)
        return 1
    activities = count_words(
        len(content.plan.activities), "мероприятие", "мероприятия", "мероприятий"
    )
    published = ", ".join(
        (
            count_words(len(content.news), "новость", "новости", "новостей"),
            count_words(len(content.documents), "документ", "документа", "документов"),
            count_words(len(content.materials), "материал", "материала", "материалов"),
            count_words(len(content.practices), "практика", "практики", "практик"),
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


def report(error: ContentError) -> None:
    for line in error.report_lines():
        print(line, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(error.annotations()))
    print(error.summary(), file=sys.stderr)


def run_new_practice(content_dir: Path, title: str) -> int:
    if not title.strip():
        try:
            title = input("Название практики: ")
        except EOFError:
            print('Укажите название: make practice TITLE="Название практики"', file=sys.stderr)
            return 1
    content: Content | None = None
    try:
        content = load_content(content_dir, display_root=content_dir.as_posix())
    except ContentError as error:
        report(error)
        print(
            "Практика создаётся, но списки форм и организаций в подсказках будут пусты, "
            "пока ошибки не исправлены.",
            file=sys.stderr,
        )
    try:
        file = create_practice(
            content_dir,
            title,
            build_date(),
            content.forms if content else (),
            content.organizations if content else (),
        )
    except (ValueError, EntryExists) as error:
        print(f"Практика не создана: {error}", file=sys.stderr)
        return 1
    print(
        f"Создан файл {file.as_posix()}.\n"
        "Заполните поля organization, forms и summary и текст практики, затем проверьте: "
        "make check (или посмотрите страницу: make serve)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
