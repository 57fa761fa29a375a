"""``make serve``: MkDocs' preview server that shows content problems as a page.

Plain ``mkdocs serve`` prints a failed build in the terminal and leaves the browser
waiting. This runs the same server, but a build stopped by a problem in the content
writes a page with the same Russian messages (file, line, field) in place of the site;
the page reloads itself when the next build is done, so the author sees the site again
as soon as the file is fixed and saved.

Rebuilds do only what an edit touches. The session keeps one ``BuildMemory``
(mentoring/core/incremental.py) and hands it to the site's plugin object before each build: an
entry file that did not change is not parsed or checked again, and when nothing but
entries changed since the last build that succeeded, the build is MkDocs' dirty build,
in which the pages whose Markdown did not change are neither converted nor written, and
Pagefind is not run (search shows the index of the last full build).

The server learns of a saved file from the system (inotify on Linux, through watchdog's
native observer) instead of MkDocs' polling of every watched file twice a second, which
cost up to half a second before a rebuild started and CPU all the time; where the system
refuses (its per-user limits on inotify), the server polls as MkDocs does and says in the
terminal how to raise the limit.

What a build leaves in memory is frozen for Python's garbage collector, which otherwise
scans it all again and again while the next build runs; the garbage of the last build is
collected in the background, shortly after the build (not in a build begun by then).
"""

from __future__ import annotations

import errno
import gc
import logging
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.__main__ import cli
from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from mentoring.core.errors import Problem
from mentoring.core.incremental import BuildMemory
from mentoring.kinds.registry import entry_folders

if sys.platform == "linux":  # the system's watcher is inotify
    from watchdog.observers.inotify import InotifyEmitter
    from watchdog.observers.inotify_c import InotifyFD

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PAGES = ("index.html", "404.html")  # every other address falls back to 404.html
COLLECT_AFTER = 0.5  # seconds after a build: the browsers have reloaded by then
# The system's refusals to watch more (inotify(7)) and the setting that raises each limit.
INOTIFY_LIMITS = {
    errno.ENOSPC: "fs.inotify.max_user_watches=524288",
    errno.EMFILE: "fs.inotify.max_user_instances=1024",
}
POLLING_INSTEAD = (
    "Система не даёт следить за всеми файлами сайта: исчерпан предел inotify для "
    "пользователя. Изменения будут замечаться опросом файлов дважды в секунду — с "
    "задержкой и нагрузкой на процессор. Чтобы сайт обновлялся сразу, поднимите предел "
    "командой «sudo sysctl %s» (чтобы он сохранился после перезагрузки, добавьте эту "
    "настройку строкой в файл /etc/sysctl.d/90-inotify.conf) и перезапустите make serve."
)
NEW_FOLDER_UNWATCHED = (
    "Изменения в новой папке %s сервер не заметит: исчерпан предел inotify для пользователя. "
    "Перезапустите make serve — он будет опрашивать файлы, — а чтобы сайт обновлялся сразу, "
    "сначала поднимите предел командой «sudo sysctl %s»."
)
log = logging.getLogger("mkdocs.serve")  # under «mkdocs»: printed as MkDocs' own lines
# What the system reports that means a file changed. The native observer also reports
# files opened and closed unwritten: the build reads every watched file, and those
# events would start the next rebuild at once, for ever.
CHANGES = [
    events.FileCreatedEvent,
    events.FileModifiedEvent,
    events.FileAttribEvent,
    events.FileClosedEvent,
    events.FileDeletedEvent,
    events.FileMovedEvent,
    # A folder moved out of the watched tree (or deleted whole) is reported as the folder
    # alone, without an event for the files that went with it; so is a folder made where
    # the system refuses to watch more folders.
    events.DirCreatedEvent,
    events.DirDeletedEvent,
    events.DirMovedEvent,
]


@dataclass(frozen=True)
class Shown:
    location: str
    message: str


def build_or_show_problems(
    config: MkDocsConfig, *, memory: BuildMemory | None = None, **options: object
) -> None:
    """Build the site; if the build is stopped, publish the reasons instead of the site.
    With ``memory`` (the session's), build only what changed since the last good build."""
    site = next((hook.SITE for hook in config.plugins.values() if hasattr(hook, "SITE")), None)
    project = Path(config.config_file_path).resolve().parent
    incremental = (
        memory is not None and site is not None and memory.may_skip_unchanged_pages(project)
    )
    if site is not None:
        site.memory, site.skip_unchanged = memory, incremental
    options["dirty"] = incremental
    with _warnings_logged() as logged, _dirty_build_expected() if incremental else nullcontext():
        try:
            build(config, **options)
            return
        except Abort as abort:
            if memory is not None:
                memory.failed()
            content_error = getattr(abort, "content_error", None)
            if content_error is not None:
                problems = [_shown(problem) for problem in content_error.problems]
                summary = str(abort)
            else:
                problems = [Shown("", message) for message in logged] or [Shown("", str(abort))]
                summary = "сборку остановили предупреждения MkDocs"
        finally:
            if site is not None:  # the plugin object outlives the session's builds
                site.memory, site.skip_unchanged = None, False
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


@contextmanager
def _dirty_build_expected() -> Iterator[None]:
    """MkDocs warns that a dirty build may leave navigation stale; here it is chosen only
    when the shared inputs are unchanged, and the warning would stop a strict build."""

    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


