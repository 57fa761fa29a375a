"""How long a new methodist takes to add a practice with one attachment: through the web
editor /admin/ and by hand. A scripted estimate, not a trial with people.

Editor: tests/browser/test_editor.py drives the real editor in Chromium against a local
folder, step by step as a person would, and counts the person's decisions (each click or
choice, the two in the system's file dialog) and the characters typed (``Methodist``).
By hand: the same practice from ``make practice TITLE=… FILES=…``, the edits of the new file
in a text editor (applied and counted here), then ``make check``, which must pass.

A person's time = decisions × 3 s + characters typed at 200 a minute; the machine's time
(the editor's responses, the commands) is measured and added.

    .venv/bin/python -m scripts.bench_editor
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.bench_content_path import step
from tests.helpers import REPO, check_messages, repository_project

SECONDS_PER_DECISION = 3.0
CHARACTERS_PER_MINUTE = 200
TITLE = "Школа молодого учителя"
ATTACHMENT = REPO / "content/practices/nastavniki-starsheklassniki/programma-obrazets.pdf"
ENTRY = "content/practices/shkola-molodogo-uchitelia/index.md"
# The same practice as the browser test types into the editor: (field, text in the file made
# by `make practice`, the text it becomes). The folder name gives the address, so no slug.
HAND_EDITS = (
    ("organization", "organization:\n", "organization: obrazets-shkola\n"),
    ("forms", "forms: []", "forms: [pedagog-pedagog]"),
    ("date", re.compile(r"date: \d{4}-\d{2}-\d{2}"), "date: 2025-11-20"),
    (
        "summary",
        "summary: >-\n  \n",
        "summary: >-\n  Образец: встречи молодых учителей с наставниками по средам.\n",
    ),
    ("attachments.title", "    title: #", "    title: Программа #"),
    ("sample", "\n# sample: true\n", "\nsample: true\n"),
    (
        "body",
        "<!-- Зачем нужна практика и какие задачи она решает. -->",
        "Поддержать молодых учителей в первый год работы.",
    ),
)


@dataclass
class Effort:
    """What one way of adding the practice asks of a person, and of the machine."""

    decisions: int = 0
    typed: int = 0
    machine: float = 0.0
    typed_fields: tuple[str, ...] = ()

    def person_seconds(self) -> float:
        return self.decisions * SECONDS_PER_DECISION + self.typed * 60 / CHARACTERS_PER_MINUTE

    def line(self, name: str) -> str:
        total = self.person_seconds() + self.machine
        return (
            f"{name:<8} decisions {self.decisions:3}   typed {self.typed:4} characters "
            f"into {len(self.typed_fields):2} fields   "
            f"person {self.person_seconds() / 60:4.1f} min   machine {self.machine:5.1f} s   "
            f"total {total / 60:4.1f} min"
        )


def typing(command: str) -> Effort:
    """A command typed in the terminal and started with Enter."""
    return Effort(decisions=1, typed=len(command))


def _shared_start(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def edit(text: str, old: str | re.Pattern[str], new: str) -> tuple[str, Effort]:
    """One edit in a text editor: click where it goes (and select what goes, when it is
    more than a few characters), type the rest."""
    found = old.search(text) if isinstance(old, re.Pattern) else None
    before = found.group() if found else str(old)
    if before not in text:
        sys.exit(f"the file of `make practice` has no {before!r}: update HAND_EDITS")
    same_start = _shared_start(before, new)
    same_end = _shared_start(before[same_start:][::-1], new[same_start:][::-1])
    removed = len(before) - same_start - same_end
    added = len(new) - same_start - same_end
    cost = Effort(decisions=1 + (removed > 3), typed=added + (removed if removed <= 3 else 0))
    return text.replace(before, new, 1), cost


def by_hand(work: Path) -> Effort:
    project = repository_project(work, "by-hand")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    files = [str(ATTACHMENT)]
    total = typing(f'make practice TITLE="{TITLE}" FILES=~/Загрузки/{ATTACHMENT.name}')
    total.machine += step(
        "make practice",
        [sys.executable, "-m", "mentoring", "new-practice", "--title", TITLE, "--files", *files],
        project,
        env,
    )
    total.decisions += 2  # open the new file in a text editor: the dialog, the file
    entry = project / ENTRY
    text = entry.read_text("utf-8")
    for _field, old, new in HAND_EDITS:
        text, cost = edit(text, old, new)
        total.decisions += cost.decisions
        total.typed += cost.typed
    entry.write_text(text, "utf-8")
    total.typed_fields = ("title", "attachments.file", *(f for f, _, _ in HAND_EDITS))
    total.decisions += 1  # save
    check = typing("make check")
    total.decisions += check.decisions
    total.typed += check.typed
    total.machine += step(
        "make check",
        [sys.executable, "scripts/check.py", "-f", str(project / "mkdocs.yml")],
        REPO,
        env,
    )
    problems = check_messages(project)
    if problems:
        sys.exit("the practice made by hand does not pass make check:\n" + "\n".join(problems))
    return total


def in_the_editor(work: Path) -> Effort:
    steps = work / "steps.json"
    env = {**os.environ, "EDITOR_STEPS": str(steps)}
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:randomly"]
    command += ["tests/browser/test_editor.py", "-k", "practice_made_in_the_editor"]
    step("browser test (editor)", command, REPO, env)
    done = json.loads(steps.read_text("utf-8"))["practice"]
    return Effort(done["decisions"], done["typed"], done["machine_seconds"], tuple(done["fields"]))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as folder:
        work = Path(folder)
        editor, hand = in_the_editor(work), by_hand(work)
    print(
        f"\nA practice with one attachment; {SECONDS_PER_DECISION:.0f} s a decision, "
        f"{CHARACTERS_PER_MINUTE} characters a minute; load average {os.getloadavg()[0]:.1f}"
    )
    print(editor.line("editor"))
    print(hand.line("by hand"))
    print(f"editor fields typed: {', '.join(editor.typed_fields)}")
    print(f"by hand fields typed: {', '.join(hand.typed_fields)}")


if __name__ == "__main__":
    main()
