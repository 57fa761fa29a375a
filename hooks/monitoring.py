"""The monitoring page (/monitoring/): indicators, plan progress and the timeline."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mentoring.render import MONITORING_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    files.append(File.generated(config, MONITORING_PAGE, content=build.renderer.monitoring_page()))
    return files
