"""Measuring builds: wall and CPU time, peak memory, our code's share, serve, page weight."""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import platform
import pstats
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from scripts.bench.browser import Visit, visit_pages
from scripts.bench.synthesis import (
    FIXED_EPOCH,
    NO_SEARCH_CONFIG,
    OUR_PAGES,
    REPO,
    baseline_config,
    load_mkdocs_yml,
    make_projects,
    write,
)

LARGE_N = 5000  # from this size on, builds are repeated only --large-runs times
SEARCH_N = 1000  # the size at which the search download is measured
SEARCH_QUERIES = ("наставничество", "молодых педагогов", "проектная деятельность")
OUR_CODE = ("hooks", "mentoring", "templates")
# What hooks/site.py logs: how long the build waited for Pagefind after its last page.
SEARCH_WAIT = re.compile(r"после последней страницы ([\d.]+) с")
GZIP_LEVEL = 6  # what web servers commonly use


# --------------------------------------------------------------------------- measuring builds


def build_env() -> dict[str, str]:
    """Fixed build date; hooks import the ``mentoring`` package that lies beside them."""
    path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": path,
    }


@dataclass(frozen=True)
class BuildFigures:
    seconds: float
    cpu_seconds: float  # user + system: less disturbed than wall time on a busy machine
    peak_mb: float
    own_peak_mb: float  # the MkDocs process without Pagefind
    search_wait: float | None  # waiting for Pagefind after the last page (it runs alongside)
    search_index: tuple[float, float, float] | None  # Pagefind alone: wall, CPU, peak MB
    output_mb: float
    pages: int


# `mkdocs build` in a process that also writes its own peak memory (Pagefind, which it
# starts, is a process of its own: wait4 reports the larger of the two).
MKDOCS_WITH_OWN_PEAK = (
    "import atexit, resource, sys; out = sys.argv.pop(1); "
    "atexit.register(lambda: open(out, 'w').write("
    "str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))); "
    "sys.argv[0] = 'mkdocs'; from mkdocs.__main__ import cli; cli()"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # with the processes it started (Pagefind)
    peak_mb: float  # the largest of the build and the processes it started
    own_peak_mb: float  # the MkDocs process alone
    search_wait: float | None  # from the build's log; None without Pagefind


def timed_build(project: Path, site: Path, config: str = "mkdocs.yml") -> Run:
    """One `mkdocs build --strict` in a fresh process."""
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        own_peak = Path(scratch) / "peak"
        command = [sys.executable, "-c", MKDOCS_WITH_OWN_PEAK, str(own_peak), "build"]
        command += ["--strict", "--config-file", str(project / config)]
        command += ["--site-dir", str(site)]
        log = Path(scratch) / "log"
        with log.open("wb") as output:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=output, stderr=output, env=build_env())
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            sys.exit(f"build of {project} failed:\n{log.read_text(errors='replace')}")
        wait = SEARCH_WAIT.search(log.read_text(errors="replace"))
        # ru_maxrss is in KiB on Linux
        return Run(
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            int(own_peak.read_text()) / 1024,
            float(wait.group(1)) if wait else None,
        )


