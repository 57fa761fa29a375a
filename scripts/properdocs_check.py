#!/usr/bin/env python3
"""Build the site with MkDocs and with ProperDocs and require the two sites to be identical.

    python scripts/properdocs_check.py [--out DIR]     # make properdocs-check

ProperDocs (https://properdocs.org/) is a maintained fork of MkDocs 1.6 that is meant as a
drop-in replacement. Both builds read the same mkdocs.yml with the same build date
(SOURCE_DATE_EPOCH, the last commit's time unless set); the sites go to DIR/mkdocs and
DIR/properdocs and are compared file by file with ``mentoring.publish.sitediff.differing_files``,
which blanks only the generator tag. MkDocs runs from .venv (requirements.txt), ProperDocs
from .venv-properdocs (requirements-properdocs.txt, the same pins but for the generator).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mentoring.publish.sitediff import differing_files

ROOT = Path(__file__).resolve().parents[1]
GENERATORS = {
    "mkdocs": ROOT / ".venv" / "bin" / "mkdocs",
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs",
}
# Differing files named in full; the rest are counted.
LISTED = 20


def build_date() -> str:
    """SOURCE_DATE_EPOCH as set, else the last commit's time, so both builds share one date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    commit_time = ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"]
    return subprocess.run(commit_time, check=True, capture_output=True, text=True).stdout.strip()


def build(program: Path, site: Path, epoch: str) -> bool:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    command = [str(program), "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", str(site)]
    return subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode == 0


def check(out: Path) -> int:
    missing = [str(program) for program in GENERATORS.values() if not program.is_file()]
    if missing:
        print(f"Нет {', '.join(missing)}: запустите make properdocs-check", file=sys.stderr)
        return 2
    epoch = build_date()
    for name, program in GENERATORS.items():
        print(f"Сборка: {name} → {out / name}")
        if not build(program, out / name, epoch):
            print(f"Сборка {name} не удалась (сообщения выше)", file=sys.stderr)
            return 1
    differing = differing_files(out / "mkdocs", out / "properdocs")
    if not differing:
        print("Сайты MkDocs и ProperDocs совпадают (кроме тега generator).")
        return 0
    print(f"Сайты MkDocs и ProperDocs различаются: файлов — {len(differing)}", file=sys.stderr)
    for path in differing[:LISTED]:
        print(f"  {path}", file=sys.stderr)
    if len(differing) > LISTED:
        print(f"  …и ещё {len(differing) - LISTED}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/properdocs_check.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="куда собрать оба сайта")
    arguments = parser.parse_args(argv)
    if arguments.out is not None:
        return check(arguments.out.resolve())
    with tempfile.TemporaryDirectory(prefix="properdocs-check-") as scratch:
        return check(Path(scratch))


if __name__ == "__main__":
    sys.exit(main())
