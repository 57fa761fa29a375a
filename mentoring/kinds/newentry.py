"""New entries from scaffolds: ``python -m mentoring new-<scaffold>`` (``make <scaffold>``)
for each ``Scaffold`` declared in mentoring/kinds/registry.py.

Each scaffold explains every field in Russian comments, so the first ``make check`` says
what is still to fill in. A new entry never takes the address of an existing one (a
sample included): the slug gets a number instead. Attached files are copied where the
entry's type keeps them — a practice with files becomes a folder with the files beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2

from mentoring.core.files import DOCUMENT_TYPES, IMAGE_TYPES, long_name_problem
from mentoring.core.russian import slugify
from mentoring.kinds.documents import DOCUMENTS_FILE, DOCUMENTS_FOLDER
from mentoring.kinds.entries import RESERVED_SLUGS
from mentoring.kinds.events import EVENTS_FOLDER
from mentoring.kinds.models import Form
from mentoring.kinds.news import IMAGES_FOLDER, NEWS_FOLDER
from mentoring.kinds.organizations import Organization
from mentoring.kinds.practices.bank import BANK_FOLDERS, PRACTICES_DIR

_SLUG_FIELD = re.compile(r"^slug:\s*[\"']?([\w-]+)", re.M)
_ID_FIELD = re.compile(r"^\s*-?\s*id:\s*[\"']?([\w.-]+)", re.M)
# News items and events: ГГГГ-ММ-ДД-<name>.md, their address from <name>.
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")


class EntryExists(Exception):
    """The file for the new entry is already there; nothing is overwritten."""


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), Cyrillic kept readable."""
    return json.dumps(value, ensure_ascii=False)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mentoring", "scaffolds"),
        autoescape=False,  # the output is YAML and Markdown, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["yaml"] = yaml_string
    return environment


def entry_text(
    title: str,
    date: dt.date,
    forms: Sequence[Form],
    organizations: Sequence[Organization],
    files: Sequence[str] = (),
) -> str:
    """The text of a new practice; ``files`` are the names of its attachments."""
    return (
        _environment()
        .get_template("practice.md.j2")
        .render(
            title=title,
            date=date.isoformat(),
            forms=forms,
            organizations=organizations,
            attachments=[name for name in files if not _is_image(name)],
            images=[name for name in files if _is_image(name)],
        )
    )


def news_text(title: str, image: str | None = None) -> str:
    return _environment().get_template("news.md.j2").render(title=title, image=image)


def event_text(title: str, date: dt.date, organizations: Sequence[Organization]) -> str:
    """The text of a new event announcement on ``date`` (its time is left to fill in)."""
    return (
        _environment()
        .get_template("event.md.j2")
        .render(title=title, date=date.isoformat(), organizations=organizations)
    )


def document_text(document_id: str, title: str, date: dt.date, file: str | None = None) -> str:
    return (
        _environment()
        .get_template("document.yaml.j2")
        .render(id=document_id, title=title, date=date.isoformat(), file=file)
    )


def create_practice(
    content_dir: Path,
    title: str,
    date: dt.date,
    forms: Sequence[Form],
    organizations: Sequence[Organization],
    files: Sequence[Path] = (),
) -> Path:
    """``content/practices/<slug>.md``, or ``<slug>/index.md`` with copies of ``files``."""
    title = _clean_title(title)
    folder = content_dir / PRACTICES_DIR
    taken = _practice_slugs(folder) | set(BANK_FOLDERS) | set(RESERVED_SLUGS)
    slug = free_slug(_title_slug(title), taken)
    _check_files(files, DOCUMENT_TYPES)
    names = [_published_name(file) for file in files]
    text = entry_text(title, date, forms, organizations, names)
    if not files:
        return _write_new(folder / f"{slug}.md", text)
    target = _write_new(folder / slug / "index.md", text)
    _copy(files, target.parent)
    return target


def create_news(content_dir: Path, title: str, date: dt.date, image: Path | None = None) -> Path:
    """``content/news/<date>-<slug>.md``; an image is copied to ``content/news/images/``."""
    title = _clean_title(title)
    folder = content_dir / NEWS_FOLDER
    slug = free_slug(_title_slug(title), _dated_slugs(folder))
    image_name = None
    if image is not None:
        _check_files([image], IMAGE_TYPES)
        image_name = _copy([image], folder / IMAGES_FOLDER)[0]
    return _write_new(folder / f"{date.isoformat()}-{slug}.md", news_text(title, image_name))


