"""requirements-properdocs.txt pins everything requirements.txt pins, at the same versions.

make properdocs-check builds the site in a virtualenv of that lock: a package added to (or
upgraded in) the main lock but not there would make the ProperDocs build fail or differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import REPO

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)


def pins(lock: Path) -> dict[str, str]:
    text = lock.read_text("utf-8")
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def test_the_properdocs_lock_holds_the_main_pins() -> None:
    main = pins(REPO / "requirements.txt")
    properdocs = pins(REPO / "requirements-properdocs.txt")
    assert "mkdocs-material" in main and "properdocs" in properdocs
    differing = {
        name: (version, properdocs.get(name))
        for name, version in main.items()
        if properdocs.get(name) != version
    }
    assert not differing, (
        "requirements-properdocs.txt differs from requirements.txt (name: (main, properdocs)); "
        f"regenerate it with the command in requirements-properdocs.in: {differing}"
    )
