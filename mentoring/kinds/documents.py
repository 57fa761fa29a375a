"""Documents: ``content/documents.yaml`` and the files under ``content/documents/``.

Orders, letters, regulations and methodological recommendations, federal to school level.
A document is published as a file (with its format and size), as a link to the issuer's
site, as a page of this site (the plan is the appendix of the ГОРУНО order), or stands
as a bibliographic reference when none of them is available.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.files import PublishedFile, check_file
from mentoring.core.russian import did_you_mean
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.entries import parse_date
from mentoring.kinds.models import Plan, Reference, entry_references
from mentoring.kinds.plan.references import check_activity_ids

DOCUMENTS_FILE = "documents.yaml"
DOCUMENTS_FOLDER = "documents"
DOCUMENTS_PAGE = "documents.md"

# Kind → heading of its group, in the order the groups are shown.
KINDS = {
    "приказ": "Приказы",
    "распоряжение": "Распоряжения",
    "письмо": "Письма",
    "положение": "Положения",
    "план": "Планы",
    "методические рекомендации": "Методические рекомендации",
    "шаблон": "Шаблоны",
    "аналитическая справка": "Аналитические справки",
    "презентация": "Презентации",
}
LEVELS = {
    "федеральный": "Федеральный уровень",
    "региональный": "Региональный уровень",
    "муниципальный": "Муниципальный уровень",
    "образовательная организация": "Образовательные организации",
}
# Kinds that the «Материалы» page lists next to the articles.
MATERIAL_KINDS = ("методические рекомендации", "шаблон")


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    level: str
    issuer: str
    date: dt.date
    number: str | None = None
    file: PublishedFile | None = None
    url: str | None = None
    page: str | None = None
    plan: tuple[str, ...] = ()
    description: str | None = None
    line: int = 0

    @property
    def anchor(self) -> str:
        return f"document-{self.id}"

    @property
    def link(self) -> str:
        """The document's entry on the documents page."""
        return f"{DOCUMENTS_PAGE}#{self.anchor}"

    @property
    def requisites(self) -> str:
        """«Распоряжение Минпросвещения России от 25.12.2019 № Р-145»."""
        text = f"{self.kind[:1].upper()}{self.kind[1:]} {self.issuer} от {self.date:%d.%m.%Y}"
        return text + (f" № {self.number}" if self.number else "")

    @property
    def citation(self) -> str:
        """Requisites and title for acts with a number; the title alone for other documents."""
        return f"{self.requisites} «{self.title}»" if self.number else self.title

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(
            Reference(activity_id, "Документ", self.citation, self.link, self.date)
            for activity_id in self.plan
        )


def build_documents(
    root: Path, display_root: str, plan: Plan | None, problems: Problems
) -> tuple[Document, ...]:
    """Documents of content/documents.yaml (the file is optional), in file order."""
    source = root / DOCUMENTS_FILE
    if not source.exists():
        return ()
    path = f"{display_root}/{DOCUMENTS_FILE}"
    data = load_validated(source, path, "documents", problems)
    if data is None:
        return ()
    ids = FirstOccurrences(
        path,
        problems,
        "id",
        "документ «{value}» уже описан в строке {first}; у каждого документа свой id",
    )
    documents = []
    for raw in ids.firsts(data["documents"]):
        document = _build_document(raw, root, display_root, plan, path, problems)
        if document is not None:
            documents.append(document)
    return tuple(documents)


def _build_document(
    raw: YamlMap,
    root: Path,
    display_root: str,
    plan: Plan | None,
    path: str,
    problems: Problems,
) -> Document | None:
    scope = problems.scope()
    date = parse_date(raw, "date", path, problems)
    published = None
    if "file" in raw:
        published = check_file(
            raw["file"],
            folder=root / DOCUMENTS_FOLDER,
            shown_folder=f"{display_root}/{DOCUMENTS_FOLDER}",
            target_folder=DOCUMENTS_FOLDER,
            path=path,
            line=raw.line_of("file"),
            field="file",
            problems=problems,
        )
    activity_ids = check_activity_ids(raw.get("plan", []), plan, path, problems)
    if not scope.clean:
        return None
    assert date is not None, "reported above"
    return Document(
        id=raw["id"],
        title=raw["title"],
        kind=raw["kind"],
        level=raw["level"],
        issuer=raw["issuer"],
        date=date,
        number=raw.get("number"),
        file=published,
        url=raw.get("url"),
        page=raw.get("page"),
        plan=activity_ids,
        description=raw.get("description"),
        line=raw.line_of("page"),
    )


@dataclass(frozen=True)
class DocumentGroup:
    title: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class LevelGroup:
    level: str
    title: str
    kinds: tuple[DocumentGroup, ...]


def group_documents(documents: tuple[Document, ...]) -> list[LevelGroup]:
    """Documents by level (federal first), then by kind, newest first within a kind."""
    levels = []
    for level, level_title in LEVELS.items():
        kinds = []
        for kind, kind_title in KINDS.items():
            found = [d for d in documents if d.level == level and d.kind == kind]
            if found:
                found.sort(key=lambda d: (d.date, d.title), reverse=True)
                kinds.append(DocumentGroup(kind_title, tuple(found)))
        if kinds:
            levels.append(LevelGroup(level, level_title, tuple(kinds)))
    return levels


def check_evidence_documents(
    plan: Plan | None, documents: tuple[Document, ...], path: str, problems: Problems
) -> None:
    """Plan evidence ``document: <id>`` must name a document, and name it only once."""
    if plan is None:
        return
    by_id = {document.id: document for document in documents}
    for activity in plan.activities:
        for item in activity.evidence:
            if item.document is None:
                continue
            document = by_id.get(item.document)
            if document is None:
                message = f"в {DOCUMENTS_FILE} нет документа «{item.document}»"
                message += did_you_mean(item.document, by_id)
                message += "; укажите id документа из content/documents.yaml"
                problems.add(path, item.line, "document", message)
            elif activity.id in document.plan:
                problems.add(
                    path,
                    item.line,
                    "document",
                    f"документ «{item.document}» уже ссылается на мероприятие {activity.id} "
                    f"полем plan в content/{DOCUMENTS_FILE}; оставьте одну из ссылок, "
                    "чтобы документ не был указан в плане дважды",
                )


# --------------------------------------------------------------------------- the kind

references = entry_references


def load(root: Path, display_root: str, problems: Problems, *, plan: Plan | None) -> Any:
    return build_documents(root, display_root, plan, problems)


def pages(renderer: Any) -> Iterator[tuple[str, str | PublishedFile, bool]]:
    yield DOCUMENTS_PAGE, renderer.documents_page(), True
    for document in renderer.content.documents:
        if document.file:
            yield document.file.target, document.file, False
