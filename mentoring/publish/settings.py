"""Settings of a deploy, read from environment variables and checked all at once.

Secrets (the private key) are only ever passed on as file contents; they never appear
in a message, not even when a setting is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mentoring.publish.errors import PublishError

DEFAULT_PORT = 22
DEFAULT_KEEP = 5

# A host name or an IPv4 address: nothing an ssh or rsync command line could read as an option.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
_USER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")
# Remote paths stay in a plain character set, so that they mean the same to the remote
# shell, to rsync (old or new argument protection) and to the web server.
_REMOTE_PATH = re.compile(r"[A-Za-z0-9_./-]+")


@dataclass(frozen=True)
class Settings:
    """Where and how to publish; built by `from_environment`."""

    host: str
    port: int
    user: str
    path: str
    keep: int
    site_dir: Path
    site_url: str
    private_key: str | None = field(repr=False)  # a secret: never in a repr or a log
    private_key_file: Path | None
    known_hosts: str | None
    known_hosts_file: Path | None


def from_environment(env: Mapping[str, str], *, need_site: bool = True) -> Settings:
    """Read DEPLOY_* and SITE_URL; raise one PublishError listing every problem."""
    problems: list[str] = []

    def value(name: str) -> str:
        return env.get(name, "").strip()

    def required(name: str, what: str) -> str:
        text = value(name)
        if not text:
            problems.append(f"не задана переменная {name} — {what}")
        return text

    host = required("DEPLOY_HOST", "адрес сервера (например, cro-dubna.ru)")
    if host and not _HOST.fullmatch(host):
        problems.append(
            f"DEPLOY_HOST «{host}»: нужно имя сервера или IPv4-адрес, без «user@» и порта"
        )
    user = required("DEPLOY_USER", "имя пользователя SSH на хостинге")
    if user and not _USER.fullmatch(user):
        problems.append(f"DEPLOY_USER «{user}»: допустимы латинские буквы, цифры, «_», «.», «-»")
    path = required("DEPLOY_PATH", "папка на сервере, где лежат releases/ и ссылка current")
    if path and (not _REMOTE_PATH.fullmatch(path) or ".." in path.split("/")):
        problems.append(
            f"DEPLOY_PATH «{path}»: допустимы латинские буквы, цифры, «_», «.», «-» и «/», "
            "без «..» и «~» (путь от домашней папки пишется без «~/»)"
        )
    port = _integer(value("DEPLOY_PORT"), "DEPLOY_PORT", DEFAULT_PORT, 1, 65535, problems)
    keep = _integer(value("DEPLOY_KEEP"), "DEPLOY_KEEP", DEFAULT_KEEP, 2, 100, problems)

    private_key, private_key_file = _text_or_file(
        env, "DEPLOY_SSH_KEY", "закрытый ключ SSH (секрет репозитория)", problems
    )
    known_hosts, known_hosts_file = _text_or_file(
        env,
        "DEPLOY_KNOWN_HOSTS",
        "строка known_hosts с ключом сервера (вывод ssh-keyscan, сверенный с хостингом)",
        problems,
    )
    site_dir = Path(value("DEPLOY_SITE_DIR") or "site")
    site_url = value("SITE_URL")
    if need_site:
        if not site_url:
            problems.append(
                "не задана переменная SITE_URL — адрес сайта на этом сервере, например "
                "https://cro-dubna.ru/nastavnichestvo/ (сайт собирается с ним: ссылки ленты, "
                "поиска и карты сайта)"
            )
        elif not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", site_url):
            problems.append(f"SITE_URL «{site_url}»: нужен адрес вида https://сервер/путь/")
    if problems:
        raise PublishError(
            "Публикация не начата: настройки заданы неверно.\n"
            + "\n".join(f"  - {p}" for p in problems)
            + "\nПеременные и секреты описаны в README.md, раздел "
            "«Публикация на российский хостинг по SSH»."
        )
    return Settings(
        host=host,
        port=port,
        user=user,
        path=path.rstrip("/") or "/",
        keep=keep,
        site_dir=site_dir,
        site_url=site_url,
        private_key=private_key,
        private_key_file=private_key_file,
        known_hosts=known_hosts,
        known_hosts_file=known_hosts_file,
    )


def _integer(text: str, name: str, default: int, low: int, high: int, problems: list[str]) -> int:
    if not text:
        return default
    if text.isdigit() and low <= int(text) <= high:
        return int(text)
    problems.append(f"{name} «{text}»: нужно целое число от {low} до {high}")
    return default


def _text_or_file(
    env: Mapping[str, str], name: str, what: str, problems: list[str]
) -> tuple[str | None, Path | None]:
    """A secret given as text (CI) or as a path in NAME_FILE (a developer's machine)."""
    text = env.get(name, "").strip()
    file = env.get(f"{name}_FILE", "").strip()
    if text and file:
        problems.append(f"заданы обе переменные {name} и {name}_FILE — оставьте одну")
    elif file:
        if not Path(file).is_file():
            problems.append(f"{name}_FILE: файл «{file}» не найден")
        return None, Path(file)
    elif not text:
        problems.append(f"не задана переменная {name} (или {name}_FILE) — {what}")
    return text or None, None
