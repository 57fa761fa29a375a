"""The script of .github/workflows/proposals.yml, run with a stand-in for the GitHub command
line (`gh`) that answers like GitHub and logs what it was asked: the first save opens the
pull request and starts its preview, a later one updates it, a branch level with main
opens nothing, and the author's commit message stays data."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.unit.test_preview_workflow import WORKFLOWS, runs
from tests.workflow_rules import load_workflow

# Answers as GitHub would; every call and the pull request's text go to $GH_LOG.
FAKE_GH = r"""#!/bin/bash
echo "gh $*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in
    body=@*) cat "${arg#body=@}" >> "$GH_LOG" ;;
  esac
done
if [ "$1" = pr ] && [ "$2" = edit ]; then cat "${@: -1}" >> "$GH_LOG"; fi
case "$*" in
  "api repos/owner/name --jq .default_branch") echo main ;;
  *"compare/main...predlozheniya --jq .ahead_by") echo "$FAKE_AHEAD" ;;
  *"compare/main...predlozheniya --jq .files[].filename")
    printf 'content/practices/shkola/index.md\ncontent/practices/shkola/programma.pdf\n' ;;
  "pr list"*) echo "$FAKE_OPEN" ;;
  "api repos/owner/name/pulls"*) echo 12 ;;
esac
"""


INJECTION = '$(touch pwned) "`touch pwned`"'


def _run(tmp_path: Path, ahead: str, open_number: str) -> tuple[int, str]:
    step = load_workflow(WORKFLOWS / "proposals.yml")["jobs"]["pull-request"]["steps"][0]
    assert step["shell"] == "bash"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, "utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "FAKE_AHEAD": ahead,
        "FAKE_OPEN": open_number,
        "GITHUB_REPOSITORY": "owner/name",
        "RUNNER_TEMP": str(tmp_path),
        "BRANCH": "predlozheniya",
        "LAST_SAVE": f"Новая запись «shkola»: Практики {INJECTION}\nвторая строка",
        "LAST_AUTHOR": "Куратор школы",
    }
    # As GitHub runs `shell: bash`.
    result = subprocess.run(
        [
            shutil.which("bash") or "bash",
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            runs(step),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not (tmp_path / "pwned").exists()
    return result.returncode, log.read_text("utf-8") if log.exists() else ""


def test_the_first_save_opens_the_pull_request_and_starts_its_preview(tmp_path: Path) -> None:
    code, log = _run(tmp_path, ahead="1", open_number="")
    assert code == 0
    assert (
        "gh api repos/owner/name/pulls -f head=predlozheniya -f base=main "
        "-f title=Предложения из веб-редактора" in log
    )
    assert "- `content/practices/shkola/programma.pdf`" in log
    assert "Последнее сохранение: Новая запись «shkola»: Практики $(touch pwned)" in log
    assert "вторая строка" not in log and "(Куратор школы)." in log
    assert log.rstrip().endswith(
        "gh workflow run preview.yml --repo owner/name --ref main -f pull_request=12"
    )
    assert "gh pr edit" not in log


def test_a_later_save_updates_the_open_pull_request(tmp_path: Path) -> None:
    code, log = _run(tmp_path, ahead="3", open_number="5")
    assert code == 0
    assert "gh pr edit 5 --repo owner/name --body-file" in log
    assert "Изменённые файлы:" in log
    assert "/pulls -f" not in log and "workflow run" not in log


@pytest.mark.parametrize("open_number", ["", "5"])
def test_a_branch_level_with_main_opens_nothing(tmp_path: Path, open_number: str) -> None:
    code, log = _run(tmp_path, ahead="0", open_number=open_number)
    assert code == 0
    assert "pr list" not in log and "pulls" not in log and "workflow run" not in log
