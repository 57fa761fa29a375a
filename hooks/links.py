"""MkDocs' link and anchor warnings, reported in Russian at the author's file and line.

While MkDocs builds the nav and renders the pages (between ``on_files`` and ``on_env``) a
logging filter turns each of its link warnings, and its list of pages missing from the nav,
into problems of the source files (mentoring/pagelinks.py), keeping the English out of the
log. Anchors are checked here before any page is written (MkDocs itself checks them only
after writing), and the problems join the other page problems that hooks/content.py
reports together in ``on_env``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from mentoring.build import SiteBuild
from mentoring.pagelinks import PageLinks, check_page_anchors

# Links of pages, and pages left out of the nav.
LOGGERS = (logging.getLogger("mkdocs.structure.pages"), logging.getLogger("mkdocs.structure.nav"))


class _Translate(logging.Filter):
    """Keeps a translated warning out of the log and adds it to the build's page problems."""

    def __init__(self, build: SiteBuild, links: PageLinks) -> None:
        super().__init__()
        self.build = build
        self.links = links

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        problems = self.links.problems(record.getMessage())
        self.build.page_problems.extend(problems)
        return not problems


translate: _Translate | None = None


def _stop_translating() -> None:
    global translate
    if translate is not None:
        for logger in LOGGERS:
            logger.removeFilter(translate)
        translate = None


def _anchors(files: Files) -> Callable[[str], set[str] | None]:
    """The anchors of a rendered page by its path under docs/ (None: no such page)."""

    def anchors_of(path: str) -> set[str] | None:
        file = files.get_file_from_path(path)
        return None if file is None or file.page is None else file.page.present_anchor_ids

    return anchors_of


@event_priority(-100)  # every hook has added its pages by now; MkDocs builds the nav next
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global translate
    _stop_translating()
    build: SiteBuild = config["mentoring_build"]
    links = PageLinks(
        build.content,
        Path(config.docs_dir),
        build.hand_written_pages,
        [file.src_uri for file in files.documentation_pages()],
        _anchors(files),
    )
    translate = _Translate(build, links)
    for logger in LOGGERS:
        logger.addFilter(translate)
    return files


@event_priority(50)  # before hooks/content.py reports the page problems
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build: SiteBuild = config["mentoring_build"]
    level = config.validation.links.anchors
    if level >= logging.WARNING:  # what MkDocs would check after writing, checked now
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.validate_anchor_links(files=files, log_level=level)
    _stop_translating()
    build.page_problems.extend(check_page_anchors(build.content, _anchors(files)))
    return env


def on_build_error(error: Exception) -> None:
    _stop_translating()
