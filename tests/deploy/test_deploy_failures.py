"""Every failure stops with a Russian message that says what to do, and the live site stays.

Most cases share one host with one good deploy (`published`): a failure that changed it
would show up as a changed live link or page. Secrets are checked in the output of the
real command line, `python -m mentoring.publish`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from mentoring.publish.errors import PublishError
from mentoring.publish.releases import UNCHANGED, HostState, Publisher
from tests.deploy.conftest import Host, LiveSite, SshServer, free_port
from tests.helpers import REPO

FAKE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "ZmFrZS1rZXktdGhhdC1tdXN0LW5ldmVyLWJlLXByaW50ZWQtNzM5MTQ2\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)


@pytest.fixture
def unchanged(published: Host) -> Iterator[Host]:
    """The shared host; after the test its live version and releases must be as before."""
    before = published.live()
    releases = sorted(os.listdir(published.path / "releases"))
    yield published
    assert published.live() == before
    assert sorted(os.listdir(published.path / "releases")) == releases


def test_no_connection(unchanged: Host) -> None:
    port = free_port()  # nothing listens there
    message = unchanged.deploy_error(DEPLOY_PORT=str(port))
    assert message == (
        f"Подключение к серверу: не удалось подключиться к 127.0.0.1:{port}. Проверьте "
        "DEPLOY_HOST и DEPLOY_PORT, что сервер включён и что доступ по SSH разрешён в панели "
        "хостинга; затем запустите публикацию снова.\n"
        f"{UNCHANGED}: ничего не загружено."
    )


def test_wrong_key(unchanged: Host, ssh_server: SshServer) -> None:
    message = unchanged.deploy_error(DEPLOY_SSH_KEY=ssh_server.stranger_key)
    assert message.startswith("Подключение к серверу: сервер 127.0.0.1:")
    assert "не принял ключ из DEPLOY_SSH_KEY" in message
    assert "~/.ssh/authorized_keys" in message
    assert message.endswith(f"{UNCHANGED}: ничего не загружено.")


def test_not_a_key(unchanged: Host) -> None:
    message = unchanged.deploy_error(DEPLOY_SSH_KEY=FAKE_KEY)
    assert "DEPLOY_SSH_KEY не похож на закрытый ключ OpenSSH" in message
    assert message.endswith(f"{UNCHANGED}: ничего не загружено.")


@pytest.mark.parametrize("case", ["changed", "unknown"])
def test_host_key_mismatch(unchanged: Host, ssh_server: SshServer, case: str) -> None:
    known_hosts = {
        "changed": ssh_server.wrong_known_hosts,
        # the right key, pinned for another port: this server is unknown, never accepted
        "unknown": ssh_server.known_hosts.replace(f"]:{ssh_server.port} ", "]:1 "),
    }[case]
    message = unchanged.deploy_error(DEPLOY_KNOWN_HOSTS=known_hosts)
    name = f"[127.0.0.1]:{ssh_server.port}"
    assert message.startswith(
        {
            "changed": f"Подключение к серверу: ключ сервера 127.0.0.1:{ssh_server.port} не "
            "совпадает с закреплённым в DEPLOY_KNOWN_HOSTS.",
            "unknown": f"Подключение к серверу: в DEPLOY_KNOWN_HOSTS нет ключа для {name}, а "
            "незнакомый ключ не принимается.",
        }[case]
    )
    assert f"«{name} ssh-ed25519 AAAA…»" in message
    assert message.endswith(f"{UNCHANGED}: ничего не загружено.")


def _tamper_after_upload(monkeypatch: pytest.MonkeyPatch, host: Host) -> None:
    """Change the uploaded copy between rsync and the check, as a broken disk or a program might."""
    upload = Publisher.upload

    def upload_then_tamper(self: Publisher, release: str, state: HostState) -> int:
        sent = upload(self, release, state)
        incoming = host.path / "releases" / f".incoming-{release}"
        (incoming / "index.html").unlink()  # a hard link to the live page: never write into it
        (incoming / "index.html").write_text("подмена", "utf-8")
        (incoming / "extra.html").write_text("лишний", "utf-8")
        return sent

    monkeypatch.setattr(Publisher, "upload", upload_then_tamper)


def test_checksum_mismatch(unchanged: Host, monkeypatch: pytest.MonkeyPatch) -> None:
    _tamper_after_upload(monkeypatch, unchanged)
    message = unchanged.deploy_error()
    assert message.startswith(
        "Проверка загруженных файлов: копия на сервере не совпадает с собранным сайтом ("
    )
    assert "лишний файл extra.html; другая контрольная сумма у index.html" in message
    assert message.endswith(
        f"{UNCHANGED}: работает прежняя версия ({unchanged.live()[0].split('/')[1]})."
    )
    assert not list((unchanged.path / "releases").glob(".incoming-*"))


def test_first_deploy_that_fails_leaves_no_release(
    host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tamper_after_upload(monkeypatch, host)
    message = host.deploy_error()
    assert message.endswith(f"\n{UNCHANGED}: рабочей версии на нём ещё нет.")
    assert not (host.path / "current").exists()
    assert os.listdir(host.path / "releases") == []


def test_built_for_another_address(unchanged: Host) -> None:
    message = unchanged.deploy_error(SITE_URL="https://cro-dubna.example/nastavnichestvo/")
    assert message == (
        f"Публикация не начата: сайт в {unchanged.site_dir} собран не для адреса "
        "https://cro-dubna.example/nastavnichestvo/ (его нет в sitemap.xml). Соберите сайт с "
        "этим адресом: SITE_URL=https://cro-dubna.example/nastavnichestvo/ make build — или "
        "просто make deploy."
    )


def test_settings_are_checked_together(unchanged: Host) -> None:
    message = unchanged.deploy_error(
        DEPLOY_HOST="", DEPLOY_PATH="~/www", DEPLOY_KEEP="1", DEPLOY_KNOWN_HOSTS=""
    )
    assert message.splitlines() == [
        "Публикация не начата: настройки заданы неверно.",
        "  - не задана переменная DEPLOY_HOST — адрес сервера (например, cro-dubna.ru)",
        "  - DEPLOY_PATH «~/www»: допустимы латинские буквы, цифры, «_», «.», «-» и «/», без "
        "«..» и «~» (путь от домашней папки пишется без «~/»)",
        "  - DEPLOY_KEEP «1»: нужно целое число от 2 до 100",
        "  - не задана переменная DEPLOY_KNOWN_HOSTS (или DEPLOY_KNOWN_HOSTS_FILE) — строка "
        "known_hosts с ключом сервера (вывод ssh-keyscan, сверенный с хостингом)",
        "Переменные и секреты описаны в README.md, раздел «Публикация на российский хостинг "
        "по SSH».",
    ]


def test_rollback_without_an_older_release(host: Host) -> None:
    with pytest.raises(PublishError) as caught:
        host.rollback()
    assert str(caught.value) == (
        f"Откат невозможен: {host.path}/current не указывает на версию из releases/ — на этот "
        f"сервер ещё ничего не публиковали командой make deploy.\n{UNCHANGED}."
    )
    host.deploy()
    before = host.live()
    with pytest.raises(PublishError) as caught:
        host.rollback()
    release = before[0].split("/")[1]
    assert str(caught.value) == (
        f"Откат невозможен: версия {release} — самая ранняя из сохранённых (1).\n{UNCHANGED}."
    )
    assert host.live() == before


def test_live_folder_that_is_not_a_link(host: Host) -> None:
    (host.path / "current").mkdir(parents=True)
    (host.path / "current" / "index.html").write_text("сайт, загруженный вручную", "utf-8")
    message = host.deploy_error()
    assert "current на сервере — обычная папка, а не символическая ссылка" in message
    assert (host.path / "current" / "index.html").read_text("utf-8") == "сайт, загруженный вручную"
    assert not list((host.path / "releases").iterdir())


# --------------------------------------------------------------------------- disk full


def _tmpfs(path: Path, size: int) -> None:
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        reason = f"cannot mount a small tmpfs (needs root): {done.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_disk_full(
    ssh_server: SshServer,
    built_site: Path,
    live_site: LiveSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A real full disk: DEPLOY_PATH on a tmpfs with room for one release and a little more."""
    used = sum(-(-p.stat().st_size // 4096) * 4096 + 4096 for p in built_site.rglob("*"))
    disk = tmp_path / "disk"
    _tmpfs(disk, used + 1024 * 1024)
    try:
        host = Host(ssh_server, disk / "www", built_site, live_site.url, [])
        host.deploy()
        before = host.live()
        release = before[0].split("/")[1]
        bigger = tmp_path / "bigger"
        shutil.copytree(built_site, bigger)
        (bigger / "video.bin").write_bytes(b"\0" * (2 * 1024 * 1024))
        message = host.deploy_error(bigger)
        assert re.fullmatch(
            f"Загрузка файлов на сервер: на сервере 127.0.0.1:{ssh_server.port} закончилось "
            r"место \(диск или квота\)\. Освободите место на хостинге или уменьшите DEPLOY_KEEP "
            r"\(сколько версий хранить\) и запустите публикацию снова\. Нужно 3,0 МБ, "
            r"свободно [01],\d МБ\.\n"
            f"{UNCHANGED}: работает прежняя версия \\({release}\\)\\.",
            message,
        ), message
        assert host.live() == before
        assert [p.name for p in (disk / "www" / "releases").iterdir()] == [release]

        # The disk fills while rsync writes (another site on the same disk, no df on the
        # host): the pre-flight estimate cannot see it, and rsync's write fails for real.
        state = Publisher.state

        def blind(self: Publisher, *, prepare: bool) -> HostState:
            return replace(state(self, prepare=prepare), free_bytes=None)

        monkeypatch.setattr(Publisher, "state", blind)
        message = host.deploy_error(bigger)
        assert message.startswith(
            f"Загрузка файлов на сервер: на сервере 127.0.0.1:{ssh_server.port} "
        )
        assert "закончилось место (диск или квота)" in message  # rsync's or the code-11 advice
        assert message.endswith(f"{UNCHANGED}: работает прежняя версия ({release}).")
        assert host.live() == before
        assert [p.name for p in (disk / "www" / "releases").iterdir()] == [release]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# --------------------------------------------------------------------------- secrets


def _cli(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DEPLOY_")}
    return subprocess.run(
        [sys.executable, "-m", "mentoring.publish", "deploy"],
        env={**clean, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _secret_lines(key: str) -> list[str]:
    return [line for line in key.splitlines() if line and not line.startswith("-----")]


@pytest.mark.parametrize("case", ["good key", "unknown key", "fake key", "host key mismatch"])
def test_the_private_key_never_appears_in_output(
    published: Host, ssh_server: SshServer, case: str
) -> None:
    env = published.environment()
    env.update(
        {
            "good key": {},
            "unknown key": {"DEPLOY_SSH_KEY": ssh_server.stranger_key},
            "fake key": {"DEPLOY_SSH_KEY": FAKE_KEY},
            "host key mismatch": {"DEPLOY_KNOWN_HOSTS": ssh_server.wrong_known_hosts},
        }[case]
    )
    done = _cli(env)
    assert done.returncode == (0 if case == "good key" else 1), done.stderr
    output = done.stdout + done.stderr
    assert ("Опубликована версия" if case == "good key" else "Ошибка публикации.") in output
    secret = _secret_lines(env["DEPLOY_SSH_KEY"])
    assert secret
    assert not [line for line in secret if line in output]
