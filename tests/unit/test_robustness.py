"""No content, however broken, ends in a Python traceback: only ContentError or success.

Hypothesis mutates the shipped content two ways: as text (deleting, inserting and
duplicating characters and lines, as a hurried edit in a web editor would) and as data
(replacing any value with a value of another shape).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.content import load_content
from mentoring.core.errors import ContentError
from mentoring.views.exports import PlanExport
from tests.helpers import SNAPSHOT_CONTENT

_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
FILES = ("plan.yaml", "site.yaml", "glossary.yaml", "forms.yaml", "indicators.yaml")
# Entries with front matter and the documents list get the same text mutations.
PUBLICATION_FILES = (
    "documents.yaml",
    "news/2021-11-20-obrazets-novosti-o-seminare.md",
    "materials/formy-nastavnichestva.md",
    "practices/proforientatsionnye-proby.md",
)
NASTY = ":-\t\"'[]{}#&*!|>%@`,? \n\\ёЁ0123456789\x00\x1b\r\x85\u2028\u202e\u2066"
# Hostile pieces a careless or malicious author could paste (issue 12): anchors and
# aliases, deep nesting, escapes of control characters, workflow commands, formulas,
# impossible years, tags that share an address.
HOSTILE = (
    "&a ",
    "*a",
    "<<: *a",
    "[" * 30,
    '"\\u202e"',
    '"\\x00"',
    '"\\L"',
    "::error::x",
    "\n::stop-commands::t\n",
    "##[error]x",
    "=HYPERLINK(1)",
    "9999-12-31",
    "0001",
    "[C++, C#, c]",
    '"abc\\n"',
)

mutations = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.text(NASTY, min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(HOSTILE)),
    st.tuples(st.just("duplicate-line"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("delete-line"), st.integers(0, 10**6), st.just("")),
)

leaf_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=12),
    st.sampled_from(["2022-02-31", "2021-13", "yearly", "done", "ЦРО", "1.1.1", "<script>"]),
    st.sampled_from(
        ["abc\n", "1.1.1\n", "9999-12-31", "0001-01", "=1+1", "@SUM(A1)", "-x", "C++", "C#"]
    ),
    st.sampled_from(["x\u202ey", "a\x00b", "\x1b[31m", "::error::x", "x\n::error::y", "##[x]"]),
)
values = st.recursive(
    leaf_values,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def mutate_text(text: str, mutation: tuple[str, int, object]) -> str:
    kind, position, argument = mutation
    if kind == "delete":
        start = position % (len(text) + 1)
        return text[:start] + text[start + int(argument) :]
    if kind == "insert":
        start = position % (len(text) + 1)
        return text[:start] + str(argument) + text[start:]
    lines = text.splitlines(keepends=True)
    index = position % len(lines)
    if kind == "duplicate-line":
        return "".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
    return "".join(lines[:index] + lines[index + 1 :])


def replace_somewhere(data: object, path_choices: list[int], value: object) -> object:
    """Replace one node of ``data``, chosen by ``path_choices``, with ``value``."""
    if not path_choices or not isinstance(data, (dict, list)) or not data:
        return value
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path_choices[0] % len(keys)]
    data[key] = replace_somewhere(data[key], path_choices[1:], value)
    return data


def load_mutated(tmp: Path, name: str, text: str) -> None:
    content_dir = tmp / "content"
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(SNAPSHOT_CONTENT, content_dir)
    (content_dir / name).write_text(text, "utf-8")
    try:
        content = load_content(content_dir)
    except ContentError as error:
        assert error.problems, "a ContentError always names at least one problem"
        for line in error.report_lines():
            assert line.startswith("content/")
            assert not _UNPRINTABLE.search(line), "one log line per problem"
            assert "##[" not in line, "no legacy workflow command in a log line"
        for annotation in error.annotations():
            assert annotation.startswith("::error file=content/")
            assert not _UNPRINTABLE.search(annotation) and "##[" not in annotation
        return
    # What loads is exported too: text in the workbook and the table is never a formula.
    export = PlanExport(content, dt.date(2025, 11, 27))
    export.xlsx_bytes()
    for row in csv.reader(io.StringIO(export.csv_bytes().decode("utf-8-sig")), delimiter=";"):
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)


COMMON = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@COMMON
@given(
    name=st.sampled_from(FILES + PUBLICATION_FILES),
    edits=st.lists(mutations, min_size=1, max_size=4),
)
def test_text_mutations_never_crash(tmp_path, name, edits):
    text = (SNAPSHOT_CONTENT / name).read_text("utf-8")
    for edit in edits:
        text = mutate_text(text, edit)

    load_mutated(tmp_path, name, text)


@COMMON
@given(
    name=st.sampled_from(FILES),
    path_choices=st.lists(st.integers(0, 50), max_size=7),
    value=values,
)
def test_data_mutations_never_crash(tmp_path, name, path_choices, value):
    data = yaml.safe_load((SNAPSHOT_CONTENT / name).read_text("utf-8"))
    data = replace_somewhere(data, path_choices, value)

    load_mutated(tmp_path, name, yaml.safe_dump(data, allow_unicode=True))
