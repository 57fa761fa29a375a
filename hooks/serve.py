"""``make serve``: MkDocs' preview server that shows content problems as a page.

Plain ``mkdocs serve`` prints a failed build in the terminal and leaves the browser
waiting. This runs the same server, but a build stopped by a problem in the content
writes a page with the same Russian messages (file, line, field) in place of the site;
the page reloads itself when the next build is done, so the author sees the site again
as soon as the file is fixed and saved. Content is read again on every build.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.__main__ import cli
from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from mentoring.core.errors import Problem

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PAGES = ("index.html", "404.html")  # every other address falls back to 404.html


@dataclass(frozen=True)
class Shown:
    location: str
    message: str


def build_or_show_problems(config: MkDocsConfig, **options: object) -> None:
    """Build the site; if the build is stopped, publish the reasons instead of the site."""
    with _warnings_logged() as logged:
        try:
            build(config, **options)
            return
        except Abort as abort:
            content_error = getattr(abort, "content_error", None)
            if content_error is not None:
                problems = [_shown(problem) for problem in content_error.problems]
                summary = str(abort)
            else:
                problems = [Shown("", message) for message in logged] or [Shown("", str(abort))]
                summary = "сборку остановили предупреждения MkDocs"
    write_problems_page(Path(config.site_dir), summary, problems)


def write_problems_page(site_dir: Path, summary: str, problems: list[Shown]) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    html = environment.get_template("serve/problems.html.j2").render(
        summary=summary, problems=problems
    )
    if site_dir.exists():
        shutil.rmtree(site_dir)  # no page of the previous build may pass for the current one
    site_dir.mkdir(parents=True)
    for name in PAGES:
        (site_dir / name).write_text(html, encoding="utf-8")


def _shown(problem: Problem) -> Shown:
    """The problem's own words (``str`` makes them safe for a log line) after its location."""
    location = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    return Shown(location, str(problem).removeprefix(f"{location}: "))


@contextmanager
def _warnings_logged() -> Iterator[list[str]]:
    """Messages MkDocs logged as warnings or errors while building (its strict-mode reasons)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def main() -> None:
    serve_command.build = build_or_show_problems  # the name `mkdocs serve` builds with
    cli(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    main()
