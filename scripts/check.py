"""`make check`: everything the build can refuse, found without building the site.

It runs the build's reading pass and stops before anything is written: the hooks load and
validate content/, MkDocs renders every page in memory and checks its links and anchors,
the hooks check images and HTML and translate MkDocs' warnings (hooks/site.py). The
messages are therefore the build's own, word for word, at the source file and line, and in
GitHub Actions the same annotations appear on the changed lines. No theme page is rendered,
nothing is indexed for search, nothing is written, so it takes a fraction of a build.

Usage: ``python scripts/check.py [-f mkdocs.yml]``; exit status 1 when the build would fail.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import _populate_page, get_files, set_exclusions
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from mentoring.__main__ import content_summary
from mentoring.core.russian import count_words


class _Collect(logging.Handler):
    """What the build would print as warnings and errors, in the order it says them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)  # as the build logs them, in its order
    warnings: list[str] = field(default_factory=list)  # a strict build stops on these too
    failure: str = ""  # the build's last word when it would stop, else ""
    summary: str = ""  # «Содержимое в порядке: …» when it would not


def read_site(config: MkDocsConfig) -> None:
    """The events of ``mkdocs.commands.build.build`` up to ``on_env``, where every problem
    of the content and of its pages has been reported; raises Abort like the build."""
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:  # pages out of the nav get their Page object here
                Page(None, file, config)
            assert file.page is not None
            _populate_page(file.page, config, files)
        config.plugins.on_env(env, config=config, files=files)
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise
    finally:
        config.plugins.on_shutdown()


def check(config_file: Path, **overrides: object) -> CheckResult:
    """Read the site of ``config_file`` as a strict build would (``overrides`` as for
    ``mkdocs.config.load_config``), collecting what the build would say."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False  # the caller prints, once
    result = CheckResult()
    try:
        config = load_config(str(config_file), strict=True, **overrides)
        read_site(config)
    except (Abort, ConfigurationError) as error:
        result.failure = str(error)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    for record in collect.records:
        kind = result.errors if record.levelno >= logging.ERROR else result.warnings
        kind.append(record.getMessage())
    if not result.failure and result.warnings:
        warnings = count_words(
            len(result.warnings), "предупреждение", "предупреждения", "предупреждений"
        )
        result.failure = f"Сборка остановится: {warnings}."
    if not result.failure:
        site = next(hook.SITE for hook in config.plugins.values() if hasattr(hook, "SITE"))
        result.summary = content_summary(site.build.content)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    result = check(parser.parse_args(argv).config_file)
    for line in (*result.errors, *result.warnings):
        print(line, file=sys.stderr)
    if result.failure:
        print(result.failure, file=sys.stderr)
        return 1
    print(result.summary)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
