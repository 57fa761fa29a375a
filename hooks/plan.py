"""The plan page (/plan/), generated from content/plan.yaml."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mentoring.render import PLAN_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    files.append(File.generated(config, PLAN_PAGE, content=build.renderer.plan_page()))
    return files
