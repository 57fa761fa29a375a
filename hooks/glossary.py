"""The glossary page (/glossary/) and abbreviation hints on every page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mentoring.render import GLOSSARY_PAGE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    files.append(File.generated(config, GLOSSARY_PAGE, content=build.renderer.glossary_page()))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return config["mentoring_build"].abbreviations.mark(html)
