"""The contacts page (/contacts/), generated from content/site.yaml."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mentoring.render import CONTACTS_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    files.append(File.generated(config, CONTACTS_PAGE, content=build.renderer.contacts_page()))
    return files
