"""Which changes take CI's fast content path (scripts/content_only.py), on a scratch repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

SCRIPT = REPO / "scripts" / "content_only.py"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    for name in ("content/news/2022-01-01-a.md", "docs/index.md", "hooks/news.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", "utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def classify(repo: Path, base: str, head: str = "HEAD") -> str:
    return subprocess.run(
        [sys.executable, str(SCRIPT), base, head],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize(
    ("changed", "answer"),
    [
        (["content/news/2022-01-01-a.md"], "true"),
        (["content/news/2022-02-02-новая новость.md", "docs/index.md"], "true"),
        (["docs/img/фото.JPG"], "true"),
        (["content/news/2022-01-01-a.md", "hooks/news.py"], "false"),
        (["docs/assets/javascripts/extra.js"], "false"),
        ([".github/workflows/publish.yml"], "false"),
        (["requirements.txt"], "false"),
    ],
)
def test_only_what_authors_write_takes_the_content_path(
    repo: Path, changed: list[str], answer: str
) -> None:
    base = git(repo, "rev-parse", "HEAD")
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change")

    assert classify(repo, base) == f"content_only={answer}\n"


def test_a_deleted_content_file_is_content(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "rm", "-q", "content/news/2022-01-01-a.md")
    git(repo, "commit", "-qm", "remove")

    assert classify(repo, base) == "content_only=true\n"


@pytest.mark.parametrize("base", ["0" * 40, "1234567890abcdef1234567890abcdef12345678"])
def test_an_unknown_base_runs_everything(repo: Path, base: str) -> None:
    assert classify(repo, base) == "content_only=false\n"


def test_no_change_runs_everything(repo: Path) -> None:
    assert classify(repo, "HEAD") == "content_only=false\n"
