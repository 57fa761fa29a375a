"""A hook for test sites: pages under the project's ``generated/`` stand for pages the site
generates (practice pages with search facets, a chart) and are added like the site's hooks
add theirs, so that their HTML counts as template HTML, not as a hand-written page's
(which must pass the author allowlist)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated = Path(config.config_file_path).resolve().parent / "generated"
    for page in sorted(generated.rglob("*.md")):
        path = page.relative_to(generated).as_posix()
        files.append(File.generated(config, path, content=page.read_text("utf-8")))
    return files
