"""Load and validate content/ once per build; fail with Russian messages, never a traceback.

The loaded build is kept on the MkDocs config under ``mentoring_build`` for the other
hooks. Hand-written pages may include generated blocks with ``<!-- include: name -->``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mentoring.build import SiteBuild
from mentoring.content import Content
from mentoring.errors import ContentError
from mentoring.files import symlink_problems
from mentoring.render import expand_includes
from mentoring.shells import empty_sections_notice, missing_contacts, warning_annotation
from mentoring.yamlsource import check_characters

log = logging.getLogger("mkdocs.hooks.content")
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def current_build(config: MkDocsConfig) -> SiteBuild:
    return config["mentoring_build"]


def fail(error: ContentError) -> Abort:
    """Print every problem (and GitHub annotations in Actions), then stop the build."""
    for line in error.report_lines():
        log.error(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(error.annotations()), flush=True)
    abort = Abort(error.summary())
    abort.content_error = error  # type: ignore[attr-defined]  # shown as a page by hooks/serve.py
    return abort


def report_empty_sections(content: Content) -> None:
    """Say which sections have nothing real yet; missing contacts are a warning that does
    not stop the build (a strict MkDocs warning would), and an annotation in Actions."""
    notice = empty_sections_notice(content)
    if notice:
        log.info(notice)
    problem = missing_contacts(content)
    if problem is not None:
        log.info(f"ПРЕДУПРЕЖДЕНИЕ: {problem}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(warning_annotation(problem), flush=True)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    content_dir = Path(config.config_file_path).resolve().parent / "content"
    docs_dir = Path(config.docs_dir)
    links = symlink_problems(docs_dir, docs_dir.name)
    if links:  # before MkDocs copies what they point to
        raise fail(ContentError(list(links)))
    try:
        build = SiteBuild.load(
            content_dir,
            TEMPLATES_DIR,
            use_directory_urls=config.use_directory_urls,
            docs_dir=docs_dir,
        )
    except ContentError as error:
        raise fail(error) from None
    except ValueError as error:  # a wrong SOURCE_DATE_EPOCH
        raise Abort(str(error)) from None
    report_empty_sections(build.content)
    config.site_name = str(escape(build.content.site.site_name))
    config.site_description = str(escape(build.content.site.site_description))
    config.copyright = str(escape(build.content.site.copyright))
    config["mentoring_build"] = build
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    # Material prints page.meta title and description unescaped (its Jinja environment has
    # no autoescape), and content titles are plain text typed by authors: escape them once.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = str(escape(page.meta[key]))
    build = current_build(config)
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    if page.file.src_uri in build.hand_written_pages:  # content/ was checked when loaded
        check_characters(page.file.content_string, path, build.page_problems)
    blocks = build.renderer.blocks(page.file.src_uri)
    return expand_includes(markdown, blocks, path, build.page_problems)


@event_priority(100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    """Author text passes the allowlist once more, as the page shows it (a safety net: each
    text was checked when loaded); then the HTML blocks that templates kept out of Markdown
    go back, before other hooks read the page."""
    build = current_build(config)
    hand_written = None
    if page.file.src_uri in build.hand_written_pages:
        hand_written = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    html = build.renderer.author_regions.check(html, hand_written, build.page_problems)
    return build.renderer.html_blocks.insert(html)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page has been read by now: report what was found in all of them at once."""
    problems = current_build(config).page_problems
    if problems:
        raise fail(ContentError(list(problems)))
    return env


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember the hand-written pages before the other hooks add generated ones."""
    current_build(config).hand_written_pages = {
        page.src_uri for page in files.documentation_pages()
    }
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    build = current_build(config)
    problems = build.content.check_page_references(
        lambda path: files.get_file_from_path(path) is not None
    )
    docs = Path(config.docs_dir).name
    for page in files.documentation_pages():
        if page.generated_by and page.src_uri in build.hand_written_pages:
            problems.add(
                f"{docs}/{page.src_uri}",
                None,
                None,
                "эту страницу сайт создаёт сам из папки content/, и файл был бы молча заменён; "
                "удалите его или переименуйте",
            )
    if problems:
        raise fail(ContentError(list(problems)))
    return nav
