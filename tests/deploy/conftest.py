"""Fixtures for the deploy tests: a real OpenSSH server, a built site, a loopback web server.

Debian's /usr/sbin/sshd runs in the foreground on a free 127.0.0.1 port with its own
config, a generated host key and a generated user key (authorized for whoever runs the
tests; CI runs as root). The fixture site is built once per session for the address the
web server serves it at, under the sub-path /sub/, so links, the feed and search are
checked where they will be deployed. Install the binaries with `make deploy-deps`.
"""

from __future__ import annotations

import functools
import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mentoring.publish.errors import PublishError
from mentoring.publish.releases import DeployReport, Publisher
from mentoring.publish.settings import from_environment
from mentoring.publish.ssh import Remote
from scripts.loopback import QuietHandler, serving
from tests.helpers import FIXED_EPOCH, build_site, make_site

SSHD = Path("/usr/sbin/sshd")
NEEDED = (SSHD, Path("/usr/bin/ssh"), Path("/usr/bin/ssh-keygen"), Path("/usr/bin/rsync"))
SUB_PATH = "/sub/"
LOOPBACK = "127.0.0.1"
DEPLOY_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if DEPLOY_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.deploy)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def _keygen(path: Path) -> tuple[str, str]:
    """A new ed25519 key without passphrase: (private text, public line)."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(path)], check=True
    )
    return path.read_text(), path.with_suffix(".pub").read_text().strip()


@dataclass(frozen=True)
class SshServer:
    port: int
    known_hosts: str  # the pinned line for this server
    wrong_known_hosts: str  # the same name with another key
    user_key: str  # authorized
    stranger_key: str  # a valid key the server does not know

    def environment(self, deploy_path: Path, site_dir: Path, site_url: str) -> dict[str, str]:
        return {
            "DEPLOY_HOST": LOOPBACK,
            "DEPLOY_PORT": str(self.port),
            "DEPLOY_USER": getpass.getuser(),
            "DEPLOY_PATH": str(deploy_path),
            "DEPLOY_SSH_KEY": self.user_key,
            "DEPLOY_KNOWN_HOSTS": self.known_hosts,
            "DEPLOY_SITE_DIR": str(site_dir),
            "SITE_URL": site_url,
        }


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    missing = [str(p) for p in NEEDED if not p.exists()]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make deploy-deps` (as root)")
    home = tmp_path_factory.mktemp("sshd")
    host_key_file = home / "host_ed25519"
    _, host_pub = _keygen(host_key_file)
    _, other_host_pub = _keygen(home / "other_host_ed25519")
    user_key, user_pub = _keygen(home / "user_ed25519")
    stranger_key, _ = _keygen(home / "stranger_ed25519")
    (home / "authorized_keys").write_text(user_pub + "\n")
    port = free_port()
    config = home / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress {LOOPBACK}\nHostKey {host_key_file}\n"
        f"PidFile {home / 'sshd.pid'}\nAuthorizedKeysFile {home / 'authorized_keys'}\n"
        "StrictModes no\nUsePAM no\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        f"AllowUsers {getpass.getuser()}\nLogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation folder
    log = (home / "sshd.log").open("w")
    process = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stderr=log)
    try:
        _wait_for_port(port, process, home / "sshd.log")
        name = f"[{LOOPBACK}]:{port}"
        yield SshServer(
            port=port,
            known_hosts=f"{name} {' '.join(host_pub.split()[:2])}",
            wrong_known_hosts=f"{name} {' '.join(other_host_pub.split()[:2])}",
            user_key=user_key,
            stranger_key=stranger_key,
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"sshd exited with {process.returncode}: {log.read_text()}")
        try:
            socket.create_connection((LOOPBACK, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"sshd did not listen on {port}: {log.read_text()}")


# --------------------------------------------------------------------------- web server


@dataclass
class LiveSite:
    """The web server's view of a deploy target: <root>/current under /sub/."""

    url: str = ""  # of /sub/, set once served
    root: Path | None = None  # the deploy folder of the running test; None: nothing served


class _CurrentRelease(QuietHandler):
    """Serves the live site's <root>/current under /sub/; each request re-resolves the link."""

    def __init__(self, *args: Any, site: LiveSite, **kwargs: Any) -> None:
        self.site = site  # before the base class, which handles the request in __init__
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if self.site.root is None or not path.startswith(SUB_PATH):
            return "/nonexistent"
        self.directory = str(self.site.root / "current")
        return super().translate_path("/" + path[len(SUB_PATH) :])


@pytest.fixture(scope="session")
def live_site() -> Iterator[LiveSite]:
    site = LiveSite()
    with serving(functools.partial(_CurrentRelease, site=site)) as address:
        site.url = address.removesuffix("/") + SUB_PATH
        yield site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, live_site: LiveSite) -> Path:
    """The fixture site with news, built once for the address live_site serves."""
    project = make_site(tmp_path_factory.mktemp("deploy-site"), "minimal", "publications")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        result = build_site(project, site_url=live_site.url)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert result.ok, result.abort_message or result.errors
    return result.site_dir


# --------------------------------------------------------------------------- deploying


@dataclass
class Host:
    """One deploy target folder on the test server, and helpers to publish to it."""

    server: SshServer
    path: Path
    site_dir: Path
    site_url: str
    log: list[str]

    def environment(self, **changes: str) -> dict[str, str]:
        env = self.server.environment(self.path, self.site_dir, self.site_url)
        env.update(changes)
        return {k: v for k, v in env.items() if v != ""}

    def deploy(self, site_dir: Path | None = None, **changes: str) -> DeployReport:
        if site_dir is not None:
            changes["DEPLOY_SITE_DIR"] = str(site_dir)
        settings = from_environment(self.environment(**changes))
        with Remote(settings) as remote:
            return Publisher(settings, remote, self.log.append).deploy()

    def rollback(self, **changes: str) -> tuple[str, str]:
        env = self.environment(**changes)
        settings = from_environment(env, need_site=False)
        with Remote(settings) as remote:
            return Publisher(settings, remote, self.log.append).rollback()

    def deploy_error(self, site_dir: Path | None = None, **changes: str) -> str:
        with pytest.raises(PublishError) as caught:
            self.deploy(site_dir, **changes)
        return str(caught.value)

    def live(self) -> tuple[str, str]:
        """(release the live link points to, its index.html)."""
        link = self.path / "current"
        return os.readlink(link), (link / "index.html").read_text("utf-8")


@pytest.fixture
def host(
    ssh_server: SshServer, built_site: Path, live_site: LiveSite, tmp_path: Path
) -> Iterator[Host]:
    path = tmp_path / "www"
    live_site.root = path
    yield Host(ssh_server, path, built_site, live_site.url, [])
    live_site.root = None


@pytest.fixture(scope="module")
def published(
    ssh_server: SshServer, built_site: Path, live_site: LiveSite, tmp_path_factory
) -> Host:
    """A host with one deploy done, shared by tests that must leave it as it is."""
    path = tmp_path_factory.mktemp("published") / "www"
    host = Host(ssh_server, path, built_site, live_site.url, [])
    host.deploy()
    return host


def changed_copy(site_dir: Path, target: Path, marker: str) -> Path:
    """A copy of the site with one page (the home page) changed."""
    shutil.copytree(site_dir, target)
    index = target / "index.html"
    html = index.read_text("utf-8")
    assert "</h1>" in html
    index.write_text(html.replace("</h1>", f" {marker}</h1>", 1), "utf-8")
    return target
