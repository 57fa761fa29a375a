"""Benchmark of `make serve`: from saving one practice to its rebuilt page being served.

Generates N practices and N news (scripts/bench/synthesis.py, as `make bench` does), starts
`hooks/serve.py` (what `make serve` runs) on them, waits for the first build, then edits one
practice several times. For each edit it prints the seconds from saving the file to the
«Reloading browsers» line and to the moment the practice's page, fetched over HTTP, shows
the edit, and the CPU seconds (user + system) the server spent on the rebuild.

    .venv/bin/python -m scripts.bench_serve               # N = 1000, 3 edits
    .venv/bin/python -m scripts.bench_serve --n 100 --edits 5
    .venv/bin/python -m scripts.bench_serve --project /tmp/speed/ours-1000

A benchmark, not a test: it prints figures and checks nothing but that the edit arrives.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from scripts.bench.measure import load, serve_edits
from scripts.bench.synthesis import make_projects


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="practices and news (default 1000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default 3)")
    parser.add_argument("--project", type=Path, help="an existing generated project to serve")
    args = parser.parse_args()
    base = None
    if args.project is None:
        base = Path(tempfile.mkdtemp(prefix="mentoring-bench-serve-"))
        print(f"N = {args.n}: generating content…", file=sys.stderr)
        project, _ = make_projects(base, args.n)
    else:
        project = args.project.resolve()
    try:
        print(f"Загрузка в начале: {load()}")
        figures = serve_edits(project, args.edits)
        print(f"Загрузка в конце: {load()}\n")
        print("| правка | до «Reloading browsers», с | до страницы с правкой, с | ЦП сервера, с |")
        print("|---|---|---|---|")
        for number, (reloaded, served, cpu) in enumerate(figures, 1):
            print(f"| {number} | {reloaded:.2f} | {served:.2f} | {cpu:.2f} |")
        medians = [statistics.median(column) for column in zip(*figures, strict=True)]
        print("| медиана | {:.2f} | {:.2f} | {:.2f} |".format(*medians))
    finally:
        if base is not None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
