"""Entries written back exactly as the editor writes them (serialize.mjs runs the YAML
library Sveltia CMS bundles, vendored by version and hash, with the editor's options)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring.editor.config import ENTRY_NAME
from mentoring.editor.vendor import VENDOR_DIR

SCRIPT = Path(__file__).with_name("serialize.mjs")
YAML_PACKAGE = VENDOR_DIR / "node" / "yaml"


@dataclass(frozen=True)
class EditorFile:
    file: Path
    format: str  # "frontmatter" (Markdown entry) or "yaml" (data file)
    order: dict[str, Any]  # field name → order of its inner fields, or None


def field_order(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """The editor writes keys in the order of its fields, nested fields alike."""
    order: dict[str, Any] = {}
    for field in fields:
        if field["widget"] == "markdown":  # the text after the front matter
            continue
        inner = field.get("fields")
        order[field["name"]] = field_order(inner) if inner else None
    return order


def editor_files(config: dict[str, Any], content_root: Path) -> list[EditorFile]:
    """Every file the editor's collections open under ``content_root`` (the folder that
    holds content/), with the order of its fields."""
    found: list[EditorFile] = []
    for collection in config["collections"]:
        if "files" in collection:
            for item in collection["files"]:
                path = content_root / item["file"]
                if path.exists():
                    found.append(EditorFile(path, "yaml", field_order(item["fields"])))
            continue
        folder = content_root / collection["folder"]
        in_folders = collection["path"].endswith("/index")
        for path in sorted(folder.glob("*/index.md" if in_folders else "*.md")):
            slug = path.parent.name if in_folders else path.stem
            if re.match(ENTRY_NAME, slug, re.IGNORECASE):  # the editor's entry filter
                found.append(EditorFile(path, "frontmatter", field_order(collection["fields"])))
    return found


def write_like_the_editor(files: list[EditorFile]) -> None:
    jobs = [{"file": str(f.file), "format": f.format, "order": f.order} for f in files]
    subprocess.run(
        ["node", str(SCRIPT), str(YAML_PACKAGE)],
        input=json.dumps(jobs),
        text=True,
        check=True,
    )
