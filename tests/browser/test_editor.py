"""The web editor /admin/: boots from the vendored bundle, talks Russian, lists every
collection with our labels, reaches no third-party origin but the Git host's status page,
and works with a local repository (the File System Access API, answered here from the
browser's origin-private file system) so that a practice can be created through it."""

from __future__ import annotations

import base64
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from mentoring.editor.collections import COLLECTIONS
from tests.helpers import build_site, check_messages, repository_project

ROOT = Path(__file__).resolve().parents[2]
GIT_HOST = ("https://api.github.com/", "https://www.githubstatus.com/")

# Hands the editor a copy of content/ as "the local repository" when it asks for a folder.
LOCAL_REPOSITORY = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  const repo = await root.getDirectoryHandle('repo', {create: true});
  for (const [path, data] of Object.entries(%s)) {
    const parts = path.split('/');
    let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
  window.localRepository = repo;
  return repo;
};
"""


def _repository_files() -> dict[str, str]:
    files = {".git/HEAD": base64.b64encode(b"ref: refs/heads/main\n").decode()}
    for file in (ROOT / "content").rglob("*"):
        if file.is_file():
            files[file.relative_to(ROOT).as_posix()] = base64.b64encode(file.read_bytes()).decode()
    return files


def _open_editor(new_page, site_server: str):
    page = new_page()
    network: list[str] = []

    def outside(route) -> None:
        network.append(route.request.url)
        route.abort()

    page.context.route(lambda url: not url.startswith(site_server), outside)
    served_by_worker: list[str] = []
    page.on(
        "response",
        lambda r: served_by_worker.append(r.url) if r.from_service_worker else None,
    )
    page.context.add_init_script(LOCAL_REPOSITORY % json.dumps(_repository_files()))
    page.goto("/admin/")
    return page, network, served_by_worker


def _work_locally(page) -> None:
    page.get_by_text("Работать с локальным репозиторием").click()
    page.get_by_text("Коллекции").wait_for()


def test_editor_boots_in_russian_from_vendored_files(new_page, site_server: str) -> None:
    page, network, served_by_worker = _open_editor(new_page, site_server)
    page.get_by_text("Работать с локальным репозиторием").wait_for()
    assert page.get_by_text("Войти с помощью токена доступа").is_visible()
    assert any(url.endswith("/locales/ru.json") for url in served_by_worker), served_by_worker
    fonts = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.status === 'loaded').map(f => f.family))"
    )
    assert "Material Symbols Outlined" in fonts
    assert [u for u in network if not u.startswith(GIT_HOST)] == []
    robots = page.locator("meta[name=robots]").first.get_attribute("content")
    assert robots == "noindex, nofollow"


def _collection_link(page, label: str):
    """A collection in the editor's list (an option of the list box on a wide screen)."""
    return page.get_by_role("option", name=label).or_(page.get_by_text(label, exact=True)).first


def test_every_collection_is_listed_with_our_labels(new_page, site_server: str) -> None:
    page, network, _ = _open_editor(new_page, site_server)
    _work_locally(page)
    for settings in COLLECTIONS:
        assert _collection_link(page, settings.label).is_visible(), settings.label
    assert [u for u in network if not u.startswith(GIT_HOST)] == []


def _open_collection(page, label: str) -> None:
    _work_locally(page)
    _collection_link(page, label).click()


def test_the_practices_readme_is_not_an_entry(new_page, site_server: str) -> None:
    """content/practices/README.md explains the folder to people who open it in Git: the
    loader skips it, and so does the editor's list «Практики (один файл)»."""
    page, _, _ = _open_editor(new_page, site_server)
    _open_collection(page, "Практики (один файл)")
    rows = page.get_by_role("row")
    rows.first.wait_for()
    files = sorted((ROOT / "content/practices").glob("*.md"))
    titles = [
        yaml.safe_load(f.read_text("utf-8").split("---")[1])["title"]
        for f in files
        if f.name != "README.md"
    ]
    assert len(titles) == len(files) - 1 >= 2
    assert sorted(row.inner_text().strip() for row in rows.all()) == sorted(titles)


