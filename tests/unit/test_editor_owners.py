"""The reminder that .github/CODEOWNERS still names the sample team (make check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.editor.owners import CODEOWNERS, SAMPLE_TEAM, main, owner_problems

SAMPLE = f"# Replace {SAMPLE_TEAM} with the real team.\n\n/content/ {SAMPLE_TEAM}\n"


def _root(tmp_path: Path, text: str | None) -> Path:
    if text is not None:
        (tmp_path / ".github").mkdir()
        (tmp_path / CODEOWNERS).write_text(text, "utf-8")
    return tmp_path


def test_the_sample_team_is_named_with_its_line_not_in_comments(tmp_path: Path) -> None:
    [problem] = owner_problems(_root(tmp_path, SAMPLE))
    assert str(problem).startswith(
        f".github/CODEOWNERS:3: указана команда-образец {SAMPLE_TEAM}: пока её не заменили "
        "настоящей командой методистов ЦРО"
    )


def test_a_real_team_is_no_problem(tmp_path: Path) -> None:
    text = SAMPLE.replace(f"/content/ {SAMPLE_TEAM}", "/content/ @cro-dubna/metodisty")
    assert owner_problems(_root(tmp_path, text)) == []


def test_no_codeowners_is_a_problem_too(tmp_path: Path) -> None:
    assert [str(p) for p in owner_problems(_root(tmp_path, None))] == [
        ".github/CODEOWNERS: файла нет: изменения content/ никто не рассмотрит"
    ]


@pytest.mark.parametrize("actions", ["true", ""])
def test_make_check_warns_and_annotates_in_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, actions
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", actions)
    main(_root(tmp_path, SAMPLE))
    out, err = capsys.readouterr()
    assert err.startswith("Внимание: .github/CODEOWNERS:3: указана команда-образец")
    annotation = "::warning file=.github/CODEOWNERS,line=3::указана команда-образец"
    assert out.startswith(annotation) if actions else out == ""


def test_the_makefile_and_the_guide_name_the_reminder() -> None:
    root = Path(__file__).resolve().parents[2]
    recipe = (root / "Makefile").read_text("utf-8").split("\ncheck:", 1)[1].split("\n\n")[0]
    assert "python -m mentoring.editor.owners" in recipe
    assert SAMPLE_TEAM in (root / "docs/guide/editor.md").read_text("utf-8")
