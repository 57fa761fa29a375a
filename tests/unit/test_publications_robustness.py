"""No broken news item, documents.yaml or material ends in a traceback: only ContentError."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.content import load_content
from mentoring.errors import ContentError
from tests.unit.test_robustness import mutate_text, mutations, replace_somewhere, values

REPO = Path(__file__).resolve().parents[2]
FILES = (
    "documents.yaml",
    "news/2021-11-20-obrazets-novosti-o-seminare.md",
    "materials/formy-nastavnichestva.md",
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def load_mutated(tmp: Path, name: str, text: str) -> None:
    content_dir = tmp / "content"
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(REPO / "content", content_dir)
    (content_dir / name).write_text(text, "utf-8")
    try:
        load_content(content_dir)
    except ContentError as error:
        assert error.problems
        for line in error.report_lines():
            assert line.startswith("content/")


@SETTINGS
@given(name=st.sampled_from(FILES), edits=st.lists(mutations, min_size=1, max_size=4))
def test_text_mutations_never_crash(tmp_path, name, edits):
    text = (REPO / "content" / name).read_text("utf-8")
    for edit in edits:
        text = mutate_text(text, edit)

    load_mutated(tmp_path, name, text)


@SETTINGS
@given(path_choices=st.lists(st.integers(0, 50), max_size=5), value=values)
def test_front_matter_mutations_never_crash(tmp_path, path_choices, value):
    name = FILES[1]
    _, front_matter, body = (REPO / "content" / name).read_text("utf-8").split("---\n", 2)
    data = replace_somewhere(yaml.safe_load(front_matter), path_choices, value)
    dumped = yaml.safe_dump(data, allow_unicode=True)

    load_mutated(tmp_path, name, f"---\n{dumped}---\n{body}")


@SETTINGS
@given(path_choices=st.lists(st.integers(0, 50), max_size=5), value=values)
def test_documents_data_mutations_never_crash(tmp_path, path_choices, value):
    data = yaml.safe_load((REPO / "content" / "documents.yaml").read_text("utf-8"))
    data = replace_somewhere(data, path_choices, value)

    load_mutated(tmp_path, "documents.yaml", yaml.safe_dump(data, allow_unicode=True))
