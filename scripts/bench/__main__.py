"""Build benchmark: our site against plain Material for MkDocs on synthetic content.

For each N it generates N practices (Russian text, attachments, several forms and
organisations) and N news items beside the real plan, builds our site from them and a
baseline — plain Material with the same theme settings and the same Markdown bodies as
ordinary pages, no hooks, no generated pages, the same small nav — and prints wall time
(median), peak memory per build process, output size and page count, the ratio ours /
baseline and the share of the build spent in our own code (one extra build with our hook
events timed; ``--top K`` adds our costliest functions from a run under cProfile).
It also measures the rebuild after editing one practice under ``mkdocs serve``, the
weight of the main pages with everything they load, and what a visitor on a slow phone
gets from every page type (browser.py: bytes with gzip, LCP, time to interactive).

    make bench                                   # N = 100, 1000, 5000
    BENCH_N="100 1000" make bench BENCH_ARGS="--runs 1"
    .venv/bin/python -m scripts.bench --help

Standard library and the project's pinned dependencies only. Figures go to stdout as
Markdown tables (docs/benchmarks.md, published off the nav, search and sitemap, is written
from them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from scripts.bench.measure import (
    LARGE_N,
    SEARCH_N,
    SizeResult,
    load,
    machine,
    make_projects,
    measure_rebuild,
    measure_size,
    profile_build,
    progress,
    search_figures,
    time_own_code,
    write_our_pages,
)
from scripts.bench.report import (
    report_builds,
    report_own_time,
    report_rebuilds,
    report_search,
    report_visits,
    report_weights,
    say,
    table,
)

DEFAULT_N = (100, 1000, 5000)


def parse_args() -> argparse.Namespace:
    default_n = os.environ.get("BENCH_N", " ".join(map(str, DEFAULT_N)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[int(n) for n in default_n.split()],
        help="sizes to build (practices and news each); default BENCH_N or 100 1000 5000",
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per site and N (median)")
    parser.add_argument(
        "--large-runs",
        type=int,
        default=1,
        help=f"builds per site for N >= {LARGE_N} (they take minutes)",
    )
    parser.add_argument("--edits", type=int, default=3, help="edits per serve measurement")
    parser.add_argument("--serve-n", type=int, default=1000, help="large site for serve")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    parser.add_argument(
        "--no-profile", action="store_true", help="skip timing our code (and --top)"
    )
    parser.add_argument(
        "--top", type=int, default=0, help="print our K costliest functions (cProfile)"
    )
    parser.add_argument(
        "--browser-runs",
        type=int,
        default=3,
        help="cold loads of each page type in throttled Chromium (median); 0 skips them",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp projects and sites")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--profile-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pages-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--time-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if args.profile_project:
        profile_build(args.profile_project, args.profile_site, args.profile_out)
        return 0
    if args.pages_project:
        write_our_pages(args.pages_project, args.profile_site, args.profile_out)
        return 0
    if args.time_project:
        time_own_code(args.time_project, args.profile_site, args.profile_out)
        return 0

    base = Path(tempfile.mkdtemp(prefix="mentoring-bench-"))
    about = machine()
    say("## Машина\n")
    say(table(["", ""], [[key, value] for key, value in about.items()]))
    load_before = load()
    say(f"\nЗагрузка (load average за 1, 5, 15 мин) в начале: {load_before}")
    try:
        results = [measure_size(base, n, args) for n in sorted({0, *args.n})]
        if not args.no_serve:
            for n in (0, args.serve_n):
                result = next((r for r in results if r.n == n), None)
                if not (base / f"ours-{n}").is_dir():
                    progress(f"N = {n}: generating content for serve")
                    make_projects(base, n)
                progress(f"N = {n}: mkdocs serve, {args.edits} edits")
                rebuild = measure_rebuild(base / f"ours-{n}", args.edits)
                if result is None:
                    result = SizeResult(n, 0, None)
                    results.append(result)
                result.rebuild = rebuild
        report_builds([r for r in results if r.runs])
        report_own_time(results, args.top)
        report_rebuilds(results)
        report_weights([r for r in results if r.runs])
        report_visits({r.label: r.visits for r in results if r.visits})
        search = None
        if (base / f"site-ours-{SEARCH_N}").is_dir():
            progress(f"N = {SEARCH_N}: search queries in Chromium")
            search = search_figures(base / f"site-ours-{SEARCH_N}")
            report_search(base / f"site-ours-{SEARCH_N}", search)
        load_after = load()
        say(f"\nЗагрузка в конце: {load_after}")
        if args.keep:
            say(f"\nВременные файлы: {base}")
        if args.json:
            figures = {
                "machine": about,
                "load": [load_before, load_after],
                "sizes": [asdict(result) for result in results],
                "search": search,
            }
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
