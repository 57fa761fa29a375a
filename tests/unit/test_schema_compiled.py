"""The compiled validator (fastjsonschema) and jsonschema give every document one verdict.

The build trusts fastjsonschema's «valid» without asking jsonschema, so a document one of
them accepts and the other refuses would either pass unchecked or fail without a message.
Valid samples are the shipped content of every kind; invalid ones are made from them by
replacing each value with values of other types and shapes, dropping each key and adding
an unknown one.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from mentoring.core.errors import Problems
from mentoring.core.schema import _validator, compiled_validator, load_schema
from mentoring.core.yamlsource import load_yaml_file, split_front_matter
from mentoring.kinds.registry import TYPES

CONTENT = Path(__file__).resolve().parents[2] / "content"
# What a value is replaced with: other types, empty and odd values.
REPLACEMENTS = (None, 0, -1, 2.5, True, "", " ", "x\n", "2021-13-45", "zzz", [], ["zzz"], {})


def documents_of(source: str) -> list[Any]:
    """Each document of a kind in content/: the YAML file, or the front matter of each entry."""
    problems = Problems()
    if not source.endswith("/"):
        file = CONTENT / source
        return [load_yaml_file(file, source, problems)] if file.is_file() else []
    folder = CONTENT / source
    files = sorted([*folder.glob("*.md"), *folder.glob("*/index.md")])
    found = []
    for file in files:
        if file.name == "README.md":
            continue
        data, _, _ = split_front_matter(file.read_text("utf-8"), file.name, problems)
        found.append(data)
    assert not problems, [str(problem) for problem in problems]
    return found


def variants(document: Any) -> Iterator[Any]:
    """Copies of ``document``, each changed in one place."""
    yield from _changed(document, lambda changed: changed)


def _changed(node: Any, rebuild: Any) -> Iterator[Any]:
    for replacement in REPLACEMENTS:
        yield rebuild(copy.deepcopy(replacement))
    if isinstance(node, dict):
        yield rebuild({**node, "zzz_unknown": "zzz"})
        for key, value in node.items():
            yield rebuild({k: v for k, v in node.items() if k != key})
            yield from _changed(value, lambda new, key=key: rebuild({**node, key: new}))
    elif isinstance(node, list):
        yield rebuild([])
        yield rebuild([*node, *node[:1]])  # a repeated item
        for index, value in enumerate(node[:1]):  # the items of a list share one shape
            yield from _changed(
                value,
                lambda new, index=index: rebuild([*node[:index], new, *node[index + 1 :]]),
            )


def compiled_accepts(schema: str, document: Any) -> bool:
    try:
        compiled_validator(schema)(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.schema)
def test_the_two_validators_agree_on_valid_and_invalid_documents(kind):
    schema = json.dumps(load_schema(kind.schema))
    documents = documents_of(kind.source)
    assert documents, f"no shipped sample of {kind.source}"
    verdicts = {True: 0, False: 0}
    for document in documents:
        for sample in (document, *variants(document)):
            valid = not any(_validator(kind.schema).iter_errors(sample))
            assert compiled_accepts(kind.schema, sample) == valid, sample
            verdicts[valid] += 1
    assert verdicts[True] and verdicts[False], verdicts  # both verdicts were put to the test
    assert json.dumps(load_schema(kind.schema)) == schema  # editor and guide read it too
