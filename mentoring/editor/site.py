"""The files of /admin/: the editor page, its boot script, the service worker that answers
the stock bundle's third-party addresses with vendored copies, config.yml, and the
vendored files themselves."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from mentoring.editor.config import PROPOSALS_BRANCH, editor_config
from mentoring.editor.vendor import VENDOR_DIR, is_current, vendored_files
from mentoring.kinds.models import Plan
from mentoring.views.render import Renderer

ADMIN = "admin"
# The Git host's API and status page: the only other origins the editor may reach.
ALLOWED_ORIGINS = ("https://api.github.com", "https://www.githubstatus.com")
NOT_VENDORED = (
    "Файлы редактора /admin/ не скачаны или устарели: выполните make editor-vendor "
    "(make build делает это сам)."
)


class EditorNotVendored(RuntimeError):
    pass


@dataclass(frozen=True)
class AdminFile:
    path: str  # under site/, e.g. admin/config.yml
    content: bytes | None = None
    source: Path | None = None


def repository() -> str:
    """owner/name on GitHub: EDITOR_REPOSITORY, else the repository CI builds (Actions
    sets GITHUB_REPOSITORY), else a name that says it is unset."""
    return (
        os.environ.get("EDITOR_REPOSITORY")
        or os.environ.get("GITHUB_REPOSITORY")
        or "set-EDITOR_REPOSITORY/unset"
    )


def branch() -> str:
    """The branch the editor saves to: EDITOR_BRANCH, else the branch of proposals."""
    return os.environ.get("EDITOR_BRANCH") or PROPOSALS_BRANCH


def plan_choices(plan: Plan) -> list[tuple[str, str]]:
    return [(a.id, f"{a.id} — {a.title}") for a in plan.activities]


def config_yaml(plan: Plan) -> str:
    config = editor_config(repository(), {"plan_activities": plan_choices(plan)}, branch())
    header = "# Создан при сборке из mentoring/schemas/ (mentoring/editor/config.py): не правьте.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**6)


def admin_files(renderer: Renderer, vendor_dir: Path = VENDOR_DIR) -> Iterator[AdminFile]:
    if not is_current(vendor_dir):
        raise EditorNotVendored(NOT_VENDORED)
    published = [f for f in vendored_files() if f.on_site]
    replacements = {f.replaces: f.target for f in published if f.replaces}
    for name, template in (
        ("index.html", "editor/index.html.j2"),
        ("boot.js", "editor/boot.js.j2"),
        ("sw.js", "editor/sw.js.j2"),
    ):
        text = renderer.render(
            template,
            f"{ADMIN}/{name}",
            replacements=Markup(json.dumps(replacements, indent=2)),
            allowed_origins=Markup(json.dumps(ALLOWED_ORIGINS)),
        )
        yield AdminFile(f"{ADMIN}/{name}", content=text.encode())
    yield AdminFile(f"{ADMIN}/config.yml", content=config_yaml(renderer.content.plan).encode())
    for item in published:
        yield AdminFile(f"{ADMIN}/{item.target}", source=vendor_dir / item.target)