if sys.platform == "linux":

    class KeptRefusal(InotifyFD):
        """watchdog's inotify instance, keeping the system's refusal to watch a folder:
        watchdog passes over in silence a refusal for any folder below a watched one, and
        the changes in it would go unseen."""

        refused: OSError | None = None
        started = False  # refusals from now on are of folders made while the server runs

        def add_callback(self, path: bytes, *args: Any, **options: Any) -> int:
            try:
                return super().add_callback(path, *args, **options)
            except OSError as refused:
                if refused.errno in INOTIFY_LIMITS:
                    self.refused = refused
                    if self.started:
                        setting = INOTIFY_LIMITS[refused.errno]
                        log.warning(NEW_FOLDER_UNWATCHED, os.fsdecode(path), setting)
                raise

    class StrictInotifyObserver(BaseObserver):
        """watchdog's InotifyObserver, whose start fails when a folder could not be watched."""

        def __init__(self) -> None:
            self.inotify = KeptRefusal()  # opened here: EMFILE where there are too many
            self.inotify.start()
            super().__init__(InotifyEmitter, inotify_fd=self.inotify)

        def start(self) -> None:
            super().start()
            if self.inotify.refused is not None:
                raise self.inotify.refused
            self.inotify.started = True

        def on_thread_stop(self) -> None:
            super().on_thread_stop()
            self.inotify.stop()


class ChangesObserver:
    """The system's watcher (polling only where it has none), told to report changes; the
    ``fallback`` (MkDocs' polling) where the system refuses to watch as many folders.

    The system's limits are per user and shared with every other program that watches
    files (editors, sync clients): a large content/ may pass them. The watcher is made
    only when the server starts, with every path scheduled by then, so that a refusal
    when it opens (EMFILE) or when it watches a folder (ENOSPC) ends in polling."""

    def __init__(self, fallback: BaseObserver) -> None:
        self.fallback = fallback
        self.observer: BaseObserver | None = None  # the one that runs, once started
        self._handlers: dict[ObservedWatch, events.FileSystemEventHandler] = {}

    def schedule(
        self, event_handler: events.FileSystemEventHandler, path: str, *, recursive: bool = False
    ) -> ObservedWatch:
        watch = ObservedWatch(path, recursive=recursive, event_filter=CHANGES)
        self._handlers[watch] = FoldersAsFiles(event_handler)
        if self.observer is not None:
            _schedule(self.observer, watch, self._handlers[watch])
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        del self._handlers[watch]
        if self.observer is not None:
            self.observer.unschedule(watch)

    def start(self) -> None:
        try:
            self.observer = self._started(system_observer())
        except OSError as refused:
            if refused.errno not in INOTIFY_LIMITS:
                raise
            log.warning(POLLING_INSTEAD, INOTIFY_LIMITS[refused.errno])
            self.observer = self._started(self.fallback)

    def _started(self, observer: BaseObserver) -> BaseObserver:
        try:
            for watch, handler in self._handlers.items():
                _schedule(observer, watch, handler)
            observer.start()
        except OSError:
            observer.stop()  # the folders it watches already are let go
            raise
        return observer

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.observer is not None:
            self.observer.join(timeout)


def system_observer() -> BaseObserver:
    """watchdog's native observer; on Linux, one that does not pass over a refusal."""
    return StrictInotifyObserver() if sys.platform == "linux" else Observer()


def _schedule(
    observer: BaseObserver, watch: ObservedWatch, handler: events.FileSystemEventHandler
) -> None:
    observer.schedule(handler, watch.path, recursive=watch.is_recursive, event_filter=CHANGES)


class FoldersAsFiles(events.FileSystemEventHandler):
    """Hands a folder made, moved or deleted to MkDocs' handler as a file of the same path
    made, moved or deleted: MkDocs ignores the events of folders."""

    def __init__(self, handler: events.FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: events.FileSystemEvent) -> None:
        if isinstance(event, events.DirMovedEvent):
            event = events.FileMovedEvent(event.src_path, event.dest_path)
        elif isinstance(event, events.DirDeletedEvent):
            event = events.FileDeletedEvent(event.src_path)
        elif isinstance(event, events.DirCreatedEvent):
            event = events.FileCreatedEvent(event.src_path)
        self.handler.dispatch(event)


class NotifiedReloadServer(LiveReloadServer):
    """MkDocs' server, woken by the system's file watcher instead of polling."""

    def __init__(self, *args: object, **options: object) -> None:
        super().__init__(*args, **options)
        self.observer = ChangesObserver(fallback=self.observer)


class Session:
    """What one `make serve` keeps from build to build: the memory of what was built, and
    the collection of garbage planned after the last build."""

    def __init__(self, memory: BuildMemory) -> None:
        self.memory = memory
        self.collection: threading.Timer | None = None

    def build(self, config: MkDocsConfig, **options: object) -> None:
        """Build; collect and freeze shortly after, unless another build has begun by then
        (a collection in a build would cost it time, and freeze what it is still making)."""
        if self.collection is not None:
            self.collection.cancel()
        build_or_show_problems(config, memory=self.memory, **options)
        self.collection = threading.Timer(COLLECT_AFTER, _collect_and_freeze)
        self.collection.daemon = True
        self.collection.start()


def _collect_and_freeze() -> None:
    """Collect the last build's garbage, then leave what lives on (the session's memory,
    MkDocs' modules) out of the collections the next build would run."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def main() -> None:
    # The names `mkdocs serve` builds and watches with; one session for all its builds.
    serve_command.build = Session(BuildMemory(entry_folders())).build
    serve_command.LiveReloadServer = NotifiedReloadServer
    cli(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    main()
