"""Time CI's content path, from checkout to deployable artifact, on a clean clone.

The steps are those of publish.yml's test job for a content-only change: clone, decide the
path (scripts/content_only.py), create the virtualenv from the hashed lock, `make check`,
`make build`, build the base and list the changed pages, axe-core over them in Chromium, and
`make validate` when the Makefile has it. A scratch commit edits one news item. Installing
Chromium and the runner's own start are not measured here (see the figures in the report).

    .venv/bin/python scripts/bench_content_path.py            # warm pip cache
    .venv/bin/python scripts/bench_content_path.py --cold     # an empty pip cache
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEWS = "content/news/2021-11-20-obrazets-novosti-o-seminare.md"
CPU_SECONDS: list[float] = []


def step(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run one step; print its wall time and the CPU time of its processes.

    On a shared machine the wall time grows with the load; the CPU time does not, and the
    steps are mostly single-threaded, so it estimates the wall time on an idle runner.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit(f"{name} failed:\n{result.stdout}\n{result.stderr}")
    print(f"{name:<34} wall {seconds:6.1f} s   CPU {cpu:6.1f} s", flush=True)
    CPU_SECONDS.append(cpu)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cold", action="store_true", help="start with an empty pip cache")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="content-path-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/cro/"}
    if arguments.cold:
        env["PIP_CACHE_DIR"] = str(work / "pip-cache")
    clone = work / "clone"
    total = 0.0
    try:
        total += step(
            "checkout (git clone)", ["git", "clone", "-q", str(REPO), str(clone)], work, env
        )
        news = clone / NEWS
        news.write_text(news.read_text("utf-8") + "\nЕщё один абзац.\n", "utf-8")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        subprocess.run([*git, "commit", "-qam", "One news item"], cwd=clone, check=True)
        epoch = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=clone,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        env["SOURCE_DATE_EPOCH"] = epoch
        total += step(
            "what changed",
            [sys.executable, "scripts/content_only.py", "HEAD~1", "HEAD"],
            clone,
            env,
        )
        total += step("virtualenv from the lock", ["make", "venv"], clone, env)
        total += step("make check", ["make", "check"], clone, env)
        total += step("make build", ["make", "build"], clone, env)
        makefile = (clone / "Makefile").read_text("utf-8")
        if "\nvalidate:" in makefile:
            total += step("make validate", ["make", "validate"], clone, env)
        else:
            print(f"{'make validate':<34} (not in this Makefile yet)")
        base = work / "base"
        total += step(
            "base build + changed pages",
            [
                "sh",
                "-c",
                f"git worktree add -q --detach {base} HEAD~1 && "
                f".venv/bin/mkdocs build -q -f {base}/mkdocs.yml -d {work}/base-site && "
                f".venv/bin/python -m mentoring.publish.sitediff {work}/base-site site "
                f"--list changed-pages.txt > summary.md",
            ],
            clone,
            env,
        )
        pages = (clone / "changed-pages.txt").read_text("utf-8").split()
        env_a11y = {**env, "CHANGED_PAGES": "changed-pages.txt", "SITE_DIR": "site"}
        total += step(
            f"axe on {len(pages)} changed page(s)",
            [
                ".venv/bin/pytest",
                "-q",
                "-p",
                "no:randomly",
                "-p",
                "no:xdist",
                "tests/browser/test_changed_pages.py",
            ],
            clone,
            env_a11y,
        )
        print(
            f"{'checkout to deployable artifact':<34} wall {total:6.1f} s   "
            f"CPU {sum(CPU_SECONDS):6.1f} s   (load average {os.getloadavg()[0]:.1f})"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
