"""`make serve` learns of saved files from the system's watcher (hooks/serve.py), and only
of changes: the build reads every watched file, and a read must not start another build.
A folder moved away is a change; where the system refuses to watch, the server polls.

The session tests run hooks/serve.py's server in a thread and see it as a browser does:
pages over HTTP, and the live-reload address that answers when the next build is done."""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import queue
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands import serve as serve_command
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import inotify_c

from mentoring.core.incremental import BuildMemory
from mentoring.kinds.registry import entry_folders
from scripts.bench.measure import free_port
from tests.build.test_serve_problems import serve
from tests.helpers import make_site

QUIET = 0.5  # seconds in which an unwanted event would have arrived
REBUILT_WITHIN = 30  # seconds the tests wait for a rebuild before they call it missing
FOLDER_PRACTICE = "practices/folder-practice/"
PRACTICE = "content/practices/sample-practice.md"
PRACTICE_PAGE = "practices/sample-practice/"


def test_the_server_is_woken_by_writes_and_not_by_reads(tmp_path: Path) -> None:
    entry = tmp_path / "practices" / "one.md"
    entry.parent.mkdir()
    entry.write_text("---\ntitle: Одна\n---\n", "utf-8")
    seen: queue.Queue[FileSystemEvent] = queue.Queue()
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.put
    server = serve.NotifiedReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    server.observer.schedule(handler, str(tmp_path), recursive=True)
    server.observer.start()
    try:
        entry.read_text("utf-8")
        assert drained(seen, QUIET) == []

        entry.write_text("---\ntitle: Другая\n---\n", "utf-8")
        first = seen.get(timeout=10)
        assert (first.src_path, first.event_type) == (str(entry), "modified")
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def drained(events: queue.Queue[FileSystemEvent], seconds: float) -> list[FileSystemEvent]:
    found = []
    try:
        while True:
            found.append(events.get(timeout=seconds))
    except queue.Empty:
        return found


@dataclass
class Session:
    """A running `make serve`, seen as the browser sees it: over HTTP."""

    address: str

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.address + path, timeout=REBUILT_WITHIN) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def rebuilt_after(self, change: Callable[[], object]) -> bool:
        """Make ``change``, then wait as the page's live-reload script does for the site
        built after it; False when no build followed."""
        epoch = int(self.get("/livereload/0/0")[1])  # answered at once: the current build
        change()
        return int(self.get(f"/livereload/{epoch}/0")[1]) > epoch


