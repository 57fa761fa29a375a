"""The materials page (/materials/) and a page per material (not in the navigation)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mentoring.materials import MATERIALS_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    for path, markdown in build.renderer.materials_pages().items():
        inclusion = (
            InclusionLevel.UNDEFINED if path == MATERIALS_PAGE else InclusionLevel.NOT_IN_NAV
        )
        files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
    return files
