"""Vendored front-end files of the editor: fetched with ``npm pack`` by exact version,
checked against the sha512 integrity in vendor.json, unpacked into one folder.

``python -m mentoring.editor.vendor`` (``make editor-vendor``) fills the folder; the build
copies the files marked for the site into ``site/admin/``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

SPEC = Path(__file__).with_name("vendor.json")
REPO = Path(__file__).resolve().parents[2]
VENDOR_DIR = REPO / ".cache" / "editor"


@dataclass(frozen=True)
class VendoredFile:
    package: str
    source: str  # path inside the npm tarball; ends with "/" for a whole folder
    target: str  # path under the vendor folder (and under /admin/ when published)
    replaces: str | None  # third-party address the stock bundle fetches instead
    on_site: bool


def vendored_files() -> list[VendoredFile]:
    spec = json.loads(SPEC.read_text("utf-8"))
    return [
        VendoredFile(
            package=package["name"],
            source=item["from"],
            target=item["to"],
            replaces=item.get("replaces"),
            on_site=item.get("site", True),
        )
        for package in spec["packages"]
        for item in package["files"]
    ]


def _stamp(vendor_dir: Path) -> Path:
    return vendor_dir / ".spec.json"


def is_current(vendor_dir: Path = VENDOR_DIR) -> bool:
    """True when the folder was filled from the present vendor.json."""
    stamp = _stamp(vendor_dir)
    return stamp.is_file() and stamp.read_text("utf-8") == SPEC.read_text("utf-8")


def integrity_of(tarball: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()


def _unpack(tarball: Path, files: list[VendoredFile], vendor_dir: Path) -> None:
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            for item in files:
                if item.source.endswith("/") and member.name.startswith(item.source):
                    target = vendor_dir / item.target / member.name[len(item.source) :]
                elif member.name == item.source:
                    target = vendor_dir / item.target
                else:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                extracted = archive.extractfile(member)
                assert extracted is not None  # a regular file
                target.write_bytes(extracted.read())


def vendor(vendor_dir: Path = VENDOR_DIR) -> None:
    """Fetch every package of vendor.json, refuse a tarball whose hash differs, unpack."""
    spec = json.loads(SPEC.read_text("utf-8"))
    files = vendored_files()
    if vendor_dir.exists():
        shutil.rmtree(vendor_dir)
    vendor_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as download:
        for package in spec["packages"]:
            wanted = f"{package['name']}@{package['version']}"
            result = subprocess.run(
                ["npm", "pack", "--silent", "--pack-destination", download, wanted],
                capture_output=True,
                text=True,
                check=True,
            )
            tarball = Path(download) / result.stdout.strip().splitlines()[-1]
            actual = integrity_of(tarball)
            if actual != package["integrity"]:
                sys.exit(f"{wanted}: integrity {actual} differs from vendor.json")
            _unpack(tarball, [f for f in files if f.package == package["name"]], vendor_dir)
    missing = [f.target for f in files if not (vendor_dir / f.target).exists()]
    if missing:
        sys.exit(f"not in the packages: {', '.join(missing)}")
    _stamp(vendor_dir).write_text(SPEC.read_text("utf-8"), "utf-8")


if __name__ == "__main__":
    vendor()
