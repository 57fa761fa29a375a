"""`make serve` learns of saved files from the system's watcher (hooks/serve.py), and only
of changes: the build reads every watched file, and a read must not start another build."""

from __future__ import annotations

import queue
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from tests.build.test_serve_problems import serve

QUIET = 0.5  # seconds in which an unwanted event would have arrived


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
        assert [event for event in drained(seen, QUIET) if not event.is_directory] == []

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
