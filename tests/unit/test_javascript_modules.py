"""The site's JavaScript is ES modules that share code by import, never by globals.

mkdocs.yml lists each script of every page with ``type: module``; a module for markup few
pages have is named in PAGE_MODULES (mentoring/html/assets.py); every other script file is
imported by one of them, except accessibility.js, the classic script that
overrides/main.html runs in <head> before the first paint.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mentoring.html.assets import PAGE_MODULES
from tests.helpers import REPO

SCRIPTS = REPO / "overrides" / "assets" / "javascripts"
CLASSIC = "accessibility.js"
IMPORT = re.compile(r'^import [^;]*? from "\./([\w-]+\.js)";$', re.MULTILINE)
# A module loaded only when needed: import("./x.js").
DYNAMIC_IMPORT = re.compile(r'\bimport\("\./([\w-]+\.js)"\)')


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its tagged values (!ENV, python/name:…) left out: not needed here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def extra_javascript() -> list[object]:
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    return yaml.load(text, Loader=_ConfigLoader)["extra_javascript"]  # a SafeLoader subclass


def test_every_listed_script_is_a_module() -> None:
    entries = extra_javascript()
    assert entries
    for entry in entries:
        assert isinstance(entry, dict) and entry.get("type") == "module", entry


def test_every_script_is_listed_or_imported_and_none_sets_globals() -> None:
    listed = {Path(entry["path"]).name for entry in extra_javascript()}
    listed |= {Path(module).name for module in PAGE_MODULES.values()}
    imported = {
        name
        for file in SCRIPTS.glob("*.js")
        for pattern in (IMPORT, DYNAMIC_IMPORT)
        for name in pattern.findall(file.read_text())
    }
    for file in SCRIPTS.glob("*.js"):
        if file.name == CLASSIC:
            assert file.name not in listed | imported
            continue
        assert file.name in listed | imported, f"{file.name} is neither listed nor imported"
        assert not re.search(r"\bwindow\.\w+\s*=[^=]", file.read_text()), file.name
    assert imported <= {file.name for file in SCRIPTS.glob("*.js")}
    assert "helpers.js" in imported
