"""What was built: every file of site/ with its SHA-256, and the check of an upload against it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from mentoring.publish.errors import PublishError

Manifest = dict[str, str]  # path relative to the site ("news/index.html") → hex SHA-256


def build_manifest(site_dir: Path) -> Manifest:
    """Hash every file of the built site; refuse what rsync would not copy as a plain file."""
    if not (site_dir / "index.html").is_file():
        raise PublishError(
            f"Публикация не начата: в папке {site_dir} нет собранного сайта (index.html). "
            "Соберите его командой make build (make deploy делает это сам)."
        )
    manifest: Manifest = {}
    for folder, dirs, names in os.walk(site_dir):
        for name in sorted(dirs + names):
            path = Path(folder) / name
            relative = path.relative_to(site_dir).as_posix()
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                raise PublishError(
                    f"Публикация не начата: {site_dir}/{relative} — не обычный файл или папка "
                    "(например, символическая ссылка). Уберите его из сборки."
                )
            if path.is_file():
                manifest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return manifest


def check_site_url(site_dir: Path, site_url: str) -> None:
    """The site must have been built for the address it is published at (feed, sitemap, search)."""
    sitemap = site_dir / "sitemap.xml"
    text = sitemap.read_text("utf-8") if sitemap.is_file() else ""
    if f"<loc>{site_url.rstrip('/')}/" not in text:
        raise PublishError(
            f"Публикация не начата: сайт в {site_dir} собран не для адреса {site_url} "
            "(его нет в sitemap.xml). Соберите сайт с этим адресом: "
            f"SITE_URL={site_url} make build — или просто make deploy."
        )


def parse_sha256sum(output: str) -> Manifest:
    """Read `sha256sum` lines ("<hex>  ./path"), including its escaped form for odd names."""
    manifest: Manifest = {}
    for line in output.splitlines():
        if not line:
            continue
        escaped = line.startswith("\\")
        digest, _, name = line.removeprefix("\\").partition("  ")
        if escaped:
            name = name.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
        manifest[name.removeprefix("./")] = digest
    return manifest


def compare(expected: Manifest, uploaded: Manifest) -> list[str]:
    """Differences between the built site and the uploaded copy, in Russian (empty if equal)."""
    problems = []
    if len(expected) != len(uploaded):
        problems.append(f"файлов собрано {len(expected)}, на сервере {len(uploaded)}")
    for path in sorted(expected.keys() - uploaded.keys()):
        problems.append(f"нет файла {path}")
    for path in sorted(uploaded.keys() - expected.keys()):
        problems.append(f"лишний файл {path}")
    for path in sorted(expected.keys() & uploaded.keys()):
        if expected[path] != uploaded[path]:
            problems.append(f"другая контрольная сумма у {path}")
    return problems
