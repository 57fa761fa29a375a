#!/usr/bin/env python3
"""Whether a restructuring changed the built site: two commits built on the same content.

Both commits are exported with ``git archive``, the same synthetic practices, news and
organisations of ``scripts/bench`` (N of each) are added to their ``content/``, each is built
with the same build date, and every file of the two sites is compared byte for byte.
Files under ``--except`` prefixes (a new section, e.g. ``events/``) are listed but allowed
to differ or be new; everything else must be identical, or the script exits with 1.
The search index (``pagefind/``) is left out: built from the same pages, its file names
still follow the order in which the pages reached Pagefind.

    .venv/bin/python scripts/same_site.py                 # main against HEAD, N = 1000
    .venv/bin/python scripts/same_site.py --base 1aa97d5 --n 100 --except events/
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXED_EPOCH = "1764201600"
# Pagefind's index is made from the pages compared here, but its files are named after the
# order in which pages reached it (it indexes alongside the build): not compared.
DERIVED = ("pagefind/",)


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


def build(rev: str, work: Path, content: dict[str, bytes]) -> Path:
    """The site of commit ``rev`` with ``content`` added to its content folder."""
    tree = work / rev.replace("/", "_")
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
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


def compare(old: Path, new: Path, allowed: tuple[str, ...]) -> list[str]:
    """Files that differ, are missing or new outside the ``allowed`` prefixes."""
    old_files, new_files = files_of(old), files_of(new)
    differences = []
    for name in sorted(old_files | new_files):
        if name.startswith(DERIVED):
            continue
        if name not in new_files:
            verdict = "нет в новой сборке"
        elif name not in old_files:
            verdict = "новый файл"
        elif not filecmp.cmp(old / name, new / name, shallow=False):
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
    parser.add_argument("--keep", action="store_true", help="keep the two sites")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="same-site-"))
    try:
        content = synthetic_files(args.n)
        old = build(args.base, work, content)
        new = build(args.head, work, content)
        differences = compare(old, new, tuple(args.allowed))
        pages = len(files_of(new))
        if differences:
            print(f"Сайты различаются ({len(differences)} из {pages} файлов):")
            print("\n".join(f"  {line}" for line in differences[:50]))
            return 1
        print(f"Сайты одинаковы побайтно: {pages} файлов, N = {args.n}.")
        return 0
    finally:
        if args.keep:
            print(f"Сборки оставлены в {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
