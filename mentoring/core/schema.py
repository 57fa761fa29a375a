"""Validate parsed YAML against the JSON Schema of its content type, in Russian.

The schemas in ``mentoring/schemas`` are the single description of each content type:
the validator uses them here, editors use them for hints, and the authors' guide renders
its field tables from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from mentoring.core.errors import Problems
from mentoring.core.russian import did_you_mean
from mentoring.core.yamlsource import YamlList, YamlMap, load_yaml_file

TYPE_NAMES = {
    "string": "текст",
    "integer": "целое число",
    "number": "число",
    "boolean": "true или false",
    "array": "список",
    "object": "набор полей «ключ: значение»",
    "null": "пустое значение",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a content type, e.g. ``load_schema("plan")``."""
    text = resources.files("mentoring.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def whole_value_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern with JSON Schema's (ECMA-262) meaning of ``$``: the end of the value.

    In Python ``$`` also matches before a final newline, so «abc\\n» would pass ``^[a-z]+$``
    and become an address no link reaches; ``\\Z`` does not.
    """
    converted, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        converted.append(char)
    return re.compile("".join(converted))


def _pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not whole_value_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_ContentValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _pattern}
)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    return _ContentValidator(load_schema(name))


def validate(data: Any, schema_name: str, path: str, problems: Problems) -> bool:
    """Add a Russian problem for every schema violation; return True when there is none."""
    errors = sorted(
        _validator(schema_name).iter_errors(data), key=lambda e: list(e.path).__repr__()
    )
    for error in errors:
        for line, field, message in _explain(error, data):
            problems.add(path, line, field, message)
    return not errors


def locate(data: Any, steps: Iterable[Any]) -> tuple[int | None, str | None]:
    """Line and field name of the value reached from ``data`` through keys and indices."""
    line: int | None = getattr(data, "line", None)
    field: str | None = None
    node = data
    for step in steps:
        if isinstance(node, YamlMap) and step in node:
            line = node.line_of(step)
            field = str(step)
        elif isinstance(node, YamlList) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
        else:
            break
        node = node[step]
    return line, field


def _explain(error: ValidationError, root: Any) -> list[tuple[int | None, str | None, str]]:
    line, field = locate(root, error.absolute_path)
    instance: Any = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    rule: Any = error.validator_value  # the keyword's value in the schema
    custom = schema.get("errorMessage")

    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        found: list[tuple[int | None, str | None, str]] = []
        for key in instance:
            if key not in allowed:
                key_line = instance.line_of(key) if isinstance(instance, YamlMap) else line
                found.append((key_line, str(key), _unknown_field(str(key), allowed)))
        return found
    if kind == "required" and isinstance(instance, dict):
        return [
            (line, name, "обязательное поле не заполнено") for name in rule if name not in instance
        ]
    if kind == "type":
        expected = rule
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " или ".join(TYPE_NAMES.get(n, n) for n in names)
        return [(line, field, f"ожидается {wanted}, а указано: {_shown(instance)}")]
    if kind == "enum":
        allowed = [str(v) for v in rule]
        message = f"недопустимое значение {_shown(instance)}, допустимые значения: " + ", ".join(
            allowed
        )
        message += did_you_mean(str(instance), allowed)
        return [(line, field, message)]
    if kind == "maxLength":
        over = len(instance) - rule
        return [
            (
                line,
                field,
                f"текст длиннее допустимого на {over} симв.: можно не больше "
                f"{rule}, сейчас {len(instance)}; сократите его",
            )
        ]
    if kind == "minLength":
        return [(line, field, "значение не может быть пустым")]
    if kind == "minItems":
        return [(line, field, f"укажите хотя бы {rule} знач. в списке")]
    if kind == "uniqueItems":
        return [(line, field, "значения в списке повторяются; оставьте каждое по одному разу")]
    if kind in ("minimum", "maximum"):
        word = "не меньше" if kind == "minimum" else "не больше"
        return [(line, field, f"значение должно быть {word} {rule}")]
    if kind in ("anyOf", "oneOf") and isinstance(instance, dict):
        branch_errors = _errors_of_matching_branch(error)
        if branch_errors:
            return [found for sub in branch_errors for found in _explain(sub, root)]
    if kind == "const":
        return [(line, field, custom or f"допустимое значение: {rule}")]
    if custom:
        return [(line, field, custom)]
    if kind == "pattern":
        return [(line, field, f"значение {_shown(instance)} не подходит по форме")]
    return [(line, field, f"значение не подходит ({error.message})")]


def _errors_of_matching_branch(error: ValidationError) -> list[ValidationError]:
    """For a mapping that fits no alternative, the errors of the one it was meant to be.

    A schedule ``{from: 04.10.2021, to: …}`` is meant as a date range (its keys say so), so
    the author should hear about the date format, not about every form a schedule can take.
    """
    branches: Any = error.validator_value
    instance: Any = error.instance
    meant = [
        index
        for index, branch in enumerate(branches)
        if isinstance(branch, dict)
        and branch.get("required")
        and all(key in instance for key in branch["required"])
    ]
    if len(meant) != 1:
        return []
    return [
        sub for sub in error.context or [] if sub.schema_path and sub.schema_path[0] == meant[0]
    ]


def _unknown_field(key: str, allowed: list[str]) -> str:
    message = "неизвестное поле"
    message += did_you_mean(key, allowed)
    if allowed:
        message += "; допустимые поля: " + ", ".join(allowed)
    return message


def _shown(value: Any) -> str:
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = str(value)
    return f"«{text if len(text) <= 60 else text[:57] + '…'}»"


def load_validated(file: Path, shown_as: str, schema_name: str, problems: Problems) -> Any:
    """A YAML file of content/ parsed and valid against its schema; None when it is not
    (every problem is in ``problems``)."""
    data = load_yaml_file(file, shown_as, problems)
    if data is None or not validate(data, schema_name, shown_as, problems):
        return None
    return data