def create_event(
    content_dir: Path, title: str, date: dt.date, organizations: Sequence[Organization]
) -> Path:
    """``content/events/<date>-<slug>.md``, ``date`` being the day of the event."""
    title = _clean_title(title)
    folder = content_dir / EVENTS_FOLDER
    slug = free_slug(_title_slug(title), _dated_slugs(folder))
    return _write_new(
        folder / f"{date.isoformat()}-{slug}.md", event_text(title, date, organizations)
    )


def create_document(
    content_dir: Path, title: str, date: dt.date, file: Path | None = None
) -> tuple[Path, str]:
    """Append an entry to ``content/documents.yaml``; a file goes to ``content/documents/<год>/``.

    Returns the YAML file and the new document's id."""
    title = _clean_title(title)
    source = content_dir / DOCUMENTS_FILE
    existing = source.read_text(encoding="utf-8") if source.exists() else "documents:\n"
    document_id = free_slug(_title_slug(title), set(_ID_FIELD.findall(existing)))
    shown_file = None
    if file is not None:
        _check_files([file], DOCUMENT_TYPES)
        name = _copy([file], content_dir / DOCUMENTS_FOLDER / str(date.year))[0]
        shown_file = f"{date.year}/{name}"
    if not existing.endswith("\n"):
        existing += "\n"
    source.write_text(
        existing + document_text(document_id, title, date, shown_file), encoding="utf-8"
    )
    return source, document_id


def free_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… — the first one no entry has."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValueError("название не может быть пустым")
    return title


def _title_slug(title: str) -> str:
    slug = slugify(title)
    if not slug:
        raise ValueError(f"из названия «{title}» не получается имя файла: нужны буквы или цифры")
    too_long = long_name_problem(f"{slug}.md", "имя файла из названия")
    if too_long:
        raise ValueError(f"{too_long}; сократите название")
    return slug


def _practice_slugs(folder: Path) -> set[str]:
    """Addresses of the practices already there: file and folder names and ``slug:`` fields."""
    if not folder.is_dir():
        return set()
    entries = [path for path in folder.iterdir() if path.suffix == ".md" or path.is_dir()]
    names = {slugify(path.stem) for path in entries} | {path.stem for path in entries}
    texts = [path / "index.md" if path.is_dir() else path for path in entries]
    return names | _front_matter_slugs(texts)


def _dated_slugs(folder: Path) -> set[str]:
    """Addresses taken in a folder of dated entries: names after the date, ``slug:`` fields."""
    files = list(folder.glob("*.md"))
    names = {match.group(1) for file in files if (match := _DATED_NAME.match(file.stem))}
    return names | _front_matter_slugs(files)


def _front_matter_slugs(files: Iterable[Path]) -> set[str]:
    slugs = set()
    for file in files:
        if file.is_file():
            match = _SLUG_FIELD.search(file.read_text(encoding="utf-8", errors="replace"))
            if match:
                slugs.add(match.group(1))
    return slugs


def _is_image(name: str) -> bool:
    return Path(name).suffix.lower().lstrip(".") in IMAGE_TYPES


def _check_files(files: Iterable[Path], allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    for file in files:
        if not file.is_file():
            raise ValueError(f"файла {file} нет; проверьте путь")
        if file.suffix.lower().lstrip(".") not in allowed:
            raise ValueError(
                f"файл {file.name}: такой тип не публикуется; допустимы " + ", ".join(allowed)
            )


def _copy(files: Iterable[Path], folder: Path) -> list[str]:
    """Copy files under names without spaces (a space breaks a Markdown link)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for file in files:
        name = _published_name(file)
        target = folder / name
        if target.exists():
            raise EntryExists(f"файл {target} уже есть; переименуйте свой файл")
        shutil.copyfile(file, target)
        names.append(name)
    return names


def _published_name(file: Path) -> str:
    return "-".join(file.name.split())


def _write_new(target: Path, text: str) -> Path:
    if target.exists():
        raise EntryExists(f"файл {target} уже есть; выберите другое название")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
