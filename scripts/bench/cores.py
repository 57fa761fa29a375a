"""Where a build's two cores go, second by second: the build's own process, the worker
processes that check author texts, and Pagefind.

The build's time is set by its longest path, not by its CPU time: this is how the idle
second core (the workers done, Pagefind not yet given a page) was found at N = 5,000.

    .venv/bin/python -m scripts.bench.cores PROJECT [--interval 1]

PROJECT is a folder with mkdocs.yml (the repository, or one that ``make bench`` generated
and kept). Linux only: it reads /proc.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts.bench.measure import CLOCK_TICKS, build_env

ROLES = ("build", "workers", "pagefind")


@dataclass(frozen=True)
class Sample:
    """CPU seconds each role used during one interval, ending ``at`` seconds in."""

    at: float
    build: float
    workers: float
    pagefind: float

    def idle(self, cores: int, interval: float) -> float:
        return max(0.0, cores * interval - self.build - self.workers - self.pagefind)


def _own_cpu(pid: int) -> tuple[str, float]:
    """A process's name and its own user and system time (not its children's)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat.rsplit(")", 1)[1].split()
    return name, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and theirs; a thread or process that ends while
    being listed is left out."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _cpu_by_process(pid: int) -> dict[int, tuple[str, float]]:
    """Each process of the build (by pid) with its name and CPU seconds so far (the time
    of a process that has ended is no longer counted)."""
    found = {}
    for process in (pid, *_descendants(pid)):
        try:
            found[process] = _own_cpu(process)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _role(pid: int, name: str, build: int) -> str:
    if pid == build:
        return "build"
    return "pagefind" if "pagefind" in name else "workers"


def core_timeline(project: Path, site: Path, interval: float = 1.0) -> list[Sample]:
    """Build ``project`` into ``site`` with `mkdocs build --strict` and sample its processes."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=log, env=build_env())
        start, last, samples = time.perf_counter(), {}, []
        try:
            while process.poll() is None:
                time.sleep(interval)
                now = _cpu_by_process(process.pid)
                used = dict.fromkeys(ROLES, 0.0)
                for pid, (name, seconds) in now.items():
                    used[_role(pid, name, process.pid)] += seconds - last.get(pid, (name, 0.0))[1]
                last |= now
                samples.append(Sample(time.perf_counter() - start, **used))
        finally:
            process.wait()
        if process.returncode:
            log.seek(0)
            sys.exit(f"build of {project} failed:\n{log.read().decode(errors='replace')}")
    return samples


def report(samples: list[Sample], cores: int, interval: float) -> str:
    """A Markdown table of the samples and a line of totals."""
    lines = ["| с | сборка | рабочие | Pagefind | простой |", "|---|---|---|---|---|"]
    lines += [
        f"| {sample.at:.0f} | {sample.build:.2f} | {sample.workers:.2f} | "
        f"{sample.pagefind:.2f} | {sample.idle(cores, interval):.2f} |"
        for sample in samples
    ]
    totals = {role: sum(getattr(sample, role) for sample in samples) for role in ROLES}
    pagefind_busy = [sample.at for sample in samples if sample.pagefind > 0.05 * interval]
    lines.append("")
    lines.append(
        f"Всего ЦП, с: сборка {totals['build']:.1f}, рабочие {totals['workers']:.1f}, "
        f"Pagefind {totals['pagefind']:.1f}; простой ядер "
        f"{sum(sample.idle(cores, interval) for sample in samples):.1f} с; "
        f"Pagefind работал последний раз на {max(pagefind_busy, default=0.0):.0f}-й секунде "
        f"из {samples[-1].at if samples else 0.0:.0f}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="folder with mkdocs.yml")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as site:
        samples = core_timeline(args.project.resolve(), Path(site), args.interval)
    print(report(samples, len(os.sched_getaffinity(0)), args.interval))


if __name__ == "__main__":
    main()
