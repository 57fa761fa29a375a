"""The system `ssh` and `rsync`, run with strict options and a pinned host key.

The private key and known_hosts are written to a private temporary folder for the length
of one deploy and removed afterwards; ssh reads no user or system configuration (`-F
/dev/null`), never asks anything (BatchMode) and never accepts an unknown host key.
Failures are recognised from ssh/rsync's own (C locale) messages and turned into Russian
advice; the private key is never part of a command line or a message.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from mentoring.publish.errors import PublishError
from mentoring.publish.settings import Settings

CONNECT_TIMEOUT_S = 20
IO_TIMEOUT_S = 300
CONTROL_PERSIST_S = 60


@dataclass(frozen=True)
class Failure:
    """A recognised cause of failure: patterns in ssh/rsync's stderr and what to do about it."""

    patterns: tuple[str, ...]
    advice: str

    def advise(self, settings: Settings) -> str:
        name = settings.host if settings.port == 22 else f"[{settings.host}]:{settings.port}"
        return self.advice.format(
            server=f"{settings.host}:{settings.port}", user=settings.user, known_hosts_name=name
        )


DISK_FULL = Failure(
    (r"No space left on device", r"Disk quota exceeded"),
    "на сервере {server} закончилось место (диск или квота). Освободите место "
    "на хостинге или уменьшите DEPLOY_KEEP (сколько версий хранить) и запустите "
    "публикацию снова.",
)

# rsync's exit code for "error in file I/O", and what it most often means on a host.
RSYNC_FILE_IO_ERROR = 11
WRITE_FAILED = Failure(
    (),
    "на сервере {server} не удалось записать файлы (rsync, код 11). Чаще всего закончилось "
    "место (диск или квота) или у пользователя {user} нет прав на запись в DEPLOY_PATH: "
    "проверьте место и права на хостинге и запустите публикацию снова.",
)

# Order matters: the first failure whose pattern matches explains the error.
FAILURES = (
    Failure(
        (r"No \S+ host key is known for",),
        "в DEPLOY_KNOWN_HOSTS нет ключа для {known_hosts_name}, а незнакомый ключ не "
        "принимается. Узнайте отпечаток ключа сервера у хостинга по надёжному каналу и "
        "добавьте строку «{known_hosts_name} ssh-ed25519 AAAA…» (при порте не 22 имя "
        "пишется в скобках с портом).",
    ),
    Failure(
        (r"REMOTE HOST IDENTIFICATION HAS CHANGED", r"Host key verification failed"),
        "ключ сервера {server} не совпадает с закреплённым в DEPLOY_KNOWN_HOSTS. "
        "Узнайте отпечаток ключа у хостинга по надёжному каналу (панель управления, "
        "поддержка) и, только если он совпал, обновите DEPLOY_KNOWN_HOSTS (строка вида "
        "«{known_hosts_name} ssh-ed25519 AAAA…»). Если хостинг ключ не менял, возможно, "
        "соединение перехвачено — сообщите администратору.",
    ),
    Failure(
        (r"UNPROTECTED PRIVATE KEY FILE",),
        "файл ключа DEPLOY_SSH_KEY_FILE доступен не только владельцу, и ssh его не берёт: "
        "выполните chmod 600 для этого файла.",
    ),
    Failure(
        (r"Load key .*: (invalid format|error in libcrypto)", r"invalid format"),
        "DEPLOY_SSH_KEY не похож на закрытый ключ OpenSSH. Скопируйте в секрет весь файл "
        "ключа, от строки «-----BEGIN OPENSSH PRIVATE KEY-----» до строки «-----END …», "
        "и ключ без пароля.",
    ),
    Failure(
        (r"Permission denied \(publickey", r"Too many authentication failures"),
        "сервер {server} не принял ключ из DEPLOY_SSH_KEY для пользователя {user}. "
        "Проверьте, что открытая часть этого ключа добавлена на хостинге в "
        "~/.ssh/authorized_keys (или в панели управления) и что DEPLOY_USER указан верно.",
    ),
    DISK_FULL,
    Failure(
        (
            r"Connection refused",
            r"Connection timed out",
            r"Operation timed out",
            r"Could not resolve hostname",
            r"No route to host",
            r"Network is unreachable",
            r"Connection closed by",
            r"Connection reset by",
            r"kex_exchange_identification",
        ),
        "не удалось подключиться к {server}. Проверьте DEPLOY_HOST и DEPLOY_PORT, что "
        "сервер включён и что доступ по SSH разрешён в панели хостинга; затем запустите "
        "публикацию снова.",
    ),
    Failure(
        (r"rsync: (command )?not found",),
        "на сервере {server} не найден rsync. Попросите хостинг установить его "
        "или включить доступ к нему по SSH.",
    ),
)


