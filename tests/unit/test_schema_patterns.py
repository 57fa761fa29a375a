"""Every pattern of every content schema judges the whole value, as JSON Schema means it.

Python's ``$`` also matches before a final newline, so «abc\\n» used to pass ``^[a-z]+$``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.core.errors import Problems
from mentoring.core.schema import validate, whole_value_pattern
from mentoring.core.yamlsource import parse_yaml

SCHEMAS = sorted(
    entry.name.removesuffix(".schema.json")
    for entry in resources.files("mentoring.schemas").iterdir()
    if entry.name.endswith(".schema.json")
)


def _patterns(node: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            else:
                yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, f"{where}/{index}")


PATTERNS = [
    pytest.param(pattern, id=where)
    for name in SCHEMAS
    for where, pattern in _patterns(
        json.loads(
            resources.files("mentoring.schemas").joinpath(f"{name}.schema.json").read_text()
        ),
        name,
    )
]


def test_every_schema_has_been_searched():
    assert len(SCHEMAS) >= 10 and len(PATTERNS) >= 20


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_is_anchored_at_both_ends(pattern):
    """A pattern that only checks a prefix lets anything follow it (a newline, a space)."""
    assert pattern.startswith("^") and pattern.endswith("$")


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_matching_value_with_a_final_newline_does_not_match(pattern, data):
    value = data.draw(st.from_regex(pattern, fullmatch=True))

    assert whole_value_pattern(pattern).search(value)
    assert not whole_value_pattern(pattern).search(value + "\n")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^[a-z]+$", r"^[a-z]+\Z"),
        ("^[^$]+$", r"^[^$]+\Z"),
        (r"^a\$$", r"^a\$\Z"),
        (r"^\d{4}(-\d{2})?$", r"^\d{4}(-\d{2})?\Z"),
    ],
)
def test_dollar_means_end_of_value_outside_classes_and_escapes(pattern, expected):
    assert whole_value_pattern(pattern).pattern == expected


ORGANIZATION = "organizations:\n  - name: Школа\n    short_name: Школа\n    kind: школа\n"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            '    id: "school-1\\n"\n',
            "f.yaml:5: поле «id»: идентификатор пишется латиницей в нижнем регистре через дефис, "
            "например school-1",
        ),
        (
            '    id: school-1\n    url: "https://school.example.org\\n"\n',
            "f.yaml:6: поле «url»: ожидается адрес сайта, начинающийся с https:// или http://",
        ),
    ],
)
def test_a_final_newline_is_reported_by_the_schema_with_its_line(fields, expected):
    problems = Problems()
    data = parse_yaml(ORGANIZATION + fields, "f.yaml", problems)

    validate(data, "organizations", "f.yaml", problems)

    assert [str(problem) for problem in problems] == [expected]
