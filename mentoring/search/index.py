"""The site search index: Pagefind fed with the pages of the build, and the section of each page.

Pagefind stems Russian (наставничество → наставничества), folds «ё» into «е» and splits
the index into chunks that a browser loads only when a query needs them. It indexes only
the elements marked ``data-pagefind-body`` (the article of each page, see
overrides/partials/page-body.html) and reads the language from ``<html lang="ru">``.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring.kinds.registry import TYPES
from mentoring.search.canonical import canonical_filters

BUNDLE_DIR = "pagefind"
# Parts of the article that are controls or decoration, not text to be found.
EXCLUDED_SELECTORS = (
    ".headerlink",  # the «¶» permalink after each heading
    "[data-plan-filters]",  # the plan's filter form
    "[data-search-panel] form",  # search forms (the search page is not indexed anyway)
    ".md-source-file",
    # Lists of entries (bank, facet and organisation pages, news lists, the home page):
    # a query should lead to the entry itself, not to every list that repeats its summary.
    ".practice-list",
    ".entry-list",
)
# Pagefind's ready-made interfaces: the site has its own (overrides/assets/javascripts/
# search.js on top of pagefind.js), so these 420 KB would be published for nothing.
UNUSED_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
INDEX_TIMEOUT_S = 600  # longest wait for one answer of Pagefind
# Pages whose article carries this attribute are searchable (overrides/partials/page-body.html).
BODY_MARKER = "data-pagefind-body"
# The section shown next to a search result, by the first segment of the page URL
# (mentoring/kinds/registry.py declares it with each kind of content).
SECTIONS = {
    "": "Главная",
    **{kind.section: kind.search_section for kind in TYPES if kind.section and kind.search_section},
}


class SearchIndexError(Exception):
    """The search index could not be built; the message is for the person running the build."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    languages: dict[str, int]  # pages per language Pagefind detected: one index each
    files: int
    bytes: int
    seconds: float  # from the start of Pagefind to the index on disk
    final_seconds: float  # of which after the last page: what the build waits for


def _segments(url: str) -> list[str]:
    path = url.split("#", 1)[0].split("?", 1)[0]
    return [part for part in path.split("/") if part and part != "index.html"]


def section_of(url: str, title: str) -> str:
    """Section label of a page from its site-relative URL (``plan/`` → «План»).

    Pages of an unlisted first segment (a one-page section such as a new hand-written
    page) are labelled with their own title.
    """
    segments = _segments(url)
    first = segments[0].removesuffix(".html") if segments else ""
    return SECTIONS.get(first, title)


def is_entry(url: str) -> bool:
    """Whether the page is an entry of a section (``practices/x/``), not its root page.

    Lists such as the practice bank search only their entries (filter ``collection``),
    so that the list page itself, which repeats their texts, is not among them.
    """
    return len(_segments(url)) > 1


