"""Does a change touch only what authors write? CI then takes the fast content path.

``python3 scripts/content_only.py BASE HEAD`` prints ``content_only=true`` when every file
changed between the two commits is under content/ or a Markdown page or picture under docs/,
else ``content_only=false`` (for $GITHUB_OUTPUT). Anything else — code, templates, theme,
scripts and styles, the workflow, dependencies — runs the whole test suite. An unknown base
(the first push of a branch, a force-push) counts as a code change. Standard library only:
it runs before the virtualenv exists.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable

CONTENT_FOLDERS = ("content/",)
# Under docs/ only pages and pictures are content; a script or style there would be code.
DOCS_SUFFIXES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")


def is_content(path: str) -> bool:
    if path.startswith(CONTENT_FOLDERS):
        return True
    return path.startswith("docs/") and path.lower().endswith(DOCS_SUFFIXES)


def is_content_only(paths: Iterable[str]) -> bool:
    paths = list(paths)
    return bool(paths) and all(is_content(path) for path in paths)


def changed_paths(base: str, head: str) -> list[str] | None:
    """Files changed from ``base`` to ``head`` (renames as both names); None if unknown."""
    if not base.strip("0"):  # GitHub's all-zero "before" of a new branch
        return None
    result = subprocess.run(
        ["git", "diff", "--name-only", "-z", "--no-renames", f"{base}...{head}"],
        capture_output=True,
        text=True,
        check=False,
    )
    # -z: names as they are (Cyrillic, spaces), not quoted and escaped
    return [name for name in result.stdout.split("\0") if name] if result.returncode == 0 else None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    paths = changed_paths(*argv)
    answer = paths is not None and is_content_only(paths)
    print(f"content_only={'true' if answer else 'false'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