def measure_search_index(site: Path) -> tuple[float, float, float] | None:
    """Wall and CPU seconds and peak memory (MB) of building the Pagefind index of a built
    site once more (the search hook does it at the end of every build); None without it."""
    indexer = REPO / "mentoring" / "search" / "index.py"
    if not indexer.is_file() or not (site / "pagefind").is_dir():
        return None
    code = "import sys, pathlib; from mentoring.search.index import build_index; "
    code += "build_index(pathlib.Path(sys.argv[1]))"
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(site)], env=build_env())
    _, status, usage = os.wait4(process.pid, 0)  # with Pagefind's own process, reaped by it
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"Pagefind on {site} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed_check(project: Path) -> float:
    """Wall seconds of `make check` (scripts/check.py: the build's reading pass) on the site."""
    command = [
        sys.executable,
        str(REPO / "scripts" / "check.py"),
        "-f",
        str(project / "mkdocs.yml"),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=build_env(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure_builds(project: Path, site: Path, runs: int) -> BuildFigures:
    timings = [timed_build(project, site) for _ in range(runs)]
    waits = [run.search_wait for run in timings if run.search_wait is not None]
    files = [path for path in site.rglob("*") if path.is_file()]
    output_mb = sum(path.stat().st_size for path in files) / 1e6
    return BuildFigures(
        seconds=statistics.median(run.seconds for run in timings),
        cpu_seconds=statistics.median(run.cpu_seconds for run in timings),
        peak_mb=statistics.median(run.peak_mb for run in timings),
        own_peak_mb=statistics.median(run.own_peak_mb for run in timings),
        search_wait=statistics.median(waits) if waits else None,
        output_mb=output_mb,
        pages=sum(1 for path in files if path.suffix == ".html"),
        search_index=measure_search_index(site),  # rewrites site/pagefind: counted above
    )


def profile_build(project: Path, site: Path, out: Path) -> None:
    """One in-process build under cProfile; our costliest functions go as JSON to ``out``.

    Only where time goes inside our code: the profiler slows the many small calls of our
    code, so our code's share comes from ``time_own_code`` alone.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env())
    profiler = cProfile.Profile()
    profiler.enable()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    roots = tuple(f"{REPO / area}{os.sep}" for area in OUR_CODE)
    top = [
        (f"{Path(file).relative_to(REPO)}:{line}({name})", cumulative, own, calls)
        for (file, line, name), (_, calls, own, cumulative, _) in stats.items()
        if file.startswith(roots)
    ]
    top.sort(key=lambda row: -row[1])
    out.write_text(json.dumps(top[:25]), "utf-8")


@dataclass(frozen=True)
class OwnTime:
    """CPU seconds of one build without a profiler: ours against the whole process."""

    total: float  # the build process (all its threads; Pagefind itself is a child)
    ours: float  # hook imports, hook events on the main thread, our Pagefind threads
    search_wait: float  # wall seconds starting Pagefind and waiting for it at the end


def time_own_code(project: Path, site: Path, out: Path) -> None:
    """One in-process build with our hook events timed (``time.thread_time``), no profiler.

    Everything of ours runs in the hook events (and the threads that feed Pagefind); the
    hook modules' import is the difference between loading the configuration with and
    without them. The figures are written as JSON to ``out``.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import mentoring.search.index as search_index

    os.environ.update(build_env())
    config_file = str(project / "mkdocs.yml")
    started = time.thread_time()
    load_config(config_file, site_dir=str(site), hooks=[])  # MkDocs, the theme, extensions
    loading_without_hooks = time.thread_time() - started

    process_started, main_started = time.process_time(), time.thread_time()
    config = load_config(config_file, site_dir=str(site), strict=True)
    seconds = {"ours": max(0.0, time.thread_time() - main_started - loading_without_hooks)}
    seconds["waited"] = 0.0

    def counted(method: Any, clock: Callable[[], float], total: str) -> Any:
        """``method`` adding the ``clock`` time of each call to ``seconds[total]``."""

        def run(*args: Any, **kwargs: Any) -> Any:
            begun = clock()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[total] += clock() - begun

        return run

    hooks_dir = str(REPO / "hooks")
    for methods in config.plugins.events.values():
        for index, method in enumerate(methods):
            code = getattr(method, "__code__", None)
            if code is not None and code.co_filename.startswith(hooks_dir):
                # CPU of this thread: waiting is not counted
                methods[index] = counted(method, time.thread_time, "ours")
    indexer = search_index.PagefindIndexer
    for name in ("__init__", "finish"):  # starting Pagefind and waiting for it at the end
        setattr(indexer, name, counted(getattr(indexer, name), time.perf_counter, "waited"))
    build(config)
    total = time.process_time() - process_started
    other_threads = total - (time.thread_time() - main_started)  # they feed Pagefind: ours
    ours = seconds["ours"] + max(0.0, other_threads)
    out.write_text(json.dumps(asdict(OwnTime(total, ours, seconds["waited"]))), "utf-8")


def write_our_pages(project: Path, site: Path, out: Path) -> None:
    """One in-process build of our ``project`` that also writes each page's Markdown, as
    our hooks hand it to MkDocs (templates rendered, includes expanded), into
    ``out/docs/`` with its title and description, beside the baseline's configuration
    without its search. Building ``out`` measures what MkDocs and plain Material alone
    cost on our pages: the least our build can take while every page goes through them.
    """
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env())
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)

    def writing(method: Callable[..., str]) -> Callable[..., str]:
        def run(markdown: str, *, page: Any, **kwargs: Any) -> str:
            markdown = method(markdown, page=page, **kwargs)
            meta = {key: page.meta[key] for key in ("title", "description") if key in page.meta}
            front = f"---\n{yaml.dump(meta, allow_unicode=True)}---\n\n" if meta else ""
            write(out / "docs", {page.file.src_uri: (front + markdown).encode()})
            return markdown

        return run

    events = config.plugins.events["page_markdown"]
    events[:] = [writing(method) for method in events]
    build(config)
    plain = baseline_config(load_mkdocs_yml())
    plain["plugins"] = []
    (out / "mkdocs.yml").write_text(yaml.dump(plain, allow_unicode=True), "utf-8")


