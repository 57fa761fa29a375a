"""Field tables for the authors' guide, read from the JSON Schemas that validation uses.

Rendering the guide from the schema means the documented fields can never drift from
what the build accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mentoring.core.schema import TYPE_NAMES, load_schema


@dataclass(frozen=True)
class FieldDoc:
    path: tuple[str, ...]  # ("authors", "name") for a field inside the items of «authors»
    required: bool
    kind: str
    description: str
    example: str | None

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def depth(self) -> int:
        return len(self.path) - 1


def schema_fields(name: str) -> list[FieldDoc]:
    """Fields of a content type in schema order, nested fields right after their parent.

    For a file that holds one list (forms, organizations) the fields of its items are given.
    """
    schema = load_schema(name)
    properties = schema.get("properties", {})
    if len(properties) == 1:
        (only,) = properties.values()
        items = _resolve(schema, only.get("items", {}))
        if items.get("type") == "object":
            return _fields(schema, items, ())
    return _fields(schema, schema, ())


def _fields(root: dict[str, Any], node: dict[str, Any], parent: tuple[str, ...]) -> list[FieldDoc]:
    found = []
    required = set(node.get("required", []))
    for key, raw in node.get("properties", {}).items():
        spec = _resolve(root, raw)
        examples = raw.get("examples") or spec.get("examples")
        found.append(
            FieldDoc(
                path=(*parent, key),
                required=key in required,
                kind=_kind(root, spec),
                description=raw.get("description") or spec.get("description", ""),
                example=str(examples[0]) if examples else None,
            )
        )
        nested = _resolve(root, spec.get("items", {})) if spec.get("type") == "array" else spec
        if nested.get("type") == "object" and nested.get("properties"):
            found += _fields(root, nested, (*parent, key))
    return found


def _resolve(root: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/date``); the referring node's keys win."""
    reference = spec.get("$ref", "")
    if not reference.startswith("#/"):
        return spec
    target: Any = root
    for step in reference[2:].split("/"):
        target = target[step]
    return {**_resolve(root, target), **{k: v for k, v in spec.items() if k != "$ref"}}


def _kind(root: dict[str, Any], spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "одно из: " + ", ".join(str(value) for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        items = _resolve(root, spec.get("items", {}))
        inner = items.get("type")
        if inner == "object":
            return "список записей"
        return (
            "список" if inner == "string" else f"список ({TYPE_NAMES.get(str(inner), 'значений')})"
        )
    if kind == "string" and spec.get("pattern") == r"^\d{4}-\d{2}-\d{2}$":
        return "дата ГГГГ-ММ-ДД"
    if kind == "object":
        return "набор полей"
    return TYPE_NAMES.get(kind, "значение") if isinstance(kind, str) else "значение"
