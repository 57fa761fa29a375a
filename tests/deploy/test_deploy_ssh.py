"""Deploy and roll back against a real OpenSSH server on 127.0.0.1 (see conftest.py)."""

from __future__ import annotations

import http.client
import re
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mentoring.publish.manifest import build_manifest
from tests.deploy.conftest import LOOPBACK, Host, LiveSite, changed_copy


def fetch(url: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    assert parts.hostname == LOOPBACK
    connection = http.client.HTTPConnection(LOOPBACK, parts.port, timeout=5)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("#", "mailto:")):
                self.links.append(value.split("#", 1)[0])


class Poller(threading.Thread):
    """Requests the home page in a loop bounded in time and records (status, body) of each."""

    LIMIT_S = 120

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.stop = threading.Event()
        self.first = threading.Event()
        self.answers: list[tuple[int, bytes]] = []

    def run(self) -> None:
        deadline = time.monotonic() + self.LIMIT_S
        while not self.stop.is_set() and time.monotonic() < deadline:
            self.answers.append(fetch(self.url))
            self.first.set()
            time.sleep(0.001)


def test_deploy_twice_sends_only_the_change_switches_atomically_and_rolls_back(
    host: Host, live_site: LiveSite, tmp_path: Path
) -> None:
    old_site = host.site_dir
    new_site = changed_copy(old_site, tmp_path / "site-b", "ВЕРСИЯ-Б")
    old_body = (old_site / "index.html").read_bytes()
    new_body = (new_site / "index.html").read_bytes()

    first = host.deploy()
    assert first.previous is None
    assert first.transferred == first.files == len(build_manifest(old_site))
    assert fetch(live_site.url) == (200, old_body)

    poller = Poller(live_site.url)
    poller.start()
    assert poller.first.wait(10)
    second = host.deploy(new_site)
    poller.stop.set()
    poller.join(10)

    assert second.previous == first.release
    assert second.transferred == 1  # only the changed page travelled
    assert host.log[-3:] == [
        f"Загружено изменённых файлов: 1 из {second.files}.",
        "Проверка пройдена: файлы на сервере совпадают с собранными.",
        f"Опубликована версия {second.release}; прежняя — {first.release}.",
    ]
    statuses = {status for status, _ in poller.answers}
    assert statuses == {200}, f"a request failed during the switch: {statuses}"
    bodies = [body for _, body in poller.answers]
    assert len(bodies) > 20, "too few requests to watch the switch"
    assert set(bodies) <= {old_body, new_body}, "a request saw a mixed or partial page"
    assert bodies[0] == old_body and bodies[-1] == new_body, "the requests spanned the switch"
    switched_at = bodies.index(new_body) if new_body in bodies else len(bodies)
    assert old_body not in bodies[switched_at:], "the old version came back after the switch"
    assert fetch(live_site.url) == (200, new_body)
    releases = host.path / "releases"
    css = next((old_site / "assets").rglob("*.css")).relative_to(old_site)
    assert (releases / first.release / css).stat().st_ino == (
        releases / second.release / css
    ).stat().st_ino, "unchanged files must be hard links to the previous release"

    assert host.rollback() == (second.release, first.release)
    assert host.live() == (f"releases/{first.release}", old_body.decode())
    assert fetch(live_site.url) == (200, old_body)


def test_links_feed_and_search_work_under_the_sub_path(host: Host, live_site: LiveSite) -> None:
    host.deploy()
    status, body = fetch(live_site.url)
    assert status == 200
    parser = _Links()
    parser.feed(body.decode())
    local = {urljoin(live_site.url, link) for link in parser.links}
    local = {url for url in local if url.startswith(live_site.url)}
    assert len(local) > 10
    local |= {urljoin(live_site.url, "pagefind/pagefind.js")}
    broken = sorted(url for url in local if fetch(url)[0] != 200)
    assert broken == []
    status, feed = fetch(urljoin(live_site.url, "news/feed.xml"))
    assert status == 200
    links = re.findall(r'href="([^"]+)"', feed.decode())
    assert links and all(link.startswith(live_site.url) for link in links)
    assert all(fetch(link)[0] == 200 for link in links)


def test_keeps_the_newest_releases_and_reads_secrets_from_files(host: Host, tmp_path: Path) -> None:
    key = tmp_path / "deploy_key"
    key.write_text(host.server.user_key)
    key.chmod(0o600)
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(host.server.known_hosts + "\n")
    from_files = {
        "DEPLOY_SSH_KEY": "",
        "DEPLOY_SSH_KEY_FILE": str(key),
        "DEPLOY_KNOWN_HOSTS": "",
        "DEPLOY_KNOWN_HOSTS_FILE": str(known_hosts),
    }
    reports = [host.deploy(DEPLOY_KEEP="2", **(from_files if i else {})) for i in range(3)]
    kept = sorted(p.name for p in (host.path / "releases").iterdir())
    assert kept == [reports[1].release, reports[2].release]
    assert reports[2].removed == [reports[0].release]
    assert host.live()[0] == f"releases/{reports[2].release}"
