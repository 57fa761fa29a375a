"""Releases on the host: upload beside the live one, verify, switch in one rename, roll back.

The live site is the symlink DEPLOY_PATH/current. A deploy never writes into the folder it
points to: it uploads into releases/.incoming-<id> (hard-linking unchanged files to the
live release, so only changed files travel), compares every file's SHA-256 with the built
site, renames the folder to releases/<id> and replaces the link with `mv -T`, which is one
rename(2): a visitor gets either the old or the new version, never a mix or nothing.
Only verified releases carry a release name, so a rollback can never land on a half upload.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from mentoring.publish.errors import PublishError
from mentoring.publish.manifest import (
    Manifest,
    build_manifest,
    check_site_url,
    compare,
    parse_sha256sum,
)
from mentoring.publish.settings import Settings
from mentoring.publish.ssh import DISK_FULL, Remote, RemoteFailure

LIVE_LINK = "current"
RELEASES = "releases"
INCOMING = ".incoming-"
NEW_LINK = ".current-new-"
STALE_MINUTES = 120
RELEASE_NAME = re.compile(r"\d{8}T\d{12}Z")
NOT_A_LINK = "publish: live path is not a symlink"
RSYNC_OPTIONS = (
    "--recursive",
    "--checksum",  # the build rewrites every file: compare contents, not times
    "--perms",
    "--chmod=D755,F644",
    "--stats",
)
_TRANSFERRED = re.compile(r"Number of (?:regular )?files transferred: ([\d,.]+)")
_TRANSFERRED_BYTES = re.compile(r"Total transferred file size: ([\d,.]+)")
# Room beyond the files' own bytes: folders, rounding to blocks, the checksum listing.
DISK_MARGIN_BYTES = 1024 * 1024
UNCHANGED = "Сайт на сервере не изменён"


@contextmanager
def _untouched(detail: str) -> Iterator[None]:
    """Add to a failure that happened before the live link could change that it did not."""
    try:
        yield
    except PublishError as error:
        raise PublishError(f"{error}\n{UNCHANGED}{detail}") from None


@dataclass(frozen=True)
class HostState:
    """What is on the host: the live release (None if the link is absent or foreign)."""

    live: str | None
    releases: list[str]  # verified releases, oldest first
    free_bytes: int | None = None  # free space where releases are stored, if df told


@dataclass(frozen=True)
class DeployReport:
    release: str
    previous: str | None
    files: int
    transferred: int
    removed: list[str]


def _stat(pattern: re.Pattern[str], rsync_output: str) -> int:
    """A number from rsync --stats ("1,234" or "1.234" depending on the locale)."""
    match = pattern.search(rsync_output)
    if not match:
        raise PublishError("Загрузка файлов: rsync не сообщил итоги передачи (--stats).")
    return int(re.sub(r"\D", "", match.group(1)))


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def new_release_name(now: datetime | None = None) -> str:
    """A name that sorts by time: 20261130T061500123456Z."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")