def explain(stderr: str, settings: Settings) -> str | None:
    """The Russian advice for a known failure in `stderr`, or None."""
    for failure in FAILURES:
        if any(re.search(p, stderr, flags=re.MULTILINE) for p in failure.patterns):
            return failure.advise(settings)
    return None


class Remote:
    """One host: runs remote shell scripts and rsync uploads. Use as a context manager."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._tmp: Path | None = None

    def __enter__(self) -> Remote:
        self._tmp = Path(tempfile.mkdtemp(prefix="publish-"))  # mode 0700
        self._write("known_hosts", self._known_hosts_text())
        if self.settings.private_key is not None:
            key = self.settings.private_key.replace("\r\n", "\n").strip() + "\n"
            self._write("id_key", key)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._tmp is None:
            return
        if (self._tmp / "control").exists():  # stop the shared connection
            subprocess.run(
                [*self.ssh_command(), "-O", "exit", "--", self.settings.host],
                capture_output=True,
                timeout=CONNECT_TIMEOUT_S,
                check=False,
            )
        shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp = None

    def _write(self, name: str, text: str) -> None:
        assert self._tmp is not None
        path = self._tmp / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)

    def _known_hosts_text(self) -> str:
        if self.settings.known_hosts_file is not None:
            return self.settings.known_hosts_file.read_text("utf-8")
        return (self.settings.known_hosts or "").replace("\r\n", "\n").strip() + "\n"

    def ssh_command(self) -> list[str]:
        """`ssh` with every option that makes it strict and independent of local config."""
        assert self._tmp is not None, "use Remote as a context manager"
        key = self.settings.private_key_file or self._tmp / "id_key"
        return [
            "ssh",
            "-F",
            "/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            f"UserKnownHostsFile={self._tmp / 'known_hosts'}",
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "UpdateHostKeys=no",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            f"IdentityFile={key}",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "KbdInteractiveAuthentication=no",
            "-o",
            f"ConnectTimeout={CONNECT_TIMEOUT_S}",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4",
            "-o",
            "LogLevel=ERROR",
            # One connection for all the steps of a deploy: fewer handshakes, and no burst
            # of logins that a host's brute-force guard could block.
            "-o",
            "ControlMaster=auto",
            "-o",
            f"ControlPath={self._tmp / 'control'}",
            "-o",
            f"ControlPersist={CONTROL_PERSIST_S}",
            "-p",
            str(self.settings.port),
            "-l",
            self.settings.user,
        ]

    def run(self, script: str, *, action: str) -> str:
        """Run a POSIX shell `script` on the host; return its stdout or raise PublishError."""
        remote = "sh -c " + shlex.quote(script)
        argv = [*self.ssh_command(), "--", self.settings.host, remote]
        return self._call(argv, action=action)

    def rsync(self, source: Path, destination: str, options: Sequence[str], *, action: str) -> str:
        """Copy the contents of local `source` into remote folder `destination`; return stdout."""
        argv = [
            "rsync",
            *options,
            f"--timeout={IO_TIMEOUT_S}",
            "--rsh",
            shlex.join(self.ssh_command()),
            f"{source}/",
            f"{self.settings.host}:{destination}/",
        ]
        return self._call(argv, action=action)

    def _call(self, argv: list[str], *, action: str) -> str:
        env = {**os.environ, "LC_ALL": "C"}  # messages to recognise come in English
        env.pop("SSH_AUTH_SOCK", None)
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, errors="replace", env=env, check=False
            )
        except FileNotFoundError as error:
            raise PublishError(
                f"{action}: на этом компьютере нет программы {error.filename}. "
                "Установите её: make deploy-deps (или apt-get install openssh-client rsync)."
            ) from None
        if done.returncode == 0:
            return done.stdout
        advice = explain(done.stderr, self.settings)
        if advice is None and argv[0] == "rsync" and done.returncode == RSYNC_FILE_IO_ERROR:
            # rsync can lose the receiver's own message (e.g. "No space left") on the way back
            advice = WRITE_FAILED.advise(self.settings)
        if advice is None:
            last = " ".join(done.stderr.strip().splitlines()[-3:]) or "без сообщения"
            advice = f"команда завершилась с кодом {done.returncode}: {last}"
        raise RemoteFailure(f"{action}: {advice}", done.stderr, done.returncode)


class RemoteFailure(PublishError):
    """A failed ssh/rsync call; keeps the raw stderr for the caller to inspect."""

    def __init__(self, message: str, stderr: str, returncode: int) -> None:
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode
