"""The one table of the editor's collections: where each content type lives and how the
fields that the schema cannot describe alone (references, files, long text) are edited.

Everything else — labels, hints, required fields, lengths, patterns, enumerations — comes
from the schema (mentoring/editor/config.py), so this table never repeats a constraint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentoring.kinds.plan.progress import STATUS_LABELS
from mentoring.kinds.practices.review import REVIEW_STATUSES


@dataclass(frozen=True)
class Relation:
    """A picker of an entry of another collection, e.g. an organisation by its short name."""

    collection: str
    value_field: str
    display_fields: tuple[str, ...]
    file: str | None = None  # the file of a file collection that holds the list


@dataclass(frozen=True)
class Choices:
    """A select whose options are read from content at build time (``choices`` of
    ``editor_config``): plan activities sit at two depths of plan.yaml, which a relation
    picker cannot reach."""

    source: str


@dataclass(frozen=True)
class Media:
    """A file or image field: where the uploaded file is stored and how it is named."""

    folder: str  # "" — beside the entry file; otherwise a folder from the repository root
    image: bool = False


@dataclass(frozen=True)
class FieldSettings:
    relation: Relation | None = None
    choices: Choices | None = None
    media: Media | None = None
    text: bool = False  # several lines of plain text
    require: bool = False  # stricter than the schema (the file name is made from it)
    readonly: bool = False
    option_labels: dict[str, str] | None = None  # Russian names of enumeration values


@dataclass(frozen=True)
class CollectionSettings:
    name: str
    label: str
    schema: str  # mentoring/schemas/<schema>.schema.json
    folder: str | None = None  # an entry per file: Markdown with front matter
    path: str | None = None  # file name template inside the folder, without extension
    file: str | None = None  # one YAML data file
    # Only these fields (dotted paths) and what they hold are editable; the rest of the
    # file is shown read-only, so that saving writes it back unchanged.
    editable: tuple[str, ...] | None = None
    media_folder: str | None = None
    body: str | None = None  # hint for the Markdown text after the front matter, if any
    body_required: bool = False  # the loader refuses an entry without text
    fields: dict[str, FieldSettings] = field(default_factory=dict)


ORGANIZATION = Relation(
    "organizations", "organizations.*.id", ("organizations.*.short_name",), file="organizations"
)
FORM = Relation("forms", "forms.*.id", ("forms.*.title",), file="forms")
DOCUMENT = Relation("documents", "documents.*.id", ("documents.*.title",), file="documents")
ABBREVIATION = Relation("glossary", "terms.*.abbr", ("terms.*.abbr",), file="glossary")
PLAN_ACTIVITY = FieldSettings(choices=Choices("plan_activities"))
SLUG = FieldSettings(require=True)
SUMMARY = FieldSettings(text=True)

# An event's file is named after the day of the event, as `make event` and the guide name it
# (not after the day it was written, as {{year}}-{{month}}-{{day}} would): Sveltia fills a
# field's value into the template and its date() transformation reads "ГГГГ-ММ-ДД ЧЧ:ММ".
EVENT_FILE_NAME = "{{fields.start | date('YYYY-MM-DD')}}-{{slug}}"
# The editor writes ``start: 2026-12-10 15:00`` without the quotes the guide's example has;
# our loader reads no timestamps, so both are the same text (the guide says so). Sveltia
# quotes only every string at once (output.yaml.quote, a collection's yaml_quote), never
# one field, so it is not asked to.

PRACTICE_TEXT = (
    "Текст практики в Markdown, по разделам: «Цель и задачи», «Описание», «Результаты», "
    "«Ресурсы». Имена наставляемых не указываются."
)
_PRACTICE_FIELDS = {
    "organization": FieldSettings(relation=ORGANIZATION),
    "forms": FieldSettings(relation=FORM),
    "summary": SUMMARY,
    "attachments.file": FieldSettings(media=Media("")),
    "cover.file": FieldSettings(media=Media("", image=True)),
    "plan": PLAN_ACTIVITY,
    "review.status": FieldSettings(option_labels=REVIEW_STATUSES),
    "review.document": FieldSettings(relation=DOCUMENT),
    "slug": SLUG,
}


def practice_collection(name: str, label: str, path: str) -> CollectionSettings:
    """Practices in one of their two shapes: a file, or a folder with attachments beside
    index.md. Both shapes live in one folder and share every field."""
    return CollectionSettings(
        name=name,
        label=label,
        schema="practice",
        folder="content/practices",
        path=path,
        media_folder="",
        body=PRACTICE_TEXT,
        body_required=True,
        fields=_PRACTICE_FIELDS,
    )


COLLECTIONS: tuple[CollectionSettings, ...] = (
    practice_collection("practices", "Практики (один файл)", "{{slug}}"),
    practice_collection("practice_folders", "Практики (папка с приложениями)", "{{slug}}/index"),
    CollectionSettings(
        name="news",
        label="Новости",
        schema="news",
        folder="content/news",
        path="{{year}}-{{month}}-{{day}}-{{slug}}",
        body="Текст новости в Markdown.",
        fields={
            "summary": SUMMARY,
            "image.file": FieldSettings(media=Media("content/news/images", image=True)),
            "plan": PLAN_ACTIVITY,
            "slug": SLUG,
        },
    ),
    CollectionSettings(
        name="events",
        label="Анонсы мероприятий",
        schema="events",
        folder="content/events",
        path=EVENT_FILE_NAME,
        body="Описание мероприятия в Markdown.",
        fields={
            "summary": SUMMARY,
            "organizer": FieldSettings(relation=ORGANIZATION),
            "plan": PLAN_ACTIVITY,
            "slug": SLUG,
        },
    ),
    CollectionSettings(
        name="materials",
        label="Методические материалы",
        schema="materials",
        folder="content/materials",
        path="{{slug}}",
        body="Текст материала в Markdown.",
        fields={"summary": SUMMARY, "plan": PLAN_ACTIVITY, "slug": SLUG},
    ),
    CollectionSettings(
        name="documents",
        label="Документы",
        schema="documents",
        file="content/documents.yaml",
        fields={
            "documents.file": FieldSettings(media=Media("content/documents")),
            "documents.plan": PLAN_ACTIVITY,
            "documents.description": SUMMARY,
        },
    ),
    CollectionSettings(
        name="organizations",
        label="Организации",
        schema="organizations",
        file="content/organizations.yaml",
    ),
    CollectionSettings(
        name="plan",
        label="План мероприятий: статус и подтверждения",
        schema="plan",
        file="content/plan.yaml",
        editable=tuple(
            f"directions{depth}.{name}"
            for depth in (".activities", ".sections.activities")
            for name in ("status", "evidence", "note")
        ),
        fields={
            **{
                f"directions{depth}.status": FieldSettings(option_labels=dict(STATUS_LABELS))
                for depth in (".activities", ".sections.activities")
            },
            **{
                f"directions{depth}.evidence.document": FieldSettings(relation=DOCUMENT)
                for depth in (".activities", ".sections.activities")
            },
        },
    ),
    CollectionSettings(
        name="contacts",
        label="Контакты",
        schema="site",
        file="content/site.yaml",
        editable=("contacts",),
    ),
    CollectionSettings(
        name="indicators",
        label="Показатели мониторинга",
        schema="indicators",
        file="content/indicators.yaml",
    ),
    CollectionSettings(
        name="glossary",
        label="Сокращения",
        schema="glossary",
        file="content/glossary.yaml",
    ),
    CollectionSettings(
        name="review",
        label="Рассмотрение практик: критерии",
        schema="review",
        file="content/review.yaml",
        fields={"statuses.status": FieldSettings(option_labels=REVIEW_STATUSES)},
    ),
    CollectionSettings(
        name="forms",
        label="Формы наставничества",
        schema="forms",
        file="content/forms.yaml",
    ),
)
