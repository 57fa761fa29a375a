"""Command line: ``python -m mentoring check`` validates content/ without building the site;
``new-<scaffold>`` creates an entry from each scaffold of mentoring/kinds/registry.py."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from mentoring.content import Content, load_content
from mentoring.core.errors import ContentError
from mentoring.core.russian import count_words
from mentoring.kinds.newentry import (
    EntryExists,
    create_document,
    create_event,
    create_news,
    create_practice,
)
from mentoring.kinds.plan.progress import build_date
from mentoring.kinds.registry import TYPES, scaffolds
from mentoring.views.shells import empty_sections_notice, missing_contacts

# Hand-written pages sit next to content/ (docs_dir of mkdocs.yml).
DOCS_DIR = "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring",
        description="Проверка содержимого (check) и новые записи по шаблонам (new-…).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="проверить содержимое папки content/")
    check.add_argument("content_dir", nargs="?", default="content", type=Path)
    for name, scaffold in scaffolds().items():
        new = commands.add_parser(f"new-{name}", help=f"создать {scaffold.created} по шаблону")
        new.add_argument("--title", default="", help="название (иначе будет задан вопрос)")
        if scaffold.files is None:  # an event: its day instead of files
            new.add_argument("--date", default="", help=DATE_HELP)
        else:
            new.add_argument("--files", nargs="*", default=[], type=Path, help=scaffold.files)
        new.add_argument("content_dir", nargs="?", default="content", type=Path)
    arguments = parser.parse_args(argv)

    if arguments.command == "check":
        return run_check(arguments.content_dir)
    kind = arguments.command.removeprefix("new-")
    files, day = getattr(arguments, "files", []), getattr(arguments, "date", "")
    return run_new_entry(kind, arguments.content_dir, arguments.title, files, day)


DATE_HELP = "день мероприятия, ГГГГ-ММ-ДД (иначе будет задан вопрос)"


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
    print(content_summary(content))
    return 0


def content_summary(content: Content) -> str:
    """What `make check` found in order: the plan's size, what is published, the sections
    with nothing to publish yet and missing contacts (the build logs the same two lines)."""
    activities = count_words(
        len(content.plan.activities), "мероприятие", "мероприятия", "мероприятий"
    )
    published = ", ".join(
        count_words(len(kind.published(content)), *kind.counted)
        for kind in TYPES
        if kind.counted is not None
    )
    figures = ""
    if content.indicators is not None:
        years = len(content.indicators.years)
        figures = (
            f"; показатели за {count_words(years, 'учебный год', 'учебных года', 'учебных лет')}"
        )
    lines = [f"Содержимое в порядке: в плане {activities}; публикуется: {published}{figures}."]
    notice = empty_sections_notice(content)
    if notice:
        lines.append(f"{notice}.")
    problem = missing_contacts(content)
    if problem is not None:
        lines.append(f"ПРЕДУПРЕЖДЕНИЕ: {problem}")
    return "\n".join(lines)


def report(error: ContentError) -> None:
    for line in error.report_lines():
        print(line, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(error.annotations()))
    print(error.summary(), file=sys.stderr)


def _asked(value: str, prompt: str, missing: str) -> str | None:
    """``value``, or the answer to ``prompt``; None (saying ``missing``) without a terminal."""
    if value.strip():
        return value
    try:
        return input(f"{prompt}: ")
    except EOFError:
        print(missing, file=sys.stderr)
        return None


def run_new_entry(
    kind: str, content_dir: Path, title: str, files: list[Path], day: str = ""
) -> int:
    """A new entry from the scaffold ``kind``; ``day`` is the day of an event (ГГГГ-ММ-ДД)."""
    scaffold = scaffolds()[kind]
    asked = _asked(title, "Название", f'Укажите название: make {kind} TITLE="Название"')
    if asked is None:
        return 1
    title = asked
    event_day = None
    if scaffold.files is None:
        missing = f'Укажите день мероприятия: make {kind} TITLE="{title}" DATE=ГГГГ-ММ-ДД'
        asked = _asked(day, "Дата мероприятия (ГГГГ-ММ-ДД)", missing)
        if asked is None:
            return 1
        try:
            event_day = dt.date.fromisoformat(asked.strip())
        except ValueError:
            print(f"Не создано: дата «{asked}» не в виде ГГГГ-ММ-ДД", file=sys.stderr)
            return 1
    if not scaffold.several_files and len(files) > 1:
        print("Не создано: к этой записи прикладывается один файл", file=sys.stderr)
        return 1
    content: Content | None = None
    try:
        content = load_content(content_dir, display_root=content_dir.as_posix())
    except ContentError as error:
        report(error)
        print(
            "Запись создаётся, но подсказки со списками форм и организаций будут пусты, "
            "пока ошибки не исправлены.",
            file=sys.stderr,
        )
    today = build_date()
    attached = files[0] if files else None
    forms = content.forms if content else ()
    organizations = content.organizations if content else ()
    entry_id = ""
    try:
        match kind:
            case "practice":
                created = create_practice(content_dir, title, today, forms, organizations, files)
            case "news":
                created = create_news(content_dir, title, today, attached)
            case "event":
                assert event_day is not None, "asked above"
                created = create_event(content_dir, title, event_day, organizations)
            case "document":
                created, entry_id = create_document(content_dir, title, today, attached)
            case _:
                raise AssertionError(f"the scaffold {kind} has no command")
    except (ValueError, EntryExists) as error:
        print(f"Не создано: {error}", file=sys.stderr)
        return 1
    print(
        f"Готово: {created.as_posix()}.\n"
        f"Заполните {scaffold.to_fill.format(id=entry_id)}, затем проверьте: make check "
        "(или посмотрите страницу: make serve)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
