"""What the editor saves is what `make check` accepts: every shipped entry and data file,
read and written back as Sveltia CMS writes it (mentoring/editor/serialize.mjs), passes the
check and renders the same pages; and a practice written by the editor from scratch does too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mentoring.editor.config import editor_config
from mentoring.editor.serialize import EditorFile, editor_files, field_order, write_like_the_editor
from mentoring.publish.sitediff import compare
from tests.helpers import REPO, build_site, check_messages, repository_project

CONFIG = editor_config("owner/name", {"plan_activities": []})


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    monkeypatch = pytest.MonkeyPatch()
    project = repository_project(tmp_path_factory.mktemp("shipped"), "project")
    assert build_site(project, monkeypatch).ok
    monkeypatch.undo()
    return project


def test_every_entry_written_back_by_the_editor_renders_the_same_site(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = repository_project(tmp_path, "edited")
    files = editor_files(CONFIG, project)
    before = {f.file: f.file.read_text("utf-8") for f in files}
    write_like_the_editor(files)
    rewritten = [f for f in files if f.file.read_text("utf-8") != before[f.file]]
    # Every file is rewritten (comments and folded lines go): the test compares real writes.
    assert len(files) >= 15 and len(rewritten) == len(files)
    # Every folder collection (practices in both forms, news, events, materials) is there.
    for collection in (c for c in CONFIG["collections"] if "folder" in c):
        in_folders = collection["path"].endswith("/index")
        assert any(
            f.file.is_relative_to(project / collection["folder"])
            and (f.file.name == "index.md") == in_folders
            for f in files
        ), collection["name"]
    assert check_messages(project) == []
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    diff = compare(shipped / "site", project / "site")
    assert not diff, diff


def test_a_practice_with_an_attachment_written_by_the_editor_passes_the_check(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry the editor saves for a new practice in folder form: the fields a methodist
    fills in, in the editor's order and style, and the uploaded file beside index.md."""
    project = repository_project(tmp_path, "new")
    folder = project / "content/practices/shkola-molodogo-uchitelia"
    folder.mkdir()
    shutil.copy(
        REPO / "content/practices/nastavniki-starsheklassniki/programma-obrazets.pdf",
        folder / "programma.pdf",
    )
    entry = folder / "index.md"
    # What the methodist typed into the editor's form, as its model holds it before saving
    # (JSON is YAML too): keys in any order, values as the widgets keep them.
    model = {
        "slug": "shkola-molodogo-uchitelia",
        "title": "«Школа молодого учителя»: год в профессии",
        "sample": True,
        "organization": "obrazets-shkola",
        "forms": ["pedagog-pedagog"],
        "date": "2025-11-20",
        "summary": "Образец: встречи молодых учителей с наставниками # по средам.",
        "plan": ["5.2"],
        "attachments": [{"title": "Программа", "file": "programma.pdf"}],
        "review": {"date": "2025-11-20", "status": "submitted", "body": "ЦРО (образец)"},
    }
    body = "## Цель\n\nПоддержать молодых учителей."
    entry.write_text(f"---\n{json.dumps(model, ensure_ascii=False)}\n---\n{body}\n", "utf-8")
    collection = next(c for c in CONFIG["collections"] if c["name"] == "practice_folders")
    write_like_the_editor([EditorFile(entry, "frontmatter", field_order(collection["fields"]))])
    written = entry.read_text("utf-8")
    assert written.startswith("---\ntitle: '«Школа молодого учителя»: год в профессии'\n")
    assert check_messages(project) == []
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    page = result.page("practices/shkola-molodogo-uchitelia/")
    assert "programma.pdf" in page and "Подана" in page


def test_the_editor_page_is_out_of_the_sitemap_search_and_nav(shipped: Path) -> None:
    site = shipped / "site"
    admin = (site / "admin/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    assert (site / "admin/config.yml").is_file() and (site / "admin/sveltia-cms.js").is_file()
    assert "admin" not in (site / "sitemap.xml").read_text("utf-8")
    assert "data-pagefind-body" not in admin  # the search indexes marked pages only
    linking = sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if not page.is_relative_to(site / "admin") and "admin/" in page.read_text("utf-8")
    )
    assert linking == ["guide/editor/index.html"]