# Every file under a folder of the local repository, as text or as its size for binaries.
READ_FOLDER = """async (folder) => {
  let dir = window.localRepository;
  for (const part of folder.split('/')) dir = await dir.getDirectoryHandle(part);
  const files = {};
  for await (const [name, handle] of dir.entries()) {
    const file = await handle.getFile();
    files[name] = name.endsWith('.md') ? await file.text() : file.size;
  }
  return files;
}"""
# The editor draws the fields of a long entry as they are scrolled to.
SCROLL_DOWN = """document.querySelectorAll('*').forEach((e) => {
  if (e.scrollHeight > e.clientHeight + 10 && /auto|scroll/.test(getComputedStyle(e).overflowY))
    e.scrollTop += 300;
})"""


def _field(page, key: str):
    """The editing section of a field, scrolled to until the editor has drawn it."""
    section = page.locator(f'section.field[data-key-path="{key}"]')
    for _ in range(30):
        if section.count():
            section.scroll_into_view_if_needed()
            return section
        page.evaluate(SCROLL_DOWN)
        page.wait_for_timeout(150)
    raise AssertionError(f"the editor shows no field {key}")


ATTACHMENT = ROOT / "content/practices/nastavniki-starsheklassniki/programma-obrazets.pdf"
SLUG = "shkola-molodogo-uchitelia"


class Methodist:
    """Drives the editor as a person does, and counts what the person does: every click or
    choice (a decision), every character typed, every field filled. ``make bench-editor``
    (scripts/bench_editor.py) turns the counts into an estimate of a person's time."""

    def __init__(self, page) -> None:
        self.page = page
        self.decisions = 0
        self.typed = 0
        self.fields: list[str] = []
        self.started = time.monotonic()

    def click(self, locator) -> None:
        locator.click()
        self.decisions += 1

    def fill(self, locator, text: str, field: str) -> None:
        """Click into the field, type the text."""
        self.click(locator)
        locator.fill(text)
        self.typed += len(text)
        self.fields.append(field)

    def type_text(self, locator, text: str, field: str) -> None:
        """Click into a rich text field, type the text key by key."""
        self.click(locator)
        self.page.keyboard.type(text)
        self.typed += len(text)
        self.fields.append(field)

    def choose_file(self, button, file: Path) -> None:
        """In the system's file dialog: find the folder, pick the file (two decisions)."""
        with self.page.expect_file_chooser() as chooser:
            self.click(button)
        chooser.value.set_files(file)
        self.decisions += 2

    def record(self, scenario: str, entry: str) -> None:
        """For scripts/bench_editor.py: the counts, the machine's time, the saved entry."""
        target = os.environ.get("EDITOR_STEPS")
        if not target:
            return
        steps = Path(target)
        done = json.loads(steps.read_text("utf-8")) if steps.exists() else {}
        done[scenario] = {
            "decisions": self.decisions,
            "typed": self.typed,
            "fields": self.fields,
            "machine_seconds": round(time.monotonic() - self.started, 1),
            "entry": entry,
        }
        steps.write_text(json.dumps(done, ensure_ascii=False, indent=2), "utf-8")


def _saved(page, folder: str, written: Callable[[dict], bool]) -> dict:
    """The files in a folder of the local repository once the editor has ``written`` there
    (it saves in the background after «Сохранить»)."""
    saved: dict = {}
    for _ in range(50):
        saved = page.evaluate(
            f"({READ_FOLDER})(arguments[0]).catch(() => ({{}}))".replace(
                "arguments[0]", json.dumps(folder)
            )
        )
        if written(saved):
            break
        page.wait_for_timeout(200)
    return saved


