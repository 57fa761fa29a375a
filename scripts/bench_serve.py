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
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from mentoring.content import load_content
from scripts.bench.measure import build_env, free_port, load, practice_to_edit
from scripts.bench.synthesis import REPO, make_projects

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and of its children that have ended."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def page_address(project: Path, practice: Path) -> str:
    """The address of the practice's page, as the site gives it."""
    content = load_content(project / "content")
    for item in content.practices:
        if item.source.endswith(practice.relative_to(project / "content").as_posix()):
            return f"/practices/{item.slug}/"
    sys.exit(f"{practice} is not published")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def measure(project: Path, edits: int) -> list[tuple[float, float, float]]:
    """(seconds to «Reloading browsers», seconds to the page served, CPU seconds) per edit."""
    practice = practice_to_edit(project)
    address = page_address(project, practice)
    port = free_port()
    command = [sys.executable, str(REPO / "hooks" / "serve.py"), "--dev-addr"]
    command += [f"127.0.0.1:{port}", "--config-file", str(project / "mkdocs.yml")]
    command += ["--watch", str(project / "content")]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=build_env()
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read_log() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            lines.put((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read_log, daemon=True).start()
    text = practice.read_text("utf-8")
    url = f"http://127.0.0.1:{port}{address}"
    figures = []
    try:
        while "Serving on" not in lines.get(timeout=1800)[1]:
            if server.poll() is not None:
                sys.exit("hooks/serve.py exited before serving")
        for edit in range(edits):
            time.sleep(2.0)  # the watcher settles; the previous reload is done
            while not lines.empty():
                lines.get_nowait()
            marker = f"Правка для замера № {edit + 1} ({time.time_ns()})."
            cpu_before = cpu_seconds(server.pid)
            start = time.perf_counter()
            practice.write_text(f"{text}\n{marker}\n", "utf-8")
            while True:
                at, line = lines.get(timeout=600)
                if "Reloading browsers" in line:
                    reloaded = at - start
                    break
            while marker not in fetch(url):
                time.sleep(0.02)
            served = time.perf_counter() - start
            figures.append((reloaded, served, cpu_seconds(server.pid) - cpu_before))
    finally:
        practice.write_text(text, "utf-8")
        server.terminate()
        server.wait(timeout=30)
    return figures


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
        figures = measure(project, args.edits)
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