def measure_our_pages(project: Path, base: Path, n: int) -> Run:
    """A plain Material build of the Markdown our build makes (``write_our_pages``)."""
    pages, site = base / f"{OUR_PAGES}-{n}", base / f"site-{OUR_PAGES}-{n}"
    command = [sys.executable, "-m", "scripts.bench", "--pages-project", str(project)]
    command += ["--profile-site", str(site), "--profile-out", str(pages)]
    subprocess.run(command, check=True, env=build_env(), cwd=REPO)
    return timed_build(pages, site)


def build_in_child(option: str, project: Path, site: Path) -> Any:
    """This script in a fresh process (``--time-project`` or ``--profile-project``): one
    in-process build measured there; its figures come back as JSON."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "figures.json"
        command = [sys.executable, "-m", "scripts.bench", option, str(project)]
        command += ["--profile-site", str(site), "--profile-out", str(out)]
        subprocess.run(command, check=True, env=build_env(), cwd=REPO)
        return json.loads(out.read_text("utf-8"))


def measure_own_time(project: Path, site: Path) -> OwnTime:
    return OwnTime(**build_in_child("--time-project", project, site))


def costliest_functions(project: Path, site: Path) -> list[tuple[str, float, float, int]]:
    """Our functions by cumulative time under cProfile: name, cumulative, own, calls."""
    rows = build_in_child("--profile-project", project, site)
    return [(name, cumulative, own, calls) for name, cumulative, own, calls in rows]


# --------------------------------------------------------------------------- mkdocs serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def practice_to_edit(project: Path) -> Path:
    """A practice file of the project: the first one in file-name order."""
    folder = project / "content" / "practices"
    candidates = sorted(folder.glob("*.md")) + sorted(folder.glob("*/index.md"))
    candidates = [path for path in candidates if path.name.lower() != "readme.md"]
    if not candidates:
        sys.exit(f"no practice to edit in {folder}")
    return candidates[0]


@dataclass(frozen=True)
class RebuildFigures:
    """Medians over the edits of one `make serve` session (``serve_edits``)."""

    seconds: float  # from saving the file to «Reloading browsers»
    served_seconds: float  # from saving the file to the practice's page showing the edit
    cpu_seconds: float  # of the server (user + system)


def measure_rebuild(project: Path, edits: int) -> RebuildFigures:
    """`make serve` (hooks/serve.py) on ``project``, ``edits`` edits of one practice."""
    figures = serve_edits(project, edits)
    reloaded, served, cpu = (statistics.median(column) for column in zip(*figures, strict=True))
    return RebuildFigures(reloaded, served, cpu)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and of its children that have ended."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def page_address(project: Path, practice: Path) -> str:
    """The address of the practice's page, as the site gives it."""
    from mentoring.content import load_content

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


def serve_edits(project: Path, edits: int) -> list[tuple[float, float, float]]:
    """`make serve` (hooks/serve.py) on ``project``; then ``edits`` edits of one practice,
    each: (seconds to «Reloading browsers», seconds to the page served with the edit, CPU
    seconds of the server)."""
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
            _drain(lines)
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


def _drain(lines: queue.Queue[Any]) -> None:
    while not lines.empty():
        lines.get_nowait()


# --------------------------------------------------------------------------- page weight