class PagefindIndexer:
    """A Pagefind process that indexes pages while the rest of the site is being built.

    Pagefind parses each page on another core as soon as it is handed over; the build
    hands over every page's article before writing the first page and lets it write the
    index meanwhile (``start_finishing``), so that little is left for the end of the
    build. Pagefind's service protocol is spoken directly (base64 JSON messages ending in
    «,» on stdin and stdout): the ``pagefind`` Python wrapper polls for each answer with a
    0.1 s pause, which would cost minutes on a few thousand pages.
    """

    def __init__(self, bundle: Path, *, timeout_s: float = INDEX_TIMEOUT_S) -> None:
        from pagefind.service import get_executable

        self.bundle = bundle.resolve()
        self.timeout_s = timeout_s
        self.started = time.perf_counter()
        program = get_executable()
        try:
            if program is None:
                raise FileNotFoundError
            self._process = subprocess.Popen(
                [str(program), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # missing, not executable, not a program for this machine
            raise SearchIndexError(
                "не найдена программа Pagefind (пакет pagefind[bin]); "
                "переустановите зависимости: make venv"
            ) from None
        self._finalizer = weakref.finalize(self, _kill, self._process)
        self.pages = 0  # pages handed over for indexing
        self._answers: dict[int, dict[str, Any]] = {}  # kept for requests that wait
        self._pending: set[int] = set()  # pages sent and not yet answered
        self._errors: list[str] = []
        self._ended = False  # Pagefind closed its output (or garbled it): no more answers
        self._garbled = b""  # what Pagefind wrote that is not its protocol
        self._changed = threading.Condition()
        self._last_id = 0
        self._outbox: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self._finished: Future[IndexStats] | None = None  # ``start_finishing``
        threading.Thread(target=self._read, name="pagefind-reader", daemon=True).start()
        threading.Thread(target=self._write, name="pagefind-writer", daemon=True).start()
        config = {"exclude_selectors": list(EXCLUDED_SELECTORS)}
        answer = self._ask({"type": "NewIndex", "config": config})
        self._index_id: int = answer["index_id"]

    def add_page(self, path: str, html: str) -> None:
        """Hand over a built page (``path`` relative to the site, e.g. ``plan/index.html``).

        Only pages that mark their text with ``data-pagefind-body`` are searchable;
        the others are not sent at all.
        """
        if BODY_MARKER in html:
            self.add_searchable_part(path, searchable_part(html))

    def add_searchable_part(self, path: str, part: str) -> None:
        """Hand over what ``searchable_part`` cuts from a page, made without the page
        (hooks/site.py renders it before any page is written); a part without
        ``data-pagefind-body`` is not sent."""
        if BODY_MARKER not in part:
            return
        self.pages += 1
        payload = {
            "type": "AddFile",
            "index_id": self._index_id,
            "file_path": path,
            "url": None,
            "file_contents": part,
        }
        self._send(payload, waited_for=False)

    def start_finishing(self) -> None:
        """``finish`` on a thread of its own, once every page is handed over: Pagefind
        writes the index while the build writes the pages; ``finish`` then waits for it."""
        finished: Future[IndexStats] = Future()

        def finish() -> None:
            try:
                finished.set_result(self._finish())
            except BaseException as error:  # raised again by ``finish``
                finished.set_exception(error)

        self._finished = finished
        threading.Thread(target=finish, name="pagefind-finish", daemon=True).start()

    def finish(self) -> IndexStats:
        """Write the index into the bundle folder and stop Pagefind (or wait until the
        thread of ``start_finishing`` has); the statistics say how long the caller waited."""
        waiting = time.perf_counter()
        stats = self._finish() if self._finished is None else self._finished.result()
        return dataclasses.replace(stats, final_seconds=time.perf_counter() - waiting)

    def _finish(self) -> IndexStats:
        try:
            with self._changed:
                self._wait_until(lambda: not self._pending)
            if self._errors:
                raise SearchIndexError(f"Pagefind не смог построить индекс: {self._errors[0]}")
            if not self.pages:
                raise SearchIndexError(
                    f"на сайте нет ни одной страницы для поиска (с атрибутом {BODY_MARKER})"
                )
            shutil.rmtree(self.bundle, ignore_errors=True)  # no stale chunks from a last build
            self._ask(
                {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(self.bundle)}
            )
            self._wait_for_open_files()
            self._outbox.put(None)  # end of input: Pagefind exits
            with self._changed:
                self._wait_until(lambda: self._ended)
        finally:
            self.close()
        for name in UNUSED_UI_FILES:
            (self.bundle / name).unlink(missing_ok=True)
        canonical_filters(self.bundle)  # the same pages, the same bytes
        languages = _indexed_languages(self.bundle)
        files = [path for path in self.bundle.rglob("*") if path.is_file()]
        return IndexStats(
            pages=sum(languages.values()),
            languages=languages,
            files=len(files),
            bytes=sum(path.stat().st_size for path in files),
            seconds=time.perf_counter() - self.started,
            final_seconds=0.0,  # set by ``finish``
        )

    def _wait_for_open_files(self) -> None:
        """Wait until Pagefind holds no file of the bundle open.

        Pagefind answers WriteFiles while its last writes may still be running on
        background threads, and exits the moment its input ends, losing them (seen as an
        empty pagefind-entry.json in 2 of 30 builds). Its open files are read from /proc;
        where there is no /proc nothing is waited for.
        """
        descriptors = Path(f"/proc/{self._process.pid}/fd")
        bundle = str(self.bundle)
        deadline = time.monotonic() + self.timeout_s
        while descriptors.is_dir() and time.monotonic() < deadline:
            targets = []
            for descriptor in descriptors.iterdir():
                with contextlib.suppress(OSError):  # closed while being listed
                    targets.append(os.readlink(descriptor))
            if not any(target.startswith(bundle) for target in targets):
                return
            time.sleep(0.005)

    def close(self) -> None:
        """Stop Pagefind whatever state it is in (also when the build failed)."""
        self._outbox.put(None)
        self._finalizer()

    @property
    def exit_code(self) -> int | None:
        """Exit code of the Pagefind process, None while it runs."""
        return self._process.poll()

    def _send(self, payload: dict[str, Any], *, waited_for: bool) -> int:
        with self._changed:
            self._last_id += 1
            message_id = self._last_id
            if not waited_for:
                self._pending.add(message_id)
        self._outbox.put({"message_id": message_id, "payload": payload})
        return message_id

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        message_id = self._send(payload, waited_for=True)
        with self._changed:
            self._wait_until(lambda: message_id in self._answers)
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind не смог построить индекс: {answer.get('message')}")
        return answer

    def _wait_until(self, ready: Callable[[], bool]) -> None:
        """Wait (holding ``_changed``) until ``ready()``; a dead or silent Pagefind raises."""
        if self._changed.wait_for(lambda: ready() or self._ended, timeout=self.timeout_s):
            if ready():
                return
            if self._garbled:
                self.close()
                shown = self._garbled[:80].decode(errors="replace").strip()
                raise SearchIndexError(f"Pagefind ответил непонятно: «{shown}»")
            try:
                code = self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            self.close()
            raise SearchIndexError(f"Pagefind неожиданно завершил работу (код {code})")
        self.close()
        raise SearchIndexError(f"Pagefind не закончил работу за {self.timeout_s:g} с")

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (message := self._outbox.get()) is not None:
                encoded = json.dumps(message, ensure_ascii=False).encode()
                stdin.write(base64.b64encode(encoded) + b",")  # answered after the comma
                if self._outbox.empty():
                    stdin.flush()
        except (BrokenPipeError, ValueError):  # Pagefind has exited; the reader says so
            return
        finally:
            with contextlib.suppress(BrokenPipeError, ValueError):
                stdin.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffer = b""
        while chunk := stdout.read1(1 << 16):  # type: ignore[attr-defined]  # BufferedReader
            *messages, buffer = (buffer + chunk).split(b",")
            try:
                for message in messages:
                    self._receive(json.loads(base64.b64decode(message)))
            except ValueError:  # not the service protocol: stop listening, and say so
                self._garbled = message
                break
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def _receive(self, response: dict[str, Any]) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        if message_id is None and (original := payload.get("original_message")):
            message_id = json.loads(original).get("message_id")
        with self._changed:
            if message_id in self._pending:
                self._pending.discard(message_id)
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
            elif message_id is not None:
                self._answers[message_id] = payload
            elif payload.get("type") == "Error":
                self._errors.append(str(payload.get("message")))
            self._changed.notify_all()


_HTML_START = re.compile(r"<html\b[^>]*>", re.I)


def searchable_part(html: str) -> str:
    """The page cut down to what Pagefind reads: ``<html lang>`` and the element marked
    ``data-pagefind-body`` (with every filter and meta attribute inside it).

    A third of a page or less: the header, menus and footer are never indexed, and
    sending, encoding and parsing them took half of the search's time. The body element
    is the last thing in the page's ``<article>`` (overrides/partials/page-body.html);
    a page of another shape is handed over whole.
    """
    marker = html.find(BODY_MARKER)
    start = html.rfind("<", 0, marker)
    end = html.rfind("</article>")
    html_tag = _HTML_START.search(html, 0, start) if start >= 0 else None
    if html_tag is None or end < marker:
        return html
    return f"<!doctype html>{html_tag.group(0)}<body>{html[start:end]}</body></html>"


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


def build_index(site_dir: Path, *, timeout_s: float = INDEX_TIMEOUT_S) -> IndexStats:
    """Index the HTML pages already written in ``site_dir`` into ``site_dir/pagefind/``.

    For tools that index a finished site; the build itself hands pages over as it
    writes them (hooks/site.py). Raises SearchIndexError in Russian.
    """
    site_dir = site_dir.resolve()
    bundle = site_dir / BUNDLE_DIR
    pages = sorted(path for path in site_dir.rglob("*.html") if bundle not in path.parents)
    indexer = PagefindIndexer(bundle, timeout_s=timeout_s)
    try:
        for page in pages:
            indexer.add_page(page.relative_to(site_dir).as_posix(), page.read_text("utf-8"))
        return indexer.finish()
    finally:
        indexer.close()


def _indexed_languages(bundle: Path) -> dict[str, int]:
    """Pages per language, from the bundle's entry file that pagefind.js reads first."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise SearchIndexError(f"Pagefind не записал файлы поиска в {bundle}") from None
    return {code: language["page_count"] for code, language in entry["languages"].items()}
