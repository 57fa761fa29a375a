"""No broken news item or documents.yaml ends in a traceback: only ContentError.

Text mutations of these files run in test_robustness.py with the other content files.
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SNAPSHOT_CONTENT
from tests.unit.test_robustness import load_mutated, replace_somewhere, values

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(path_choices=st.lists(st.integers(0, 50), max_size=5), value=values)
def test_front_matter_mutations_never_crash(tmp_path, path_choices, value):
    name = "news/2021-11-20-obrazets-novosti-o-seminare.md"
    _, front_matter, body = (SNAPSHOT_CONTENT / name).read_text("utf-8").split("---\n", 2)
    data = replace_somewhere(yaml.safe_load(front_matter), path_choices, value)
    dumped = yaml.safe_dump(data, allow_unicode=True)

    load_mutated(tmp_path, name, f"---\n{dumped}---\n{body}")


@SETTINGS
@given(path_choices=st.lists(st.integers(0, 50), max_size=5), value=values)
def test_documents_data_mutations_never_crash(tmp_path, path_choices, value):
    data = yaml.safe_load((SNAPSHOT_CONTENT / "documents.yaml").read_text("utf-8"))
    data = replace_somewhere(data, path_choices, value)

    load_mutated(tmp_path, "documents.yaml", yaml.safe_dump(data, allow_unicode=True))
