"""What a `make serve` session remembers between builds, so that saving one entry rebuilds
only what it touches.

``hooks/serve.py`` owns one ``BuildMemory`` for the whole session and hands it to the
build explicitly (hook modules outlive a build under ``mkdocs serve``, but nothing is kept
in module globals). It remembers:

- each Markdown entry as loaded and validated, with its problems, by the file's hash:
  an unchanged file is neither parsed nor checked again;
- the inputs every page shares (the YAML files of content/, docs/, templates/,
  overrides/, mkdocs.yml) and the list of entry files: when they are as at the last
  build that succeeded, only entries were edited, and the next build may skip every page
  whose Markdown (with its HTML blocks) is the same as then;
- for each page built: that Markdown's signature, its title, its anchors and its links
  to anchors, which a page that is not read again still needs (navigation, links to its
  anchors, and its own links checked against the anchors other pages have now);
- what each generated page's Markdown was made of (the entries it shows): a page made
  of the same is not even rendered again;
- the compiled templates (Jinja's bytecode, checked against each template's source);
- an entry's model checked without problems against the shared inputs, with the size and
  time of change of the files it publishes: while they and the entry stay the same, its
  files are not checked again.

Nothing here imports MkDocs, nor the registry of kinds: the session is told which folders
of content/ hold entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2

from mentoring.core.errors import Problem, Problems
from mentoring.core.hashing import sha256_hex

SHARED_FOLDERS = ("docs", "templates", "overrides")

Loaded = TypeVar("Loaded")


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return sha256_hex(data)


@dataclass(frozen=True)
class PageRecord:
    """A page as the last build left it."""

    signature: str
    title: str | None
    anchors: frozenset[str] | None
    # (path of the page linked to, anchor, the link as written) for each link to an anchor
    links_to_anchors: tuple[tuple[str, str, str], ...] = ()


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory; Jinja compiles a template again when
    its source changed (the bucket's checksum)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class BuildMemory:
    """The state one `make serve` session keeps from build to build."""

    # Folders of content/ whose files are entries, each its own page's input
    # (mentoring/kinds/registry.py: entry_folders).
    entry_folders: tuple[str, ...]
    # path shown in messages -> (hash of the file, what loading gave, problems it reported)
    entries: dict[str, tuple[str, object, tuple[Problem, ...]]] = field(default_factory=dict)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    shared: dict[str, str] | None = None  # inputs at the last build that succeeded
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    # Results that the shared inputs alone decide (the editor's files), until they change.
    derived: dict[str, object] = field(default_factory=dict)
    _reading: dict[str, str] | None = None  # inputs as the current build started

    def load_entry(
        self,
        file: Path,
        path: str,
        problems: Problems,
        load: Callable[[bytes, Problems], Loaded],
    ) -> Loaded:
        """What ``load`` gives for the bytes of ``file`` (read once), remembered until the
        file changes; the problems it reported are reported again on every build."""
        data = file.read_bytes()
        key = digest(data)
        known = self.entries.get(path)
        if known is not None and known[0] == key:
            problems.extend(known[2])
            return known[1]  # type: ignore[return-value]
        found = Problems()
        loaded = load(data, found)
        self.entries[path] = (key, loaded, tuple(found))
        problems.extend(found)
        return loaded

    def may_skip_unchanged_pages(self, project: Path) -> bool:
        """Called as a build starts: True when the inputs pages share are those of the
        last build that succeeded."""
        self._reading = shared_inputs(project, self.entry_folders)
        if self.shared is not None and self.shared == self._reading:
            return True
        self.derived.clear()
        return False

    def of_shared_inputs(self, name: str, compute: Callable[[], Loaded]) -> Loaded:
        """``compute()``, remembered while the shared inputs stay as they are."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]  # type: ignore[return-value]

    def checked_entry(
        self,
        path: str,
        inputs: Hashable,
        problems: Problems,
        check: Callable[[Problems], Loaded | None],
        files: Callable[[Loaded], Iterable[Path]],
    ) -> Loaded | None:
        """``check(found)`` for the entry loaded from ``path`` with ``inputs`` (what other
        entries decided for it), remembered while they, the entry's file, the shared inputs
        and the ``files`` of the result (by size and time of change) stay as they are. Only a
        result without problems is remembered, so every problem is found again."""
        remembered: dict[str, tuple[object, Loaded]] = self.of_shared_inputs("checked", dict)
        entry = self.entries.get(path)
        key = None if entry is None else (entry[0], inputs)
        known = remembered.pop(path, None)
        if key is not None and known is not None and known[0] == (key, _states(known[1], files)):
            remembered[path] = known
            return known[1]
        found = Problems()
        checked = check(found)
        problems.extend(found)
        if key is not None and checked is not None and not found:
            remembered[path] = ((key, _states(checked, files)), checked)
        return checked

    def page_inputs(self) -> dict[str, object]:
        """What each generated page was made of (mentoring/views/render.py), by its path; it
        starts empty whenever the shared inputs change, so the build then makes every page."""
        return self.of_shared_inputs("page inputs", dict)

    def built(self, pages: Iterable[tuple[str, PageRecord]]) -> None:
        """Remember a build that succeeded."""
        self.shared, self._reading = self._reading, None
        self.pages.update(pages)

    def failed(self) -> None:
        """After a failed build the site on disk is not the last good one: build it whole."""
        self.shared = None

    def unchanged(self, path: str, signature: str) -> PageRecord | None:
        """The record of a page whose Markdown is as when it was last built, else None."""
        record = self.pages.get(path)
        return record if record is not None and record.signature == signature else None


def _states(checked: Loaded, files: Callable[[Loaded], Iterable[Path]]) -> tuple[object, ...]:
    """Size and time of change of each file (None for a file that is gone)."""
    states: list[object] = []
    for file in files(checked):
        try:
            status = file.stat()
        except OSError:
            states.append(None)
        else:
            states.append((status.st_size, status.st_mtime_ns))
    return tuple(states)


def shared_inputs(project: Path, entry_folders: tuple[str, ...]) -> dict[str, str]:
    """Hash of every input pages share, and the names (not the text) of entry files."""
    found: dict[str, str] = {}
    for top in (".", "content", *SHARED_FOLDERS):
        for folder, subfolders, names in os.walk(project / top):
            relative = Path(folder).relative_to(project)
            if top == ".":
                subfolders.clear()  # mkdocs.yml and the like
            elif top == "content" and relative.parts[1:2] and relative.parts[1] in entry_folders:
                for name in names:  # an entry is its own page's input: only its name here
                    found[(relative / name).as_posix()] = "entry"
                continue
            for name in names:
                found[(relative / name).as_posix()] = digest((Path(folder) / name).read_bytes())
    return found