class Publisher:
    """Deploys and rolls back one site on one host; every step is one ssh or rsync call."""

    def __init__(
        self, settings: Settings, remote: Remote, log: Callable[[str], None] = print
    ) -> None:
        self.settings = settings
        self.remote = remote
        self.log = log
        self.base = shlex.quote(settings.path)

    # ------------------------------------------------------------------ commands

    def deploy(self) -> DeployReport:
        site = self.settings.site_dir
        check_site_url(site, self.settings.site_url)
        manifest = build_manifest(site)
        self.log(f"Собранный сайт: {len(manifest)} файлов в {site}.")
        with _untouched(": ничего не загружено."):
            state = self.state(prepare=True)
        release = new_release_name()
        try:
            transferred = self.upload(release, state)
            self.log(f"Загружено изменённых файлов: {transferred} из {len(manifest)}.")
            self.verify(release, manifest)
            self.log("Проверка пройдена: файлы на сервере совпадают с собранными.")
            self.activate(release)
        except PublishError as error:
            raise PublishError(f"{error}\n{self.discard(release, state.live)}") from None
        self.log(f"Опубликована версия {release}; прежняя — {state.live or 'нет'}.")
        removed = self.prune([*state.releases, release], keep={release, state.live})
        return DeployReport(release, state.live, len(manifest), transferred, removed)

    def rollback(self) -> tuple[str, str]:
        with _untouched("."):
            return self._rollback()

    def _rollback(self) -> tuple[str, str]:
        state = self.state(prepare=False)
        if state.live is None:
            raise PublishError(
                f"Откат невозможен: {self.settings.path}/{LIVE_LINK} не указывает на версию "
                f"из {RELEASES}/ — на этот сервер ещё ничего не публиковали командой make deploy."
            )
        older = [name for name in state.releases if name < state.live]
        if not older:
            raise PublishError(
                f"Откат невозможен: версия {state.live} — самая ранняя из сохранённых "
                f"({len(state.releases)})."
            )
        target = older[-1]
        self.remote.run(
            f"set -e\ncd {self.base}\n{self._switch_script(target)}",
            action="Откат: переключение на прежнюю версию",
        )
        self.log(f"Откат выполнен: работает версия {target} вместо {state.live}.")
        return state.live, target

    # ------------------------------------------------------------------ steps

    def state(self, *, prepare: bool) -> HostState:
        """Read the live link and the releases; when preparing, also clear stale uploads."""
        lines = ["set -e"]
        if prepare:
            lines.append(f"mkdir -p {self.base}/{RELEASES}")
        # Nothing there yet: a rollback then says that nothing was published.
        lines.append(f"cd {self.base}" if prepare else f"cd {self.base} 2>/dev/null || exit 0")
        if prepare:
            # Leftovers of an interrupted deploy; a fresh one may be another deploy's upload.
            lines.append(
                f"find {RELEASES} . -maxdepth 1 \\( -name '{INCOMING}*' -o -name '{NEW_LINK}*' \\)"
                f" -mmin +{STALE_MINUTES} -exec rm -rf {{}} +"
            )
        lines += [
            f"if [ -e {LIVE_LINK} ] && [ ! -L {LIVE_LINK} ]; then",
            f"  echo {shlex.quote(NOT_A_LINK)} >&2; exit 3",
            "fi",
            f'printf "%s\\n" "$(readlink {LIVE_LINK} || true)"',
            f"if [ -d {RELEASES} ]; then df -Pk {RELEASES} | tail -n 1; ls -1 {RELEASES}; fi",
        ]
        try:
            output = self.remote.run("\n".join(lines), action="Подключение к серверу")
        except RemoteFailure as failure:
            if NOT_A_LINK in failure.stderr:
                raise PublishError(
                    f"{self.settings.path}/{LIVE_LINK} на сервере — обычная папка, а не "
                    "символическая ссылка. Перенесите её содержимое (например, в "
                    f"{self.settings.path}/old) и направьте веб-сервер на "
                    f"{self.settings.path}/{LIVE_LINK}; затем запустите публикацию снова."
                ) from None
            raise
        first, df_line, *rest = [*output.splitlines(), "", ""]
        live_match = re.fullmatch(rf"{RELEASES}/({RELEASE_NAME.pattern})/?", first)
        releases = sorted(name for name in rest if RELEASE_NAME.fullmatch(name))
        live = live_match.group(1) if live_match else None
        df_fields = df_line.split()  # POSIX df -P: name, size, used, available (KiB), …
        free = int(df_fields[3]) * 1024 if len(df_fields) >= 4 and df_fields[3].isdigit() else None
        return HostState(live if live in releases else None, releases, free)

    def upload(self, release: str, state: HostState) -> int:
        """rsync the site into releases/.incoming-<release>; return how many files were sent.

        A dry run first tells how many bytes the changed files need; a disk that cannot hold
        them is reported before anything is written (rsync's own "No space left" message
        can be lost when the receiving side dies, so it is not the only guard).
        """
        options = list(RSYNC_OPTIONS)
        if state.live:
            options.append(f"--link-dest=../{state.live}")
        destination = f"{self.settings.path}/{RELEASES}/{INCOMING}{release}"
        action = "Загрузка файлов на сервер"
        site = self.settings.site_dir
        planned = self.remote.rsync(site, destination, [*options, "--dry-run"], action=action)
        needed = _stat(_TRANSFERRED_BYTES, planned) + DISK_MARGIN_BYTES
        if state.free_bytes is not None and needed > state.free_bytes:
            raise PublishError(
                f"{action}: {DISK_FULL.advise(self.settings)} "
                f"Нужно {_mib(needed)} МБ, свободно {_mib(state.free_bytes)} МБ."
            )
        return _stat(_TRANSFERRED, self.remote.rsync(site, destination, options, action=action))

    def verify(self, release: str, manifest: Manifest) -> None:
        """Compare the uploaded copy file by file with the built site."""
        output = self.remote.run(
            f"set -e\ncd {self.base}/{RELEASES}/{INCOMING}{release}\n"
            "find . -type f -exec sha256sum {} +",
            action="Проверка загруженных файлов",
        )
        problems = compare(manifest, parse_sha256sum(output))
        if problems:
            shown = "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
            raise PublishError(
                f"Проверка загруженных файлов: копия на сервере не совпадает с собранным сайтом "
                f"({shown}). Запустите публикацию снова; если ошибка повторится, проверьте "
                "место на диске и не меняет ли файлы на сервере другая программа."
            )

    def activate(self, release: str) -> None:
        """Name the verified upload as a release and point the live link at it in one rename."""
        self.remote.run(
            f"set -e\ncd {self.base}\n"
            f"mv {RELEASES}/{INCOMING}{release} {RELEASES}/{release}\n"
            f"{self._switch_script(release)}",
            action="Переключение на новую версию",
        )

    def discard(self, release: str, previous: str | None) -> str:
        """Remove a failed upload (never the live release); say what is live now."""
        try:
            output = self.remote.run(
                f"cd {self.base} || exit 0\n"
                f"rm -f {NEW_LINK}{release}\n"
                f"rm -rf {RELEASES}/{INCOMING}{release}\n"
                f'live="$(readlink {LIVE_LINK} || true)"\n'
                f'[ "$live" = {RELEASES}/{release} ] || rm -rf {RELEASES}/{release}\n'
                'printf "%s\\n" "$live"',
                action="Удаление неудачной загрузки",
            )
        except PublishError:
            return (
                "Не удалось проверить сервер после ошибки. Ссылка на рабочую версию меняется "
                "только последним шагом, поэтому, скорее всего, работает прежняя версия; "
                "прерванная загрузка будет удалена при следующей публикации."
            )
        live = output.strip()
        if live == f"{RELEASES}/{release}":
            return "Новая версия всё же стала рабочей: проверьте сайт."
        if not live:
            return f"{UNCHANGED}: рабочей версии на нём ещё нет."
        return f"{UNCHANGED}: работает прежняя версия ({previous or live})."

    def prune(self, releases: list[str], keep: set[str | None]) -> list[str]:
        """Delete releases beyond the newest DEPLOY_KEEP, never the live or previous one."""
        newest = set(sorted(releases)[-self.settings.keep :])
        doomed = [name for name in sorted(releases) if name not in newest | keep]
        if not doomed:
            return []
        paths = " ".join(f"{RELEASES}/{name}" for name in doomed)
        try:
            self.remote.run(f"set -e\ncd {self.base}\nrm -rf {paths}", action="Очистка")
        except PublishError as error:
            self.log(f"Предупреждение: старые версии не удалены ({error}).")
            return []
        self.log(f"Удалены старые версии: {', '.join(doomed)}.")
        return doomed

    @staticmethod
    def _switch_script(release: str) -> str:
        """Point the live link at `release` with one rename: never missing, never mixed."""
        return (
            f"rm -f {NEW_LINK}{release}\n"
            f"ln -s {RELEASES}/{release} {NEW_LINK}{release}\n"
            f"mv -T {NEW_LINK}{release} {LIVE_LINK}"
        )
