"""The web editor /admin/: boots from the vendored bundle, talks Russian, lists every
collection with our labels, reaches no third-party origin but the Git host's status page,
and works with a local repository (the File System Access API, answered here from the
browser's origin-private file system) so that a practice can be created through it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from mentoring.editor.collections import COLLECTIONS

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


def test_every_collection_is_listed_with_our_labels(new_page, site_server: str) -> None:
    page, network, _ = _open_editor(new_page, site_server)
    page.get_by_text("Работать с локальным репозиторием").click()
    page.get_by_text("Коллекции").wait_for()
    for settings in COLLECTIONS:
        assert (
            page.get_by_role("option", name=settings.label)
            .or_(page.get_by_text(settings.label, exact=True))
            .first.is_visible()
        ), settings.label
    assert [u for u in network if not u.startswith(GIT_HOST)] == []
