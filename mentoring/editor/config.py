"""The editor's configuration (Sveltia CMS config.yml), generated from the JSON schemas.

``collection_config(schema, settings, choices)`` turns one schema and its row of the
collections table into one collection; ``editor_config`` assembles all of them. Labels and
hints are the schemas' Russian descriptions; required fields, lengths, patterns,
enumerations and list sizes become the editor's own validation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from mentoring.core.schema import load_schema
from mentoring.editor.collections import COLLECTIONS, CollectionSettings, FieldSettings

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PATTERN_MESSAGE = "значение записано не по образцу"
# Fields the editor cannot express as one widget (a value of several shapes, e.g. the
# schedule of a plan activity): kept as they are in the file and passed through on save.
PASSED_THROUGH = "hidden"

# The names of entries in a folder, as the loader reads them (mentoring/kinds/practices/bank.py,
# find_entries): not a name that starts with "." or "_", not the folder's README. The
# editor's entry filter matches it, case-insensitively, against the entry's "slug" (the file
# or folder name without extension). A filter on a field would not do: Sveltia tests a
# missing field as the string "null", so the README would pass it.
ENTRY_NAME = r"^(?![._]|readme$)"

# The branch the editor saves to; .github/workflows/proposals.yml makes it a pull request.
PROPOSALS_BRANCH = "predlozheniya"
# The editor's commit messages, in Russian: the pull request of proposals lists them.
COMMIT_MESSAGES = {
    "create": "Новая запись «{{slug}}»: {{collection}}",
    "update": "Изменена запись «{{slug}}»: {{collection}}",
    "delete": "Удалена запись «{{slug}}»: {{collection}}",
    "uploadMedia": "Загружен файл «{{path}}»",
    "deleteMedia": "Удалён файл «{{path}}»",
}

Json = dict[str, Any]


def _resolve(node: Json, root: Json) -> Json:
    """The node with its $ref merged in (the node's own keys win, as in the schemas)."""
    while "$ref" in node:
        target = root
        for step in node["$ref"].removeprefix("#/").split("/"):
            target = target[step]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def label_of(description: str, name: str) -> str:
    """A short label: the description up to its first colon, semicolon or full stop."""
    description = description.removeprefix("true — ")
    head = re.split(r"[:;.(]\s|\.$", description.strip(), maxsplit=1)[0].strip(" ,—")
    return head[:1].upper() + head[1:] if head else name


def _string(node: Json, settings: FieldSettings) -> Json:
    pattern = node.get("pattern")
    if pattern == DATE_PATTERN:
        field: Json = {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
    else:
        field = {"widget": "text" if settings.text else "string"}
    if "minLength" in node:
        field["minlength"] = node["minLength"]
    if "maxLength" in node:
        field["maxlength"] = node["maxLength"]
    if pattern:
        field["pattern"] = [pattern, node.get("errorMessage", PATTERN_MESSAGE)]
    return field


def _shape(
    node: Json, root: Json, path: str, table: Mapping[str, FieldSettings], choices: Json
) -> Json:
    """The widget and constraints of one schema node (without name, label, required)."""
    settings = table.get(path, FieldSettings())
    if settings.relation:
        relation = settings.relation
        field: Json = {
            "widget": "relation",
            "collection": relation.collection,
            "value_field": relation.value_field,
            "search_fields": list(relation.display_fields),
            "display_fields": list(relation.display_fields),
        }
        if relation.file:
            field["file"] = relation.file
        return _multiple(field, node)
    if settings.choices:
        options = [
            {"label": label, "value": value} for value, label in choices[settings.choices.source]
        ]
        return _multiple({"widget": "select", "options": options}, node)
    if settings.media:
        field = {
            "widget": "image" if settings.media.image else "file",
            "media_folder": f"/{settings.media.folder}" if settings.media.folder else "",
            "public_folder": "",
        }
        return field
    if "enum" in node:
        labels = settings.option_labels or {}
        options = [{"label": labels.get(v, v), "value": v} for v in node["enum"]]
        return {"widget": "select", "options": options}
    kind = node.get("type")
    if kind == "string":
        return _string(node, settings)
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "integer":
        field = {"widget": "number", "value_type": "int"}
        field.update({k: node[j] for k, j in (("min", "minimum"), ("max", "maximum")) if j in node})
        return field
    if kind == "object" and "properties" in node:
        return {"widget": "object", "fields": _fields(node, root, path, table, choices)}
    if kind == "array":
        items = _resolve(node["items"], root)
        field = {"widget": "list"}
        if items.get("type") == "object":
            field["fields"] = _fields(items, root, path, table, choices)
        else:
            field["field"] = {
                "name": "item",
                "label": "Значение",
                **_shape(items, root, path, table, choices),
            }
        field.update(
            {k: node[j] for k, j in (("min", "minItems"), ("max", "maxItems")) if j in node}
        )
        return field
    strings = [_resolve(v, root) for v in node.get("anyOf", [])]
    strings = [v for v in strings if v.get("type") == "string"]
    if strings and all(
        _resolve(v, root).get("type") in ("string", "integer") for v in node["anyOf"]
    ):
        return _string({**strings[0], "errorMessage": node.get("errorMessage")}, settings)
    return {"widget": PASSED_THROUGH}


def _multiple(field: Json, node: Json) -> Json:
    if node.get("type") == "array":
        field["multiple"] = True
        field.update(
            {k: node[j] for k, j in (("min", "minItems"), ("max", "maxItems")) if j in node}
        )
    return field


def _fields(
    node: Json, root: Json, path: str, table: Mapping[str, FieldSettings], choices: Json
) -> list[Json]:
    required = set(node.get("required", ()))
    fields = []
    for name, raw in node["properties"].items():
        child = _resolve(raw, root)
        child_path = f"{path}.{name}" if path else name
        settings = table.get(child_path, FieldSettings())
        description = child.get("description", "")
        field: Json = {"name": name, "label": label_of(description, name)}
        shape = _shape(child, root, child_path, table, choices)
        if shape["widget"] != PASSED_THROUGH:
            if description:
                field["hint"] = description
            shape["required"] = name in required or settings.require
        field.update(shape)
        fields.append(field)
    return fields


def _lock(fields: list[Json], path: str, editable: Sequence[str]) -> None:
    """Make read-only what lies outside the editable paths; their containers keep their
    items but cannot add, remove or reorder them."""
    for field in fields:
        field_path = f"{path}.{field['name']}" if path else field["name"]
        if any(field_path == e or field_path.startswith(e + ".") for e in editable):
            continue
        if any(e.startswith(field_path + ".") for e in editable):
            if field["widget"] == "list":
                field.update(allow_add=False, allow_remove=False, allow_reorder=False)
            _lock(field["fields"], field_path, editable)
        elif field["widget"] != PASSED_THROUGH:
            field["readonly"] = True
            if field["widget"] == "list":
                field.update(allow_add=False, allow_remove=False, allow_reorder=False)


def collection_config(schema: Json, settings: CollectionSettings, choices: Json) -> Json:
    """One collection of the editor: a folder of Markdown entries or one YAML file."""
    fields = _fields(schema, schema, "", settings.fields, choices)
    if settings.editable is not None:
        _lock(fields, "", settings.editable)
    if settings.file:
        return {
            "name": settings.name,
            "label": settings.label,
            "files": [
                {
                    "name": settings.name,
                    "label": settings.label,
                    "file": settings.file,
                    "fields": fields,
                }
            ],
        }
    if settings.body:
        fields.append(
            {
                "name": "body",
                "label": "Текст",
                "hint": settings.body,
                "widget": "markdown",
                "required": settings.body_required,
            }
        )
    collection: Json = {
        "name": settings.name,
        "label": settings.label,
        "description": schema.get("description", ""),
        "folder": settings.folder,
        "path": settings.path,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "identifier_field": "title",
        "slug": "{{fields.slug}}",
        "filter": {"field": "slug", "pattern": f"/{ENTRY_NAME}/i"},
        "summary": "{{title}}",
        "fields": fields,
    }
    if settings.media_folder is not None:
        collection["media_folder"] = settings.media_folder
        collection["public_folder"] = settings.media_folder
    return collection


def editor_config(repository: str, choices: Json, branch: str = PROPOSALS_BRANCH) -> Json:
    """The whole config.yml: the GitHub backend and our collections.

    Sveltia CMS 0.221 has no editorial workflow yet (it warns and saves straight to the
    branch), so the editor saves to a branch of proposals, never to main; every save there
    opens or updates one pull request into main (.github/workflows/proposals.yml), which the
    ЦРО reviews (CODEOWNERS), as the authors' guide describes."""
    return {
        "backend": {
            "name": "github",
            "repo": repository,
            "branch": branch,
            "commit_messages": COMMIT_MESSAGES,
        },
        "media_folder": "content/documents",
        "public_folder": "",
        # Stock photo services are other origins, and their photos are no school's practice.
        "media_libraries": {"stock_assets": {"providers": []}},
        "output": {
            "omit_empty_optional_fields": True,
            "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"},
        },
        "collections": [
            collection_config(load_schema(settings.schema), settings, choices)
            for settings in COLLECTIONS
        ],
    }
