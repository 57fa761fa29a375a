#!/usr/bin/env python3
"""Whether a restructuring changed the built site: two commits built on the same content.

Both commits are exported with ``git archive``, the same synthetic practices, news and
organisations of ``scripts/bench`` (N of each) are added to their ``content/``, each is built
with the same build date, and every file of the two sites is compared byte for byte.
Files under ``--except`` prefixes (a new section, e.g. ``events/``) are listed but allowed
to differ or be new; everything else must be identical, or the script exits with 1.
The search index (``pagefind/``) is compared too: two builds of the same pages write the
same index, byte for byte (mentoring/search/canonical.py).

    .venv/bin/python scripts/same_site.py                 # main against HEAD, N = 1000
    .venv/bin/python scripts/same_site.py --base 2e1ba38 --n 100 --without-links-to events/

With ``--without-links-to PREFIX`` (a new section) its pages may be new, and other files
may differ only by what links to it: list items, sections, the footer's previous and next
page, sitemap entries; both sides are compared with those removed. The search index then
holds the new pages, so ``pagefind/`` is allowed to differ as well.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDITOR_VENDOR = REPO / ".cache" / "editor"
FIXED_EPOCH = "1764201600"
SEARCH_INDEX = "pagefind/"


def synthetic_files(n: int) -> dict[str, bytes]:
    """The bench's deterministic content: N practices, N news items, their organisations."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from bench.synthesis import Synthesizer, read_real_content  # scripts/bench/ package
    except ImportError:
        from bench import Synthesizer, read_real_content  # type: ignore[no-redef]
    synthesizer = Synthesizer(read_real_content(), n)
    files = {"organizations.yaml": synthesizer.organizations_yaml().encode()}
    for index in range(n):
        for entry in (synthesizer.practice(index), synthesizer.news(index)):
            files.update(entry.files)
    return files


def resolve(rev: str) -> str:
    """The commit a name stands for now, so that later commits do not slip in mid-run."""
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def without_links_to(prefix: str) -> Callable[[str, bytes], bytes]:
    """Removes from a page what only links to pages under ``prefix`` (a new section): list
    items and sections holding such a link, the footer's neighbours, sitemap entries."""
    href = rf'href="[^"]*(?<![\w-]){re.escape(prefix)}[^"]*"'
    patterns = (
        re.compile(rf"<li\b[^>]*>(?:(?!</?li\b).)*?{href}(?:(?!</?li\b).)*?</li>\s*", re.S),
        re.compile(
            rf"<section\b[^>]*>(?:(?!</?section\b).)*?{href}(?:(?!</?section\b).)*?</section>\s*",
            re.S,
        ),
        # The previous and next page (footer, <link rel>) and the numbers of the nav's
        # sections follow the nav, which has one more item.
        re.compile(r'<nav class="md-footer__inner[^"]*"[^>]*>.*?</nav>', re.S),
        re.compile(r'<link rel="(?:prev|next)" href="[^"]*">'),
        re.compile(r"(?<=__nav_)\d+"),
        re.compile(rf"<url>\s*<loc>[^<]*/{re.escape(prefix)}[^<]*</loc>.*?</url>\s*", re.S),
    )

    def strip(name: str, data: bytes) -> bytes:
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        if not name.endswith((".html", ".xml", ".gz")):
            return data
        text = data.decode("utf-8")
        for pattern in patterns:
            text = pattern.sub("", text)
        return " ".join(text.split()).encode("utf-8")  # the spaces a removed item left

    return strip


def build(rev: str, work: Path, content: dict[str, bytes]) -> Path:
    """The site of commit ``rev`` with ``content`` added to its content folder."""
    tree = work / rev.replace("/", "_")
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    # The editor's npm files (make editor-vendor) are not in git; both commits get this
    # checkout's, and a commit whose vendor.json differs refuses them itself.
    if EDITOR_VENDOR.is_dir():
        shutil.copytree(EDITOR_VENDOR, tree / EDITOR_VENDOR.relative_to(REPO))
    for name, data in content.items():
        target = tree / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(tree),
    }
    env.pop("SITE_URL", None)
    site = work / f"site-{tree.name}"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    print(f"Сборка {rev} …", flush=True)
    subprocess.run(
        [str(mkdocs), "build", "--quiet", "-d", str(site)], cwd=tree, env=env, check=True
    )
    return site


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def same(old: Path, new: Path, name: str, strip: Callable[[str, bytes], bytes] | None) -> bool:
    old_bytes, new_bytes = (old / name).read_bytes(), (new / name).read_bytes()
    if old_bytes == new_bytes:
        return True
    return strip is not None and strip(name, old_bytes) == strip(name, new_bytes)


def compare(
    old: Path, new: Path, allowed: tuple[str, ...], strip: Callable[[str, bytes], bytes] | None
) -> list[str]:
    """Files that differ, are missing or new outside the ``allowed`` prefixes."""
    old_files, new_files = files_of(old), files_of(new)
    differences = []
    for name in sorted(old_files | new_files):
        if name not in new_files:
            verdict = "нет в новой сборке"
        elif name not in old_files:
            verdict = "новый файл"
        elif not same(old, new, name, strip):
            verdict = "отличается"
        else:
            continue
        if name.startswith(allowed):
            print(f"  допустимо: {name} — {verdict}")
        else:
            differences.append(f"{name} — {verdict}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="the commit before (default main)")
    parser.add_argument("--head", default="HEAD", help="the commit after (default HEAD)")
    parser.add_argument("--n", type=int, default=1000, help="synthetic practices and news")
    parser.add_argument(
        "--except", dest="allowed", action="append", default=[], help="prefix allowed to differ"
    )
    parser.add_argument(
        "--without-links-to",
        metavar="PREFIX",
        help="a new section (events/): pages may differ only by links to it",
    )
    parser.add_argument("--keep", action="store_true", help="keep the two sites")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="same-site-"))
    try:
        base, head = resolve(args.base), resolve(args.head)
        print(f"Было: {args.base} = {base}; стало: {args.head} = {head}")
        content = synthetic_files(args.n)
        old = build(base, work, content)
        new = build(head, work, content)
        strip = without_links_to(args.without_links_to) if args.without_links_to else None
        # A new section's pages are indexed for search too.
        new_section = (args.without_links_to, SEARCH_INDEX) if strip else ()
        allowed = tuple(args.allowed) + new_section
        differences = compare(old, new, allowed, strip)
        pages = len(files_of(new))
        if differences:
            print(f"Сайты различаются ({len(differences)} из {pages} файлов):")
            print("\n".join(f"  {line}" for line in differences[:50]))
            return 1
        how = f" без ссылок на {args.without_links_to}" if strip else ""
        print(f"Сайты одинаковы побайтно{how}: {pages} файлов, N = {args.n}.")
        return 0
    finally:
        if args.keep:
            print(f"Сборки оставлены в {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
