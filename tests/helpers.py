"""Build tiny MkDocs sites in a temp dir, in-process, and capture the log."""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from mentoring.content import load_content
from mentoring.core.errors import ContentError
from mentoring.core.files import SIGNATURES
from scripts.check import check

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A frozen copy of the shipped content for unit tests that need all of it (its README.md).
SNAPSHOT_CONTENT = FIXTURES / "snapshot" / "content"
FIXED_EPOCH = "1764201600"  # 27.11.2025 03:00 МСК: statuses are computed for this date


@dataclass
class BuildResult:
    ok: bool
    site_dir: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    abort_message: str = ""

    def page(self, url_path: str) -> str:
        """HTML of a built page, e.g. ``page("plan/")``."""
        file = self.site_dir / url_path
        if url_path.endswith("/") or url_path == "":
            file = file / "index.html"
        return file.read_text(encoding="utf-8")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _ConfigLoader(yaml.Loader):
    """Reads mkdocs.yml as written; ``!ENV`` values become their defaults (empty site_url)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def real_config() -> dict:
    """The repository's mkdocs.yml as data."""
    return yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)


def make_site(tmp_path: Path, fixture: str = "minimal", *overlays: str) -> Path:
    """Copy a fixture site into ``tmp_path`` with an mkdocs.yml derived from the real one.

    ``overlays`` are further fixtures copied over it (e.g. practices over minimal).
    """
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    for overlay in overlays:
        shutil.copytree(FIXTURES / overlay, project, dirs_exist_ok=True)
    config = real_config()
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    # Pages under generated/ stand for generated ones (tests/generated_pages.py).
    config["hooks"].append(str(Path(__file__).resolve().parent / "generated_pages.py"))
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.pop("nav", None)
    # Pages are out of the nav here; links are validated as on the real site.
    config["validation"]["nav"]["omitted_files"] = "info"
    (project / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    return project


def edited_site(tmp_path: Path, content_file: str, old: str, new: str) -> Path:
    """The minimal fixture site with ``old`` replaced by ``new`` in content/``content_file``;
    fails when the file has no ``old``, so an edit that changes nothing cannot pass unseen."""
    project = make_site(tmp_path)
    path = project / "content" / content_file
    text = path.read_text("utf-8")
    assert old in text, f"content/{content_file} has no {old!r}"
    path.write_text(text.replace(old, new), "utf-8")
    return project


def repository_project(tmp_path: Path, name: str = "project") -> Path:
    """The repository's own content/ and docs/ in a temporary folder, with its mkdocs.yml."""
    project = tmp_path / name
    project.mkdir()
    for folder in ("content", "docs"):
        shutil.copytree(REPO / folder, project / folder)
    config = real_config()
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    (project / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    return project


def check_messages(project: Path) -> list[str]:
    """What `make check` reports for ``project``: its errors, then its failure line."""
    with contextlib.redirect_stdout(io.StringIO()):
        result = check(project / "mkdocs.yml")
    return [*result.errors, *([result.failure] if result.failure else [])]


def build_site(
    project: Path, monkeypatch=None, *, check_parity: bool = True, **overrides: object
) -> BuildResult:
    """Build ``project`` in-process with a fixed build date; never raises on bad content.

    When the build fails, ``make check`` (scripts/check.py) must fail on the same project
    with the same messages: every bad-input case of the build tests is a parity case too.
    Pass ``check_parity=False`` only for a failure no reading of the content can foresee
    (the search program missing, say).
    """
    if monkeypatch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    site_dir = project / "site"
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    result = BuildResult(ok=False, site_dir=site_dir)
    try:
        config = load_config(
            str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides
        )
        build(config)
        result.ok = True
    except (Abort, ConfigurationError) as error:
        result.abort_message = str(error)
    finally:
        logger.removeHandler(capture)
    for record in capture.records:
        target = result.errors if record.levelno >= logging.ERROR else result.warnings
        target.append(record.getMessage())
    if not result.ok and check_parity:
        with contextlib.redirect_stdout(io.StringIO()):  # annotations: printed by the build
            checked = check(project / "mkdocs.yml", **overrides)
        assert (checked.errors, checked.failure) == (result.errors, result.abort_message), (
            "make check must refuse what the build refuses, with the same messages"
        )
    return result


def content_problems(content_dir: Path) -> list[str]:
    """The report lines of content that must not load (fails the test if it loads)."""
    try:
        load_content(content_dir)
    except ContentError as error:
        return error.report_lines()
    raise AssertionError(f"{content_dir} loaded, but problems were expected")


def sample_bytes(extension: str, size: int = 0) -> bytes:
    """A tiny file that passes the check by first bytes for ``extension``, padded to ``size``."""
    folders = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
    kinds = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}

    def archive(padding: int) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zipped:
            if extension in kinds:
                mimetype = f"application/vnd.oasis.opendocument.{kinds[extension]}"
                zipped.writestr("mimetype", mimetype)
                zipped.writestr("content.xml", "<office:document-content/>")
            else:
                zipped.writestr("[Content_Types].xml", "<Types/>")
                zipped.writestr(f"{folders[extension]}main.xml", "<main/>")
            zipped.writestr("padding.bin", b"0" * padding)
        return buffer.getvalue()

    if extension in folders or extension in kinds:
        data = archive(0)
        return archive(size - len(data)) if size > len(data) else data
    head = SIGNATURES[extension]
    return head + b"0" * max(0, size - len(head))


def generated_site(base: Path, n: int) -> Path:
    """The repository's content with ``n`` generated practices and news
    (scripts/bench/synthesis.py), built in-process with a fixed build date; the site dir."""
    from scripts.bench.synthesis import make_projects

    project, baseline = make_projects(base, n)
    if baseline is not None:
        shutil.rmtree(baseline)
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch)
    assert result.ok, result.errors or result.abort_message
    return result.site_dir