@contextmanager
def serving(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """hooks/serve.py's session on ``project`` (watching content/ as `make serve` does),
    run in a thread of the test."""
    servers: list[LiveReloadServer] = []

    class Recorded(serve.NotifiedReloadServer):
        poll_response_timeout = REBUILT_WITHIN - 5

        def __init__(self, *args: object, **options: object) -> None:
            super().__init__(*args, **options)
            servers.append(self)

    builds = serve.Session(BuildMemory(entry_folders()))
    monkeypatch.setattr(serve_command, "build", builds.build)
    monkeypatch.setattr(serve_command, "LiveReloadServer", Recorded)
    port = free_port()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            serve_command.serve(
                config_file=str(project / "mkdocs.yml"),
                dev_addr=f"127.0.0.1:{port}",
                watch=[str(project / "content")],
            )
        except BaseException as error:  # reported by the test, not lost with the thread
            failures.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    session = Session(f"http://127.0.0.1:{port}/")
    deadline = time.monotonic() + 120
    while not (servers and servers[0].serve_thread.is_alive()):
        assert thread.is_alive() and time.monotonic() < deadline, failures
        time.sleep(0.05)
    try:
        yield session
    finally:
        servers[0].shutdown()
        thread.join(timeout=30)
        if builds.collection is not None:
            builds.collection.cancel()  # not to freeze the objects of the tests that follow
    assert not failures, failures


# watchdog keeps watching a folder moved out (inotify follows the folder, not its path) and
# warns that it watches it anew when it comes back.
@pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")
def test_a_practice_folder_moved_out_of_content_leaves_the_site_and_comes_back(
    tmp_path: Path, fixed_epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs ignores the events of folders, and the system reports a folder moved out of
    the watched tree as that folder alone: its files are gone without an event of theirs."""
    project = make_site(tmp_path, "minimal", "practices")
    folder = project / "content" / FOLDER_PRACTICE.rstrip("/")
    outside = tmp_path / "moved-away"
    with serving(project, monkeypatch) as session:
        assert session.get(FOLDER_PRACTICE)[0] == 200

        assert session.rebuilt_after(lambda: shutil.move(folder, outside))
        assert session.get(FOLDER_PRACTICE)[0] == 404

        assert session.rebuilt_after(lambda: shutil.move(outside, folder))
        status, page = session.get(FOLDER_PRACTICE)
        assert (status, "Практика-папка" in page) == (200, True)


def refusing(
    code: int, call: Callable[..., int], refused: Callable[[Path], bool]
) -> Callable[..., int]:
    """``call`` into the system, failing as the kernel fails it (-1 and ``errno``) where the
    path it is given is ``refused`` (a call without a path always fails)."""

    def refusing_call(*args: object) -> int:
        paths = [Path(os.fsdecode(arg)) for arg in args if isinstance(arg, bytes)]
        if not paths or any(refused(path) for path in paths):
            ctypes.set_errno(code)
            return -1
        return call(*args)

    return refusing_call


def in_content(path: Path) -> bool:
    return path.parent.name == "content"


@pytest.mark.parametrize(
    ("refusal", "refused", "setting"),
    [
        # The limit of watches reached at the first folder: watchdog's start fails.
        ("inotify_add_watch", bool, "fs.inotify.max_user_watches="),
        # Reached within content/: watchdog starts, yet leaves content/practices/ unwatched.
        ("inotify_add_watch", in_content, "fs.inotify.max_user_watches="),
        # Too many watchers open already (each observer opens its own).
        ("inotify_init", bool, "fs.inotify.max_user_instances="),
    ],
)
def test_where_the_system_refuses_to_watch_the_server_polls_and_says_why(
    tmp_path: Path,
    fixed_epoch: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    refusal: str,
    refused: Callable[[Path], bool],
    setting: str,
) -> None:
    code = errno.ENOSPC if refusal == "inotify_add_watch" else errno.EMFILE
    monkeypatch.setattr(inotify_c, refusal, refusing(code, getattr(inotify_c, refusal), refused))
    project = make_site(tmp_path, "minimal", "practices")
    practice = project / PRACTICE
    with caplog.at_level(logging.WARNING, "mkdocs"), serving(project, monkeypatch) as session:
        assert session.get(PRACTICE_PAGE)[0] == 200

        edit = "Правка, которую заметил опрос файлов."
        assert session.rebuilt_after(
            lambda: practice.write_text(practice.read_text("utf-8") + f"\n{edit}\n", "utf-8")
        )
        assert edit in session.get(PRACTICE_PAGE)[1]

    [message] = [
        record.getMessage() for record in caplog.records if "inotify" in record.getMessage()
    ]
    assert message.startswith("Система не даёт следить за всеми файлами сайта")
    assert f"«sudo sysctl {setting}" in message


def test_a_new_folder_the_system_refuses_to_watch_is_named_in_the_terminal(
    tmp_path: Path,
    fixed_epoch: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The limit reached by a folder made while the server runs: watchdog lets it go
    unwatched in silence, so the site is built again once, as the folder appears, and the
    author is told that the changes in it will go unseen."""
    project = make_site(tmp_path, "minimal", "practices")
    folder = project / "content" / FOLDER_PRACTICE.rstrip("/")
    new = folder.with_name("new-practice")

    def is_new(path: Path) -> bool:
        return path == new

    real = inotify_c.inotify_add_watch
    monkeypatch.setattr(inotify_c, "inotify_add_watch", refusing(errno.ENOSPC, real, is_new))
    with caplog.at_level(logging.WARNING, "mkdocs"), serving(project, monkeypatch) as session:
        assert session.rebuilt_after(lambda: shutil.copytree(folder, new))

    [message] = [
        record.getMessage() for record in caplog.records if "inotify" in record.getMessage()
    ]
    assert message.startswith(f"Изменения в новой папке {new} сервер не заметит")
    assert "«sudo sysctl fs.inotify.max_user_watches=524288»" in message
