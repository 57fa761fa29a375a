"""Pagefind's filter files made reproducible: two builds of the same pages, the same bytes.

Pagefind 1.5 keeps the filters (``section``, ``collection``, ``tag``…) and their values in
hash maps seeded at random per run and writes them in that order: the filter files, their
names (hashes of their contents), the metadata that lists them and the entry file change
from build to build although nothing else does (pages, fragments and word indexes are
reproducible). Pagefind's own main branch now sorts them; until a release does, the bundle
is rewritten here as that code writes it: values sorted within each filter, filters sorted
by name in the metadata, names hashed as Pagefind hashes them. Files Pagefind writes in a
form this module does not know are left as they are (the reproducibility test then fails).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"  # what every gzipped index file starts with once unpacked
ENTRY_FILE = "pagefind-entry.json"
META_FILTERS = 3  # MetaIndex: version, pages, index_chunks, filters, sorts, meta_fields
FILTER_HASH_LENGTH = 7  # hex digits after «ru_» in a filter file's name
META_HASH_LENGTH = 10


class UnknownFormat(ValueError):
    """A file that this module cannot read and write back byte for byte."""


def canonical_filters(bundle: Path) -> bool:
    """Rewrite the filter files and metadata of ``bundle`` in sorted order; False (nothing
    changed) when a file is not in the form of Pagefind 1.5."""
    entry_file = bundle / ENTRY_FILE
    entry_text = entry_file.read_text("utf-8")
    plans = []
    try:
        for language in json.loads(entry_text)["languages"].values():
            plans.append(_plan_language(bundle, language["hash"]))
    except (UnknownFormat, KeyError, TypeError, OSError):
        return False
    for old_meta, new_meta, writes in plans:
        for path, data in writes.items():
            path.write_bytes(data)
        entry_text = entry_text.replace(f'"hash":"{old_meta}"', f'"hash":"{new_meta}"')
    entry_file.write_text(entry_text, "utf-8")
    written = {path for _, _, writes in plans for path in writes}
    for file in (*bundle.glob("*.pf_meta"), *bundle.glob("filter/*.pf_filter")):
        if file not in written:
            file.unlink()
    return True


def _plan_language(bundle: Path, meta_hash: str) -> tuple[str, str, dict[Path, bytes]]:
    """(old metadata hash, new one, bytes of every file to write) for one language."""
    prefix = meta_hash.rpartition("_")[0]
    meta = _read(bundle / f"pagefind.{meta_hash}.pf_meta")
    writes: dict[Path, bytes] = {}
    filters: list[tuple[str, str]] = []
    for name, filter_hash in meta[META_FILTERS]:
        filter_name, values = _read(bundle / "filter" / f"{filter_hash}.pf_filter")
        data = _encode([filter_name, sorted(values, key=lambda value: value[0])])
        new_hash = _short_hash(prefix, data, FILTER_HASH_LENGTH, {h for _, h in filters})
        writes[bundle / "filter" / f"{new_hash}.pf_filter"] = _pack(data)
        filters.append((name, new_hash))
    meta[META_FILTERS] = [[name, new_hash] for name, new_hash in sorted(filters)]
    data = _encode(meta)
    new_meta = _short_hash(prefix, data, META_HASH_LENGTH, set())
    writes[bundle / f"pagefind.{new_meta}.pf_meta"] = _pack(data)
    return meta_hash, new_meta, writes


def _short_hash(prefix: str, data: bytes, length: int, taken: set[str]) -> str:
    """Pagefind's name for ``data``: SHA-1 bytes in hex without zero padding (its
    ``{:x?}``), cut to ``length`` and lengthened while the name is taken."""
    full = "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())
    while f"{prefix}_{full[:length]}" in taken and length < len(full):
        length += 1
    return f"{prefix}_{full[:length]}"


def _read(path: Path) -> Any:
    packed = gzip.decompress(path.read_bytes())
    if not packed.startswith(SIGNATURE):
        raise UnknownFormat(path.name)
    data = packed[len(SIGNATURE) :]
    value, end = _decode(data, 0)
    if end != len(data) or _encode(value) != data:
        raise UnknownFormat(path.name)
    return value


def _pack(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


# CBOR (RFC 8949) as Pagefind's minicbor writes it: definite lengths, shortest arguments,
# unsigned and negative integers, byte and text strings, arrays. Anything else is unknown.
_ARGUMENT_SIZES = {24: 1, 25: 2, 26: 4, 27: 8}


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise UnknownFormat("truncated")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        argument = info
    elif info in _ARGUMENT_SIZES:
        size = _ARGUMENT_SIZES[info]
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnknownFormat(f"CBOR item {data[at - 1]:#x}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        chunk = data[at : at + argument]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise UnknownFormat(f"CBOR major type {major}")


def _encode(value: Any) -> bytes:
    if isinstance(value, int) and not isinstance(value, bool):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(3, len(text)) + text
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise UnknownFormat(type(value).__name__)


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, form in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * _ARGUMENT_SIZES[info]):
            return bytes([major << 5 | info]) + struct.pack(form, argument)
    raise UnknownFormat("integer too large")
