"""The site built with ProperDocs is the site built with MkDocs (scripts/properdocs_check.py).

Runs the comparison of ``make properdocs-check`` on the real project. The ProperDocs
virtualenv (.venv-properdocs) is a prerequisite of ``make test``; without it this test
fails and says how to create it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


@pytest.mark.slow
def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    assert PROPERDOCS.is_file(), "нет .venv-properdocs: запустите make properdocs-venv"
    command = [
        sys.executable,
        str(ROOT / "scripts" / "properdocs_check.py"),
        "--out",
        str(tmp_path),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Сайты MkDocs и ProperDocs совпадают" in result.stdout
    # Each site was made by the generator it is named after: the comparison is not of
    # one generator with itself.
    generators = {
        name: GENERATOR.search((tmp_path / name / "index.html").read_text("utf-8")).group(1)
        for name in ("mkdocs", "properdocs")
    }
    assert "ProperDocs" in generators["properdocs"], generators
    assert "ProperDocs" not in generators["mkdocs"], generators