class _LoadedFiles(HTMLParser):
    """Stylesheets and scripts a page loads (images are left aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and values.get("href"):
            relations = (values.get("rel") or "").split()
            if "stylesheet" in relations or "modulepreload" in relations:
                self.urls.append(values["href"] or "")


@dataclass(frozen=True)
class PageWeight:
    html: int
    html_gzip: int
    total: int
    total_gzip: int
    files: int
    external: tuple[str, ...]


def page_weight(site: Path, url_path: str) -> PageWeight:
    """Bytes of a built page and every CSS/JS file it loads, raw and gzip-compressed."""
    html_file = site / url_path / "index.html"
    html = html_file.read_bytes()
    parser = _LoadedFiles()
    parser.feed(html.decode("utf-8"))
    page_url = "/" + url_path
    loaded, external = [], []
    for url in dict.fromkeys(parser.urls):
        absolute = urljoin(page_url, url)
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            external.append(url)
            continue
        loaded.append((site / unquote(parts.path).lstrip("/")).read_bytes())
    bodies = [html, *loaded]
    return PageWeight(
        html=len(html),
        html_gzip=len(gzip.compress(html, GZIP_LEVEL)),
        total=sum(len(body) for body in bodies),
        total_gzip=sum(len(gzip.compress(body, GZIP_LEVEL)) for body in bodies),
        files=len(loaded),
        external=tuple(external),
    )


def weighed_pages(site: Path) -> dict[str, str]:
    """Page label → URL path of the pages whose weight the report shows, where they exist."""
    pages = {"Главная": "", "План": "plan/", "Банк практик": "practices/"}
    practice = next(iter(sorted((site / "practices").glob("bench-praktika-*/index.html"))), None)
    if practice is None:
        practice = next(iter(sorted((site / "practices").glob("*/index.html"))), None)
    if practice is not None:
        pages["Практика"] = practice.parent.relative_to(site).as_posix() + "/"
    return {label: url for label, url in pages.items() if (site / url / "index.html").is_file()}


def search_figures(site: Path) -> list[tuple[str, int, int, int]] | None:
    """Per query: requests to /pagefind/, bytes as served and with gzip (bench_search.py's
    own measurement in Chromium); None when the search is not part of the site."""
    script = REPO / "scripts" / "bench_search.py"
    if not script.is_file() or not (site / "pagefind").is_dir():
        return None
    sys.path.insert(0, str(script.parent))
    from bench_search import bytes_per_query

    return bytes_per_query(site, list(SEARCH_QUERIES))


def machine() -> dict[str, str]:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if match:
            memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GB"
    return {
        "CPU": f"{os.cpu_count()} cores, {platform.machine()} ({_cpu_model()})",
        "RAM": memory,
        "OS": platform.platform(terse=True),
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
        "Markdown": metadata.version("markdown"),
        "Jinja2": metadata.version("jinja2"),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        if match:
            return match.group(1).strip()
    return platform.processor() or "?"


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


@dataclass
class SizeResult:
    """Everything measured for one N (N = 0: the site from the repository's own content)."""

    n: int
    runs: int
    ours: BuildFigures | None  # None: measured under serve only
    baseline: BuildFigures | None = None
    baseline_without_search: Run | None = None  # one build
    our_pages: Run | None = None  # plain Material on the Markdown of our pages, one build
    check_seconds: float | None = None  # `make check` on our content
    own_time: OwnTime | None = None
    costliest: list[tuple[str, float, float, int]] = field(default_factory=list)  # --top
    rebuild: RebuildFigures | None = None
    weights: dict[str, PageWeight] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)  # Chromium, throttled (browser.py)

    @property
    def label(self) -> str:
        return "сайт по умолчанию" if self.n == 0 else f"N = {self.n}"


def measure_size(base: Path, n: int, args: argparse.Namespace) -> SizeResult:
    runs = args.runs if n < LARGE_N else min(args.runs, args.large_runs)
    progress(f"N = {n}: generating content")
    ours, baseline = make_projects(base, n)
    site = base / f"site-ours-{n}"
    progress(f"N = {n}: building our site ×{runs}")
    result = SizeResult(n, runs, measure_builds(ours, site, runs))
    result.check_seconds = statistics.median(timed_check(ours) for _ in range(runs))
    if baseline is not None:
        progress(f"N = {n}: building the baseline ×{runs}")
        result.baseline = measure_builds(baseline, base / f"site-baseline-{n}", runs)
        progress(f"N = {n}: building the baseline without its search ×1")
        result.baseline_without_search = timed_build(
            baseline, base / f"site-baseline-{n}", NO_SEARCH_CONFIG
        )
        progress(f"N = {n}: plain Material on the Markdown of our pages ×1")
        result.our_pages = measure_our_pages(ours, base, n)
    if not args.no_profile:
        progress(f"N = {n}: timing our code in a build")
        result.own_time = measure_own_time(ours, base / f"site-profile-{n}")
    if args.top and not args.no_profile:
        progress(f"N = {n}: profiling our build")
        result.costliest = costliest_functions(ours, base / f"site-profile-{n}")
    result.weights = {label: page_weight(site, url) for label, url in weighed_pages(site).items()}
    if args.browser_runs:
        progress(f"N = {n}: every page type in Chromium on a slow phone ×{args.browser_runs}")
        result.visits = visit_pages(site, args.browser_runs)
    if not args.keep:
        leftovers = (base / f"site-baseline-{n}", base / f"site-profile-{n}", baseline)
        leftovers += (base / f"{OUR_PAGES}-{n}", base / f"site-{OUR_PAGES}-{n}")
        for leftover in leftovers:
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
        if n not in (0, args.serve_n):
            shutil.rmtree(ours)
        if n != SEARCH_N:
            shutil.rmtree(site)
    return result
