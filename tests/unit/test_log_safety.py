"""Author text in logs can never act as a GitHub Actions workflow command.

The runner reads ``::command::`` at the start of a line (after spaces; a lone CR also ends
a line) and the legacy ``##[command]`` anywhere in a line. Our own ``::error`` annotations
must stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.__main__ import main
from mentoring.core.errors import Problem, log_safe
from tests.helpers import make_site

PRACTICE = (
    "---\ntitle: Практика\norganization: |\n  x\n  ::stop-commands::pwned\n  ##[error]legacy\n"
    "forms: [pedagog-pedagog]\ndate: 2024-05-20\nsummary: Кратко.\n---\n\nТекст.\n"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x\n::error::boom", "x\\n::error::boom"),
        ("x\r::stop-commands::token", "x\\r::stop-commands::token"),
        ("x\r\n::add-mask::y", "x\\r\\n::add-mask::y"),
        ("x\u2028::error::boom", "x\\u2028::error::boom"),
        ("::error::at the start", ": :error::at the start"),
        ("   ::warning::after spaces", "   : :warning::after spaces"),
        ("wrapped ::error::by MkDocs", "wrapped : :error::by MkDocs"),
        ("legacy ##[error]anywhere", "legacy # #[error]anywhere"),
        ("colour \x1b[31m", "colour \\x1b[31m"),
        ("ordinary a::b text: «x»", "ordinary a::b text: «x»"),
    ],
)
def test_log_lines_cannot_carry_workflow_commands(text, shown):
    assert log_safe(text) == shown


def test_a_problem_is_one_line_even_with_hostile_file_names_and_values():
    problem = Problem(
        "content/news/a\n::error::b.md", 3, "title", "значение «x\r::stop-commands::t ##[x]»"
    )

    assert str(problem) == (
        "content/news/a\\n::error::b.md:3: поле «title»: значение «x\\r::stop-commands::t # #[x]»"
    )
    assert problem.github_annotation() == (
        "::error file=content/news/a%0A%3A%3Aerror%3A%3Ab.md,line=3::поле «title»: значение "
        "«x%0D::stop-commands::t # #[x]»"
    )


def _is_workflow_command(line: str) -> bool:
    return line.lstrip().startswith("::") or "##[" in line


def test_check_in_github_actions_prints_only_our_annotations_as_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    project = make_site(tmp_path, "minimal", "practices")
    (project / "content" / "practices" / "x.md").write_text(PRACTICE, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")

    assert main(["check", str(project / "content")]) == 1

    out, err = capsys.readouterr()
    lines = (out + err).splitlines()
    assert not any("##[" in line for line in lines)
    commands = [line for line in lines if _is_workflow_command(line)]
    assert commands == [
        "::error file="
        + str(project / "content").replace(":", "%3A")
        + "/practices/x.md,line=3::поле «organization»: неизвестная организация "
        "«x%0A::stop-commands::pwned%0A# #[error]legacy%0A»; известные организации: "
        "school-1, school-2, sample-org; организации и их id перечислены в "
        "content/organizations.yaml, новую организацию добавьте туда"
    ]
    assert (
        "/practices/x.md:3: поле «organization»: неизвестная организация "
        "«x\\n::stop-commands::pwned\\n# #[error]legacy\\n»" in err
    )