def test_a_practice_made_in_the_editor_passes_the_check(
    new_page, site_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A methodist's steps in the Russian interface: new practice in folder form, the
    fields, an uploaded attachment, «Сохранить»; what the editor writes passes make check."""
    page, network, _ = _open_editor(new_page, site_server)
    _work_locally(page)
    person = Methodist(page)
    person.click(page.get_by_role("button", name="Создать").first)
    person.click(page.get_by_role("menuitem", name="Практики (папка с приложениями)"))
    title = page.get_by_role("textbox", name="Название практики")
    person.fill(title, "Школа молодого учителя", "title")
    person.click(page.get_by_role("radio", name="Школа (образец)"))
    person.click(page.get_by_role("combobox", name="Формы наставничества"))
    person.click(page.get_by_role("option", name="педагог – педагог"))
    person.click(title)  # closes the list of forms
    person.fill(page.locator('[data-key-path="date"] input[type=date]'), "2025-11-20", "date")
    person.fill(
        page.get_by_role("textbox", name="Краткое описание для карточки практики"),
        "Образец: встречи молодых учителей с наставниками по средам.",
        "summary",
    )
    person.click(page.get_by_role("button", name=re.compile("Добавить.*Приложенные файлы")))
    person.fill(
        page.get_by_role("textbox", name="Как файл назван на странице"),
        "Программа",
        "attachments.title",
    )
    person.click(page.get_by_role("button", name="Обзор"))
    dialog = page.get_by_role("dialog")
    person.choose_file(dialog.get_by_role("button", name=re.compile("Загрузить")), ATTACHMENT)
    person.click(dialog.get_by_role("button", name="Вставить"))
    person.fill(_field(page, "slug").get_by_role("textbox"), SLUG, "slug")
    person.click(_field(page, "sample").get_by_role("switch"))
    person.type_text(
        _field(page, "body").locator('[contenteditable="true"]'),
        "Поддержать молодых учителей в первый год работы.",
        "body",
    )
    person.click(page.get_by_role("button", name="Сохранить"))

    folder = f"content/practices/{SLUG}"
    saved = _saved(page, folder, lambda files: {"index.md", "programma-obrazets.pdf"} <= set(files))
    assert saved["programma-obrazets.pdf"] == ATTACHMENT.stat().st_size
    entry = saved["index.md"]
    assert entry.startswith("---\ntitle: Школа молодого учителя\norganization: obrazets-shkola\n")
    assert "attachments:\n  - file: programma-obrazets.pdf\n    title: Программа\n" in entry
    assert "sample: true\n" in entry
    assert entry.endswith("---\n\nПоддержать молодых учителей в первый год работы.\n")
    assert [u for u in network if not u.startswith(GIT_HOST)] == []
    person.record("practice", entry)

    project = repository_project(tmp_path)
    (project / folder).mkdir()
    (project / folder / "index.md").write_text(entry, "utf-8")
    (project / folder / "programma-obrazets.pdf").write_bytes(ATTACHMENT.read_bytes())
    assert check_messages(project) == []
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    assert "programma-obrazets.pdf" in result.page(f"practices/{SLUG}/")


EVENT_SLUG = "seminar-kuratorov"


def test_an_event_made_in_the_editor_passes_the_check(
    new_page, site_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An announcement through «Анонсы мероприятий»: times as the schema writes them, the
    organiser picked by name; what the editor writes passes make check and is published."""
    page, network, _ = _open_editor(new_page, site_server)
    _work_locally(page)
    person = Methodist(page)
    person.click(page.get_by_role("button", name="Создать").first)
    person.click(page.get_by_role("menuitem", name="Анонсы мероприятий"))
    for key, text in (
        ("title", "Семинар кураторов (образец)"),
        ("summary", "Образец анонса: кураторы школ обсуждают итоги полугодия."),
        ("start", "2027-03-10 15:00"),
        ("end", "2027-03-10 17:00"),
        ("place", "онлайн"),
        ("audience", "кураторы программ наставничества школ"),
    ):
        person.fill(_field(page, key).get_by_role("textbox"), text, key)
    person.click(_field(page, "organizer").get_by_role("radio", name="ЦРО", exact=True))
    person.fill(_field(page, "slug").get_by_role("textbox"), EVENT_SLUG, "slug")
    person.click(_field(page, "sample").get_by_role("switch"))
    person.type_text(
        _field(page, "body").locator('[contenteditable="true"]'),
        "Повестка будет разослана кураторам заранее.",
        "body",
    )
    person.click(page.get_by_role("button", name="Сохранить"))

    name = re.compile(rf"2027-03-10-{EVENT_SLUG}\.md")  # the day of the event, not today
    saved = _saved(page, "content/events", lambda files: any(map(name.fullmatch, files)))
    [file] = [n for n in saved if name.fullmatch(n)]
    entry = saved[file]
    assert entry.startswith("---\ntitle: Семинар кураторов (образец)\nsummary: ")
    assert "organizer: cro\n" in entry and "sample: true\n" in entry
    # The switch writes «draft: false»: the loader reads it as no draft, and the page is out.
    assert "draft: false\n" in entry
    assert entry.endswith("---\n\nПовестка будет разослана кураторам заранее.\n")
    assert [u for u in network if not u.startswith(GIT_HOST)] == []
    person.record("event", entry)

    project = repository_project(tmp_path)
    (project / "content/events" / file).write_text(entry, "utf-8")
    assert check_messages(project) == []
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    page_html = result.page(f"events/{EVENT_SLUG}/")
    assert "Семинар кураторов (образец)" in page_html and "10 марта 2027" in page_html
